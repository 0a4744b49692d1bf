<?php
/**
 * Plugin Name: Shop Extras
 * Description: Test plugin for sitesnap diff-db: an add-on of shop-core whose names share shop-core's
 *              `shop_` prefix, that writes shop-core's option, adds shop-core's capability again, reads
 *              its role and schedules its hook: only shop_extras_settings is the add-on's own.
 * Version: 1.0.0
 * Author: sitesnap tests
 */

if (!defined('ABSPATH')) {
    exit;
}

register_activation_hook(__FILE__, 'shop_extras_activate');

function shop_extras_activate() {
    add_option('shop_extras_settings', ['gift_wrap' => true]);
    $settings = get_option('shop_settings', []);
    $settings['extras'] = true;
    update_option('shop_settings', $settings);
    get_role('administrator')->add_cap('manage_shop');
    $manager = get_role('shop_manager');
    if (!wp_next_scheduled('shop_cleanup')) {
        wp_schedule_event(time() + 7200, 'daily', 'shop_cleanup');
    }
}
