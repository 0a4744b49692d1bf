<?php

/**
 * @package     Acme.Forms
 * @subpackage  com_acmeforms
 *
 * @copyright   (C) 2021 - 2024 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

namespace Acme\Component\Acmeforms\Administrator\Extension;

use Joomla\CMS\Extension\MVCComponent;

\defined('_JEXEC') or die;

/**
 * Component class for com_acmeforms (fixture stub).
 */
class AcmeformsComponent extends MVCComponent
{
}
