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
		'data-thread-depth'       => get_option( 'thread_comments' ) ? (string) (int) get_option( 'thread_comments_depth', 5 ) : '1',
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
		$attributes['data-per-page']   = (string) max( 1, min( 100, (int) get_option( 'comments_per_page', 50 ) ) );
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
	} elseif ( get_option( 'comment_registration' ) ) {
		// "Users must be registered and logged in to comment": the login
		// link in place of the form, back to this post.
		$attributes['data-login-url'] = wp_login_url( $permalink );
	}
	return $attributes;
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
	$css = is_readable( __DIR__ . '/assets/comment-widget.css' ) ? (string) file_get_contents( __DIR__ . '/assets/comment-widget.css' ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of the plugin's own.
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
		$file    = __DIR__ . '/assets/comment-widget-printed.json';
		$printed = is_readable( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a file of the plugin's own.
	}
	return $printed;
}

/**
 * The plural category of `$n` in `$lang` (CLDR's rules for the widget's five
 * languages), as Intl.PluralRules gives it in the browser.
 *
 * @param string $lang Primary language tag.
 * @param int    $n    A count.
 * @return string
 */
function comment_widget_plural( $lang, $n ) {
	if ( 'ar' === $lang ) {
		$m = $n % 100;
		return 0 === $n ? 'zero' : ( 1 === $n ? 'one' : ( 2 === $n ? 'two' : ( $m >= 3 && $m <= 10 ? 'few' : ( $m >= 11 ? 'many' : 'other' ) ) ) );
	}
	if ( 'fr' === $lang ) {
		return $n < 2 ? 'one' : ( 0 === $n % 1000000 ? 'many' : 'other' );
	}
	if ( 'es' === $lang && 0 !== $n && 0 === $n % 1000000 ) {
		return 'many';
	}
	return 1 === $n ? 'one' : 'other';
}

/**
 * The thread's first page (REST's: approved comments of the post, `data-per-page`
 * of them, in the site's order) as this page's own markup: the thread
 * painter's rendering of a page of comments (src/bin/markup.rs), filled
 * through DOMDocument (every value a text node or an attribute), each
 * comment's text as WordPress renders it, rebuilt through the widget's
 * allowlist (the build's `tags`; links only to http(s) and mailto), so
 * the comments are in the HTML as served: readable at the first paint,
 * without scripts, and indexable. Empty when the markup is missing.
 *
 * @param int                   $post_id    The post.
 * @param array<string, string> $attributes The widget's attributes.
 * @param array<string, mixed>  $printed    comment_widget_printed_markup().
 * @return string
 */
