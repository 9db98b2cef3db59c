<?php
/**
 * The spam check, on the server: a proof of work in ALTCHA's open format
 * (v1, SHA-256), a trap field named for this site, and a time trap. The
 * widget fetches a challenge (REST: comment-widget/v1/challenge), solves it
 * while the reader writes and sends the solution with the comment; the
 * printed form, posted without scripts, carries a signed issue time instead
 * and is held for moderation. A comment that fails is refused or marked
 * spam (Settings → Comment Widget), never published and never put in front
 * of the moderator. The checks run in `pre_comment_approved`, where
 * WordPress decides a comment's fate for wp-comments-post.php and REST
 * alike, after Akismet's own verdict, which a passing comment keeps.
 *
 * The work, the life of a challenge and the time trap are the widget core's
 * facts (src/backend/proof.rs), carried here by the build.
 *
 * @package CommentWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * The proof's facts from the core (assets/comment-widget-printed.json), or
 * the same values when the file is missing.
 *
 * @return array{field: string, maxNumber: int, lifetime: int, minAge: int}
 */
function comment_widget_proof_facts() {
	$printed = comment_widget_printed_markup();
	$facts   = is_array( $printed ) && isset( $printed['facts']['proof'] ) && is_array( $printed['facts']['proof'] ) ? $printed['facts']['proof'] : array();
	return array(
		'field'     => isset( $facts['field'] ) ? (string) $facts['field'] : 'altcha',
		'maxNumber' => isset( $facts['maxNumber'] ) ? (int) $facts['maxNumber'] : 40000,
		'lifetime'  => isset( $facts['lifetime'] ) ? (int) $facts['lifetime'] : 7200,
		'minAge'    => isset( $facts['minAge'] ) ? (int) $facts['minAge'] : 3,
	);
}

/**
 * The key the challenges are signed with: this site's own, derived from its
 * secret salts (wp-config.php), never sent.
 *
 * @return string
 */
function comment_widget_spam_key() {
	return hash_hmac( 'sha256', 'comment-widget spam check', wp_salt( 'nonce' ) );
}

/**
 * The trap field's name on this site: a field people never see, which a
 * bot that fills every field fills.
 *
 * @return string
 */
function comment_widget_trap_name() {
	return 'cw_' . substr( hash_hmac( 'sha256', 'trap', comment_widget_spam_key() ), 0, 10 );
}

/**
 * The name of the printed form's signed issue time.
 */
const COMMENT_WIDGET_ISSUED = 'comment_widget_issued';

/**
 * How long the printed form's issue time is good for, in seconds: pages are
 * cached for a while, and a reader without scripts may write slowly.
 */
const COMMENT_WIDGET_PRINTED_LIFETIME = 2 * DAY_IN_SECONDS;

/**
 * The settings' fates for a comment that fails.
 *
 * @return string[]
 */
function comment_widget_spam_fates() {
	return array( 'refuse', 'spam' );
}

/**
 * The chosen fate: 'refuse' (the default: nothing is stored, the widget says
 * why and keeps the text) or 'spam' (stored as spam, out of sight).
 *
 * @return string
 */
function comment_widget_spam_fate() {
	$fate = get_option( 'comment_widget_spam_fate', 'refuse' );
	return in_array( $fate, comment_widget_spam_fates(), true ) ? $fate : 'refuse';
}

/**
 * A new challenge: a random number hidden in a hash, signed; the salt
 * carries when it was issued and when it expires.
 *
 * @return array<string, mixed>
 */
function comment_widget_new_challenge() {
	$facts     = comment_widget_proof_facts();
	$now       = time();
	$salt      = bin2hex( random_bytes( 12 ) ) . '?issued=' . $now . '&expires=' . ( $now + $facts['lifetime'] ) . '&';
	$challenge = hash( 'sha256', $salt . random_int( 0, $facts['maxNumber'] ) );
	return array(
		'algorithm' => 'SHA-256',
		'challenge' => $challenge,
		'maxnumber' => $facts['maxNumber'],
		'salt'      => $salt,
		'signature' => hash_hmac( 'sha256', $challenge, comment_widget_spam_key() ),
	);
}

/**
 * The REST route the widget fetches challenges from.
 */
function comment_widget_register_challenge_route() {
	register_rest_route(
		'comment-widget/v1',
		'/challenge',
		array(
			'methods'             => 'GET',
			'permission_callback' => '__return_true',
			'callback'            => function () {
				$response = new WP_REST_Response( comment_widget_new_challenge() );
				$response->header( 'Cache-Control', 'no-store' );
				return $response;
			},
		)
	);
}

/**
 * Where the widget fetches its challenges (the route through
 * `?rest_route=`, which every WordPress answers whatever its permalinks).
 *
 * @return string
 */
function comment_widget_challenge_url() {
	return add_query_arg( 'rest_route', '/comment-widget/v1/challenge', home_url( '/' ) );
}

/**
 * The printed form's signed issue time, for a reader without scripts.
 *
 * @return string
 */
