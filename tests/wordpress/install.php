<?php
/*
 * Installs the test site without a person: `php install.php` with the same
 * environment as the server (CW_WP_HOST = 127.0.0.1:<port>). Prints the ids
 * of the posts the tests use, as JSON.
 */
$_SERVER['HTTP_HOST'] = getenv('CW_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (!is_blog_installed()) {
    wp_install('The Tidewater Chronicle', 'admin', 'admin@example.org', true, '', 'cw-test-password');
}
// A first-time commenter is published at once, unless the comment holds a
// moderation word ("holdme"): WordPress's own moderation, made predictable.
update_option('comment_previously_approved', 0);
update_option('comment_moderation', 0);
update_option('moderation_keys', 'holdme');
update_option('require_name_email', 1);
update_option('close_comments_for_old_posts', 0);
update_option('permalink_structure', '/%postname%/');

$open = 1; // "Hello world!", comments open
$closed = wp_insert_post(array(
    'post_title' => 'Comments closed here', 'post_status' => 'publish', 'comment_status' => 'closed',
));
$members = wp_insert_post(array(
    'post_title' => 'Members only', 'post_status' => 'publish', 'comment_status' => 'open',
));
update_option('cw_members_only_post', $members);
$paged = wp_insert_post(array(
    'post_title' => 'Comment pages', 'post_status' => 'publish', 'comment_status' => 'open',
));
echo json_encode(array('open' => $open, 'closed' => $closed, 'members' => $members, 'paged' => $paged)), "\n";
