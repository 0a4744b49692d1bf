-- Fixture: Drupal 10.2.4 database (subset of tables), mysqldump-like layout.
-- Column/index definitions mirror what Drupal 10's MySQL schema layer
-- creates (system_schema(), SqlContentEntityStorageSchema, DatabaseBackend,
-- DatabaseStorage, dblog_schema()).  `#__` is the table prefix placeholder;
-- settings.php uses 'prefix' => '' so the real tables are unprefixed.  The
-- file is valid for any prefix, including the empty one.

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

--
-- Table structure for table `#__config`
--

DROP TABLE IF EXISTS `#__config`;
CREATE TABLE `#__config` (
  `collection` varchar(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'Primary Key: Config object collection.',
  `name` varchar(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'Primary Key: Config object name.',
  `data` longblob DEFAULT NULL COMMENT 'A serialized configuration object data.',
  PRIMARY KEY (`collection`,`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='The base table for configuration data.';

--
-- Dumping data for table `#__config`
--

INSERT INTO `#__config` (`collection`, `name`, `data`) VALUES
('', 'core.extension', 'a:4:{s:6:\"module\";a:17:{s:10:\"acme_forms\";i:0;s:5:\"block\";i:0;s:5:\"dblog\";i:0;s:5:\"field\";i:0;s:4:\"file\";i:0;s:6:\"filter\";i:0;s:5:\"mysql\";i:0;s:4:\"node\";i:0;s:4:\"path\";i:0;s:10:\"path_alias\";i:0;s:6:\"system\";i:0;s:4:\"text\";i:0;s:5:\"token\";i:0;s:6:\"ctools\";i:0;s:4:\"user\";i:0;s:8:\"pathauto\";i:1;s:8:\"standard\";i:1000;}s:5:\"theme\";a:4:{s:5:\"stark\";i:0;s:7:\"olivero\";i:0;s:5:\"claro\";i:0;s:3:\"gin\";i:0;}s:7:\"profile\";s:8:\"standard\";s:5:\"_core\";a:1:{s:19:\"default_config_hash\";s:43:\"R4IF-ClDHXxblLcG0L7MgsLvfBIMAvi_skumNFQwkDc\";}}'),
('', 'system.site', 'a:11:{s:8:\"langcode\";s:2:\"en\";s:4:\"uuid\";s:36:\"6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\";s:4:\"name\";s:12:\"Acme Outdoor\";s:4:\"mail\";s:30:\"webmaster@acme-outdoor.example\";s:6:\"slogan\";s:18:\"Gear for the trail\";s:4:\"page\";a:3:{i:403;s:0:\"\";i:404;s:0:\"\";s:5:\"front\";s:5:\"/node\";}s:18:\"admin_compact_mode\";b:0;s:17:\"weight_select_max\";i:100;s:16:\"default_langcode\";s:2:\"en\";s:17:\"mail_notification\";s:0:\"\";s:5:\"_core\";a:1:{s:19:\"default_config_hash\";s:43:\"yXadRE77Va-G6dxhd2kPYapAvbnSvTF6hO4oXiOEynI\";}}'),
('', 'system.theme', 'a:4:{s:8:\"langcode\";s:2:\"en\";s:5:\"admin\";s:3:\"gin\";s:7:\"default\";s:7:\"olivero\";s:5:\"_core\";a:1:{s:19:\"default_config_hash\";s:43:\"KeCJ-c8xqQfp3GAmRDN7NkfWbchIhrVWeHMA7NdsaQE\";}}'),
('', 'system.performance', 'a:7:{s:8:\"langcode\";s:2:\"en\";s:5:\"cache\";a:1:{s:4:\"page\";a:1:{s:7:\"max_age\";i:900;}}s:3:\"css\";a:2:{s:10:\"preprocess\";b:1;s:4:\"gzip\";b:1;}s:8:\"fast_404\";a:4:{s:7:\"enabled\";b:1;s:5:\"paths\";s:69:\"/\\.(?:txt|png|gif|jpe?g|css|js|ico|swf|flv|cgi|bat|pl|dll|exe|asp)$/i\";s:13:\"exclude_paths\";s:27:\"/\\/(?:styles|imagecache)\\//\";s:4:\"html\";s:162:\"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL \"@path\" was not found on this server.</p></body></html>\";}s:2:\"js\";a:2:{s:10:\"preprocess\";b:1;s:4:\"gzip\";b:1;}s:20:\"stale_file_threshold\";i:2592000;s:5:\"_core\";a:1:{s:19:\"default_config_hash\";s:43:\"b2cssrj-lOmATIbdehfCqfCFgVR0qCdxxWhwqa2KBVQ\";}}'),
('', 'pathauto.pattern.content', 'a:12:{s:4:\"uuid\";s:36:\"a6b5c4d3-e2f1-4a0b-9c8d-7e6f5a4b3c2d\";s:8:\"langcode\";s:2:\"en\";s:6:\"status\";b:1;s:12:\"dependencies\";a:1:{s:6:\"module\";a:1:{i:0;s:4:\"node\";}}s:2:\"id\";s:7:\"content\";s:5:\"label\";s:7:\"Content\";s:4:\"type\";s:23:\"canonical_entities:node\";s:7:\"pattern\";s:32:\"[node:content-type]/[node:title]\";s:18:\"selection_criteria\";a:0:{}s:15:\"selection_logic\";s:3:\"and\";s:6:\"weight\";i:-5;s:13:\"relationships\";a:0:{}}'),
('language.de', 'system.site', 'a:2:{s:4:\"name\";s:24:\"Acme Outdoor Deutschland\";s:6:\"slogan\";s:26:\"Ausrüstung für unterwegs\";}');

--
-- Table structure for table `#__key_value`
--

DROP TABLE IF EXISTS `#__key_value`;
CREATE TABLE `#__key_value` (
  `collection` varchar(128) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'A named collection of key and value pairs.',
  `name` varchar(128) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'The key of the key-value pair. As KEY is a SQL reserved keyword, name was chosen instead.',
  `value` longblob NOT NULL COMMENT 'The value.',
  PRIMARY KEY (`collection`,`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Generic key-value storage table. See the state system for an example.';

--
-- Dumping data for table `#__key_value`
--

INSERT INTO `#__key_value` (`collection`, `name`, `value`) VALUES
('state', 'install_time', 'i:1696237923;'),
('state', 'system.cron_last', 'i:1709810400;'),
('state', 'system.private_key', 's:43:\"Vb7zq2Qe5kTtW3xR9yN1mL4hC8jP0sD6gF2aH5uK7oI\";'),
('state', 'system.maintenance_mode', 'b:0;'),
('system.schema', 'acme_forms', 'i:10001;'),
('system.schema', 'node', 'i:8700;'),
('system.schema', 'pathauto', 'i:8108;'),
('system.schema', 'system', 'i:10201;'),
('system.schema', 'user', 'i:10000;'),
('post_update', 'existing_updates', 'a:2:{i:0;s:54:\"system_post_update_add_description_to_entity_view_mode\";i:1;s:40:\"node_post_update_glossary_view_published\";}');

--
-- Table structure for table `#__cache_config`
--

DROP TABLE IF EXISTS `#__cache_config`;
CREATE TABLE `#__cache_config` (
  `cid` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '' COMMENT 'Primary Key: Unique cache ID.',
  `data` longblob DEFAULT NULL COMMENT 'A collection of data to cache.',
  `expire` int(11) NOT NULL DEFAULT 0 COMMENT 'A Unix timestamp indicating when the cache entry should expire, or -1 for never.',
  `created` decimal(14,3) NOT NULL DEFAULT 0.000 COMMENT 'A timestamp with millisecond precision indicating when the cache entry was created.',
  `serialized` smallint(6) NOT NULL DEFAULT 0 COMMENT 'A flag to indicate whether content is serialized (1) or not (0).',
  `tags` longtext DEFAULT NULL COMMENT 'Space-separated list of cache tags for this entry.',
  `checksum` varchar(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'The tag invalidation checksum when this entry was saved.',
  PRIMARY KEY (`cid`),
  KEY `expire` (`expire`),
  KEY `created` (`created`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Storage for the cache API.';

--
-- Dumping data for table `#__cache_config`
--

INSERT INTO `#__cache_config` (`cid`, `data`, `expire`, `created`, `serialized`, `tags`, `checksum`) VALUES
('system.site', 'a:11:{s:8:\"langcode\";s:2:\"en\";s:4:\"uuid\";s:36:\"6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\";s:4:\"name\";s:12:\"Acme Outdoor\";s:4:\"mail\";s:30:\"webmaster@acme-outdoor.example\";s:6:\"slogan\";s:18:\"Gear for the trail\";s:4:\"page\";a:3:{i:403;s:0:\"\";i:404;s:0:\"\";s:5:\"front\";s:5:\"/node\";}s:18:\"admin_compact_mode\";b:0;s:17:\"weight_select_max\";i:100;s:16:\"default_langcode\";s:2:\"en\";s:17:\"mail_notification\";s:0:\"\";s:5:\"_core\";a:1:{s:19:\"default_config_hash\";s:43:\"yXadRE77Va-G6dxhd2kPYapAvbnSvTF6hO4oXiOEynI\";}}', -1, '1709810452.381', 1, '', '0'),
('core.extension', 'a:4:{s:6:\"module\";a:17:{s:10:\"acme_forms\";i:0;s:5:\"block\";i:0;s:5:\"dblog\";i:0;s:5:\"field\";i:0;s:4:\"file\";i:0;s:6:\"filter\";i:0;s:5:\"mysql\";i:0;s:4:\"node\";i:0;s:4:\"path\";i:0;s:10:\"path_alias\";i:0;s:6:\"system\";i:0;s:4:\"text\";i:0;s:5:\"token\";i:0;s:6:\"ctools\";i:0;s:4:\"user\";i:0;s:8:\"pathauto\";i:1;s:8:\"standard\";i:1000;}s:5:\"theme\";a:4:{s:5:\"stark\";i:0;s:7:\"olivero\";i:0;s:5:\"claro\";i:0;s:3:\"gin\";i:0;}s:7:\"profile\";s:8:\"standard\";s:5:\"_core\";a:1:{s:19:\"default_config_hash\";s:43:\"R4IF-ClDHXxblLcG0L7MgsLvfBIMAvi_skumNFQwkDc\";}}', -1, '1709810452.377', 1, '', '0');

--
-- Table structure for table `#__cache_default`
--

DROP TABLE IF EXISTS `#__cache_default`;
CREATE TABLE `#__cache_default` (
  `cid` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '' COMMENT 'Primary Key: Unique cache ID.',
  `data` longblob DEFAULT NULL COMMENT 'A collection of data to cache.',
  `expire` int(11) NOT NULL DEFAULT 0 COMMENT 'A Unix timestamp indicating when the cache entry should expire, or -1 for never.',
  `created` decimal(14,3) NOT NULL DEFAULT 0.000 COMMENT 'A timestamp with millisecond precision indicating when the cache entry was created.',
  `serialized` smallint(6) NOT NULL DEFAULT 0 COMMENT 'A flag to indicate whether content is serialized (1) or not (0).',
  `tags` longtext DEFAULT NULL COMMENT 'Space-separated list of cache tags for this entry.',
  `checksum` varchar(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'The tag invalidation checksum when this entry was saved.',
  PRIMARY KEY (`cid`),
  KEY `expire` (`expire`),
  KEY `created` (`created`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Storage for the cache API.';

--
-- Dumping data for table `#__cache_default`
--

INSERT INTO `#__cache_default` (`cid`, `data`, `expire`, `created`, `serialized`, `tags`, `checksum`) VALUES
('theme_registry:runtime:olivero', 'a:1:{s:4:\"page\";a:2:{s:8:\"template\";s:4:\"page\";s:4:\"path\";s:36:\"core/themes/olivero/templates/layout\";}}', -1, '1709810455.902', 1, 'theme_registry', '7'),
('last_write_timestamp_cache_default', 'd:1709810455.91;', -1, '1709810455.910', 1, '', '0');

--
-- Table structure for table `#__sessions`
--

DROP TABLE IF EXISTS `#__sessions`;
CREATE TABLE `#__sessions` (
  `uid` int(10) unsigned NOT NULL COMMENT 'The users.uid corresponding to a session, or 0 for anonymous user.',
  `sid` varchar(128) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'A session ID (hashed). The value is generated by Drupal''s session handlers.',
  `hostname` varchar(128) NOT NULL DEFAULT '' COMMENT 'The IP address that last used this session ID (sid).',
  `timestamp` int(11) NOT NULL DEFAULT 0 COMMENT 'The Unix timestamp when this session last requested a page. Old records are purged by PHP automatically.',
  `session` longblob DEFAULT NULL COMMENT 'The serialized contents of the user''s session, an array of name/value pairs that persists across page requests by this session ID. Drupal loads the user''s session from here at the start of each request and saves it at the end.',
  PRIMARY KEY (`sid`),
  KEY `timestamp` (`timestamp`),
  KEY `uid` (`uid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Drupal''s session handlers read and write into the sessions table. Each record represents a user session, either anonymous or authenticated.';

--
-- Dumping data for table `#__sessions`
--

INSERT INTO `#__sessions` (`uid`, `sid`, `hostname`, `timestamp`, `session`) VALUES
(1, 'nX3bQ5cZt1vG7yH2jK9mR4sW8dF6aL0pE3uI5oT1q2w', '203.0.113.10', 1709810455, '_sf2_attributes|a:2:{s:3:\"uid\";s:1:\"1\";s:15:\"check_logged_in\";b:1;}_sf2_meta|a:4:{s:1:\"u\";i:1709810455;s:1:\"c\";i:1709806812;s:1:\"l\";i:2000000;s:1:\"s\";s:43:\"pX0cM5w0K8b2Q3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k\";}');

--
-- Table structure for table `#__users`
--

DROP TABLE IF EXISTS `#__users`;
CREATE TABLE `#__users` (
  `uid` int(10) unsigned NOT NULL,
  `uuid` varchar(128) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  PRIMARY KEY (`uid`),
  UNIQUE KEY `user_field__uuid__value` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='The base table for user entities.';

--
-- Dumping data for table `#__users`
--

INSERT INTO `#__users` (`uid`, `uuid`, `langcode`) VALUES
(0, '0c4f6a2e-7b1d-4e58-9a3c-2d1e0f9b8a7c', 'en'),
(1, '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'en'),
(2, '1a2b3c4d-5e6f-4789-8abc-def012345678', 'en');

--
-- Table structure for table `#__users_field_data`
--

DROP TABLE IF EXISTS `#__users_field_data`;
CREATE TABLE `#__users_field_data` (
  `uid` int(10) unsigned NOT NULL,
  `langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `preferred_langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  `preferred_admin_langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  `name` varchar(60) NOT NULL,
  `pass` varchar(255) DEFAULT NULL,
  `mail` varchar(254) DEFAULT NULL,
  `timezone` varchar(32) DEFAULT NULL,
  `status` tinyint(4) DEFAULT NULL,
  `created` int(11) NOT NULL,
  `changed` int(11) DEFAULT NULL,
  `access` int(11) NOT NULL,
  `login` int(11) DEFAULT NULL,
  `init` varchar(254) DEFAULT NULL,
  `default_langcode` tinyint(4) NOT NULL,
  PRIMARY KEY (`uid`,`langcode`),
  UNIQUE KEY `user__name` (`name`,`langcode`),
  KEY `user__id__default_langcode__langcode` (`uid`,`default_langcode`,`langcode`),
  KEY `user_field__mail` (`mail`(191)),
  KEY `user_field__created` (`created`),
  KEY `user_field__access` (`access`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='The data table for user entities.';

--
-- Dumping data for table `#__users_field_data`
--

INSERT INTO `#__users_field_data` (`uid`, `langcode`, `preferred_langcode`, `preferred_admin_langcode`, `name`, `pass`, `mail`, `timezone`, `status`, `created`, `changed`, `access`, `login`, `init`, `default_langcode`) VALUES
(0, 'en', 'en', NULL, '', NULL, NULL, '', 0, 1696237923, 1696237923, 0, 0, NULL, 1),
(1, 'en', 'en', NULL, 'admin', '$2y$10$qcah1b0LQCyUq8dEe4pnnefQM/Wr1brdR/HMrabyfyEPws4IhFZ0K', 'admin@acme-outdoor.example', 'Europe/Berlin', 1, 1696237923, 1709806812, 1709810455, 1709806812, 'admin@acme-outdoor.example', 1),
(2, 'en', 'de', 'en', 'Zoë Müller', '$S$EFBPlUlqTBZc2ZaBqKm6mvJIDVK31bxwq6i4oUHDF3SiCdtN1/yz', 'zoe@acme-outdoor.example', 'Europe/Berlin', 1, 1701424800, 1708000000, 1709700000, 1709699000, 'zoe@acme-outdoor.example', 1);

--
-- Table structure for table `#__node`
--

DROP TABLE IF EXISTS `#__node`;
CREATE TABLE `#__node` (
  `nid` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `vid` int(10) unsigned DEFAULT NULL,
  `type` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'The ID of the target entity.',
  `uuid` varchar(128) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  PRIMARY KEY (`nid`),
  UNIQUE KEY `node_field__uuid__value` (`uuid`),
  UNIQUE KEY `node__vid` (`vid`),
  KEY `node_field__type__target_id` (`type`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='The base table for node entities.';

--
-- Dumping data for table `#__node`
--

INSERT INTO `#__node` (`nid`, `vid`, `type`, `uuid`, `langcode`) VALUES
(1, 1, 'page', 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', 'en'),
(2, 4, 'article', 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f', 'en'),
(3, 5, 'article', 'd3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f70', 'en');

--
-- Table structure for table `#__node_field_data`
--

DROP TABLE IF EXISTS `#__node_field_data`;
CREATE TABLE `#__node_field_data` (
  `nid` int(10) unsigned NOT NULL,
  `vid` int(10) unsigned NOT NULL,
  `type` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL COMMENT 'The ID of the target entity.',
  `langcode` varchar(12) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `status` tinyint(4) NOT NULL,
  `uid` int(10) unsigned NOT NULL COMMENT 'The ID of the target entity.',
  `title` varchar(255) NOT NULL,
  `created` int(11) NOT NULL,
  `changed` int(11) NOT NULL,
  `promote` tinyint(4) NOT NULL,
  `sticky` tinyint(4) NOT NULL,
  `default_langcode` tinyint(4) NOT NULL,
  `revision_translation_affected` tinyint(4) DEFAULT NULL,
  PRIMARY KEY (`nid`,`langcode`),
  KEY `node__id__default_langcode__langcode` (`nid`,`default_langcode`,`langcode`),
  KEY `node__vid` (`vid`),
  KEY `node_field__type__target_id` (`type`),
  KEY `node_field__uid__target_id` (`uid`),
  KEY `node_field__created` (`created`),
  KEY `node_field__changed` (`changed`),
  KEY `node__status_type` (`status`,`type`,`nid`),
  KEY `node__frontpage` (`promote`,`status`,`sticky`,`created`),
  KEY `node__title_type` (`title`(191),`type`(4))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='The data table for node entities.';

--
-- Dumping data for table `#__node_field_data`
--

INSERT INTO `#__node_field_data` (`nid`, `vid`, `type`, `langcode`, `status`, `uid`, `title`, `created`, `changed`, `promote`, `sticky`, `default_langcode`, `revision_translation_affected`) VALUES
(1, 1, 'page', 'en', 1, 1, 'About us', 1696240000, 1696240000, 0, 0, 1, 1),
(2, 4, 'article', 'en', 1, 2, 'Choosing the right tent 🏕', 1707000000, 1708400000, 1, 0, 1, 1),
(3, 5, 'article', 'en', 0, 2, 'Winter sale — \"draft\"', 1709650000, 1709650000, 1, 1, 1, 1);

--
-- Table structure for table `#__watchdog`
--

DROP TABLE IF EXISTS `#__watchdog`;
CREATE TABLE `#__watchdog` (
  `wid` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Primary Key: Unique watchdog event ID.',
  `uid` int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'The users.uid of the user who triggered the event.',
  `type` varchar(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '' COMMENT 'Type of log message, for example "user" or "page not found."',
  `message` longtext NOT NULL COMMENT 'Text of log message to be passed into the t() function.',
  `variables` longblob NOT NULL COMMENT 'Serialized array of variables that match the message string and that is passed into the t() function.',
  `severity` tinyint(3) unsigned NOT NULL DEFAULT 0 COMMENT 'The severity level of the event. ranges from 0 (Emergency) to 7 (Debug)',
  `link` text DEFAULT NULL COMMENT 'Link to view the result of the event.',
  `location` text NOT NULL COMMENT 'URL of the origin of the event.',
  `referer` text DEFAULT NULL COMMENT 'URL of referring page.',
  `hostname` varchar(128) NOT NULL DEFAULT '' COMMENT 'Hostname of the user who triggered the event.',
  `timestamp` int(11) NOT NULL DEFAULT 0 COMMENT 'Unix timestamp of when event occurred.',
  PRIMARY KEY (`wid`),
  KEY `type` (`type`),
  KEY `uid` (`uid`),
  KEY `severity` (`severity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='Table that contains logs of all system events.';

--
-- Dumping data for table `#__watchdog`
--

INSERT INTO `#__watchdog` (`wid`, `uid`, `type`, `message`, `variables`, `severity`, `link`, `location`, `referer`, `hostname`, `timestamp`) VALUES
(1, 1, 'user', 'Session opened for %name.', 'a:1:{s:5:\"%name\";s:5:\"admin\";}', 5, '', 'https://www.acme-outdoor.example/user/login', 'https://www.acme-outdoor.example/user/login', '203.0.113.10', 1709806812),
(2, 0, 'page not found', '@uri', 'a:1:{s:4:\"@uri\";s:13:\"/wp-login.php\";}', 4, '', 'https://www.acme-outdoor.example/wp-login.php', '', '198.51.100.23', 1709808000),
(3, 0, 'cron', 'Cron run completed.', 'a:0:{}', 5, '', 'https://www.acme-outdoor.example/cron/Vb7zq2Qe5kTtW3xR9yN1mL4hC8jP0sD6gF2aH5uK7oI', '', '127.0.0.1', 1709810400);
