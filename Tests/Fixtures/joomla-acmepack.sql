-- The core tables a Joomla 5 site has beside those of joomla4.sql, with the columns of Joomla 5.2's
-- installation/sql/mysql/base.sql that diff-db reads (a subset: enough for the rows below), and
-- the rows Joomla's installer writes for the package in joomla-acmepack/: a component with an admin
-- menu item, an asset and an update site, a site module, and two plugins of the same element in
-- different groups (libraries/src/Installer/Adapter/ComponentAdapter.php, PluginAdapter.php).
SET NAMES utf8mb4;
CREATE TABLE IF NOT EXISTS `#__assets` (
  `id` int unsigned NOT NULL AUTO_INCREMENT, `parent_id` int NOT NULL DEFAULT 0, `lft` int NOT NULL DEFAULT 0,
  `rgt` int NOT NULL DEFAULT 0, `level` int unsigned NOT NULL, `name` varchar(50) NOT NULL, `title` varchar(100) NOT NULL,
  `rules` varchar(5120) NOT NULL, PRIMARY KEY (`id`), UNIQUE KEY `idx_asset_name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;
INSERT INTO `#__assets` VALUES (1, 0, 0, 7, 0, 'root.1', 'Root Asset', '{}'), (8, 1, 1, 2, 1, 'com_content', 'com_content', '{}');
CREATE TABLE IF NOT EXISTS `#__menu` (
  `id` int NOT NULL AUTO_INCREMENT, `menutype` varchar(24) NOT NULL, `title` varchar(255) NOT NULL,
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, `link` varchar(1024) NOT NULL,
  `type` varchar(16) NOT NULL, `published` tinyint NOT NULL DEFAULT 0, `parent_id` int unsigned NOT NULL DEFAULT 1,
  `component_id` int unsigned NOT NULL DEFAULT 0, `client_id` tinyint NOT NULL DEFAULT 0, PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;
INSERT INTO `#__menu` VALUES (1, '', 'Menu_Item_Root', 'root', '', '', 1, 0, 0, 0),
  (101, 'mainmenu', 'Home', 'home', 'index.php?option=com_content&view=featured', 'component', 1, 1, 19, 0);
CREATE TABLE IF NOT EXISTS `#__update_sites` (
  `update_site_id` int NOT NULL AUTO_INCREMENT, `name` varchar(100) DEFAULT '', `type` varchar(20) DEFAULT '',
  `location` text NOT NULL, `enabled` int DEFAULT 0, PRIMARY KEY (`update_site_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;
INSERT INTO `#__update_sites` VALUES (1, 'Joomla! Core', 'collection', 'https://update.joomla.org/core/list.xml', 1);
CREATE TABLE IF NOT EXISTS `#__update_sites_extensions` (
  `update_site_id` int NOT NULL DEFAULT 0, `extension_id` int NOT NULL DEFAULT 0, PRIMARY KEY (`update_site_id`, `extension_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;
INSERT INTO `#__update_sites_extensions` VALUES (1, 222);
