<?php
/*
 * comment-widget's test WordPress (installed to /etc/wordpress/ by
 * scripts/tools.sh). Debian's wp-config.php loads this file for requests to
 * 127.0.0.1 on any port. Every value comes from the environment of the
 * `php -S` that tests/e2e/support/wordpress.mjs starts, so each test run has
 * its own database and content directory.
 */
define('DB_NAME', getenv('CW_WP_DB_NAME') ?: 'wordpress');
define('DB_USER', getenv('CW_WP_DB_USER') ?: 'root');
define('DB_PASSWORD', '');
define('DB_HOST', getenv('CW_WP_DB_HOST') ?: 'localhost');
define('DB_CHARSET', 'utf8mb4');
$table_prefix = 'wp_';
define('WP_CONTENT_DIR', getenv('CW_WP_CONTENT_DIR') ?: '/var/lib/wordpress/wp-content');
$cw_host = isset($_SERVER['HTTP_HOST']) ? $_SERVER['HTTP_HOST'] : '127.0.0.1';
define('WP_HOME', 'http://' . $cw_host);
define('WP_SITEURL', 'http://' . $cw_host);
define('WP_CONTENT_URL', 'http://' . $cw_host . '/wp-content');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
// Test-only keys: this WordPress never leaves 127.0.0.1.
define('AUTH_KEY', 'cw-test-auth-key');
define('SECURE_AUTH_KEY', 'cw-test-secure-auth-key');
define('LOGGED_IN_KEY', 'cw-test-logged-in-key');
define('NONCE_KEY', 'cw-test-nonce-key');
define('AUTH_SALT', 'cw-test-auth-salt');
define('SECURE_AUTH_SALT', 'cw-test-secure-auth-salt');
define('LOGGED_IN_SALT', 'cw-test-logged-in-salt');
define('NONCE_SALT', 'cw-test-nonce-salt');
