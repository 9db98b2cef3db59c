<?php
/**
 * What the printed thread decides about text, as the widget's core decides
 * it, with no WordPress in it: each language's plural categories (as
 * Intl.PluralRules gives them in the browser), which web addresses are
 * links (src/address.rs is_http_url, is_email) and which links a comment
 * keeps (src/backend/allowlist.rs safe_link), and a comment's HTML rebuilt
 * through the allowlist (PHP's DOM). tests/tools/plugin.test.mjs
 * runs these through `php` on the command line and compares them with the
 * core's answers on the same grid as the loader's painter.
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * The plural category of `$n` in `$lang` (CLDR's rules for the widget's six
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
	if ( 'zh' === $lang ) {
		return 'other';
	}
	return 1 === $n ? 'one' : 'other';
}

/** Rust's White_Space (char::is_whitespace, str::trim), as a character class's inside. */
const COMMENT_WIDGET_SPACE = '\t\n\x{0B}\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}';

/**
 * `$text` without Rust's white space at either end (str::trim).
 *
 * @param string $text Any text.
 * @return string
 */
function comment_widget_trim( $text ) {
	$out = preg_replace( '/^[' . COMMENT_WIDGET_SPACE . ']+|[' . COMMENT_WIDGET_SPACE . ']+$/u', '', $text );
	return null === $out ? $text : $out;
}

/**
 * A port number, 1 to 65535.
 *
 * @param string $port The part after the colon.
 * @return bool
 */
function comment_widget_is_port( $port ) {
	return 1 === preg_match( '/^\d+$/', $port ) && (int) $port > 0 && (int) $port <= 65535;
}

/**
 * How many characters (code points) `$text` has (without mbstring, which
 * PHP may lack).
 *
 * @param string $text UTF-8 text.
 * @return int
 */
function comment_widget_chars( $text ) {
	return (int) preg_match_all( '/./us', $text );
}

/**
 * A host name: localhost, an IPv4 address, or labels with a top-level domain.
 *
 * @param string $host The host, without its port.
 * @return bool
 */
function comment_widget_is_host( $host ) {
	if ( 'localhost' === strtolower( $host ) ) {
		return true;
	}
	$labels = explode( '.', rtrim( $host, '.' ) );
	if ( 4 === count( $labels ) && count( preg_grep( '/^\d{1,3}$/', $labels ) ) === 4 ) {
		return max( array_map( 'intval', $labels ) ) <= 255;
	}
	if ( count( $labels ) < 2 ) {
		return false;
	}
	$tld = end( $labels );
	if ( comment_widget_chars( $tld ) < 2 || ( 1 !== preg_match( '/^([a-zA-Z]|[^\x00-\x7f])+$/u', $tld ) && 1 !== preg_match( '/^xn--/i', $tld ) ) ) {
		return false;
	}
	foreach ( $labels as $label ) {
		if ( '' === $label || comment_widget_chars( $label ) > 63 || '-' === $label[0] || '-' === substr( $label, -1 ) || 1 !== preg_match( '/^([a-zA-Z0-9-]|[^\x00-\x7f])+$/u', $label ) ) {
			return false;
		}
	}
	return true;
}

/**
 * An http(s) address with a host (address::is_http_url): no spaces, no
 * control characters, no user, a valid port.
 *
 * @param string $url Any text.
 * @return bool
 */
function comment_widget_is_http_url( $url ) {
	$odd = preg_match( '/[' . COMMENT_WIDGET_SPACE . '\x{00}-\x{1F}\x{7F}-\x{9F}<>"`\\\\]/u', $url );
	if ( 0 !== $odd || 1 !== preg_match( '#^https?://#i', $url, $m ) ) {
		return false; // (1: odd characters; false: not UTF-8.)
	}
	$authority = preg_split( '#[/?\#]#', substr( $url, strlen( $m[0] ) ) )[0];
	if ( false !== strpos( $authority, '@' ) ) {
		return false;
	}
	if ( '' !== $authority && '[' === $authority[0] ) {
		$end = strpos( $authority, ']' );
		if ( false === $end ) {
			return false;
		}
		$after = (string) substr( $authority, $end + 1 );
		return 1 === preg_match( '/^[0-9a-fA-F:.]+$/', (string) substr( $authority, 1, $end - 1 ) ) && ( '' === $after || ( ':' === $after[0] && comment_widget_is_port( (string) substr( $after, 1 ) ) ) );
	}
	$colon = strrpos( $authority, ':' );
	if ( false !== $colon ) {
		if ( ! comment_widget_is_port( (string) substr( $authority, $colon + 1 ) ) ) {
			return false;
		}
		$authority = substr( $authority, 0, $colon );
	}
	return comment_widget_is_host( $authority );
}

