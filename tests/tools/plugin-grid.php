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
echo json_encode(array(
    'links' => array_map('comment_widget_safe_link', $grid['links']),
    'websites' => array_map('comment_widget_is_http_url', $grid['links']),
    'plurals' => $plurals,
    'rich' => $rich,
), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
