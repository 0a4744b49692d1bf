-- Fixture: Joomla 5.4 database (subset of tables), written for sitesnap's tests.
-- Table definitions mirror installation/sql/mysql/base.sql and extensions.sql of joomla-cms 5.3-dev
-- (#__extensions, #__assets, #__menu, #__users, #__session, #__update_sites, #__scheduler_tasks,
-- #__scheduler_logs, #__action_logs; some columns left out where the tests do not need them).
-- Its #__extensions rows are what Joomla's installer writes for the extensions of Tests/Fixtures/joomla5
-- (type, element, folder, client_id as libraries/src/Installer/Adapter/*Adapter.php store them):
-- en-GB is one language row per client (0 site, 1 administrator, 3 api) under pkg_en-GB, as
-- base.sql inserts it; a library's element may be vendor/name. `#__` is the table prefix
-- placeholder (configuration.php uses $dbprefix = 'j5x_').

SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
SET time_zone = "+00:00";
SET NAMES utf8mb4;

CREATE TABLE IF NOT EXISTS `#__extensions` (
  `extension_id` int(11) NOT NULL AUTO_INCREMENT,
  `package_id` int(11) NOT NULL DEFAULT 0 COMMENT 'Parent package ID for extensions installed as a package.',
  `name` varchar(100) NOT NULL,
  `type` varchar(20) NOT NULL,
  `element` varchar(100) NOT NULL,
  `changelogurl` text,
  `folder` varchar(100) NOT NULL,
  `client_id` tinyint(3) NOT NULL,
  `enabled` tinyint(3) NOT NULL DEFAULT 0,
  `access` int(10) unsigned NOT NULL DEFAULT 1,
  `protected` tinyint(3) NOT NULL DEFAULT 0 COMMENT 'Flag to indicate if the extension is protected. Protected extensions cannot be disabled.',
  `locked` tinyint(3) NOT NULL DEFAULT 0 COMMENT 'Flag to indicate if the extension is locked. Locked extensions cannot be uninstalled.',
  `manifest_cache` text NOT NULL,
  `params` text NOT NULL,
  `custom_data` text NOT NULL,
  `checked_out` int(10) unsigned,
  `checked_out_time` datetime,
  `ordering` int(11) DEFAULT 0,
  `state` int(11) DEFAULT 0,
  `note` varchar(255),
  PRIMARY KEY (`extension_id`),
  KEY `element_clientid` (`element`,`client_id`),
  KEY `element_folder_clientid` (`element`,`folder`,`client_id`),
  KEY `extension` (`type`,`element`,`folder`,`client_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__extensions` (`extension_id`, `package_id`, `name`, `type`, `element`, `changelogurl`, `folder`, `client_id`, `enabled`, `access`, `protected`, `locked`, `manifest_cache`, `params`, `custom_data`, `ordering`, `state`) VALUES
(19, 0, 'com_content', 'component', 'com_content', NULL, '', 1, 1, 1, 0, 0, '{"name":"com_content","type":"component","version":"5.4.0"}', '{}', '', 0, 0),
(200, 0, 'mod_menu', 'module', 'mod_menu', NULL, '', 0, 1, 1, 0, 0, '{"name":"mod_menu","type":"module","version":"5.4.0"}', '{}', '', 0, 0),
(201, 0, 'mod_custom', 'module', 'mod_custom', NULL, '', 0, 1, 1, 0, 0, '{"name":"mod_custom","type":"module","version":"5.4.0"}', '{}', '', 0, 0),
(202, 0, 'mod_menu', 'module', 'mod_menu', NULL, '', 1, 1, 1, 0, 0, '{"name":"mod_menu","type":"module","version":"5.4.0"}', '{}', '', 0, 0),
(203, 0, 'mod_custom', 'module', 'mod_custom', NULL, '', 1, 1, 1, 0, 0, '{"name":"mod_custom","type":"module","version":"5.4.0"}', '{}', '', 0, 0),
(210, 0, 'plg_content_joomla', 'plugin', 'joomla', NULL, 'content', 0, 1, 1, 0, 0, '{"name":"plg_content_joomla","type":"plugin","version":"5.4.0"}', '{}', '', 0, 0),
(211, 0, 'plg_user_joomla', 'plugin', 'joomla', NULL, 'user', 0, 1, 1, 0, 0, '{"name":"plg_user_joomla","type":"plugin","version":"5.4.0"}', '{}', '', 0, 0),
(212, 0, 'plg_extension_joomla', 'plugin', 'joomla', NULL, 'extension', 0, 1, 1, 0, 0, '{"name":"plg_extension_joomla","type":"plugin","version":"5.4.0"}', '{}', '', 0, 0),
(213, 0, 'plg_system_stats', 'plugin', 'stats', NULL, 'system', 0, 1, 1, 0, 0, '{"name":"plg_system_stats","type":"plugin","version":"5.4.0"}', '{"mode":1,"lastrun":1764590000,"unique_id":"5a1c0e4f"}', '', 0, 0),
(220, 0, 'cassiopeia', 'template', 'cassiopeia', NULL, '', 0, 1, 1, 0, 0, '{"name":"cassiopeia","type":"template","version":"5.4.0"}', '{}', '', 0, 0),
(221, 0, 'atum', 'template', 'atum', NULL, '', 1, 1, 1, 0, 0, '{"name":"atum","type":"template","version":"5.4.0"}', '{}', '', 0, 0),
(230, 0, 'files_joomla', 'file', 'joomla', NULL, '', 0, 1, 1, 0, 0, '{"name":"files_joomla","type":"file","version":"5.4.4-dev"}', '{}', '', 0, 0),
(231, 0, 'Joomla! Platform', 'library', 'joomla', NULL, '', 0, 1, 1, 0, 0, '{"name":"Joomla! Platform","type":"library","version":"13.1"}', '{}', '', 0, 0),
(232, 0, 'PHPass', 'library', 'phpass', NULL, '', 0, 1, 1, 0, 0, '{"name":"PHPass","type":"library","version":"0.3"}', '{}', '', 0, 0),
(240, 0, 'English (en-GB) Language Pack', 'package', 'pkg_en-GB', NULL, '', 0, 1, 1, 0, 0, '{"name":"English (en-GB) Language Pack","type":"package","version":"5.4.4.1"}', '{}', '', 0, 0),
(241, 240, 'English (en-GB)', 'language', 'en-GB', NULL, '', 0, 1, 1, 0, 0, '{"name":"English (en-GB)","type":"language","version":"5.4.4"}', '{}', '', 0, 0),
(242, 240, 'English (en-GB)', 'language', 'en-GB', NULL, '', 1, 1, 1, 0, 0, '{"name":"English (en-GB)","type":"language","version":"5.4.4"}', '{}', '', 0, 0),
(243, 240, 'English (en-GB)', 'language', 'en-GB', NULL, '', 3, 1, 1, 0, 0, '{"name":"English (en-GB)","type":"language","version":"5.4.4"}', '{}', '', 0, 0),
(244, 0, 'German (Germany)', 'language', 'de-DE', NULL, '', 0, 1, 1, 0, 0, '{"name":"German (Germany)","type":"language","version":"5.4.2.1"}', '{}', '', 0, 0),
(245, 0, 'German (Germany)', 'language', 'de-DE', NULL, '', 1, 1, 1, 0, 0, '{"name":"German (Germany)","type":"language","version":"5.4.2.1"}', '{}', '', 0, 0),
(246, 0, 'Dutch (nl-NL)', 'language', 'nl-NL', NULL, '', 0, 1, 1, 0, 0, '{"name":"Dutch (nl-NL)","type":"language","version":"5.4.0.1"}', '{}', '', 0, 0),
(250, 254, 'com_acmeshop', 'component', 'com_acmeshop', NULL, '', 1, 1, 1, 0, 0, '{"name":"com_acmeshop","type":"component","version":"3.1.2"}', '{}', '', 0, 0),
(251, 254, 'mod_acmeshop_cart', 'module', 'mod_acmeshop_cart', NULL, '', 0, 1, 1, 0, 0, '{"name":"mod_acmeshop_cart","type":"module","version":"3.1.2"}', '{}', '', 0, 0),
(252, 254, 'plg_system_acmeshop', 'plugin', 'acmeshop', NULL, 'system', 0, 1, 1, 0, 0, '{"name":"plg_system_acmeshop","type":"plugin","version":"3.1.2"}', '{}', '', 0, 0),
(253, 254, 'plg_content_acmeshop', 'plugin', 'acmeshop', NULL, 'content', 0, 1, 1, 0, 0, '{"name":"plg_content_acmeshop","type":"plugin","version":"3.1.2"}', '{}', '', 0, 0),
(254, 0, 'Acme Shop', 'package', 'pkg_acmeshop', NULL, '', 0, 1, 1, 0, 0, '{"name":"Acme Shop","type":"package","version":"3.1.2"}', '{}', '', 0, 0),
(255, 254, 'Acme Toolkit', 'library', 'acme/toolkit', NULL, '', 0, 1, 1, 0, 0, '{"name":"Acme Toolkit","type":"library","version":"1.4.0"}', '{}', '', 0, 0);

CREATE TABLE IF NOT EXISTS `#__assets` (
  `id` int unsigned NOT NULL AUTO_INCREMENT COMMENT 'Primary Key',
  `parent_id` int NOT NULL DEFAULT 0 COMMENT 'Nested set parent.',
  `lft` int NOT NULL DEFAULT 0 COMMENT 'Nested set lft.',
  `rgt` int NOT NULL DEFAULT 0 COMMENT 'Nested set rgt.',
  `level` int unsigned NOT NULL COMMENT 'The cached level in the nested tree.',
  `name` varchar(50) NOT NULL COMMENT 'The unique name for the asset.',
  `title` varchar(100) NOT NULL COMMENT 'The descriptive title for the asset.',
  `rules` varchar(5120) NOT NULL COMMENT 'JSON encoded access control.',
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_asset_name` (`name`),
  KEY `idx_lft_rgt` (`lft`,`rgt`),
  KEY `idx_parent_id` (`parent_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__assets` (`id`, `parent_id`, `lft`, `rgt`, `level`, `name`, `title`, `rules`) VALUES
(1, 0, 0, 9, 0, 'root.1', 'Root Asset', '{"core.login.site":{"6":1,"2":1}}'),
(18, 1, 1, 4, 1, 'com_content', 'com_content', '{"core.admin":{"7":1}}'),
(19, 18, 2, 3, 2, 'com_content.category.2', 'Uncategorised', '{}'),
(60, 1, 5, 6, 1, 'com_acmeshop', 'com_acmeshop', '{}');

CREATE TABLE IF NOT EXISTS `#__menu` (
  `id` int NOT NULL AUTO_INCREMENT,
  `menutype` varchar(24) NOT NULL COMMENT 'The type of menu this item belongs to. FK to #__menu_types.menutype',
  `title` varchar(255) NOT NULL COMMENT 'The display title of the menu item.',
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'The SEF alias of the menu item.',
  `path` varchar(1024) NOT NULL COMMENT 'The computed path of the menu item based on the alias field.',
  `link` varchar(1024) NOT NULL COMMENT 'The actually link the menu item refers to.',
  `type` varchar(16) NOT NULL COMMENT 'The type of link: Component, URL, Alias, Separator',
  `published` tinyint NOT NULL DEFAULT 0 COMMENT 'The published state of the menu link.',
  `parent_id` int unsigned NOT NULL DEFAULT 1 COMMENT 'The parent menu item in the menu tree.',
  `level` int unsigned NOT NULL DEFAULT 0 COMMENT 'The relative level in the tree.',
  `component_id` int unsigned NOT NULL DEFAULT 0 COMMENT 'FK to #__extensions.id',
  `language` char(7) NOT NULL DEFAULT '',
  `client_id` tinyint NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `idx_client_id_parent_id_alias_language` (`client_id`,`parent_id`,`alias`(100),`language`),
  KEY `idx_menutype` (`menutype`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__menu` (`id`, `menutype`, `title`, `alias`, `path`, `link`, `type`, `published`, `parent_id`, `level`, `component_id`, `language`, `client_id`) VALUES
(1, '', 'Menu_Item_Root', 'root', '', '', '', 1, 0, 0, 0, '*', 0),
(101, 'mainmenu', 'Home', 'home', 'home', 'index.php?option=com_content&view=featured', 'component', 1, 1, 1, 19, '*', 0),
(102, 'mainmenu', 'Shop', 'shop', 'shop', 'index.php?option=com_acmeshop&view=products', 'component', 1, 1, 1, 250, '*', 0);

CREATE TABLE IF NOT EXISTS `#__users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(400) NOT NULL DEFAULT '',
  `username` varchar(150) NOT NULL DEFAULT '',
  `email` varchar(100) NOT NULL DEFAULT '',
  `password` varchar(100) NOT NULL DEFAULT '',
  `block` tinyint(4) NOT NULL DEFAULT 0,
  `sendEmail` tinyint(4) DEFAULT 0,
  `registerDate` datetime NOT NULL,
  `lastvisitDate` datetime,
  `activation` varchar(100) NOT NULL DEFAULT '',
  `params` text NOT NULL,
  `lastResetTime` datetime COMMENT 'Date of last password reset',
  `resetCount` int(11) NOT NULL DEFAULT 0 COMMENT 'Count of password resets since lastResetTime',
  `otpKey` varchar(1000) NOT NULL DEFAULT '' COMMENT 'Two factor authentication encrypted keys',
  `otep` varchar(1000) NOT NULL DEFAULT '' COMMENT 'One time emergency passwords',
  `requireReset` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'Require user to reset password on next login',
  PRIMARY KEY (`id`),
  KEY `idx_name` (`name`(100)),
  KEY `idx_block` (`block`),
  UNIQUE KEY `idx_username` (`username`),
  KEY `email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__users` (`id`, `name`, `username`, `email`, `password`, `block`, `sendEmail`, `registerDate`, `lastvisitDate`, `activation`, `params`) VALUES
(518, 'Site Admin', 'siteadmin', 'admin@acme-outdoor.example', '$2y$10$ICRDvGPff3urMdBpctNUvuMQ9pKCfbq5bnXqwGZfOMy0uEBrXq/CO', 0, 1, '2025-10-02 09:12:03', '2026-11-30 10:05:01', '0', '{}'),
(519, 'Jörg O\'Neill', 'joneill', 'jorg.oneill@acme-outdoor.example', '$2y$10$FA8Ucet.8W2VKCzPHGkoye5cc/MT/bcQHZSB4a2iCFaLOz1zFtTKm', 0, 0, '2026-01-20 16:40:55', '2026-11-29 17:44:12', '', '{}');

CREATE TABLE IF NOT EXISTS `#__session` (
  `session_id` varbinary(192) NOT NULL,
  `client_id` tinyint(3) unsigned DEFAULT NULL,
  `guest` tinyint(3) unsigned DEFAULT 1,
  `time` int(11) NOT NULL DEFAULT 0,
  `data` mediumtext,
  `userid` int(11) DEFAULT 0,
  `username` varchar(150) DEFAULT '',
  PRIMARY KEY (`session_id`),
  KEY `userid` (`userid`),
  KEY `time` (`time`),
  KEY `client_id_guest` (`client_id`, `guest`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `#__user_keys` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `user_id` varchar(150) NOT NULL,
  `token` varchar(255) NOT NULL,
  `series` varchar(191) NOT NULL,
  `time` varchar(200) NOT NULL,
  `uastring` varchar(255) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `series` (`series`),
  KEY `user_id` (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `#__update_sites` (
  `update_site_id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(100) DEFAULT '',
  `type` varchar(20) DEFAULT '',
  `location` text NOT NULL,
  `enabled` int DEFAULT 0,
  `last_check_timestamp` bigint DEFAULT 0,
  `extra_query` varchar(1000) DEFAULT '',
  `checked_out` int unsigned,
  `checked_out_time` datetime,
  PRIMARY KEY (`update_site_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__update_sites` (`update_site_id`, `name`, `type`, `location`, `enabled`, `last_check_timestamp`) VALUES
(1, 'Joomla! Core', 'tuf', 'https://update.joomla.org/cms/', 1, 1764500000),
(7, 'Acme Shop', 'extension', 'https://acme-web.example/updates/acmeshop.xml', 1, 1764500000);

CREATE TABLE IF NOT EXISTS `#__updates` (
  `update_id` int NOT NULL AUTO_INCREMENT,
  `update_site_id` int DEFAULT 0,
  `extension_id` int DEFAULT 0,
  `name` varchar(100) DEFAULT '',
  `element` varchar(100) DEFAULT '',
  `type` varchar(20) DEFAULT '',
  `folder` varchar(20) DEFAULT '',
  `client_id` tinyint DEFAULT 0,
  `version` varchar(32) DEFAULT '',
  `detailsurl` text NOT NULL,
  PRIMARY KEY (`update_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci COMMENT='Available Updates';

CREATE TABLE IF NOT EXISTS `#__scheduler_tasks` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `asset_id` int unsigned NOT NULL DEFAULT 0 COMMENT 'FK to the #__assets table.',
  `title` varchar(255) NOT NULL DEFAULT '',
  `type` varchar(128) NOT NULL COMMENT 'unique identifier for job defined by plugin',
  `execution_rules` text COMMENT 'Execution Rules, Unprocessed',
  `cron_rules` text COMMENT 'Processed execution rules, crontab-like JSON form',
  `state` tinyint NOT NULL DEFAULT FALSE,
  `last_exit_code` int NOT NULL DEFAULT 0 COMMENT 'Exit code when job was last run',
  `last_execution` datetime COMMENT 'Timestamp of last run',
  `next_execution` datetime COMMENT 'Timestamp of next (planned) run, referred for execution on trigger',
  `times_executed` int DEFAULT 0 COMMENT 'Count of successful triggers',
  `times_failed` int DEFAULT 0 COMMENT 'Count of failures',
  `locked` datetime,
  `priority` smallint NOT NULL DEFAULT 0,
  `ordering` int NOT NULL DEFAULT 0 COMMENT 'Configurable list ordering',
  `cli_exclusive` smallint NOT NULL DEFAULT 0 COMMENT 'If 1, the task is only accessible via CLI',
  `params` text NOT NULL,
  `note` text,
  `created` datetime NOT NULL,
  `created_by` int UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__scheduler_tasks` (`id`, `asset_id`, `title`, `type`, `execution_rules`, `cron_rules`, `state`, `last_execution`, `next_execution`, `locked`, `params`, `created`, `created_by`) VALUES
(2, 98, 'Session GC', 'session.gc', '{"rule-type":"interval-hours","interval-hours":"24","exec-day":"01","exec-time":"09:00"}', '{"type":"interval","exp":"PT24H"}', 1, NULL, '2026-12-01 09:00:00', NULL, '{"individual_log":false,"log_file":"","enable_session_gc":1,"enable_session_metadata_gc":1}', '2025-10-02 09:12:03', 518);

CREATE TABLE IF NOT EXISTS `#__scheduler_logs` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `taskname` varchar(255) NOT NULL DEFAULT '',
  `tasktype` varchar(128) NOT NULL COMMENT 'unique identifier for job defined by plugin',
  `duration` DECIMAL(5,3) NOT NULL,
  `jobid` int UNSIGNED NOT NULL,
  `taskid` int UNSIGNED NOT NULL,
  `exitcode` int NOT NULL,
  `lastdate` datetime COMMENT 'Timestamp of last run',
  `nextdate` datetime COMMENT 'Timestamp of next (planned) run, referred for execution on trigger',
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `#__action_logs` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `message_language_key` varchar(255) NOT NULL DEFAULT '',
  `message` text NOT NULL,
  `log_date` datetime NOT NULL,
  `extension` varchar(50) NOT NULL DEFAULT '',
  `user_id` int NOT NULL DEFAULT 0,
  `item_id` int NOT NULL DEFAULT 0,
  `ip_address` VARCHAR(40) NOT NULL DEFAULT '0.0.0.0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 DEFAULT COLLATE=utf8mb4_unicode_ci;

INSERT INTO `#__action_logs` (`id`, `message_language_key`, `message`, `log_date`, `extension`, `user_id`, `item_id`) VALUES
(1, 'PLG_ACTIONLOG_JOOMLA_USER_LOGGED_IN', '{"action":"login","userid":518,"username":"siteadmin","accountlink":"index.php?option=com_users&task=user.edit&id=518","app":"PLG_ACTIONLOG_JOOMLA_APPLICATION_ADMINISTRATOR"}', '2026-11-30 10:05:01', 'com_users', 518, 518);
