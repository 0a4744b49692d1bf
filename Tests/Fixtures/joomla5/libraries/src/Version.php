<?php
// sitesnap fixture (own text): the version constants of Joomla's libraries/src/Version.php
// (class Joomla\CMS\Version, joomla-cms 4.4/5.x), which sitesnap reads without running PHP.
namespace Joomla\CMS;

final class Version
{
    public const PRODUCT = 'Joomla!';
    public const MAJOR_VERSION = 5;
    public const MINOR_VERSION = 4;
    public const PATCH_VERSION = 4;
    public const EXTRA_VERSION = 'dev';
    public const DEV_STATUS = 'Development';
}
