<?php
/*
 * The WordPress plugin's side of the cross-language test
 * (tests/tools/plugin.test.mjs): reads a grid as JSON on stdin
 * ({links, websites, plurals: {langs, numbers}}) and prints what the
 * plugin's includes/text.php makes of it, with no WordPress loaded.
 */
define('ABSPATH', __DIR__ . '/');
require __DIR__ . '/../../wordpress-plugin/comment-widget/includes/text.php';

$grid = json_decode(stream_get_contents(STDIN), true);
$plurals = array();
foreach ($grid['plurals']['langs'] as $lang) {
    $plurals[$lang] = array_map(function ($n) use ($lang) { return comment_widget_plural($lang, $n); }, $grid['plurals']['numbers']);
}
// A comment's HTML through the allowlist, back to HTML.
$rich = array_map(function ($html) use ($grid) {
    $doc = new DOMDocument();
    $into = $doc->appendChild($doc->createElement('div'));
    libxml_use_internal_errors(true);
    comment_widget_rich($html, $into, $grid['tags']);
    $out = '';
    foreach ($into->childNodes as $node) {
        $out .= $doc->saveHTML($node);
    }
    return $out;
}, $grid['rich']);
// The spam check (includes/spam.php) with what it needs of WordPress stood
// in for: the site's salt, transients for one process, the facts the build
// writes (given in the grid), words as written.
$proof = array();
if (isset($grid['proof'])) {
    define('DAY_IN_SECONDS', 86400);
    function wp_salt($scheme) { return 'the grid site salt'; }
    function __($text, $domain = '') { return $text; }
    function comment_widget_printed_markup() { global $grid; return isset($grid['proof']['facts']) ? array('facts' => array('proof' => $grid['proof']['facts'])) : false; }
    $transients = array();
    function get_transient($name) { global $transients; return isset($transients[$name]) ? $transients[$name] : false; }
    function set_transient($name, $value, $ttl) { global $transients; $transients[$name] = $value; return true; }
    require __DIR__ . '/../../wordpress-plugin/comment-widget/includes/spam.php';
    $proof = array(
        'facts' => comment_widget_proof_facts(),
        'challenges' => array_map(function () { return comment_widget_new_challenge(); }, range(1, (int) $grid['proof']['issue'])),
        // Each payload twice: the second is a replay.
        'checks' => array_map(function ($payload) { return array(comment_widget_check_proof($payload), comment_widget_check_proof($payload)); }, $grid['proof']['payloads']),
    );
}
echo json_encode(array(
    'proof' => $proof,
    'links' => array_map('comment_widget_safe_link', $grid['links']),
    'websites' => array_map('comment_widget_is_http_url', $grid['links']),
    'plurals' => $plurals,
    'rich' => $rich,
), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
