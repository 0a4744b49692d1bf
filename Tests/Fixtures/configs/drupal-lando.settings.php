<?php
// Own text after the shape of Lando's Drupal settings snippet (docs.lando.dev, Drupal recipe): the
// settings come from the JSON in LANDO_INFO, decoded by PHP; sitesnap does not run PHP.
$lando_info = json_decode(getenv('LANDO_INFO'), TRUE);
$databases['default']['default'] = [
  'driver' => 'mysql',
  'database' => $lando_info['database']['creds']['database'],
  'username' => $lando_info['database']['creds']['user'],
  'password' => $lando_info['database']['creds']['password'],
  'host' => $lando_info['database']['internal_connection']['host'],
  'port' => $lando_info['database']['internal_connection']['port'],
];
