<?php
/*
 * What a site owner does on the Plugins and Settings screens, from the
 * command line, for the plugin's end-to-end test (same environment as the
 * server): `php plugin.php activate|deactivate|uninstall|options` or
 * `php plugin.php set <option> <value>`, `php plugin.php theme <name>`, or `php plugin.php user <login> <role>
 * <display name>` (a user whose password is cw-test-password; its id is in
 * the JSON as `user`). Prints the plugin's options as JSON.
 */
$_SERVER['HTTP_HOST'] = getenv('CW_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$plugin = 'comment-widget/comment-widget.php';
switch ($argv[1] ?? '') {
    case 'activate':
        $result = activate_plugin($plugin);
        if (is_wp_error($result)) {
            fwrite(STDERR, $result->get_error_message() . "\n");
            exit(1);
        }
        break;
    case 'deactivate':
        deactivate_plugins($plugin);
        break;
    case 'uninstall':
        // What "Delete" runs, without deleting the files.
        define('WP_UNINSTALL_PLUGIN', $plugin);
        include WP_PLUGIN_DIR . '/comment-widget/uninstall.php';
        break;
    case 'set':
        update_option($argv[2], $argv[3]);
        break;
    case 'theme':
        // Appearance → Themes → Activate (the template and the stylesheet together).
        switch_theme($argv[2]);
        break;
    case 'user':
        $user = get_user_by('login', $argv[2]);
        $id = $user ? $user->ID : wp_insert_user(array(
            'user_login' => $argv[2], 'user_pass' => 'cw-test-password', 'role' => $argv[3],
            'display_name' => $argv[4], 'user_email' => $argv[2] . '@example.org',
        ));
        if (is_wp_error($id)) {
            fwrite(STDERR, $id->get_error_message() . "\n");
            exit(1);
        }
        break;
}
$state = array(
    'active' => is_plugin_active($plugin),
    'backend' => get_option('comment_widget_backend', null),
    'theme' => get_option('comment_widget_theme', null),
);
if (isset($id)) {
    $state['user'] = (int) $id;
}
echo json_encode($state), "\n";
