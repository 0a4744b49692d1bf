<?php
// Own text after the shape of platformsh-templates/drupal10 settings.platformsh.php: the
// credentials come from a PHP object sitesnap cannot evaluate.
$platformsh = new \Platformsh\ConfigReader\Config();
if ($platformsh->hasRelationship('database')) {
  $creds = $platformsh->credentials('database');
  $databases['default']['default'] = [
    'driver' => $creds['scheme'],
    'database' => $creds['path'],
    'username' => $creds['username'],
    'password' => $creds['password'],
    'host' => $creds['host'],
    'port' => $creds['port'],
  ];
}
