<?php
/**
 * The plugin's two settings (Settings → Comment Widget): where comments are
 * posted, and the form's theme.
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * The backends this plugin offers: WordPress's own form handler on the same
 * origin (the default), or the REST API.
 *
 * @return string[]
 */
function comment_widget_backends() {
	return array( 'wordpress-form', 'wordpress-rest' );
}

/**
 * The themes the widget has.
 *
 * @return string[]
 */
function comment_widget_themes() {
	return array( 'light', 'dark', 'auto' );
}

/**
 * The chosen backend, always one of comment_widget_backends().
 *
 * @return string
 */
function comment_widget_backend() {
	$backend = get_option( 'comment_widget_backend', 'wordpress-form' );
	return in_array( $backend, comment_widget_backends(), true ) ? $backend : 'wordpress-form';
}

/**
 * The chosen theme, always one of comment_widget_themes().
 *
 * @return string
 */
function comment_widget_theme() {
	$theme = get_option( 'comment_widget_theme', 'light' );
	return in_array( $theme, comment_widget_themes(), true ) ? $theme : 'light';
}

/**
 * Keeps only a known backend.
 *
 * @param mixed $value The submitted value.
 * @return string
 */
function comment_widget_sanitize_backend( $value ) {
	return in_array( $value, comment_widget_backends(), true ) ? $value : 'wordpress-form';
}

/**
 * Keeps only a known theme.
 *
 * @param mixed $value The submitted value.
 * @return string
 */
function comment_widget_sanitize_theme( $value ) {
	return in_array( $value, comment_widget_themes(), true ) ? $value : 'light';
}

/**
 * Registers the two settings and their fields.
 */
function comment_widget_register_settings() {
	register_setting(
		'comment_widget',
		'comment_widget_backend',
		array(
			'type'              => 'string',
			'default'           => 'wordpress-form',
			'sanitize_callback' => 'comment_widget_sanitize_backend',
		)
	);
	register_setting(
		'comment_widget',
		'comment_widget_theme',
		array(
			'type'              => 'string',
			'default'           => 'light',
			'sanitize_callback' => 'comment_widget_sanitize_theme',
		)
	);
	register_setting(
		'comment_widget',
		'comment_widget_spam_fate',
		array(
			'type'              => 'string',
			'default'           => 'refuse',
			'sanitize_callback' => function ( $value ) {
				return in_array( $value, comment_widget_spam_fates(), true ) ? $value : 'refuse';
			},
		)
	);
	add_settings_section( 'comment_widget_main', '', '__return_false', 'comment-widget' );
	add_settings_field(
		'comment_widget_backend',
		__( 'Posting to', 'comment-widget' ),
		'comment_widget_field_backend',
		'comment-widget',
		'comment_widget_main',
		array( 'label_for' => 'comment_widget_backend' )
	);
	add_settings_field(
		'comment_widget_theme',
		__( 'Theme', 'comment-widget' ),
		'comment_widget_field_theme',
		'comment-widget',
		'comment_widget_main',
		array( 'label_for' => 'comment_widget_theme' )
	);
	add_settings_field(
		'comment_widget_spam_fate',
		__( 'Spam', 'comment-widget' ),
		'comment_widget_field_spam',
		'comment-widget',
		'comment_widget_main',
		array( 'label_for' => 'comment_widget_spam_fate' )
	);
}

/**
 * The spam field: what happens to a comment that fails the spam check, and
 * how many were stopped.
 */
function comment_widget_field_spam() {
	$labels = array(
		'refuse' => __( 'Refuse it: nothing is stored, and the form tells the sender why', 'comment-widget' ),
		'spam'   => __( 'Mark it as spam: stored in Comments → Spam, never published', 'comment-widget' ),
	);
	comment_widget_select( 'comment_widget_spam_fate', $labels, comment_widget_spam_fate() );
	$counts = get_option( 'comment_widget_stopped', array() );
	$counts = is_array( $counts ) ? array_map( 'intval', $counts ) : array();
	$total  = array_sum( $counts );
	echo '<p class="description" id="comment-widget-stopped">';
	/* translators: %s: a number of comments. */
	echo esc_html( sprintf( _n( '%s comment stopped so far.', '%s comments stopped so far.', $total, 'comment-widget' ), number_format_i18n( $total ) ) );
	if ( $total ) {
		$parts = array();
		foreach ( $counts as $why => $n ) {
			$parts[] = $why . ': ' . number_format_i18n( $n );
		}
		echo ' (' . esc_html( implode( ', ', $parts ) ) . ')';
	}
	echo '</p><p class="description">' . esc_html__( 'The widget solves a small proof of work while the reader writes (no puzzle); a comment without it, sent within seconds of the form, or filling a field people never see is stopped. Readers without scripts are held for moderation. Akismet, when active, still judges every comment that passes.', 'comment-widget' ) . '</p>';
}

/**
 * A select of `$labels` (value => label) for the option `$name`.
 *
 * @param string                $name    The option, also the control's id and name.
 * @param array<string, string> $labels  The choices.
 * @param string                $current The value chosen now.
 */
function comment_widget_select( $name, $labels, $current ) {
	echo '<select id="' . esc_attr( $name ) . '" name="' . esc_attr( $name ) . '">';
	foreach ( $labels as $value => $label ) {
		printf( '<option value="%s"%s>%s</option>', esc_attr( $value ), selected( $current, $value, false ), esc_html( $label ) );
	}
	echo '</select>';
}

/**
 * The backend field.
 */
function comment_widget_field_backend() {
	$labels = array(
		'wordpress-form' => __( 'This site’s comment handler (wp-comments-post.php), as the theme’s form does', 'comment-widget' ),
		'wordpress-rest' => __( 'The REST API (anonymous comments only with the spam check’s solution)', 'comment-widget' ),
	);
	comment_widget_select( 'comment_widget_backend', $labels, comment_widget_backend() );
}

/**
 * The theme field.
 */
function comment_widget_field_theme() {
	$labels = array(
		'light' => __( 'Light', 'comment-widget' ),
		'dark'  => __( 'Dark', 'comment-widget' ),
		'auto'  => __( 'Follow the reader’s system setting', 'comment-widget' ),
	);
	comment_widget_select( 'comment_widget_theme', $labels, comment_widget_theme() );
}

/**
 * The settings page, under Settings → Comment Widget.
 */
function comment_widget_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<p>' . esc_html__( 'Name and email requirements, comment moderation and threading come from Settings → Discussion.', 'comment-widget' ) . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields( 'comment_widget' );
	do_settings_sections( 'comment-widget' );
	submit_button();
	echo '</form></div>';
}

/**
 * Adds the settings page.
 */
function comment_widget_admin_menu() {
	add_options_page( __( 'Comment Widget', 'comment-widget' ), __( 'Comment Widget', 'comment-widget' ), 'manage_options', 'comment-widget', 'comment_widget_settings_page' );
}
