<?php
/**
 * Plugin Name: Acme Forms
 * Description: Test plugin for sitesnap diff-db: on activation it creates tables, options, user and
 *              post meta and a cron event, and edits a core option; its uninstall.php removes only part.
 * Version: 1.2.0
 * Author: sitesnap tests
 */

if (!defined('ABSPATH')) {
    exit;
}

define('ACME_FORMS_VERSION', '1.2.0');

register_activation_hook(__FILE__, 'acme_forms_activate');

function acme_forms_activate() {
    global $wpdb;
    $charset = $wpdb->get_charset_collate();
    $wpdb->query("CREATE TABLE IF NOT EXISTS {$wpdb->prefix}af_entries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        form VARCHAR(64) NOT NULL,
        payload LONGTEXT NOT NULL,
        PRIMARY KEY (id)
    ) $charset");
    $wpdb->query('CREATE TABLE IF NOT EXISTS ' . $wpdb->prefix . 'af_log (id INT AUTO_INCREMENT PRIMARY KEY, line TEXT) ' . $charset);
    $wpdb->insert($wpdb->prefix . 'af_entries', ['form' => 'contact', 'payload' => '{"name":"Ann","msg":"Hi 👋"}']);
    $wpdb->insert($wpdb->prefix . 'af_log', ['line' => 'activated']);

    add_option('af_settings', ['recipients' => ['admin@example.test'], 'captcha' => true, 'limits' => ['per_day' => 50]]);
    add_option('af_version', ACME_FORMS_VERSION);
    add_user_meta(1, 'af_last_form', 'contact');
    $post = get_posts(['numberposts' => 1, 'post_status' => 'publish']);
    if ($post) {
        add_post_meta($post[0]->ID, 'af_form_id', 'contact');
    }
    if (!wp_next_scheduled('af_cleanup_cron')) {
        wp_schedule_event(time() + 3600, 'hourly', 'af_cleanup_cron');
    }
    // Plugins do this: take over a core setting.
    update_option('blogdescription', 'Forms by Acme');
}
