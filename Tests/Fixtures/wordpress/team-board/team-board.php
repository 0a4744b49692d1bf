<?php
/**
 * Plugin Name: Team Board
 * Description: Test plugin for sitesnap diff-db. Written for the tests; it does, in its own code, what
 *              real plugins were seen to do: a role and capabilities added to core roles (Members 2.2,
 *              add_role / WP_Role::add_cap), a widget placed in a sidebar and comment meta on every
 *              new comment (Akismet 5.0), tables whose names are built at run time (WP Statistics 14),
 *              names that start with wp_ (WP Statistics), and a report that JOINs core tables
 *              (Redirection 5.4). It has no uninstall: deleting it leaves everything behind.
 * Version: 2.0.1
 * Author: sitesnap tests
 */

if (!defined('ABSPATH')) {
    exit;
}

class Team_Board_Widget extends WP_Widget {
    public function __construct() {
        parent::__construct('team_board_widget', 'Team Board');
    }

    public function widget($args, $instance) {
        echo 'Team';
    }
}

add_action('widgets_init', function () {
    register_widget('Team_Board_Widget');
});

function team_board_tables() {
    return ['visits', 'pages'];
}

register_activation_hook(__FILE__, 'team_board_activate');

function team_board_activate() {
    global $wpdb;
    foreach (team_board_tables() as $name) {
        $table = $wpdb->prefix . 'tbstats_' . $name;
        $wpdb->query("CREATE TABLE IF NOT EXISTS $table (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, hits INT NOT NULL DEFAULT 0)");
        $wpdb->insert($table, ['hits' => 1]);
    }
    add_role('team_manager', 'Team Manager', ['read' => true, 'tb_manage_board' => true]);
    foreach (['administrator', 'editor'] as $name) {
        $role = get_role($name);
        if ($role) {
            $role->add_cap('tb_manage_board');
            $role->add_cap('tb_view_reports');
        }
    }
    update_option('wp_teamboard_db', '2.0.1');
    add_option('tb_settings', ['board' => 'default', 'columns' => [1, 2]]);
    if (!wp_next_scheduled('wp_teamboard_hourly')) {
        wp_schedule_event(time() + 3600, 'hourly', 'wp_teamboard_hourly');
    }
}

// A report over core tables: it names them, it does not own them.
function team_board_report() {
    global $wpdb;
    return $wpdb->get_results("SELECT p.ID, COUNT(c.comment_ID) FROM {$wpdb->posts} p
        JOIN {$wpdb->postmeta} m ON m.post_id = p.ID
        LEFT JOIN {$wpdb->prefix}comments c ON c.comment_post_ID = p.ID GROUP BY p.ID");
}

// Notes a check result on every new comment.
add_action('comment_post', function ($comment_id) {
    update_comment_meta($comment_id, 'tb_checked', 'clean');
});