/**
 * An e-mail address as WordPress's is_email() takes it (address::is_email).
 *
 * @param string $email Any text.
 * @return bool
 */
function comment_widget_is_email( $email ) {
	$at = strpos( $email, '@' );
	if ( strlen( $email ) < 6 || false === $at || $at < 1 ) {
		return false;
	}
	$local  = substr( $email, 0, $at );
	$domain = substr( $email, $at + 1 );
	if ( 1 !== preg_match( '/^[a-zA-Z0-9!#$%&\'*+\/=?^_`{|}~.-]+$/', $local ) || false !== strpos( $domain, '..' ) || 1 === preg_match( '/^[ \t\n\r\0\x0B.]|[ \t\n\r\0\x0B.]$/', $domain ) ) {
		return false;
	}
	$subs = explode( '.', $domain );
	if ( count( $subs ) < 2 ) {
		return false;
	}
	foreach ( $subs as $sub ) {
		if ( 1 !== preg_match( '/^[a-zA-Z0-9-]+$/', $sub ) || 1 === preg_match( '/^-|-$/', $sub ) ) {
			return false;
		}
	}
	return true;
}

/**
 * The address a comment's link keeps (allowlist::safe_link): an http(s)
 * one, or a mailto: to an e-mail address; else null (the link's text stays).
 *
 * @param string $href The link's href.
 * @return string|null
 */
function comment_widget_safe_link( $href ) {
	$href = comment_widget_trim( $href );
	if ( comment_widget_is_http_url( $href ) ) {
		return $href;
	}
	return 0 === stripos( $href, 'mailto:' ) && comment_widget_is_email( substr( $href, 7 ) ) ? 'mailto:' . substr( $href, 7 ) : null;
}

/**
 * A comment's HTML rebuilt into `$into` through the widget's allowlist
 * (`$tags`, from src/backend/allowlist.rs: paragraphs, line breaks,
 * emphasis, code, quotes, lists, links kept by comment_widget_safe_link
 * with rel="nofollow ugc noopener"); everything else keeps only its text.
 *
 * @param string                $html The comment's HTML as WordPress renders it.
 * @param DOMNode               $into Where the rebuilt nodes go.
 * @param array<string, string> $tags The allowlist: element => what it becomes.
 */
function comment_widget_rich( $html, $into, $tags ) {
	$source = new DOMDocument();
	$source->loadHTML( '<?xml encoding="utf-8"?><div>' . $html . '</div>', LIBXML_HTML_NOIMPLIED | LIBXML_HTML_NODEFDTD );
	comment_widget_rich_walk( $source->documentElement, $into, $tags, 0 );
}

/**
 * The children of `$from` rebuilt into `$to` (comment_widget_rich).
 *
 * @param DOMNode               $from  A node of the comment's HTML.
 * @param DOMNode               $to    Where its children go.
 * @param array<string, string> $tags  The allowlist.
 * @param int                   $depth How deep (past 32, text only).
 */
function comment_widget_rich_walk( $from, $to, $tags, $depth ) {
	$doc = $to->ownerDocument;
	foreach ( $from->childNodes as $child ) {
		if ( XML_TEXT_NODE === $child->nodeType || XML_CDATA_SECTION_NODE === $child->nodeType ) {
			$to->appendChild( $doc->createTextNode( $child->nodeValue ) );
		} elseif ( XML_ELEMENT_NODE === $child->nodeType ) {
			$name = strtolower( $child->nodeName );
			$tag  = $depth < 32 && isset( $tags[ $name ] ) ? $tags[ $name ] : null;
			$href = 'a' === $tag ? comment_widget_safe_link( (string) $child->getAttribute( 'href' ) ) : null;
			if ( ! $tag || ( 'a' === $tag && null === $href ) ) {
				comment_widget_rich_walk( $child, $to, $tags, $depth + 1 );
				continue;
			}
			$el = $doc->createElement( $tag );
			if ( 'a' === $tag ) {
				$el->setAttribute( 'href', $href );
				$el->setAttribute( 'rel', 'nofollow ugc noopener' );
			}
			$to->appendChild( $el );
			if ( 'br' !== $tag ) {
				comment_widget_rich_walk( $child, $el, $tags, $depth + 1 );
			}
		}
	}
}
