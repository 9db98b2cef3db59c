<?php
/**
 * The widget's form printed into the page, before any script: the
 * components' own markup (assets/comment-widget-printed.json), filled and
 * escaped here, posting natively to wp-comments-post.php.
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * The widget's form as this page's own markup, for a declarative shadow root:
 * the form the components render at build time (assets/
 * comment-widget-printed.json, from src/bin/markup.rs), in the site's
 * language, with the widget's stylesheet. A reader types into it at the first
 * paint, before any script; the loader adopts it; without scripts (or
 * WebAssembly) it posts natively to wp-comments-post.php with WordPress's
 * field names. Every value put in is escaped. Empty when the plugin's assets
 * lack the file.
 *
 * @param int                   $post_id    The post.
 * @param array<string, string> $attributes The widget's attributes for it.
 * @return string
 */
function comment_widget_printed_form( $post_id, $attributes ) {
	$printed = comment_widget_printed_markup();
	$css = is_readable( COMMENT_WIDGET_DIR . '/assets/comment-widget.css' ) ? (string) file_get_contents( COMMENT_WIDGET_DIR . '/assets/comment-widget.css' ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of the plugin's own.
	if ( ! is_array( $printed ) || '' === $css || false !== stripos( $css, '</style' ) ) {
		return '';
	}
	$lang  = strtolower( (string) strtok( (string) $attributes['data-lang'], '-_' ) );
	$words = isset( $printed['words'][ $lang ] ) ? $printed['words'][ $lang ] : $printed['words']['en'];
	if ( isset( $attributes['data-logged-in-as'] ) ) {
		$variant = 'member';
	} elseif ( isset( $attributes['data-login-url'] ) ) {
		$variant = 'login';
	} else {
		$variant = 'true' === $attributes['data-require-name-email'] ? 'required' : 'optional';
	}
	$prefix = 'cws' . (int) $post_id;
	$vars   = array_merge(
		$words,
		array(
			'p'       => $prefix,
			'max0'    => $printed['limits'][0],
			'max1'    => $printed['limits'][1],
			'max2'    => $printed['limits'][2],
			'account' => str_replace( '{name}', isset( $attributes['data-logged-in-as'] ) ? $attributes['data-logged-in-as'] : '', $words['logged_in_as'] ),
			'profile' => isset( $attributes['data-profile-url'] ) ? $attributes['data-profile-url'] : '',
			'logout'  => isset( $attributes['data-logout-url'] ) ? $attributes['data-logout-url'] : '',
			'login'   => isset( $attributes['data-login-url'] ) ? $attributes['data-login-url'] : '',
		)
	);
	$fill = function ( $markup ) use ( $vars ) {
		return preg_replace_callback(
			'/\{\{(\w+)\}\}/',
			function ( $m ) use ( $vars ) {
				$value = isset( $vars[ $m[1] ] ) ? (string) $vars[ $m[1] ] : '';
				return in_array( $m[1], array( 'profile', 'logout', 'login' ), true ) ? esc_url( $value ) : esc_attr( $value );
			},
			$markup
		);
	};
	$form = $printed['forms'][ $variant ];
	if ( 'false' === $attributes['data-remember'] ) {
		// No "Save my name…" box, as comment_form() prints none.
		$form = (string) preg_replace( '#<p class="cw-consent"><input [^>]*name="wp-comment-cookies-consent".*?</p>#s', '', $form, 1 );
	}
	$html = $fill( $form );
	// Posting without scripts, as the theme's form does: WordPress's handler,
	// its field names, the post and the parent (and the unfiltered-HTML nonce).
	$parent = isset( $_GET['replytocom'] ) ? absint( $_GET['replytocom'] ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read as comment_form() reads it.
	$hidden = '<input type="hidden" name="comment_post_ID" value="' . esc_attr( (string) $post_id ) . '"><input type="hidden" name="comment_parent" value="' . esc_attr( (string) $parent ) . '">';
	// The spam check for a reader without scripts (includes/spam.php): the
	// form's signed issue time (such a comment is held for moderation), and
	// the trap under this site's name for it.
	$hidden .= '<input type="hidden" name="' . esc_attr( COMMENT_WIDGET_ISSUED ) . '" value="' . esc_attr( comment_widget_issued_token() ) . '">';
	$html    = str_replace( 'name="cw-hp"', 'name="' . esc_attr( comment_widget_trap_name() ) . '"', $html );
	if ( isset( $attributes['data-html-nonce'] ) ) {
		$hidden .= '<input type="hidden" name="_wp_unfiltered_html_comment" value="' . esc_attr( $attributes['data-html-nonce'] ) . '">';
	}
	// A returning reader's details, from the cookies WordPress set when they
	// ticked "Save my name…", filled in and the box ticked, as comment_form()
	// fills its own fields.
	$commenter = wp_get_current_commenter();
	$value     = function ( $key ) use ( $commenter ) {
		return ' value="' . esc_attr( $commenter[ $key ] ) . '"';
	};
	$html = str_replace(
		array( '<form novalidate class="cw-reply__form">', 'name="author"', 'name="email"', 'name="website"', 'name="wp-comment-cookies-consent"', '<button type="button" data-cw-preview=""', '</form>' ),
		array(
			'<form action="' . esc_url( site_url( '/wp-comments-post.php' ) ) . '" method="post" class="cw-reply__form">',
			'name="author"' . $value( 'comment_author' ),
			'name="email"' . $value( 'comment_author_email' ),
			'name="url"' . $value( 'comment_author_url' ),
			'name="wp-comment-cookies-consent"' . ( '' === $commenter['comment_author_email'] ? '' : ' checked' ),
			'<button type="button" hidden data-cw-preview=""',
			$hidden . '</form>',
		),
		$html
	);
	// With the REST backend, the thread's first page after the form, as the
	// live widget shows it (the loader paints it again from the REST answer
	// in the reader's language and time zone, and the wasm takes it over).
	$thread = '';
	if ( 'wordpress-rest' === $attributes['data-backend'] ) {
		try {
			$thread = comment_widget_printed_thread( $post_id, $attributes, $printed );
		} catch ( Throwable $e ) {
			// The page renders all the same; the loader paints the thread from REST.
			$thread = '';
		}
	}
	return '<template shadowrootmode="open"><style>' . $css . '</style><div class="cw-root" data-cw-painted="" data-cw-printed="' . esc_attr( $prefix ) . '">' . $html . $thread . '</div></template>';
}

/**
 * The markup the components render at build time (assets/
 * comment-widget-printed.json, from src/bin/markup.rs): the printed forms,
 * the words, and the thread painter's markup of a page of comments.
 *
 * @return array<string, mixed>|false
 */
function comment_widget_printed_markup() {
	static $printed = null;
	if ( null === $printed ) {
		$file    = COMMENT_WIDGET_DIR . '/assets/comment-widget-printed.json';
		$printed = is_readable( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of the plugin's own.
	}
	return $printed;
}
