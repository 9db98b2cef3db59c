<?php
/*
 * Router for `php -S 127.0.0.1:<port> -t /usr/share/wordpress router.php`:
 * pretty permalinks (/wp-json/…), plus the test's own files on the WordPress
 * origin, as a site owner would host them: the built widget under /cw-dist/
 * and host pages under /cw-pages/ (wp-comments-post.php answers only its own
 * origin), and the plugin under test from the test's content directory.
 */
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$types = array('html' => 'text/html; charset=utf-8', 'js' => 'text/javascript', 'css' => 'text/css', 'wasm' => 'application/wasm', 'json' => 'application/json');
$served = array(
    '/cw-dist/' => getenv('CW_DIST'),
    '/cw-pages/' => getenv('CW_PAGES'),
    // A plugin under test lives in the test's own content directory.
    '/wp-content/plugins/comment-widget/' => getenv('CW_WP_CONTENT_DIR') . '/plugins/comment-widget',
);
foreach ($served as $prefix => $dir) {
    if ($dir && strncmp($path, $prefix, strlen($prefix)) === 0) {
        $rel = substr($path, strlen($prefix));
        if ($rel === '' || substr($rel, -1) === '/') {
            $rel .= 'index.html';
        }
        $file = realpath($dir . '/' . $rel);
        if ($file === false || strncmp($file, realpath($dir), strlen(realpath($dir))) !== 0 || !is_file($file)) {
            http_response_code(404);
            echo 'not found';
            return true;
        }
        $ext = pathinfo($file, PATHINFO_EXTENSION);
        header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
        header('Cache-Control: no-store');
        readfile($file);
        return true;
    }
}
if ($path !== '/' && file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
