<?php

/**
 * Joomla! Content Management System
 *
 * @copyright  (C) 2005 Open Source Matters, Inc. <https://www.joomla.org>
 * @license    GNU General Public License version 2 or later; see LICENSE.txt
 */

namespace Joomla\CMS;

use Joomla\CMS\Cache\CacheControllerFactoryInterface;
use Joomla\CMS\Cache\Controller\OutputController;
use Joomla\CMS\Date\Date;
use Joomla\CMS\Helper\LibraryHelper;

// phpcs:disable PSR1.Files.SideEffects
\defined('JPATH_PLATFORM') or die;
// phpcs:enable PSR1.Files.SideEffects

/**
 * Version information class for the Joomla CMS.
 *
 * @since  1.0
 */
final class Version
{
    /**
     * Product name.
     *
     * @var    string
     * @since  3.5
     */
    public const PRODUCT = 'Joomla!';

    /**
     * Major release version.
     *
     * @var    integer
     * @since  3.8.0
     */
    public const MAJOR_VERSION = 5;

    /**
     * Minor release version.
     *
     * @var    integer
     * @since  3.8.0
     */
    public const MINOR_VERSION = 4;

    /**
     * Patch release version.
     *
     * @var    integer
     * @since  3.8.0
     */
    public const PATCH_VERSION = 4;

    /**
     * Extra release version info.
     *
     * This constant when not empty adds an additional identifier to the version string to reflect the development state.
     * For example, for 3.8.0 when this is set to 'dev' the version string will be `3.8.0-dev`.
     *
     * @var    string
     * @since  3.8.0
     */
    public const EXTRA_VERSION = 'dev';

    /**
     * Development status.
     *
     * @var    string
     * @since  3.5
     */
    public const DEV_STATUS = 'Development';

    /**
     * Code name.
     *
     * @var    string
     * @since  3.5
     */
    public const CODENAME = 'Pamoja';

    /**
     * Release date.
     *
     * @var    string
     * @since  3.5
     */
    public const RELDATE = '20-February-2024';

    /**
     * Release time.
     *
     * @var    string
     * @since  3.5
     */
    public const RELTIME = '16:00';

    /**
     * Release timezone.
     *
     * @var    string
     * @since  3.5
     */
    public const RELTZ = 'GMT';

    /**
     * Copyright Notice.
     *
     * @var    string
     * @since  3.5
     */
    public const COPYRIGHT = '(C) 2005 Open Source Matters, Inc. <https://www.joomla.org>';

    /**
     * Link text.
     *
     * @var    string
     * @since  3.5
     */
    public const URL = '<a href="https://www.joomla.org">Joomla!</a> is Free Software released under the GNU General Public License.';

    /**
     * Media version string
     *
     * @var string
     * @since   4.2.0
     */
    private static $mediaVersion = null;

    /**
     * Check if we are in development mode
     *
     * @return  boolean
     *
     * @since   3.4.3
     */
    public function isInDevelopmentState(): bool
    {
        return strtolower(self::DEV_STATUS) !== 'stable';
    }

    /**
     * Compares two a "PHP standardized" version number against the current Joomla version.
     *
     * @param   string  $minimum  The minimum version of the Joomla which is compatible.
     *
     * @return  boolean True if the version is compatible.
     *
     * @link    https://www.php.net/version_compare
     * @since   1.0
     */
    public function isCompatible(string $minimum): bool
    {
        return version_compare(JVERSION, $minimum, 'ge');
    }

    /**
     * Method to get the help file version.
     *
     * @return  string  Version suffix for help files.
     *
     * @since   1.0
     */
    public function getHelpVersion(): string
    {
        return '.' . self::MAJOR_VERSION . self::MINOR_VERSION;
    }

    /**
     * Gets a "PHP standardized" version string for the current Joomla.
     *
     * @return  string  Version string.
     *
     * @since   1.5
     */
    public function getShortVersion(): string
    {
        $version = self::MAJOR_VERSION . '.' . self::MINOR_VERSION . '.' . self::PATCH_VERSION;

        if (!empty(self::EXTRA_VERSION)) {
            $version .= '-' . self::EXTRA_VERSION;
        }

        return $version;
    }

    /**
     * Gets a version string for the current Joomla with all release information.
     *
     * @return  string  Complete version string.
     *
     * @since   1.5
     */
    public function getLongVersion(): string
    {
        return self::PRODUCT . ' ' . $this->getShortVersion() . ' '
            . self::DEV_STATUS . ' [ ' . self::CODENAME . ' ] ' . self::RELDATE . ' '
            . self::RELTIME . ' ' . self::RELTZ;
    }

    // Fixture note: the remaining methods of the real class (getUserAgent(),
    // generateMediaVersion(), getMediaVersion(), refreshMediaVersion(),
    // setMediaVersion()) are omitted; only the constants matter here.
}
