-- Fixture: Drupal 7.98 database (subset of tables), mysqldump-like layout.
-- Definitions mirror what Drupal 7's MySQL schema layer creates from
-- system_schema() / node_schema() / user_schema() (utf8, table comments
-- truncated to 60 characters as Drupal 7 does).
--
-- `#__` is the table prefix placeholder (settings.php: 'default' => 'd7_').
-- settings.php also maps the `users` table to the prefix 'shared_', so
-- that table is created below with the literal name `shared_users` and is
-- NOT affected by the placeholder replacement.

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

--
-- Table structure for table `#__system`
--

DROP TABLE IF EXISTS `#__system`;
CREATE TABLE `#__system` (
  `filename` varchar(255) NOT NULL DEFAULT '' COMMENT 'The path of the primary file for this item, relative to the Drupal root; e.g. modules/node/node.module.',
  `name` varchar(255) NOT NULL DEFAULT '' COMMENT 'The name of the item; e.g. node.',
  `type` varchar(12) NOT NULL DEFAULT '' COMMENT 'The type of the item, either module, theme, or theme_engine.',
  `owner` varchar(255) NOT NULL DEFAULT '' COMMENT 'A theme''s ''parent'' . Can be either a theme or an engine.',
  `status` int(11) NOT NULL DEFAULT 0 COMMENT 'Boolean indicating whether or not this item is enabled.',
  `bootstrap` int(11) NOT NULL DEFAULT 0 COMMENT 'Boolean indicating whether this module is loaded during Drupal''s early bootstrapping phase (e.g. even before the page cache is consulted).',
  `schema_version` smallint(6) NOT NULL DEFAULT -1 COMMENT 'The module''s database schema version number. -1 if the module is not installed (its tables do not exist); 0 or the largest N of the module''s hook_update_N() function that has either been run or existed when the module was first installed.',
  `weight` int(11) NOT NULL DEFAULT 0 COMMENT 'The order in which this module''s hooks should be invoked relative to other modules. Equal-weighted modules are ordered by name.',
  `info` blob DEFAULT NULL COMMENT 'A serialized array containing information from the module''s .info file; keys can include name, description, package, version, core, dependencies, and php.',
  PRIMARY KEY (`filename`),
  KEY `system_list` (`status`,`bootstrap`,`type`,`weight`,`name`),
  KEY `type_name` (`type`,`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COMMENT='A list of all modules, themes, and theme engines that are...';

--
-- Dumping data for table `#__system`
--

INSERT INTO `#__system` (`filename`, `name`, `type`, `owner`, `status`, `bootstrap`, `schema_version`, `weight`, `info`) VALUES
('modules/node/node.module', 'node', 'module', '', 1, 0, 7016, 0, 'a:14:{s:8:\"required\";b:1;s:9:\"configure\";s:21:\"admin/structure/types\";s:11:\"stylesheets\";a:1:{s:3:\"all\";a:1:{s:21:\"modules/node/node.css\";s:21:\"modules/node/node.css\";}}s:4:\"name\";s:4:\"Node\";s:11:\"description\";s:66:\"Allows content to be submitted to the site and displayed on pages.\";s:7:\"package\";s:4:\"Core\";s:7:\"version\";s:4:\"7.98\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"drupal\";s:9:\"datestamp\";s:10:\"1686141939\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('modules/system/system.module', 'system', 'module', '', 1, 0, 7084, 0, 'a:13:{s:8:\"required\";b:1;s:9:\"configure\";s:19:\"admin/config/system\";s:4:\"name\";s:6:\"System\";s:11:\"description\";s:54:\"Handles general site configuration for administrators.\";s:7:\"package\";s:4:\"Core\";s:7:\"version\";s:4:\"7.98\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"drupal\";s:9:\"datestamp\";s:10:\"1686141939\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('modules/user/user.module', 'user', 'module', '', 1, 0, 7020, 0, 'a:13:{s:8:\"required\";b:1;s:9:\"configure\";s:19:\"admin/config/people\";s:4:\"name\";s:4:\"User\";s:11:\"description\";s:47:\"Manages the user registration and login system.\";s:7:\"package\";s:4:\"Core\";s:7:\"version\";s:4:\"7.98\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"drupal\";s:9:\"datestamp\";s:10:\"1686141939\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('modules/dblog/dblog.module', 'dblog', 'module', '', 1, 0, 7003, 0, 'a:11:{s:4:\"name\";s:16:\"Database logging\";s:11:\"description\";s:47:\"Logs and records system events to the database.\";s:7:\"package\";s:4:\"Core\";s:7:\"version\";s:4:\"7.98\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"drupal\";s:9:\"datestamp\";s:10:\"1686141939\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('modules/php/php.module', 'php', 'module', '', 0, 0, -1, 0, 'a:11:{s:4:\"name\";s:10:\"PHP filter\";s:11:\"description\";s:50:\"Allows embedded PHP code/snippets to be evaluated.\";s:7:\"package\";s:4:\"Core\";s:7:\"version\";s:4:\"7.98\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"drupal\";s:9:\"datestamp\";s:10:\"1686141939\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('sites/all/modules/ctools/ctools.module', 'ctools', 'module', '', 1, 0, 7003, 0, 'a:11:{s:4:\"name\";s:11:\"Chaos tools\";s:11:\"description\";s:46:\"A library of helpful tools by Merlin of Chaos.\";s:7:\"package\";s:16:\"Chaos tool suite\";s:7:\"version\";s:8:\"7.x-1.21\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"ctools\";s:9:\"datestamp\";s:10:\"1709577745\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('sites/all/modules/views/views.module', 'views', 'module', '', 1, 0, 7301, 10, 'a:11:{s:12:\"dependencies\";a:1:{i:0;s:6:\"ctools\";}s:3:\"php\";s:3:\"5.2\";s:4:\"name\";s:5:\"Views\";s:11:\"description\";s:55:\"Create customized lists and queries from your database.\";s:7:\"package\";s:5:\"Views\";s:7:\"version\";s:8:\"7.x-3.29\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:5:\"views\";s:9:\"datestamp\";s:10:\"1709577745\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('themes/bartik/bartik.info', 'bartik', 'theme', 'themes/engines/phptemplate/phptemplate.engine', 1, 0, -1, 0, 'a:13:{s:6:\"engine\";s:11:\"phptemplate\";s:7:\"regions\";a:3:{s:6:\"header\";s:6:\"Header\";s:7:\"content\";s:7:\"Content\";s:6:\"footer\";s:6:\"Footer\";}s:4:\"name\";s:6:\"Bartik\";s:11:\"description\";s:48:\"A flexible, recolorable theme with many regions.\";s:7:\"package\";s:4:\"Core\";s:7:\"version\";s:4:\"7.98\";s:4:\"core\";s:3:\"7.x\";s:7:\"project\";s:6:\"drupal\";s:9:\"datestamp\";s:10:\"1686141939\";s:12:\"dependencies\";a:0:{}s:3:\"php\";s:5:\"5.2.4\";s:5:\"files\";a:0:{}s:9:\"bootstrap\";i:0;}'),
('themes/engines/phptemplate/phptemplate.engine', 'phptemplate', 'theme_engine', '', 1, 0, 0, 0, '');

--
-- Table structure for table `#__variable`
--

DROP TABLE IF EXISTS `#__variable`;
CREATE TABLE `#__variable` (
  `name` varchar(128) NOT NULL DEFAULT '' COMMENT 'The name of the variable.',
  `value` longblob NOT NULL COMMENT 'The value of the variable.',
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COMMENT='Named variable/value pairs created by Drupal core or any...';

--
-- Dumping data for table `#__variable`
--

INSERT INTO `#__variable` (`name`, `value`) VALUES
('clean_url', 's:1:\"1\";'),
('cron_key', 's:43:\"Hk3vP9xQz2LmT7wR5yB1nC8dF4gJ6sA0eU3iO7pK2lM\";'),
('cron_last', 'i:1709810400;'),
('css_js_query_string', 's:6:\"s9zq1k\";'),
('drupal_private_key', 's:43:\"yT6uI9oP2aS5dF8gH1jK4lZ7xC0vB3nM6qW9eR2tY5u\";'),
('file_public_path', 's:19:\"sites/default/files\";'),
('install_profile', 's:8:\"standard\";'),
('install_task', 's:4:\"done\";'),
('site_frontpage', 's:4:\"node\";'),
('site_mail', 's:33:\"webmaster@d7.acme-outdoor.example\";'),
('site_name', 's:40:\"Acme Outdoor (legacy) — O\'Brien\'s shop\";'),
('theme_default', 's:6:\"bartik\";'),
('views_defaults', 'a:2:{s:7:\"archive\";b:1;s:9:\"frontpage\";b:0;}');

--
-- Table structure for table `#__node`
--

DROP TABLE IF EXISTS `#__node`;
CREATE TABLE `#__node` (
  `nid` int(10) unsigned NOT NULL AUTO_INCREMENT COMMENT 'The primary identifier for a node.',
  `vid` int(10) unsigned DEFAULT NULL COMMENT 'The current node_revision.vid version identifier.',
  `type` varchar(32) NOT NULL DEFAULT '' COMMENT 'The node_type.type of this node.',
  `language` varchar(12) NOT NULL DEFAULT '' COMMENT 'The languages.language of this node.',
  `title` varchar(255) NOT NULL DEFAULT '' COMMENT 'The title of this node, always treated as non-markup plain text.',
  `uid` int(11) NOT NULL DEFAULT 0 COMMENT 'The users.uid that owns this node; initially, this is the user that created it.',
  `status` int(11) NOT NULL DEFAULT 1 COMMENT 'Boolean indicating whether the node is published (visible to non-administrators).',
  `created` int(11) NOT NULL DEFAULT 0 COMMENT 'The Unix timestamp when the node was created.',
  `changed` int(11) NOT NULL DEFAULT 0 COMMENT 'The Unix timestamp when the node was most recently saved.',
  `comment` int(11) NOT NULL DEFAULT 0 COMMENT 'Whether comments are allowed on this node: 0 = no, 1 = closed (read only), 2 = open (read/write).',
  `promote` int(11) NOT NULL DEFAULT 0 COMMENT 'Boolean indicating whether the node should be displayed on the front page.',
  `sticky` int(11) NOT NULL DEFAULT 0 COMMENT 'Boolean indicating whether the node should be displayed at the top of lists in which it appears.',
  `tnid` int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'The translation set id for this node, which equals the node id of the source post in each set.',
  `translate` int(11) NOT NULL DEFAULT 0 COMMENT 'A boolean indicating whether this translation page needs to be updated.',
  PRIMARY KEY (`nid`),
  UNIQUE KEY `vid` (`vid`),
  KEY `node_changed` (`changed`),
  KEY `node_created` (`created`),
  KEY `node_frontpage` (`promote`,`status`,`sticky`,`created`),
  KEY `node_status_type` (`status`,`type`,`nid`),
  KEY `node_title_type` (`title`,`type`(4)),
  KEY `node_type` (`type`(4)),
  KEY `uid` (`uid`),
  KEY `tnid` (`tnid`),
  KEY `translate` (`translate`),
  KEY `language` (`language`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COMMENT='The base table for nodes.';

--
-- Dumping data for table `#__node`
--

INSERT INTO `#__node` (`nid`, `vid`, `type`, `language`, `title`, `uid`, `status`, `created`, `changed`, `comment`, `promote`, `sticky`, `tnid`, `translate`) VALUES
(1, 1, 'page', 'und', 'About us', 1, 1, 1388534400, 1420070400, 1, 0, 0, 0, 0),
(2, 3, 'article', 'und', 'Spring catalogue 2015', 1, 1, 1425168000, 1425254400, 2, 1, 0, 0, 0),
(3, 4, 'article', 'und', 'Café meetup – Saturday', 2, 0, 1430000000, 1430000000, 2, 1, 1, 0, 0);

--
-- Table structure for table `#__cache`
--

DROP TABLE IF EXISTS `#__cache`;
CREATE TABLE `#__cache` (
  `cid` varchar(255) NOT NULL DEFAULT '' COMMENT 'Primary Key: Unique cache ID.',
  `data` longblob DEFAULT NULL COMMENT 'A collection of data to cache.',
  `expire` int(11) NOT NULL DEFAULT 0 COMMENT 'A Unix timestamp indicating when the cache entry should expire, or 0 for never.',
  `created` int(11) NOT NULL DEFAULT 0 COMMENT 'A Unix timestamp indicating when the cache entry was created.',
  `serialized` smallint(6) NOT NULL DEFAULT 0 COMMENT 'A flag to indicate whether content is serialized (1) or not (0).',
  PRIMARY KEY (`cid`),
  KEY `expire` (`expire`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COMMENT='Generic cache table for caching things not separated out...';

--
-- Dumping data for table `#__cache`
--

INSERT INTO `#__cache` (`cid`, `data`, `expire`, `created`, `serialized`) VALUES
('variables', 'a:13:{s:9:\"clean_url\";s:1:\"1\";s:8:\"cron_key\";s:43:\"Hk3vP9xQz2LmT7wR5yB1nC8dF4gJ6sA0eU3iO7pK2lM\";s:9:\"cron_last\";i:1709810400;s:19:\"css_js_query_string\";s:6:\"s9zq1k\";s:18:\"drupal_private_key\";s:43:\"yT6uI9oP2aS5dF8gH1jK4lZ7xC0vB3nM6qW9eR2tY5u\";s:16:\"file_public_path\";s:19:\"sites/default/files\";s:15:\"install_profile\";s:8:\"standard\";s:12:\"install_task\";s:4:\"done\";s:14:\"site_frontpage\";s:4:\"node\";s:9:\"site_mail\";s:33:\"webmaster@d7.acme-outdoor.example\";s:9:\"site_name\";s:40:\"Acme Outdoor (legacy) — O\'Brien\'s shop\";s:13:\"theme_default\";s:6:\"bartik\";s:14:\"views_defaults\";a:2:{s:7:\"archive\";b:1;s:9:\"frontpage\";b:0;}}', 0, 1709810401, 1),
('theme_registry:runtime:bartik', 'a:1:{s:4:\"node\";a:2:{s:8:\"template\";s:4:\"node\";s:4:\"path\";s:23:\"themes/bartik/templates\";}}', 0, 1709810402, 1),
('schema:runtime:1', 'not serialized payload', -1, 1709810403, 0);

--
-- Table structure for table `shared_users`
-- (literal name: per-table prefix 'users' => 'shared_' in settings.php)
--

DROP TABLE IF EXISTS `shared_users`;
CREATE TABLE `shared_users` (
  `uid` int(10) unsigned NOT NULL DEFAULT 0 COMMENT 'Primary Key: Unique user ID.',
  `name` varchar(60) NOT NULL DEFAULT '' COMMENT 'Unique user name.',
  `pass` varchar(128) NOT NULL DEFAULT '' COMMENT 'User''s password (hashed).',
  `mail` varchar(254) DEFAULT '' COMMENT 'User''s e-mail address.',
  `theme` varchar(255) NOT NULL DEFAULT '' COMMENT 'User''s default theme.',
  `signature` varchar(255) NOT NULL DEFAULT '' COMMENT 'User''s signature.',
  `signature_format` varchar(255) DEFAULT NULL COMMENT 'The filter_format.format of the signature.',
  `created` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for when user was created.',
  `access` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for previous time user accessed the site.',
  `login` int(11) NOT NULL DEFAULT 0 COMMENT 'Timestamp for user''s last login.',
  `status` tinyint(4) NOT NULL DEFAULT 0 COMMENT 'Whether the user is active(1) or blocked(0).',
  `timezone` varchar(32) DEFAULT NULL COMMENT 'User''s time zone.',
  `language` varchar(12) NOT NULL DEFAULT '' COMMENT 'User''s default language.',
  `picture` int(11) NOT NULL DEFAULT 0 COMMENT 'Foreign key: file_managed.fid of user''s picture.',
  `init` varchar(254) DEFAULT '' COMMENT 'E-mail address used for initial account creation.',
  `data` longblob DEFAULT NULL COMMENT 'A serialized array of name value pairs that are related to the user. Any form values posted during user edit are stored and are loaded into the $user object during user_load(). Use of this field is discouraged and it will likely disappear in a future version of Drupal.',
  PRIMARY KEY (`uid`),
  UNIQUE KEY `name` (`name`),
  KEY `access` (`access`),
  KEY `created` (`created`),
  KEY `mail` (`mail`),
  KEY `picture` (`picture`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COMMENT='Stores user data.';

--
-- Dumping data for table `shared_users`
--

INSERT INTO `shared_users` (`uid`, `name`, `pass`, `mail`, `theme`, `signature`, `signature_format`, `created`, `access`, `login`, `status`, `timezone`, `language`, `picture`, `init`, `data`) VALUES
(0, '', '', '', '', '', NULL, 0, 0, 0, 0, NULL, '', 0, '', NULL),
(1, 'admin', '$S$DzX1fVq8pLrN3bT6yW2kM9cG5hJ0aS4dE7uI1oP3lK6jH9gF2sA8', 'admin@d7.acme-outdoor.example', '', '', NULL, 1388534400, 1709810000, 1709809000, 1, 'Europe/Berlin', '', 0, 'admin@d7.acme-outdoor.example', 'a:1:{s:7:\"overlay\";i:0;}'),
(2, 'editor', '$S$DqW4eR7tY0uI3oP6aS9dF2gH5jK8lZ1xC4vB7nM0qW3eR6tY9uI2', 'editor@d7.acme-outdoor.example', '', '', 'filtered_html', 1420070400, 1709000000, 1709000000, 1, 'Europe/Berlin', '', 0, 'editor@d7.acme-outdoor.example', 'b:0;');
