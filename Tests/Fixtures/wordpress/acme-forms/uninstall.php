<?php
// Runs when the plugin is deleted from wp-admin (delete_plugins()). Like many real plugins it cleans up
// only part of what it created: af_log and af_version go; af_entries, af_settings, the user and post
// meta, the cron event and the changed blogdescription stay behind.
if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}
global $wpdb;
$wpdb->query('DROP TABLE IF EXISTS ' . $wpdb->prefix . 'af_log');
delete_option('af_version');
