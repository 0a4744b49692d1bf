<?php
// Drives a plugin's life cycle the way wp-admin does, from the command line:
//   php plugin.php SITE_ROOT install PLUGIN_SOURCE_DIR   copies the plugin folder into wp-content/plugins
//   php plugin.php SITE_ROOT activate SLUG
//   php plugin.php SITE_ROOT delete SLUG                 deactivates, then deletes (runs uninstall.php)
//   php plugin.php SITE_ROOT load -                      one request (core's first-run options and cron)
//   php plugin.php SITE_ROOT remove SLUG                 deactivates, then removes its folder (no uninstall)
//   php plugin.php SITE_ROOT deactivate SLUG             deactivates only (files and data kept)
//   php plugin.php SITE_ROOT widget ID_BASE              places a widget instance in the first sidebar
//   php plugin.php SITE_ROOT visit -                     a visitor's comment and an editor's new post with a revision
$ss_root = $argv[1];
$ss_action = $argv[2];
$ss_arg = $argv[3];
if ($ss_action === 'install') {
    $dest = $ss_root . '/wp-content/plugins/' . basename($ss_arg);
    @mkdir($dest, 0755, true);
    foreach (glob($ss_arg . '/*') as $f) { copy($f, $dest . '/' . basename($f)); }
    exit(0);
}
$_SERVER['HTTP_HOST'] = 'blog.example.test';
$_SERVER['REQUEST_URI'] = '/wp-admin/plugins.php';
require $ss_root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
wp_set_current_user(1);
$ss_plugin = $ss_arg . '/' . $ss_arg . '.php';
if ($ss_action === 'activate') {
    $r = activate_plugin($ss_plugin);
    if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message() . "\n"); exit(1); }
} elseif ($ss_action === 'deactivate') {
    deactivate_plugins($ss_plugin);
} elseif ($ss_action === 'remove') {
    deactivate_plugins($ss_plugin);
    foreach (glob(WP_PLUGIN_DIR . '/' . $ss_arg . '/*') as $f) { unlink($f); }
    rmdir(WP_PLUGIN_DIR . '/' . $ss_arg);
} elseif ($ss_action === 'widget') {
    $instances = get_option('widget_' . $ss_arg, []);
    $instances[2] = ['title' => 'Board'];
    $instances['_multiwidget'] = 1;
    update_option('widget_' . $ss_arg, $instances);
    $sidebars = get_option('sidebars_widgets', []);
    $sidebars['sidebar-1'] = array_merge($sidebars['sidebar-1'] ?? [], [$ss_arg . '-2']);
    update_option('sidebars_widgets', $sidebars);
} elseif ($ss_action === 'visit') {
    $post = get_posts(['numberposts' => 1, 'post_status' => 'publish'])[0];
    $id = wp_insert_comment(['comment_post_ID' => $post->ID, 'comment_author' => 'Visitor', 'comment_content' => 'Nice post',
                             'comment_author_email' => 'v@example.test', 'comment_approved' => 1]);
    do_action('comment_post', $id, 1, []);
    $new = wp_insert_post(['post_title' => 'Team news', 'post_content' => 'First draft', 'post_status' => 'publish']);
    wp_update_post(['ID' => $new, 'post_content' => 'Second draft']);
} elseif ($ss_action === 'delete') {
    deactivate_plugins($ss_plugin);
    $r = delete_plugins([$ss_plugin]);
    if (is_wp_error($r) || $r !== true) { fwrite(STDERR, "delete failed\n"); exit(1); }
}
echo "$ss_action ok\n";
