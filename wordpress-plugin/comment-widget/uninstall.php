<?php
/**
 * Removes what the plugin stored when it is deleted from the Plugins screen.
 *
 * @package CommentWidget
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'comment_widget_backend' );
delete_option( 'comment_widget_theme' );
delete_option( 'comment_widget_spam_fate' );
delete_option( 'comment_widget_stopped' );
