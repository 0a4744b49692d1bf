<?php

/**
 * @package     Acme.Plugin
 * @subpackage  System.acmecache
 *
 * @copyright   (C) 2023 - 2024 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

\defined('_JEXEC') or die;

use Joomla\CMS\Plugin\CMSPlugin;

/**
 * Acme page cache plugin (fixture stub).
 */
class PlgSystemAcmecache extends CMSPlugin
{
    protected $autoloadLanguage = true;

    public function onAfterRender()
    {
        // Intentionally empty in the fixture.
    }
}
