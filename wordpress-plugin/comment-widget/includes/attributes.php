<?php
/**
 * The widget's attributes for a post, read from WordPress's own settings,
 * each named and bounded as the widget's core reads it (the attribute table
 * the build writes into assets/comment-widget-printed.json from
 * src/config/attributes.rs ATTRIBUTES).
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * The widget's attributes for a post, read from WordPress's own settings.
 *
 * @param int $post_id The post the comments belong to.
 * @return array<string, string> Attribute name => value (not yet escaped).
 */
function comment_widget_attributes( $post_id ) {
	$backend    = comment_widget_backend();
	$attributes = array(
		'data-comment-widget'     => '',
		'data-backend'            => $backend,
		// wp-comments-post.php lives where WordPress is installed; the REST
		// route is reached through the site's front page (any permalinks).
		'data-endpoint'           => 'wordpress-form' === $backend ? site_url( '/' ) : home_url( '/' ),
		'data-post-id'            => (string) $post_id,
		'data-lang'               => get_bloginfo( 'language' ),
		'data-require-name-email' => get_option( 'require_name_email' ) ? 'true' : 'false',
		'data-theme'              => comment_widget_theme(),
		// For the thread (replies nest as deep as WordPress keeps them).
		'data-thread-depth'       => get_option( 'thread_comments' ) ? comment_widget_bounded( 'thread-depth', (int) get_option( 'thread_comments_depth', 5 ) ) : '1',
		// "Comments should be displayed with the older/newer comments at the top".
		'data-sort'               => 'desc' === get_option( 'comment_order' ) ? 'newest' : 'oldest',
		// Settings → Avatars: "Show Avatars".
		'data-avatars'            => get_option( 'show_avatars' ) ? 'true' : 'false',
		// "Show comments cookies opt-in checkbox": the form offers "Save my
		// name, email, and website…" where comment_form() would.
		'data-remember'           => has_action( 'set_comment_cookies', 'wp_set_comment_cookies' ) && get_option( 'show_comments_cookies_opt_in' ) ? 'true' : 'false',
	);
	if ( get_option( 'page_comments' ) ) {
		// "Break comments into pages with N top level comments per page and
		// the last/first page displayed by default": the thread asks for as
		// many at a time (1 to 100, REST's most), and opens where WordPress's
		// pages open.
		$attributes['data-per-page']   = comment_widget_bounded( 'per-page', (int) get_option( 'comments_per_page', 50 ) );
		$attributes['data-first-page'] = 'newest' === get_option( 'default_comments_page' ) ? 'newest' : 'oldest';
	}
	/** This filter is documented in wp-includes/link-template.php */
	$permalink = apply_filters( 'the_permalink', get_permalink( $post_id ), $post_id );
	if ( is_user_logged_in() ) {
		// What comment_form() says to a user ("Logged in as …. Edit your
		// profile. Log out?"), and what proves the session: the REST API's
		// nonce (without it REST treats the user as anonymous) and, for users
		// who may post unfiltered HTML, the nonce the theme's form carries.
		$user                             = wp_get_current_user();
		$attributes['data-logged-in-as']  = '' !== $user->display_name ? $user->display_name : $user->user_login;
		$attributes['data-profile-url']   = get_edit_user_link();
		$attributes['data-logout-url']    = wp_logout_url( $permalink );
		if ( 'wordpress-rest' === $backend ) {
			$attributes['data-rest-nonce'] = wp_create_nonce( 'wp_rest' );
		}
		if ( current_user_can( 'unfiltered_html' ) ) {
			$attributes['data-html-nonce'] = wp_create_nonce( 'unfiltered-html-comment_' . $post_id );
		}
		// A user who may edit this post's comments (edit_comment is edit_post
		// on the comment's post) gets "Edit" under each, as the theme's list
		// prints with edit_comment_link(): get_edit_comment_link() less the id.
		if ( current_user_can( 'edit_post', $post_id ) ) {
			$attributes['data-edit-url'] = admin_url( 'comment.php?action=editcomment&c=' );
		}
	} else {
		// The spam check (includes/spam.php): solved while the reader writes.
		$attributes['data-challenge-url']   = comment_widget_challenge_url();
		$attributes['data-challenge-field'] = comment_widget_proof_facts()['field'];
	}
	if ( ! is_user_logged_in() && get_option( 'comment_registration' ) ) {
		// "Users must be registered and logged in to comment": the login
		// link in place of the form, back to this post.
		$attributes['data-login-url'] = wp_login_url( $permalink );
	}
	// Only what the widget reads (a name the core does not know would be a typo).
	$known = comment_widget_attribute( 'backend' ) ? array_filter( array_keys( $attributes ), 'comment_widget_attribute' ) : array_keys( $attributes );
	return array_intersect_key( $attributes, array_flip( array_merge( array( 'data-comment-widget' ), $known ) ) );
}

/**
 * The core's entry for an attribute (src/config/attributes.rs ATTRIBUTES, written
 * into assets/comment-widget-printed.json by the build): its kind, bounds
 * and default; null for a name it does not know, or without the file.
 *
 * @param string $name The attribute, with or without `data-`.
 * @return array<string, mixed>|null
 */
function comment_widget_attribute( $name ) {
	$printed = comment_widget_printed_markup();
	$name    = 0 === strpos( $name, 'data-' ) ? substr( $name, 5 ) : $name;
	foreach ( is_array( $printed ) && isset( $printed['facts']['attributes'] ) ? $printed['facts']['attributes'] : array() as $attribute ) {
		if ( $attribute['name'] === $name ) {
			return $attribute;
		}
	}
	return null;
}

/**
 * A whole number for the attribute `$name`, within the core's bounds for it.
 *
 * @param string $name  A number attribute.
 * @param int    $value WordPress's setting.
 * @return string
 */
function comment_widget_bounded( $name, $value ) {
	$attribute = comment_widget_attribute( $name );
	return (string) ( $attribute ? max( $attribute['min'], min( $attribute['max'], $value ) ) : $value );
}

/**
 * Prints the widget's element's opening tag, every attribute escaped (the
 * addresses as URLs).
 *
 * @param array<string, string> $attributes Attribute name => value.
 */
function comment_widget_open_tag( $attributes ) {
	echo '<div';
	foreach ( $attributes as $name => $value ) {
		$escaped = in_array( $name, array( 'data-endpoint', 'data-profile-url', 'data-logout-url', 'data-login-url' ), true ) ? esc_url( $value ) : esc_attr( $value );
		echo ' ' . esc_attr( $name ) . '="' . $escaped . '"'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped on the line above.
	}
	echo '>';
}