function comment_widget_printed_thread( $post_id, $attributes, $printed ) {
	if ( ! isset( $printed['painter']['thread'], $printed['painter']['held'] ) || ! class_exists( 'DOMDocument' ) ) {
		return '';
	}
	$painter  = $printed['painter'];
	$lang     = strtolower( (string) strtok( (string) $attributes['data-lang'], '-_' ) );
	$words    = isset( $painter['words'][ $lang ] ) ? $painter['words'][ $lang ] : $painter['words']['en'];
	$lang     = isset( $painter['words'][ $lang ] ) ? $lang : 'en';
	$per_page = isset( $attributes['data-per-page'] ) ? (int) $attributes['data-per-page'] : 50;
	$newest   = 'newest' === $attributes['data-sort'];
	// An oldest-first thread that opens at its newest page is read newest first, each page shown the other way round.
	$earlier  = ! $newest && isset( $attributes['data-first-page'] ) && 'newest' === $attributes['data-first-page'];
	$query    = array(
		'post_id' => $post_id,
		'status'  => 'approve',
		'type'    => 'comment',
	);
	$listed   = get_comments( $query + array( 'number' => $per_page, 'orderby' => 'comment_date_gmt', 'order' => $newest || $earlier ? 'DESC' : 'ASC' ) );
	$total    = (int) get_comments( $query + array( 'count' => true ) );

	// Nested as the thread nests a page (src/backend/thread.rs nest): each
	// reply under its parent when that is on the page, else at the top.
	$nodes = array();
	foreach ( $listed as $c ) {
		$nodes[ (int) $c->comment_ID ] = array( 'c' => $c, 'replies' => array() );
	}
	$top = array();
	foreach ( $listed as $c ) {
		$parent = (int) $c->comment_parent;
		if ( $parent && isset( $nodes[ $parent ] ) && $parent !== (int) $c->comment_ID ) {
			$nodes[ $parent ]['replies'][] = (int) $c->comment_ID;
		} else {
			$top[] = (int) $c->comment_ID;
		}
	}
	$sorted = function ( $ids ) use ( $nodes ) {
		usort(
			$ids,
			function ( $a, $b ) use ( $nodes ) {
				return array( $nodes[ $a ]['c']->comment_date_gmt, $a ) <=> array( $nodes[ $b ]['c']->comment_date_gmt, $b );
			}
		);
		return $ids;
	};
	if ( $earlier ) {
		$top = array_reverse( $top );
	}

	$previous = libxml_use_internal_errors( true );
	$load     = function ( $html ) {
		$doc = new DOMDocument();
		$doc->loadHTML( '<?xml encoding="utf-8"?><div>' . str_replace( '<!>', '', $html ) . '</div>', LIBXML_HTML_NOIMPLIED | LIBXML_HTML_NODEFDTD );
		return $doc;
	};
	$doc      = $load( $painter['thread'] );
	$held_doc = $load( $painter['held'] );
	$find     = function ( $node, $class ) {
		$xpath = new DOMXPath( $node instanceof DOMDocument ? $node : $node->ownerDocument );
		return $xpath->query( './/*[contains(concat(" ", normalize-space(@class), " "), " ' . $class . ' ")]', $node )->item( 0 );
	};
	$fill     = function ( $node, $vars ) use ( $painter ) {
		$replace = function ( $text ) use ( $vars, $painter ) {
			$text = preg_replace_callback(
				'/\{\{(\w+)\}\}/',
				function ( $m ) use ( $vars ) {
					return isset( $vars[ $m[1] ] ) ? (string) $vars[ $m[1] ] : '';
				},
				$text
			);
			return isset( $vars['id'] ) ? str_replace( array( 'isso-' . $painter['id'], (string) $painter['id'] ), array( 'comment-' . $vars['id'], $vars['id'] ), $text ) : $text;
		};
		$all = array_merge( array( $node ), iterator_to_array( ( new DOMXPath( $node->ownerDocument ) )->query( './/node()', $node ) ) );
		foreach ( $all as $n ) {
			if ( XML_TEXT_NODE === $n->nodeType ) {
				$n->data = $replace( $n->data );
			} elseif ( XML_ELEMENT_NODE === $n->nodeType ) {
				foreach ( iterator_to_array( $n->attributes ) as $attribute ) {
					$n->setAttribute( $attribute->name, $replace( $attribute->value ) );
				}
			}
		}
		return $node;
	};
	// An element's text, as one text node (never parsed).
	$say     = function ( $el, $text ) {
		while ( $el->firstChild ) {
			$el->removeChild( $el->firstChild );
		}
		$el->appendChild( $el->ownerDocument->createTextNode( $text ) );
	};
	$host    = $doc->documentElement->firstChild;
	$item    = $find( $host, 'cw-thread__item' );
	$plain   = $find( $held_doc->documentElement, 'cw-comment__author' );
	$list    = $find( $host, 'cw-thread__list' );
	$sample  = $item->cloneNode( true );
	$sample_replies = $find( $sample, 'cw-thread__replies' );
	while ( $sample_replies->firstChild ) {
		$sample_replies->removeChild( $sample_replies->firstChild );
	}
	$fill( $host, $words );
	while ( $list->firstChild ) {
		$list->removeChild( $list->firstChild );
	}
	$avatars = 'false' !== $attributes['data-avatars'];
	$levels  = isset( $attributes['data-thread-depth'] ) ? max( 1, (int) $attributes['data-thread-depth'] ) : PHP_INT_MAX;
	$render  = function ( $id, $levels ) use ( &$render, $nodes, $sorted, $sample, $plain, $doc, $words, $fill, $find, $say, $avatars, $attributes ) {
		$c    = $nodes[ $id ]['c'];
		$name = '' !== trim( $c->comment_author ) ? $c->comment_author : $words['anonymous'];
		$li   = $fill(
			$sample->cloneNode( true ),
			array_merge(
				$words,
				array(
					'id'       => (string) $id,
					'author'   => $name,
					'datetime' => str_replace( ' ', 'T', $c->comment_date_gmt ) . 'Z',
					'text'     => '',
					'edit_url' => isset( $attributes['data-edit-url'] ) ? $attributes['data-edit-url'] : '',
					'reply_to' => str_replace( '{name}', $name, $words['reply_to'] ),
				)
			)
		);
		$article = $li->getElementsByTagName( 'article' )->item( 0 );
		$img     = $li->getElementsByTagName( 'img' )->item( 0 );
		$url     = $avatars ? get_avatar_url( $c, array( 'size' => 48 ) ) : false;
		if ( $url ) {
			$img->setAttribute( 'src', set_url_scheme( $url, 'https' ) );
			$img->setAttribute( 'srcset', set_url_scheme( (string) get_avatar_url( $c, array( 'size' => 96 ) ), 'https' ) . ' 2x' );
		} else {
			$img->parentNode->removeChild( $img );
			$article->setAttribute( 'class', 'cw-comment' );
		}
		$author = $find( $li, 'cw-comment__author' );
		$site   = (string) $c->comment_author_url;
		if ( preg_match( '#^https?://[^\s/?\#@]+\.[^\s/?\#@]+#i', $site ) ) {
			$author->getElementsByTagName( 'a' )->item( 0 )->setAttribute( 'href', $site );
		} else {
			$author->parentNode->replaceChild( $fill( $doc->importNode( $plain, true ), array( 'author' => $name ) ), $author );
		}
		$time = $li->getElementsByTagName( 'time' )->item( 0 );
		/* translators: 1: date, 2: time (as the theme's comment list prints them) */
		$say( $time, sprintf( __( '%1$s at %2$s' ), get_comment_date( '', $c ), mysql2date( (string) get_option( 'time_format' ), $c->comment_date ) ) );
		$meta = $find( $li, 'cw-comment__meta' );
		$edit = $meta->getElementsByTagName( 'a' )->item( 1 );
		if ( ! isset( $attributes['data-edit-url'] ) && $edit ) {
			$meta->removeChild( $edit );
		}
		$text = $find( $li, 'cw-comment__text' );
		while ( $text->firstChild ) {
			$text->removeChild( $text->firstChild );
		}
		comment_widget_rich( apply_filters( 'comment_text', $c->comment_content, $c, array() ), $text );
		foreach ( array( 'cw-votes', 'cw-own' ) as $gone ) {
			$node = $find( $li, $gone );
			if ( $node ) {
				$node->parentNode->removeChild( $node );
			}
		}
		$last    = $levels <= 1;
		$replies = $sorted( $nodes[ $id ]['replies'] );
		if ( $last || ! comments_open( $c->comment_post_ID ) ) {
			foreach ( $li->getElementsByTagName( 'button' ) as $button ) {
				if ( $button->hasAttribute( 'data-cw-reply' ) ) {
					$button->setAttribute( 'hidden', '' );
				}
			}
		}
		$out  = array( $li );
		$list = $find( $li, 'cw-thread__replies' );
		if ( $replies && ! $last ) {
			foreach ( $replies as $reply_id ) {
				foreach ( $render( $reply_id, $levels - 1 ) as $node ) {
					$list->appendChild( $node );
				}
			}
		} else {
			$list->parentNode->removeChild( $list );
			// At the last level, replies show beside their comment (thread::below).
			foreach ( $replies as $reply_id ) {
				foreach ( $render( $reply_id, 1 ) as $node ) {
					$out[] = $node;
				}
			}
		}
		return $out;
	};
	foreach ( $top as $id ) {
		foreach ( $render( $id, $levels ) as $node ) {
			$list->appendChild( $node );
		}
	}
	$n       = $total;
	$heading = $n ? str_replace( '{n}', (string) $n, isset( $words[ 'count_' . comment_widget_plural( $lang, $n ) ] ) ? $words[ 'count_' . comment_widget_plural( $lang, $n ) ] : $words['count_other'] ) : $words['count_none'];
	$note    = $find( $host, 'cw-thread__note' );
	$section = $host->getElementsByTagName( 'section' )->item( 0 );
	if ( $top ) {
		$note->setAttribute( 'hidden', '' );
		$section->removeAttribute( 'hidden' );
	} else {
		$say( $note, $words['count_none'] );
		$note->removeAttribute( 'hidden' );
		$section->setAttribute( 'hidden', '' );
	}
	$section->setAttribute( 'aria-label', $heading );
	$say( $find( $host, 'cw-thread__title' ), $heading );
	foreach ( $host->getElementsByTagName( 'option' ) as $option ) {
		if ( 'top' === $option->getAttribute( 'value' ) ) {
			$option->parentNode->removeChild( $option );
			break;
		}
	}
	foreach ( $host->getElementsByTagName( 'option' ) as $option ) {
		if ( $option->getAttribute( 'value' ) === ( $newest ? 'newest' : 'oldest' ) ) {
			$option->setAttribute( 'selected', '' );
		}
	}
	$more = $total > count( $listed );
	foreach ( $host->getElementsByTagName( 'button' ) as $button ) {
		if ( $button->hasAttribute( 'data-cw-more' ) ) {
			$above = 'earlier' === $button->getAttribute( 'data-cw-more' );
			if ( $more && $earlier === $above ) {
				$button->parentNode->removeAttribute( 'hidden' );
			} else {
				$button->parentNode->setAttribute( 'hidden', '' );
			}
		}
	}
	$host->setAttribute( 'data-cw-painted-thread', '' );
	$html = (string) $doc->saveHTML( $host );
	libxml_clear_errors();
	libxml_use_internal_errors( $previous );
	return $html;
}

