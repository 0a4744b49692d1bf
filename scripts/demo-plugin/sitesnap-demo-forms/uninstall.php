<?php
// Runs when WordPress deletes the plugin (delete_plugins()). Like many real plugins it removes only
// part of what it made: its version option goes; its table, settings, last-submission option, cron
// event and the capability it gave the Administrator role stay behind.
if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}
delete_option('ssdemo_version');
