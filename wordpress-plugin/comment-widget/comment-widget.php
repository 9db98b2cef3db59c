<?php
/**
 * Plugin Name:       Comment Widget
 * Plugin URI:        https://github.com/comment-widget/comment-widget
 * Description:       A fast, accessible "Leave a Reply" form that checks what readers type before sending and never loses it. Prints its form in place of the theme's: readers type at once, and it posts natively where scripts cannot run.
 * Version:           0.2.0
 * Requires at least: 6.0
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       comment-widget
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

define( 'COMMENT_WIDGET_VERSION', '0.2.0' );

define( 'COMMENT_WIDGET_FILE', __FILE__ );
define( 'COMMENT_WIDGET_DIR', __DIR__ );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/attributes.php';
require_once __DIR__ . '/includes/text.php';
require_once __DIR__ . '/includes/printed-form.php';
require_once __DIR__ . '/includes/printed-thread.php';
require_once __DIR__ . '/includes/comments-area.php';
require_once __DIR__ . '/includes/spam.php';

// Settings → Comment Widget (includes/settings.php).
add_action( 'admin_init', 'comment_widget_register_settings' );
add_action( 'admin_menu', 'comment_widget_admin_menu' );

// The widget in the page (includes/comments-area.php): before the theme's
// form, on closed posts, as the whole comments area with the REST backend.
add_action( 'comment_form_before', 'comment_widget_render' );
add_action( 'comment_form_comments_closed', 'comment_widget_render_closed' );
add_filter( 'comments_template', 'comment_widget_comments_template', 20 );
add_filter( 'render_block_core/comments', 'comment_widget_comments_block' );
add_action( 'wp_enqueue_scripts', 'comment_widget_enqueue' );
add_filter( 'script_loader_tag', 'comment_widget_defer', 10, 2 );

// The spam check (includes/spam.php): challenges for the widget, and the
// verdict where WordPress decides a comment's fate, after Akismet's. An
// anonymous REST comment is let in only with the check's solution.
add_action( 'rest_api_init', 'comment_widget_register_challenge_route' );
add_filter( 'rest_request_before_callbacks', 'comment_widget_keep_rest_request', 10, 3 );
add_filter( 'rest_allow_anonymous_comments', 'comment_widget_rest_anonymous', 20, 2 );
add_filter( 'pre_comment_approved', 'comment_widget_spam_verdict', 99, 2 );