/**
 * A comment's HTML rebuilt into `$into` through the widget's allowlist
 * (src/backend/allowlist.rs: paragraphs, line breaks, emphasis, code,
 * quotes, lists, links to http(s) and mailto with rel="nofollow ugc
 * noopener"); everything else keeps only its text.
 *
 * @param string  $html The comment's HTML as WordPress renders it.
 * @param DOMNode $into Where the rebuilt nodes go.
 */
function comment_widget_rich( $html, $into ) {
	$printed = comment_widget_printed_markup();
	$tags    = $printed['painter']['tags'];
	$source  = new DOMDocument();
	$source->loadHTML( '<?xml encoding="utf-8"?><div>' . $html . '</div>', LIBXML_HTML_NOIMPLIED | LIBXML_HTML_NODEFDTD );
	$doc  = $into->ownerDocument;
	$walk = function ( $from, $to, $depth ) use ( &$walk, $tags, $doc ) {
		foreach ( $from->childNodes as $child ) {
			if ( XML_TEXT_NODE === $child->nodeType || XML_CDATA_SECTION_NODE === $child->nodeType ) {
				$to->appendChild( $doc->createTextNode( $child->nodeValue ) );
			} elseif ( XML_ELEMENT_NODE === $child->nodeType ) {
				$name = strtolower( $child->nodeName );
				$tag  = $depth < 32 && isset( $tags[ $name ] ) ? $tags[ $name ] : null;
				$href = trim( (string) $child->getAttribute( 'href' ) );
				$safe = 'a' === $tag && ( preg_match( '#^https?://[^\s/?\#@<>"]+\.[a-z]{2,}(?::\d+)?([/?\#][^\s<>"]*)?$#i', $href ) || ( 0 === stripos( $href, 'mailto:' ) && is_email( substr( $href, 7 ) ) ) );
				if ( ! $tag || ( 'a' === $tag && ! $safe ) ) {
					$walk( $child, $to, $depth + 1 );
					continue;
				}
				$el = $doc->createElement( $tag );
				if ( 'a' === $tag ) {
					$el->setAttribute( 'href', $href );
					$el->setAttribute( 'rel', 'nofollow ugc noopener' );
				}
				$to->appendChild( $el );
				if ( 'br' !== $tag ) {
					$walk( $child, $el, $depth + 1 );
				}
			}
		}
	};
	$walk( $source->documentElement, $into, 0 );
}

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
add_action( 'comment_form_before', 'comment_widget_render' );

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
add_action( 'comment_form_comments_closed', 'comment_widget_render_closed' );

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
	wp_enqueue_script( 'comment-widget', plugins_url( 'assets/comment-widget.js', __FILE__ ), array(), COMMENT_WIDGET_VERSION, true );
	wp_enqueue_style( 'comment-widget-fallback', plugins_url( 'css/comment-widget-wp.css', __FILE__ ), array(), COMMENT_WIDGET_VERSION );
}
add_action( 'wp_enqueue_scripts', 'comment_widget_enqueue' );

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
add_filter( 'script_loader_tag', 'comment_widget_defer', 10, 2 );

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
	return 'wordpress-rest' === comment_widget_backend() ? __DIR__ . '/comments.php' : $file;
}
add_filter( 'comments_template', 'comment_widget_comments_template', 20 );

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
add_filter( 'render_block_core/comments', 'comment_widget_comments_block' );

// The REST backend posts anonymously: allow it only while it is chosen.
if ( 'wordpress-rest' === comment_widget_backend() ) {
	add_filter( 'rest_allow_anonymous_comments', '__return_true' );
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
}
add_action( 'admin_init', 'comment_widget_register_settings' );

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
		'wordpress-rest' => __( 'The REST API (allows anonymous comments over REST)', 'comment-widget' ),
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
add_action( 'admin_menu', 'comment_widget_admin_menu' );
