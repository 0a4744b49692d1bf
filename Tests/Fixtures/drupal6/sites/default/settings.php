<?php

/**
 * @file
 * Drupal site-specific configuration file.
 *
 * (Fixture: trimmed Drupal 6 default.settings.php as the installer writes it: the password has an
 * "@" and a space, percent- and plus-encoded as default.settings.php tells, "you can escape them via
 * URI hex encodings".)
 *
 * Database URL format:
 *   $db_url = 'mysql://username:password@localhost/databasename';
 *   $db_url = 'mysqli://username:password@localhost/databasename';
 *   $db_url = 'pgsql://username:password@localhost/databasename';
 */
$db_url = 'mysqli://d6_user:p%40ss+w@127.0.0.1:3311/d6_db';
$db_prefix = 'd6_';

$update_free_access = FALSE;

ini_set('arg_separator.output',     '&amp;');
ini_set('session.cache_expire',     200000);
ini_set('session.cookie_lifetime',  2000000);

# $base_url = 'http://www.example.com';  // NO trailing slash!

# $cookie_domain = 'example.com';
