#!/usr/bin/env bash
# Builds a self-contained WordPress test site from Debian's `wordpress` package:
#   WP_DB_PASSWORD=... make-site.sh SITE_DIR DB_NAME DB_USER DB_HOST TABLE_PREFIX [SITE_URL]
# The database and its user (with that password) must exist already: the tests create them
# (TestDatabase.create); by hand, e.g. CREATE DATABASE blog; CREATE USER 'blog'@'localhost'
# IDENTIFIED BY '...'; GRANT ALL ON blog.* TO 'blog'@'localhost'. DB_HOST: host, host:port or
# localhost:/path/to/socket.
# Debian's tree holds symlinks into /usr/share/php, /usr/share/javascript, /etc: copy with -L.
# Its wp-config.php is Debian's loader (it includes /etc/wordpress/config-<host>.php): replace it with a
# normal one made from wp-config-sample.php (values written with PHP's var_export, so any password
# is quoted correctly), then run the real installer with php-cli.
set -euo pipefail
site=$1 db=$2 user=$3 host=$4 prefix=$5 url=${6:-http://blog.example.test}
here=$(cd "$(dirname "$0")" && pwd)
cp -rL /usr/share/wordpress "$site"
rm -f "$site/wp-config.php"
WP_DB=$db WP_USER=$user WP_HOST=$host WP_PREFIX=$prefix php -r '
  $s = file_get_contents($argv[1] . "/wp-config-sample.php");
  $map = ["database_name_here" => getenv("WP_DB"), "username_here" => getenv("WP_USER"),
          "password_here" => getenv("WP_DB_PASSWORD"), "localhost" => getenv("WP_HOST")];
  foreach ($map as $k => $v) { $s = str_replace("\x27$k\x27", var_export($v, true), $s); }
  $s = str_replace("\$table_prefix = \x27wp_\x27;", "\$table_prefix = " . var_export(getenv("WP_PREFIX"), true) . ";", $s);
  file_put_contents($argv[1] . "/wp-config.php", $s);
' "$site"
php "$here/install.php" "$site" "$url" >/dev/null
