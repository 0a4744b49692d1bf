-- Drupal 6.38 tables, trimmed (modules/system/system.install system_schema(), user.install
-- user_schema(), as the 6.x installer creates them on MySQL: utf8, MyISAM/InnoDB as the server
-- defaults). `#__` is the table prefix placeholder (see README.md).
SET NAMES utf8mb4;

CREATE TABLE `#__system` (
  `filename` varchar(255) NOT NULL DEFAULT '',
  `name` varchar(255) NOT NULL DEFAULT '',
  `type` varchar(255) NOT NULL DEFAULT '',
  `owner` varchar(255) NOT NULL DEFAULT '',
  `status` int(11) NOT NULL DEFAULT '0',
  `throttle` tinyint(4) NOT NULL DEFAULT '0',
  `bootstrap` int(11) NOT NULL DEFAULT '0',
  `schema_version` smallint(6) NOT NULL DEFAULT '-1',
  `weight` int(11) NOT NULL DEFAULT '0',
  `info` text,
  PRIMARY KEY (`filename`),
  KEY `modules` (`type`(12),`status`,`weight`,`filename`),
  KEY `bootstrap` (`type`(12),`status`,`bootstrap`,`weight`,`filename`),
  KEY `type_name` (`type`(12),`name`)
) DEFAULT CHARSET=utf8;

INSERT INTO `#__system` VALUES
('modules/system/system.module', 'system', 'module', '', 1, 0, 0, 6055, 0, 'a:0:{}'),
('sites/all/modules/views/views.module', 'views', 'module', '', 1, 0, 0, 6013, 10, 'a:0:{}');

CREATE TABLE `#__variable` (
  `name` varchar(128) NOT NULL DEFAULT '',
  `value` longtext NOT NULL,
  PRIMARY KEY (`name`)
) DEFAULT CHARSET=utf8;

INSERT INTO `#__variable` VALUES
('site_name', 's:12:"Acme Outdoor";'),
('cron_last', 'i:1456400000;');

CREATE TABLE `#__users` (
  `uid` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(60) NOT NULL DEFAULT '',
  `pass` varchar(32) NOT NULL DEFAULT '',
  `mail` varchar(64) DEFAULT '',
  `status` tinyint(4) NOT NULL DEFAULT '0',
  PRIMARY KEY (`uid`),
  UNIQUE KEY `name` (`name`)
) DEFAULT CHARSET=utf8;

INSERT INTO `#__users` VALUES (1, 'admin', '21232f297a57a5a743894a0e4a801fc3', 'admin@acme-outdoor.example', 1);
