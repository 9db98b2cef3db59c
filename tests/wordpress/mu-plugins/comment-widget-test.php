<?php
/*
 * Plugin Name: comment-widget test site
 * Description: What the tests need from the test WordPress, nothing more.
 */

// What a site owner adds to take anonymous comments over REST (README), except
// on one "members only" post, which shows the reader what a refusal looks like.
// (With the comment-widget plugin active, the plugin alone decides: only a
// comment with its spam check's solution comes in.)
add_filter('rest_allow_anonymous_comments', function ($allow, $request) {
    if (function_exists('comment_widget_spam_verdict')) {
        return $allow;
    }
    return (int) $request['post'] !== (int) get_option('cw_members_only_post');
}, 10, 2);

// The plugin's spam check answering "expired" to the next N comments that
// passed it (cw_expire_next = N): what a reader meets when a solution expires
// on the way or a clock is wrong, without waiting two hours.
add_filter('pre_comment_approved', function ($approved) {
    $left = (int) get_option('cw_expire_next');
    if ($left > 0 && !is_wp_error($approved) && function_exists('comment_widget_refusal')) {
        update_option('cw_expire_next', $left - 1);
        $rest = function_exists('comment_widget_rest_request') && comment_widget_rest_request() !== null;
        return new WP_Error('comment_widget_expired', comment_widget_refusal('expired'), $rest ? array('status' => 403) : 403);
    }
    return $approved;
}, 100);

// The spam benchmark measures the plugin's defence, not WordPress's flood
// check (same address within 15 s), which would stop every second bot.
if (get_option('cw_no_flood_check')) {
    add_filter('wp_is_comment_flood', '__return_false', 99);
}

// Every request here comes from 127.0.0.1, and WordPress's flood check keys on
// the address: give each commenter (by email) an address of their own, so only
// a test that posts twice as the same reader meets the flood check.
(function () {
    if (($_SERVER['REQUEST_METHOD'] ?? '') !== 'POST') {
        return;
    }
    $email = $_POST['email'] ?? '';
    if ($email === '') {
        $json = json_decode(file_get_contents('php://input'), true);
        $email = is_array($json) ? ($json['author_email'] ?? '') : '';
    }
    if ($email !== '') {
        $_SERVER['REMOTE_ADDR'] = '2001:db8::' . substr(md5($email), 0, 4);
    }
})();

// The benchmark's "today's paint" row: the plugin without its printed form.
add_filter('comment_widget_print_form', function ($print) {
    return $print && !get_option('cw_no_print');
});

// No admin bar for logged-in users: WordPress's own toolbar is not under
// test (its "Skip to toolbar" link sits outside any landmark, and it prints
// the display name as stored).
add_filter('show_admin_bar', '__return_false');
