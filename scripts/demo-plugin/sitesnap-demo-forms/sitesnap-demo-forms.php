<?php
/**
 * Plugin Name: sitesnap Demo Forms
 * Description: The plugin of scripts/demo. It behaves the way many real form plugins do: on activation
 *              it creates its own table, options and a cron event, and adds a capability to the core
 *              Administrator role; each submitted form is a row of its table. Its uninstall.php cleans
 *              up only part of that.
 * Version: 1.0.0
 * Author: sitesnap
 */

if (!defined('ABSPATH')) {
    exit;
}

register_activation_hook(__FILE__, 'ssdemo_activate');

function ssdemo_activate() {
    global $wpdb;
    $wpdb->query("CREATE TABLE IF NOT EXISTS {$wpdb->prefix}ssdemo_entries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        form VARCHAR(64) NOT NULL,
        email VARCHAR(190) NOT NULL,
        message LONGTEXT NOT NULL,
        PRIMARY KEY (id)
    ) " . $wpdb->get_charset_collate());
    add_option('ssdemo_settings', ['notify' => 'admin@example.test', 'captcha' => true]);
    add_option('ssdemo_version', '1.0.0');
    if (!wp_next_scheduled('ssdemo_daily_digest')) {
        wp_schedule_event(time() + 3600, 'daily', 'ssdemo_daily_digest');
    }
    get_role('administrator')->add_cap('ssdemo_manage_forms');
}

/** Stores one submitted form (what a visitor's POST would do). */
function ssdemo_submit($form, $email, $message) {
    global $wpdb;
    $wpdb->insert($wpdb->prefix . 'ssdemo_entries', ['form' => $form, 'email' => $email, 'message' => $message]);
    update_option('ssdemo_last_submission', time());
}
