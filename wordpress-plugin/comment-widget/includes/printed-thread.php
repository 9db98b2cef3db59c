<?php
/**
 * The thread's first page printed into the page (the REST backend): the
 * thread painter's rendering of a page of comments (src/bin/markup.rs,
 * assets/comment-widget-printed.json), filled through DOMDocument (every
 * value a text node or an attribute), each comment's text as WordPress
 * renders it, rebuilt through the widget's allowlist (the build's `tags`;
 * links as includes/text.php keeps them), so the comments are in the HTML
 * as served: readable at the first paint, without scripts, and indexable.
 * The loader paints it again from the REST answer in the reader's language
 * and time zone, and the wasm takes it over.
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * The printed thread of a post, or '' when the markup is missing.
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
	$previous = libxml_use_internal_errors( true );
	$thread   = new Comment_Widget_Printed_Thread( $post_id, $attributes, $printed['painter'] );
	$html     = $thread->html();
	libxml_clear_errors();
	libxml_use_internal_errors( $previous );
	return $html;
}

/**
 * One post's printed thread: REST's first page (approved comments of the
 * post, `data-per-page` of them, in the site's order), nested as the
 * thread nests a page (src/backend/thread.rs nest).
 */
class Comment_Widget_Printed_Thread {
	/** @var array<string, string> The widget's attributes. */
	private $attributes;
	/** @var array<string, mixed> The painter's markup, allowlist and words. */
	private $painter;
	/** @var string The words' language. */
	private $lang;
	/** @var array<string, string> The thread's words in it. */
	private $words;
	/** @var array<int, array{c: WP_Comment, replies: int[]}> The page's comments by id. */
	private $nodes = array();
	/** @var int[] The top-level comments' ids, in the order shown. */
	private $top = array();
	/** @var int All approved comments of the post. */
	private $total;
	/** @var bool The page is read newest first and shown the other way round. */
	private $earlier;
	/** @var bool Newest first. */
	private $newest;
	/** @var DOMDocument The thread's document. */
	private $doc;
	/** @var DOMElement A comment with every part (its replies emptied). */
	private $sample;
	/** @var DOMElement An author without a website. */
	private $plain;

	/**
	 * Reads the post's first page of comments.
	 *
	 * @param int                   $post_id    The post.
	 * @param array<string, string> $attributes The widget's attributes.
	 * @param array<string, mixed>  $painter    The painter's markup, allowlist and words.
	 */
	public function __construct( $post_id, $attributes, $painter ) {
		$this->attributes = $attributes;
		$this->painter    = $painter;
		$lang             = strtolower( (string) strtok( (string) $attributes['data-lang'], '-_' ) );
		$this->lang       = isset( $painter['words'][ $lang ] ) ? $lang : 'en';
		$this->words      = $painter['words'][ $this->lang ];
		$per_page         = (int) ( isset( $attributes['data-per-page'] ) ? $attributes['data-per-page'] : comment_widget_attribute( 'per-page' )['default'] );
		$this->newest     = 'newest' === $attributes['data-sort'];
		// An oldest-first thread that opens at its newest page is read newest first, each page shown the other way round.
		$this->earlier = ! $this->newest && isset( $attributes['data-first-page'] ) && 'newest' === $attributes['data-first-page'];
		$query         = array(
			'post_id' => $post_id,
			'status'  => 'approve',
			'type'    => 'comment',
		);
		$listed        = get_comments( $query + array( 'number' => $per_page, 'orderby' => 'comment_date_gmt', 'order' => $this->newest || $this->earlier ? 'DESC' : 'ASC' ) );
		$this->total   = (int) get_comments( $query + array( 'count' => true ) );
		// Each reply under its parent when that is on the page, else at the top.
		foreach ( $listed as $c ) {
			$this->nodes[ (int) $c->comment_ID ] = array( 'c' => $c, 'replies' => array() );
		}
		foreach ( $listed as $c ) {
			$parent = (int) $c->comment_parent;
			if ( $parent && isset( $this->nodes[ $parent ] ) && $parent !== (int) $c->comment_ID ) {
				$this->nodes[ $parent ]['replies'][] = (int) $c->comment_ID;
			} else {
				$this->top[] = (int) $c->comment_ID;
			}
		}
		if ( $this->earlier ) {
			$this->top = array_reverse( $this->top );
		}
	}

	/**
	 * The painter's markup `$html` as a document.
	 *
	 * @param string $html Our own build's markup.
	 * @return DOMDocument
	 */
	private static function load( $html ) {
		$doc = new DOMDocument();
		$doc->loadHTML( '<?xml encoding="utf-8"?><div>' . str_replace( '<!>', '', $html ) . '</div>', LIBXML_HTML_NOIMPLIED | LIBXML_HTML_NODEFDTD );
		return $doc;
	}

