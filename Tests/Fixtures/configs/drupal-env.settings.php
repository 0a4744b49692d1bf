<?php

/**
 * Container-style Drupal settings (own text). The forms mirror real ones:
 * wodby / docker4drupal settings: 'database' => getenv('MYSQL_DATABASE');
 * Lagoon's settings.php: getenv('MARIADB_HOST') ?: 'mariadb', getenv('MARIADB_PORT') ?: 3306.
 */
$databases['default']['default'] = [
  'database' => getenv('MYSQL_DATABASE'),
  'username' => getenv('MYSQL_USER'),
  'password' => getenv('MYSQL_PASSWORD'),
  'host' => getenv('MARIADB_HOST') ?: 'mariadb',
  'port' => getenv('MARIADB_PORT') ?: 3306,
  'prefix' => '',
  'driver' => 'mysql',
  'namespace' => 'Drupal\\mysql\\Driver\\Database\\mysql',
  'autoload' => 'core/modules/mysql/src/Driver/Database/mysql/',
];
$settings['hash_salt'] = getenv('DRUPAL_HASH_SALT');
