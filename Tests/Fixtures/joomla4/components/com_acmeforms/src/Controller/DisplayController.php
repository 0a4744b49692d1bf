<?php

/**
 * @package     Acme.Forms
 * @subpackage  com_acmeforms
 *
 * @copyright   (C) 2021 - 2024 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

namespace Acme\Component\Acmeforms\Site\Controller;

use Joomla\CMS\MVC\Controller\BaseController;

\defined('_JEXEC') or die;

class DisplayController extends BaseController
{
    protected $default_view = 'form';
}
