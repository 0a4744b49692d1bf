<?php
// Does to a Drupal 10 fixture database what core's ModuleInstaller does for the acme_tags module
// (core/lib/Drupal/Core/Extension/ModuleInstaller.php install(): the module in core.extension, sorted
// by weight then name; its hook_schema() tables; its schema version in key_value system.schema; its
// config/install configuration; the field storage and field it provides with their field tables,
// core/modules/field; its state and key/value collection on first cron), or a partial uninstall that
// removed it from core.extension and system.schema but left its configuration and tables.
//   php install.php SOCKET DATABASE install|partial-uninstall
[$self, $socket, $database, $action] = $argv;
$db = new mysqli('localhost', 'root', '', $database, 0, $socket);
$db->set_charset('utf8mb4');

function config($db, $name) {
    $r = $db->query("SELECT data FROM config WHERE collection = '' AND name = '" . $db->real_escape_string($name) . "'")->fetch_row();
    return $r ? unserialize($r[0]) : null;
}
function set_config($db, $name, $data) {
    $s = $db->prepare("REPLACE INTO config (collection, name, data) VALUES ('', ?, ?)");
    $v = serialize($data);
    $s->bind_param('ss', $name, $v);
    $s->execute();
}
function kv($db, $collection, $name, $value) {
    $s = $db->prepare('REPLACE INTO key_value (collection, name, value) VALUES (?, ?, ?)');
    $v = serialize($value);
    $s->bind_param('sss', $collection, $name, $v);
    $s->execute();
}

$ext = config($db, 'core.extension');
if ($action === 'install') {
    $ext['module']['acme_tags'] = 0;
    // module_config_sort(): by weight, then name.
    uksort($ext['module'], function ($a, $b) use ($ext) {
        return [$ext['module'][$a], $a] <=> [$ext['module'][$b], $b];
    });
    set_config($db, 'core.extension', $ext);
    $db->query('CREATE TABLE acme_tags_index (nid int unsigned NOT NULL, tag varchar(64) CHARACTER SET ascii NOT NULL, PRIMARY KEY (nid, tag))');
    $db->query("INSERT INTO acme_tags_index VALUES (1, 'trail')");
    kv($db, 'system.schema', 'acme_tags', 8000);
    set_config($db, 'acme_tags.settings', ['index_on_save' => true, 'max_tags' => 10,
        '_core' => ['default_config_hash' => 'Qk3v8f2lq0v8c1oXQ0dC6xUo1kQyq5w8l2vX9mR4a0s']]);
    set_config($db, 'field.storage.node.field_acme_tags', ['uuid' => '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b', 'langcode' => 'en',
        'status' => true, 'dependencies' => ['module' => ['acme_tags', 'node']], 'id' => 'node.field_acme_tags',
        'field_name' => 'field_acme_tags', 'entity_type' => 'node', 'type' => 'acme_tag', 'settings' => [], 'module' => 'acme_tags',
        'locked' => false, 'cardinality' => -1, 'translatable' => true, 'indexes' => [], 'persist_with_no_fields' => false,
        'custom_storage' => false]);
    set_config($db, 'field.field.node.article.field_acme_tags', ['uuid' => '2c3d4e5f-6071-4829-9bac-1d2e3f4a5b6c', 'langcode' => 'en',
        'status' => true, 'dependencies' => ['config' => ['field.storage.node.field_acme_tags', 'node.type.article']],
        'id' => 'node.article.field_acme_tags', 'field_name' => 'field_acme_tags', 'entity_type' => 'node', 'bundle' => 'article',
        'label' => 'Tags', 'field_type' => 'acme_tag']);
    foreach (['node__field_acme_tags', 'node_revision__field_acme_tags'] as $t) {
        $db->query("CREATE TABLE $t (bundle varchar(128) CHARACTER SET ascii NOT NULL DEFAULT '', deleted tinyint NOT NULL DEFAULT 0,
            entity_id int unsigned NOT NULL, revision_id int unsigned NOT NULL, langcode varchar(32) CHARACTER SET ascii NOT NULL DEFAULT '',
            delta int unsigned NOT NULL, field_acme_tags_value varchar(64) NOT NULL, PRIMARY KEY (entity_id, deleted, delta, langcode))");
    }
    kv($db, 'state', 'acme_tags.last_run', 1764590400);
    kv($db, 'acme_tags.index_state', 'article', 0);
} elseif ($action === 'partial-uninstall') {
    unset($ext['module']['acme_tags']);
    set_config($db, 'core.extension', $ext);
    $db->query("DELETE FROM key_value WHERE collection = 'system.schema' AND name = 'acme_tags'");
}
echo "$action ok\n";
