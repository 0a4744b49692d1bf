<?php
// Runs WordPress's own installer (wp_install()) from the command line, without a web server.
// Usage: php install.php SITE_ROOT SITE_URL
// The site's wp-config.php must already name the database. Mail is disabled (no mail server).
$root = $argv[1];
$url = $argv[2] ?? 'http://blog.example.test';
$host = parse_url($url, PHP_URL_HOST);
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = $host;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// Pluggable: the installer would otherwise try to send an e-mail.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
$result = wp_install('sitesnap test blog', 'admin', 'admin@example.test', true, '', 'admin-Passw0rd!');
update_option('siteurl', $url);
update_option('home', $url);
// Some content: posts with meta, a comment, an option holding a serialized array with the URL.
for ($i = 1; $i <= 5; $i++) {
    $id = wp_insert_post(['post_title' => "Post $i ünïcødé 🎉", 'post_content' => str_repeat("Paragraph of post $i. ", 40),
        'post_status' => 'publish']);
    add_post_meta($id, 'reading_time', $i * 2);
    add_post_meta($id, 'source', "$url/source/$i");
}
// Serialized, nested, multibyte, with the URL inside a serialized string inside the array too.
update_option('sitesnap_test_settings', ['url' => $url, 'title' => 'Zoë’s blog 🎉',
    'nested' => ['links' => ["$url/a", "$url/ü"], 'inner' => serialize(['home' => $url])],
    'json' => json_encode(['u' => $url])]);
echo "installed user " . $result['user_id'] . "\n";
