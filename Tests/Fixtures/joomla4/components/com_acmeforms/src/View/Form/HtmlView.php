<?php

/**
 * @package     Acme.Forms
 * @subpackage  com_acmeforms
 *
 * @copyright   (C) 2021 - 2024 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

namespace Acme\Component\Acmeforms\Site\View\Form;

use Joomla\CMS\MVC\View\HtmlView as BaseHtmlView;

\defined('_JEXEC') or die;

class HtmlView extends BaseHtmlView
{
    protected $item;

    public function display($tpl = null)
    {
        $this->item = $this->get('Item');

        parent::display($tpl);
    }
}
