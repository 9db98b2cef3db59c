<?php
/**
 * The comments area with the REST backend (the `comments_template` filter):
 * the widget, its thread printed into the page and its form, in place of the
 * theme's list and form. See comment_widget_comments_area().
 *
 * @package comment-widget
 */

defined( 'ABSPATH' ) || exit;
echo comment_widget_comments_area(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- the plugin's own markup, every value escaped.