function comment_widget_issued_token() {
	$value = time() . '.' . bin2hex( random_bytes( 8 ) );
	return $value . '.' . hash_hmac( 'sha256', 'issued ' . $value, comment_widget_spam_key() );
}

/**
 * Marks `$key` as used until `$until` (unix time); false if it was used
 * already: each payload is good once.
 *
 * @param string $key   What was used.
 * @param int    $until When it stops mattering.
 * @return bool
 */
function comment_widget_use_once( $key, $until ) {
	$name = 'cw_used_' . md5( $key );
	if ( false !== get_transient( $name ) ) {
		return false;
	}
	set_transient( $name, 1, max( 60, $until - time() + 60 ) );
	return true;
}

/**
 * Checks the widget's solution. Returns '' when it is good, else why not:
 * 'expired' or 'replayed' (the widget solves a fresh one), 'too-fast', or
 * 'invalid: …' for a payload that is not one of ours.
 *
 * @param mixed $payload The field's value as sent.
 * @return string
 */
function comment_widget_check_proof( $payload ) {
	if ( ! is_string( $payload ) || strlen( $payload ) > 4096 ) {
		return 'invalid: not a payload';
	}
	$json = base64_decode( $payload, true );
	$data = false === $json ? null : json_decode( $json, true, 4 );
	if ( ! is_array( $data ) ) {
		return 'invalid: not base64-encoded JSON';
	}
	foreach ( array( 'algorithm', 'challenge', 'salt', 'signature' ) as $key ) {
		if ( ! isset( $data[ $key ] ) || ! is_string( $data[ $key ] ) || strlen( $data[ $key ] ) > 1000 ) {
			return 'invalid: no ' . $key;
		}
	}
	if ( 'SHA-256' !== $data['algorithm'] ) {
		return 'invalid: algorithm';
	}
	$number = isset( $data['number'] ) ? $data['number'] : null;
	if ( ! is_int( $number ) || $number < 0 || $number > comment_widget_proof_facts()['maxNumber'] ) {
		return 'invalid: number';
	}
	if ( ! hash_equals( hash_hmac( 'sha256', $data['challenge'], comment_widget_spam_key() ), $data['signature'] ) ) {
		return 'invalid: signature';
	}
	if ( ! hash_equals( $data['challenge'], hash( 'sha256', $data['salt'] . $number ) ) ) {
		return 'invalid: solution';
	}
	$params = array();
	$query  = strstr( $data['salt'], '?' );
	parse_str( false === $query ? '' : substr( $query, 1 ), $params );
	$expires = isset( $params['expires'] ) && is_string( $params['expires'] ) ? (int) $params['expires'] : 0;
	$issued  = isset( $params['issued'] ) && is_string( $params['issued'] ) ? (int) $params['issued'] : 0;
	if ( $expires < time() ) {
		return 'expired';
	}
	if ( time() - $issued < comment_widget_proof_facts()['minAge'] ) {
		return 'too-fast';
	}
	return comment_widget_use_once( $data['challenge'], $expires ) ? '' : 'replayed';
}

/**
 * Checks the printed form's issue time. Returns '' when it is good (the
 * comment is then held for moderation), else why not.
 *
 * @param mixed $token The field's value as sent.
 * @return string
 */
function comment_widget_check_issued( $token ) {
	$parts = is_string( $token ) ? explode( '.', $token ) : array();
	if ( 3 !== count( $parts ) || ! hash_equals( hash_hmac( 'sha256', 'issued ' . $parts[0] . '.' . $parts[1], comment_widget_spam_key() ), $parts[2] ) ) {
		return 'no-proof';
	}
	$age = time() - (int) $parts[0];
	if ( $age < comment_widget_proof_facts()['minAge'] ) {
		return 'too-fast';
	}
	if ( $age > COMMENT_WIDGET_PRINTED_LIFETIME ) {
		return 'expired';
	}
	return comment_widget_use_once( $token, (int) $parts[0] + COMMENT_WIDGET_PRINTED_LIFETIME ) ? '' : 'replayed';
}

/**
 * The verdict on a comment's request fields: 'pass', 'hold' (a reader
 * without scripts), or why it is stopped.
 *
 * @param array<string, mixed> $fields The request's fields.
 * @param bool                 $rest   Sent through the REST API (always the widget's scripts).
 * @return string
 */
function comment_widget_judge( $fields, $rest ) {
	$trap = comment_widget_trap_name();
	if ( isset( $fields[ $trap ] ) && ( ! is_string( $fields[ $trap ] ) || '' !== trim( $fields[ $trap ] ) ) ) {
		return 'trap';
	}
	$field = comment_widget_proof_facts()['field'];
	if ( isset( $fields[ $field ] ) && '' !== $fields[ $field ] ) {
		$why = comment_widget_check_proof( $fields[ $field ] );
		return '' === $why ? 'pass' : $why;
	}
	if ( $rest || ! isset( $fields[ COMMENT_WIDGET_ISSUED ] ) ) {
		return 'no-proof';
	}
	$why = comment_widget_check_issued( $fields[ COMMENT_WIDGET_ISSUED ] );
	return '' === $why ? 'hold' : $why;
}

