#!/usr/bin/env bash
# Builds a self-contained WordPress test site from Debian's `wordpress` package:
#   make-site.sh SITE_DIR DB_NAME DB_USER PASSWORD DB_HOST TABLE_PREFIX [SITE_URL]
# Debian's tree holds symlinks into /usr/share/php, /usr/share/javascript, /etc: copy with -L.
# Its wp-config.php is Debian's loader (it includes /etc/wordpress/config-<host>.php): replace it with a
# normal one made from wp-config-sample.php, then run the real installer with php-cli.
set -euo pipefail
site=$1 db=$2 user=$3 pass=$4 host=$5 prefix=$6 url=${7:-http://blog.example.test}
here=$(cd "$(dirname "$0")" && pwd)
cp -rL /usr/share/wordpress "$site"
rm -f "$site/wp-config.php"
sed -e "s/database_name_here/$db/" -e "s/username_here/$user/" -e "s/password_here/$pass/" \
    -e "s|'localhost'|'$host'|" -e "s/\$table_prefix = 'wp_';/\$table_prefix = '$prefix';/" \
    "$site/wp-config-sample.php" > "$site/wp-config.php"
php "$here/install.php" "$site" "$url" >/dev/null
