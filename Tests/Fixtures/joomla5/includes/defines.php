<?php

/**
 * @package    Joomla.Site
 *
 * sitesnap fixture: the first lines of Joomla 5's includes/defines.php (joomla-cms 5.3-dev), which
 * define each JPATH_ constant only when the site root's defines.php has not.
 */

\defined('_JEXEC') or die;

\defined('JPATH_BASE') || \define('JPATH_BASE', \dirname(__DIR__));
\defined('JPATH_ROOT') || \define('JPATH_ROOT', JPATH_BASE);
\defined('JPATH_CONFIGURATION') || \define('JPATH_CONFIGURATION', JPATH_ROOT);