/**
 * The REST comment request under way, if any (kept for the verdict, which
 * WordPress asks for without it).
 *
 * @param WP_REST_Request|null $request Set it; null reads it.
 * @return WP_REST_Request|null
 */
function comment_widget_rest_request( $request = null ) {
	static $kept = null;
	if ( null !== $request ) {
		$kept = $request;
	}
	return $kept;
}

/**
 * Keeps a REST comment request for the verdict.
 *
 * @param mixed           $response The response so far (passed through).
 * @param array           $handler  The route's handler.
 * @param WP_REST_Request $request  The request.
 * @return mixed
 */
function comment_widget_keep_rest_request( $response, $handler, $request ) {
	if ( 'POST' === $request->get_method() && 0 === strpos( $request->get_route(), '/wp/v2/comments' ) ) {
		comment_widget_rest_request( $request );
	}
	return $response;
}

/**
 * Anonymous REST comments are let in only with the spam check's solution
 * (its verdict comes in `pre_comment_approved`): the REST API stays shut to
 * everyone else, as WordPress keeps it by default.
 *
 * @param bool            $allow   Allowed so far.
 * @param WP_REST_Request $request The request.
 * @return bool
 */
function comment_widget_rest_anonymous( $allow, $request ) {
	$field = comment_widget_proof_facts()['field'];
	return $allow || ( is_string( $request[ $field ] ) && '' !== $request[ $field ] );
}

/**
 * The sentence a refused comment gets.
 *
 * @param string $why Why it was stopped.
 * @return string
 */
function comment_widget_refusal( $why ) {
	switch ( $why ) {
		case 'expired':
		case 'replayed':
			return __( 'The spam check has expired. Please send your comment again.', 'comment-widget' );
		case 'too-fast':
			return __( 'This comment was sent too soon after the form was shown to be a person’s, so it was not accepted.', 'comment-widget' );
		case 'trap':
			return __( 'This comment filled in a field people never see, so it was not accepted.', 'comment-widget' );
		case 'no-proof':
			return __( 'This comment came without the site’s spam check, so it was not accepted. Please send it from the comment form.', 'comment-widget' );
		default:
			/* translators: %s: what is wrong with the payload, such as "signature". */
			return sprintf( __( 'The spam check’s answer is not valid (%s), so the comment was not accepted.', 'comment-widget' ), substr( $why, strlen( 'invalid: ' ) ) );
	}
}

/**
 * Counts a stopped comment, by why.
 *
 * @param string $why Why it was stopped.
 */
function comment_widget_count_stopped( $why ) {
	$reason  = 0 === strpos( $why, 'invalid' ) ? 'invalid' : $why;
	$counts  = get_option( 'comment_widget_stopped', array() );
	$counts  = is_array( $counts ) ? $counts : array();
	$counts[ $reason ] = ( isset( $counts[ $reason ] ) ? (int) $counts[ $reason ] : 0 ) + 1;
	update_option( 'comment_widget_stopped', $counts, false );
}

/**
 * The verdict, where WordPress decides a comment's fate (for
 * wp-comments-post.php and REST alike). Logged-in users, pingbacks and
 * trackbacks are WordPress's own to judge. A comment that passes keeps
 * what WordPress (and Akismet) decided.
 *
 * @param int|string|WP_Error $approved    The fate so far: 1, 0, 'spam', 'trash' or an error.
 * @param array               $commentdata The comment.
 * @return int|string|WP_Error
 */
function comment_widget_spam_verdict( $approved, $commentdata ) {
	if ( is_wp_error( $approved ) || ! empty( $commentdata['user_id'] ) || in_array( isset( $commentdata['comment_type'] ) ? $commentdata['comment_type'] : '', array( 'pingback', 'trackback' ), true ) ) {
		return $approved;
	}
	$request = comment_widget_rest_request();
	$rest    = null !== $request;
	// phpcs:ignore WordPress.Security.NonceVerification.Missing -- a comment form has no nonce; this is its spam check.
	$fields  = $rest ? $request->get_params() : wp_unslash( $_POST );
	$verdict = comment_widget_judge( is_array( $fields ) ? $fields : array(), $rest );
	if ( 'pass' === $verdict ) {
		return $approved;
	}
	if ( 'hold' === $verdict ) {
		return 1 === $approved || '1' === $approved ? 0 : $approved;
	}
	comment_widget_count_stopped( $verdict );
	$retry = in_array( $verdict, array( 'expired', 'replayed' ), true );
	if ( 'spam' === comment_widget_spam_fate() && ! $retry && 0 !== strpos( $verdict, 'invalid' ) ) {
		return 'spam';
	}
	$code = $retry ? 'comment_widget_expired' : 'comment_widget_stopped';
	return new WP_Error( $code, comment_widget_refusal( $verdict ), $rest ? array( 'status' => 403 ) : 403 );
}
