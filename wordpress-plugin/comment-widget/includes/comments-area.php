<?php
/**
 * Where the widget goes: printed before the theme's form (holding the
 * theme's form back), the comments area with the REST backend (classic
 * themes' comments.php and block themes' Comments block), the loader
 * enqueued and deferred.
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * Prints the widget, with its form printed inside, right before the theme's
 * comment form (`comment_form_before`), and holds back the theme's form until
 * `comment_form_after`: the printed form takes its place, and posts where
 * it posts even without scripts. Without the printed form (the plugin's
 * assets lack it), the theme's form follows as before: the plugin's
 * stylesheet hides it once the widget runs and shows it where the widget
 * cannot. WordPress fires these hooks only when comments are open.
 */
function comment_widget_render() {
	comment_widget_print( true );
}

/**
 * Prints the widget with its form printed inside; with `$hold_theme_form`
 * (from `comment_form_before`), holds back the theme's form that follows.
 *
 * @param bool $hold_theme_form Hold back the theme's form until `comment_form_after`.
 */
function comment_widget_print( $hold_theme_form ) {
	$post_id = get_the_ID();
	if ( ! $post_id || ! comments_open( $post_id ) ) {
		return;
	}
	$attributes = comment_widget_attributes( $post_id );
	comment_widget_open_tag( $attributes );
	/**
	 * Whether to print the form into the page (default true). Without it
	 * the loader paints the form, and the theme's form is the fallback.
	 *
	 * @param bool $print Print the form.
	 * @param int  $post_id The post.
	 */
	$form = apply_filters( 'comment_widget_print_form', true, $post_id ) ? comment_widget_printed_form( $post_id, $attributes ) : '';
	echo $form; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from the plugin's own markup, every value escaped.
	echo '</div>';
	if ( '' !== $form && $hold_theme_form ) {
		ob_start();
		add_action( 'comment_form_after', 'comment_widget_drop_theme_form', 0 );
	}
}

/**
 * On a post whose comments are closed (`comment_form_comments_closed`), with
 * the REST backend: the widget shows the thread, without the form or Reply,
 * and "Comments are closed." under it. (The form backend lists no thread:
 * the theme's own list and words stay.)
 */
function comment_widget_render_closed() {
	$post_id = get_the_ID();
	if ( ! $post_id || 'wordpress-rest' !== comment_widget_backend() ) {
		return;
	}
	$attributes                = comment_widget_attributes( $post_id );
	$attributes['data-closed'] = 'true';
	unset( $attributes['data-login-url'], $attributes['data-logged-in-as'] );
	comment_widget_open_tag( $attributes );
	echo '</div>';
}

/**
 * Drops the theme's form held back by comment_widget_render().
 */
function comment_widget_drop_theme_form() {
	remove_action( 'comment_form_after', 'comment_widget_drop_theme_form', 0 );
	ob_end_clean();
}

/**
 * Loads the widget's loader (deferred) and the small stylesheet that hides
 * the theme's form while the widget runs, on posts that take comments (and, with
 * the REST backend, on closed ones, for their thread).
 */
function comment_widget_enqueue() {
	if ( ! is_singular() || ( ! comments_open() && 'wordpress-rest' !== comment_widget_backend() ) ) {
		return;
	}
	wp_enqueue_script( 'comment-widget', plugins_url( 'assets/comment-widget.js', COMMENT_WIDGET_FILE ), array(), COMMENT_WIDGET_VERSION, true );
	wp_enqueue_style( 'comment-widget-fallback', plugins_url( 'css/comment-widget-wp.css', COMMENT_WIDGET_FILE ), array(), COMMENT_WIDGET_VERSION );
}

/**
 * Adds `defer` to the loader's tag (WordPress before 6.3 has no loading
 * strategy for wp_enqueue_script).
 *
 * @param string $tag    The script tag.
 * @param string $handle The script's handle.
 * @return string
 */
function comment_widget_defer( $tag, $handle ) {
	if ( 'comment-widget' !== $handle || false !== strpos( $tag, ' defer' ) ) {
		return $tag;
	}
	return str_replace( ' src=', ' defer src=', $tag );
}

/**
 * With the REST backend the widget is the whole comments area, as comment
 * plugins are: the theme's list (and its form) gives way to the widget's
 * printed thread and form, one conversation. Classic themes load our
 * comments.php (`comments_template`); block themes get the same in place of
 * their Comments block. With the form backend (the default) the theme's
 * list stays and the widget adds no thread.
 *
 * @param string $file The theme's comments template.
 * @return string
 */
function comment_widget_comments_template( $file ) {
	return 'wordpress-rest' === comment_widget_backend() ? COMMENT_WIDGET_DIR . '/comments.php' : $file;
}

/**
 * The comments area the plugin prints with the REST backend (comments.php and
 * the Comments block): the widget, its thread printed, and its form, or on a
 * closed post the thread and "Comments are closed.".
 *
 * @return string
 */
function comment_widget_comments_area() {
	if ( post_password_required() ) {
		return '';
	}
	ob_start();
	// The area's heading, as the theme's "N responses" was (the widget's
	// own headings, "Leave a Reply" and the count, are a level below it);
	// for screen readers, the count says it for the eye.
	echo '<div id="comments" class="comments-area cw-comments-area"><h2 class="cw-comments-area__title">' . esc_html__( 'Comments' ) . '</h2>';
	if ( comments_open() ) {
		comment_widget_print( false );
	} else {
		comment_widget_render_closed();
	}
	echo '</div>';
	return (string) ob_get_clean();
}

/**
 * A block theme's Comments block, with the REST backend: the widget's
 * comments area in its place.
 *
 * @param string $content The block's rendering.
 * @return string
 */
function comment_widget_comments_block( $content ) {
	return 'wordpress-rest' === comment_widget_backend() && is_singular() ? comment_widget_comments_area() : $content;
}