	/**
	 * The first element under `$node` with the class `$class`.
	 *
	 * @param DOMNode $node  Where to look.
	 * @param string  $class A class name.
	 * @return DOMElement|null
	 */
	private static function find( $node, $class ) {
		$xpath = new DOMXPath( $node instanceof DOMDocument ? $node : $node->ownerDocument );
		return $xpath->query( './/*[contains(concat(" ", normalize-space(@class), " "), " ' . $class . ' ")]', $node )->item( 0 );
	}

	/**
	 * `$el`'s content replaced by `$text`, as one text node (never parsed).
	 *
	 * @param DOMNode $el   An element.
	 * @param string  $text Its text.
	 */
	private static function say( $el, $text ) {
		while ( $el->firstChild ) {
			$el->removeChild( $el->firstChild );
		}
		$el->appendChild( $el->ownerDocument->createTextNode( $text ) );
	}

	/**
	 * `$node` with its slots ({{name}}) filled from `$vars` in every text and
	 * attribute, and the sample comment's id made `$vars['id']`.
	 *
	 * @param DOMNode               $node The markup.
	 * @param array<string, string> $vars The slots' values.
	 * @return DOMNode
	 */
	private function fill( $node, $vars ) {
		$id      = $this->painter['id'];
		$replace = function ( $text ) use ( $vars, $id ) {
			$text = preg_replace_callback(
				'/\{\{(\w+)\}\}/',
				function ( $m ) use ( $vars ) {
					return isset( $vars[ $m[1] ] ) ? (string) $vars[ $m[1] ] : '';
				},
				$text
			);
			return isset( $vars['id'] ) ? str_replace( array( 'isso-' . $id, (string) $id ), array( 'comment-' . $vars['id'], $vars['id'] ), $text ) : $text;
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
	}

	/**
	 * Replies, oldest first.
	 *
	 * @param int[] $ids Comment ids.
	 * @return int[]
	 */
	private function sorted( $ids ) {
		$nodes = $this->nodes;
		usort(
			$ids,
			function ( $a, $b ) use ( $nodes ) {
				return array( $nodes[ $a ]['c']->comment_date_gmt, $a ) <=> array( $nodes[ $b ]['c']->comment_date_gmt, $b );
			}
		);
		return $ids;
	}

	/**
	 * The printed thread's HTML.
	 *
	 * @return string
	 */
	public function html() {
		$this->doc    = self::load( $this->painter['thread'] );
		$held_doc     = self::load( $this->painter['held'] );
		$host         = $this->doc->documentElement->firstChild;
		$list         = self::find( $host, 'cw-thread__list' );
		$this->plain  = self::find( $held_doc->documentElement, 'cw-comment__author' );
		$this->sample = self::find( $host, 'cw-thread__item' )->cloneNode( true );
		$replies      = self::find( $this->sample, 'cw-thread__replies' );
		while ( $replies->firstChild ) {
			$replies->removeChild( $replies->firstChild );
		}
		$this->fill( $host, $this->words );
		while ( $list->firstChild ) {
			$list->removeChild( $list->firstChild );
		}
		$levels = isset( $this->attributes['data-thread-depth'] ) ? max( 1, (int) $this->attributes['data-thread-depth'] ) : PHP_INT_MAX;
		foreach ( $this->top as $id ) {
			foreach ( $this->item( $id, $levels ) as $node ) {
				$list->appendChild( $node );
			}
		}
		$this->heading( $host );
		$host->setAttribute( 'data-cw-painted-thread', '' );
		return (string) $this->doc->saveHTML( $host );
	}

	/**
	 * The heading with its count, the order control, "Show more"/"Show earlier".
	 *
	 * @param DOMElement $host The thread's host.
	 */
	private function heading( $host ) {
		$words   = $this->words;
		$n       = $this->total;
		$key     = 'count_' . comment_widget_plural( $this->lang, $n );
		$heading = $n ? str_replace( '{n}', (string) $n, isset( $words[ $key ] ) ? $words[ $key ] : $words['count_other'] ) : $words['count_none'];
		$note    = self::find( $host, 'cw-thread__note' );
		$section = $host->getElementsByTagName( 'section' )->item( 0 );
		if ( $this->top ) {
			$note->setAttribute( 'hidden', '' );
			$section->removeAttribute( 'hidden' );
		} else {
			self::say( $note, $words['count_none'] );
			$note->removeAttribute( 'hidden' );
			$section->setAttribute( 'hidden', '' );
		}
		$section->setAttribute( 'aria-label', $heading );
		self::say( self::find( $host, 'cw-thread__title' ), $heading );
		foreach ( $host->getElementsByTagName( 'option' ) as $option ) {
			if ( 'top' === $option->getAttribute( 'value' ) ) {
				$option->parentNode->removeChild( $option );
				break;
			}
		}
		foreach ( $host->getElementsByTagName( 'option' ) as $option ) {
			if ( $option->getAttribute( 'value' ) === ( $this->newest ? 'newest' : 'oldest' ) ) {
				$option->setAttribute( 'selected', '' );
			}
		}
		$more = $this->total > count( $this->nodes );
		foreach ( $host->getElementsByTagName( 'button' ) as $button ) {
			if ( $button->hasAttribute( 'data-cw-more' ) ) {
				$above = 'earlier' === $button->getAttribute( 'data-cw-more' );
				if ( $more && $this->earlier === $above ) {
					$button->parentNode->removeAttribute( 'hidden' );
				} else {
					$button->parentNode->setAttribute( 'hidden', '' );
				}
			}
		}
	}

	/**
	 * The comment `$id` with its replies, `$levels` deep (at the last level,
	 * replies show beside it: thread::below).
	 *
	 * @param int $id     A comment on the page.
	 * @param int $levels How many levels may nest from here.
	 * @return DOMNode[]
	 */
	private function item( $id, $levels ) {
		$c     = $this->nodes[ $id ]['c'];
		$words = $this->words;
		$name  = '' !== trim( $c->comment_author ) ? $c->comment_author : $words['anonymous'];
		$edit  = isset( $this->attributes['data-edit-url'] ) ? $this->attributes['data-edit-url'] : '';
		$li    = $this->fill(
			$this->sample->cloneNode( true ),
			array_merge(
				$words,
				array(
					'id'       => (string) $id,
					'author'   => $name,
					'datetime' => str_replace( ' ', 'T', $c->comment_date_gmt ) . 'Z',
					'text'     => '',
					'edit_url' => $edit,
					'reply_to' => str_replace( '{name}', $name, $words['reply_to'] ),
				)
			)
		);
		$this->parts( $li, $c, $name );
		$last    = $levels <= 1;
		$replies = $this->sorted( $this->nodes[ $id ]['replies'] );
		if ( $last || ! comments_open( $c->comment_post_ID ) ) {
			foreach ( $li->getElementsByTagName( 'button' ) as $button ) {
				if ( $button->hasAttribute( 'data-cw-reply' ) ) {
					$button->setAttribute( 'hidden', '' );
				}
			}
		}
		$out  = array( $li );
		$list = self::find( $li, 'cw-thread__replies' );
		if ( $replies && ! $last ) {
			foreach ( $replies as $reply_id ) {
				foreach ( $this->item( $reply_id, $levels - 1 ) as $node ) {
					$list->appendChild( $node );
				}
			}
		} else {
			$list->parentNode->removeChild( $list );
			foreach ( $replies as $reply_id ) {
				foreach ( $this->item( $reply_id, 1 ) as $node ) {
					$out[] = $node;
				}
			}
		}
		return $out;
	}

	/**
	 * A comment's avatar, author, date, "Edit" and text; no votes or own buttons (WordPress has none).
	 *
	 * @param DOMElement $li   The comment's item.
	 * @param WP_Comment $c    The comment.
	 * @param string     $name Its author's name, as shown.
	 */
	private function parts( $li, $c, $name ) {
		$article = $li->getElementsByTagName( 'article' )->item( 0 );
		$img     = $li->getElementsByTagName( 'img' )->item( 0 );
		$url     = 'false' !== $this->attributes['data-avatars'] ? get_avatar_url( $c, array( 'size' => 48 ) ) : false;
		if ( $url ) {
			$img->setAttribute( 'src', set_url_scheme( $url, 'https' ) );
			$img->setAttribute( 'srcset', set_url_scheme( (string) get_avatar_url( $c, array( 'size' => 96 ) ), 'https' ) . ' 2x' );
		} else {
			$img->parentNode->removeChild( $img );
			$article->setAttribute( 'class', 'cw-comment' );
		}
		$author = self::find( $li, 'cw-comment__author' );
		$site   = (string) $c->comment_author_url;
		if ( comment_widget_is_http_url( $site ) ) {
			$author->getElementsByTagName( 'a' )->item( 0 )->setAttribute( 'href', $site );
		} else {
			$author->parentNode->replaceChild( $this->fill( $this->doc->importNode( $this->plain, true ), array( 'author' => $name ) ), $author );
		}
		/* translators: 1: date, 2: time (as the theme's comment list prints them) */
		self::say( $li->getElementsByTagName( 'time' )->item( 0 ), sprintf( __( '%1$s at %2$s' ), get_comment_date( '', $c ), mysql2date( (string) get_option( 'time_format' ), $c->comment_date ) ) );
		$meta = self::find( $li, 'cw-comment__meta' );
		$edit = $meta->getElementsByTagName( 'a' )->item( 1 );
		if ( ! isset( $this->attributes['data-edit-url'] ) && $edit ) {
			$meta->removeChild( $edit );
		}
		$text = self::find( $li, 'cw-comment__text' );
		while ( $text->firstChild ) {
			$text->removeChild( $text->firstChild );
		}
		comment_widget_rich( apply_filters( 'comment_text', $c->comment_content, $c, array() ), $text, $this->painter['tags'] );
		foreach ( array( 'cw-votes', 'cw-own' ) as $gone ) {
			$node = self::find( $li, $gone );
			if ( $node ) {
				$node->parentNode->removeChild( $node );
			}
		}
	}
}
