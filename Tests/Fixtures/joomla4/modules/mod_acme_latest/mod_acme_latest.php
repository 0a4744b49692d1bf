<?php

/**
 * @package     Acme.Latest
 * @subpackage  mod_acme_latest
 *
 * @copyright   (C) 2022 - 2023 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

\defined('_JEXEC') or die;

use Joomla\CMS\Helper\ModuleHelper;

$count = (int) $params->get('count', 5);
$list  = [];

require ModuleHelper::getLayoutPath('mod_acme_latest', $params->get('layout', 'default'));
