<?php
/**
 * Plugin Name: Shop Core
 * Description: Test plugin for sitesnap diff-db: a parent plugin that stays installed while its add-on
 *              (shop-extras) comes and goes. Everything here is Shop Core's and must never be cleaned up
 *              when the add-on is removed.
 * Version: 3.2.0
 * Author: sitesnap tests
 */

if (!defined('ABSPATH')) {
    exit;
}

register_activation_hook(__FILE__, 'shop_core_activate');

function shop_core_activate() {
    global $wpdb;
    $wpdb->query("CREATE TABLE IF NOT EXISTS {$wpdb->prefix}shop_orders (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, total INT NOT NULL)");
    add_option('shop_settings', ['currency' => 'EUR']);
    add_role('shop_manager', 'Shop Manager', ['read' => true, 'manage_shop' => true]);
    get_role('administrator')->add_cap('manage_shop');
    if (!wp_next_scheduled('shop_cleanup')) {
        wp_schedule_event(time() + 3600, 'daily', 'shop_cleanup');
    }
}
