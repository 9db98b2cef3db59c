//! WordPress's classic form handler, `POST <site>/wp-comments-post.php`,
//! form-encoded, exactly what the theme's own form sends. It answers with a
//! redirect to the post on success and a `wp_die` HTML page otherwise, and has
//! no CORS headers: only a page on the WordPress site's own origin can read
//! its answers.

// WordPress checks the same limits and gives the same error codes in both
// entry points: `Backend::rules` uses the REST file's for both.
use super::wordpress_rest::error_from_code;
use super::{encode_form, query_value, text_of_error_page, HttpRequest, HttpResponse, Server};
use crate::draft::CommentDraft;
use crate::outcome::{PostError, Posted};

/// The query parameter our `redirect_to` carries: WordPress redirects there
/// only after it stored the comment, so finding it where the redirect lands
/// is the proof of a post.
pub const POSTED_MARK: &str = "cw-posted";

/// The theme's form, field for field. A logged-in reader's form has no name,
/// e-mail or website (WordPress takes the user's, by the site's cookies),
/// and carries the unfiltered-HTML nonce when the user may post HTML.
pub fn build_request(server: &Server, draft: &CommentDraft) -> HttpRequest {
    let post_id = server.post_id.unwrap_or_default().to_string();
    let parent = draft.parent.unwrap_or(0).to_string();
    let website = draft.website_to_send().unwrap_or_default();
    let redirect_to = format!("{}/?p={post_id}&{POSTED_MARK}=1", server.endpoint);
    // `wp-comment-cookies-consent` is never sent: the widget remembers the
    // reader's details itself (with consent, in localStorage), and without it
    // WordPress marks a held comment in the redirect (`unapproved=<id>`),
    // which is how we tell held from public on any language of WordPress.
    let mut pairs = vec![("comment", draft.comment_to_send())];
    match &server.account {
        None => pairs.extend([
            ("author", draft.author_to_send()),
            ("email", draft.email_to_send()),
            ("url", website.as_str()),
        ]),
        Some(account) => pairs.extend(account.html_nonce.as_deref().map(|n| ("_wp_unfiltered_html_comment", n))),
    }
    // The plugin's spam check: the solved challenge, and its trap (empty:
    // a filled trap is never sent).
    pairs.extend(server.proof_pair(draft));
    pairs.extend([
        ("comment_post_ID", post_id.as_str()),
        ("comment_parent", parent.as_str()),
        ("redirect_to", redirect_to.as_str()),
    ]);
    HttpRequest::post(
        format!("{}/wp-comments-post.php", server.endpoint),
        "application/x-www-form-urlencoded",
        encode_form(&pairs),
    )
}

/// The `wp_die` sentences of `wp_handle_comment_submission` (English), by
/// the error code WordPress gives them.
const MESSAGES: &[(&str, &str)] = &[
    ("Duplicate comment detected", "comment_duplicate"),
    // The plugin's (wordpress-plugin/comment-widget/includes/spam.php).
    ("spam check has expired", "comment_widget_expired"),
    ("posting comments too quickly", "comment_flood"),
    ("comments are closed", "comment_closed"),
    ("must be logged in to comment", "not_logged_in"),
    ("fill the required fields", "require_name_email"),
    ("enter a valid email address", "require_valid_email"),
    ("type your comment text", "require_valid_comment"),
    ("Your comment is too long", "comment_content_column_length"),
    ("Your name is too long", "comment_author_column_length"),
    ("Your email address is too long", "comment_author_email_column_length"),
    ("Your URL is too long", "comment_author_url_column_length"),
];

pub fn read_response(response: &HttpResponse) -> Result<Posted, PostError> {
    let status = response.status;
    if response.redirected && response.is_success() {
        // Decided from where the redirect landed, never from words on a page.
        let path = response.url.split(['?', '#']).next().unwrap_or("");
        if path.ends_with("/wp-login.php") {
            return Err(PostError::LoginRequired);
        }
        if query_value(&response.url, POSTED_MARK).is_none() {
            // A plugin changed the redirect, or a proxy sent us elsewhere: a
            // success we cannot tell from a failure.
            return Err(PostError::Uncertain);
        }
        // WordPress adds `unapproved=<id>&moderation-hash=…` for a held
        // comment with an email; a public one's id is in the fragment, which
        // fetch never exposes.
        return Ok(match query_value(&response.url, "unapproved").and_then(|v| v.parse().ok()) {
            Some(id) => Posted {
                moderation_hash: query_value(&response.url, "moderation-hash")
                    .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric()))
                    .map(str::to_string),
                ..Posted::held(Some(id))
            },
            None => Posted::public(None),
        });
    }
    if status == 200 && response.body.trim().is_empty() {
        // `comment_id_not_found`, `comment_on_draft` and friends end in a bare
        // `exit` with nothing in the body.
        return Err(PostError::PostNotFound);
    }
    let message = text_of_error_page(&response.body);
    let text = message.as_deref().unwrap_or("");
    // ASCII case folding: full Unicode lowercasing would add its tables to the wasm.
    let lower = text.to_ascii_lowercase();
    let code =
        MESSAGES.iter().find(|(needle, _)| lower.contains(&needle.to_ascii_lowercase())).map(|(_, code)| *code).or(
            match status {
                409 => Some("comment_duplicate"),
                429 => Some("comment_flood"),
                _ => None,
            },
        );
    match code {
        Some(code) => Err(error_from_code(code, text, &[], status)),
        None if response.is_success() => Err(PostError::Unreadable { status }),
        None => Err(PostError::Rejected { status, message }),
    }
}

/// The value of `name` in a URL's query, if present.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;
    use crate::draft::{Field, FieldError, Measure};

    fn wp_die(status: u16, message: &str) -> HttpResponse {
        let body = format!(
            "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head><title>Comment Submission Failure</title></head>\n<body id=\"error-page\">\n\t<div class=\"wp-die-message\"><p><strong>Error:</strong> {message}</p></div><p><a href='javascript:history.back()'>&laquo; Back</a></p></body>\n</html>"
        );
        HttpResponse::new(status, "text/html; charset=UTF-8", &body)
    }

    fn redirected(url: &str, body: &str) -> HttpResponse {
        HttpResponse { redirected: true, url: url.into(), ..HttpResponse::new(200, "text/html", body) }
    }

    #[test]
    fn the_plugins_spam_check_is_sent_and_its_expired_answer_read() {
        let server = Server {
            proof: Some(crate::backend::ProofSpec { url: "/c".into(), field: "altcha".into() }),
            ..Server::wordpress_form("https://blog.example", 7)
        };
        let draft = CommentDraft { comment: "Hi".into(), proof: Some("cGF5bG9hZA==".into()), ..Default::default() };
        let request = build_request(&server, &draft);
        assert!(request.body.contains("altcha=cGF5bG9hZA%3D%3D"), "{}", request.body);
        let unproven = build_request(&server, &CommentDraft { proof: None, ..draft });
        assert!(!unproven.body.contains("altcha"), "no field without a solution");
        // The plugin's refusal (includes/spam.php comment_widget_refusal('expired')).
        let answer = wp_die(403, "The spam check has expired. Please send your comment again.");
        assert_eq!(read_response(&answer), Err(PostError::SpamCheck));
        let other = wp_die(403, "This comment filled in a field people never see, so it was not accepted.");
        assert!(matches!(read_response(&other), Err(PostError::Rejected { status: 403, message: Some(_) })));
    }

    #[test]
    fn a_logged_in_readers_form_has_the_comment_and_the_html_nonce() {
        let account =
            crate::backend::Account { name: "Ada".into(), html_nonce: Some("9f8e7d".into()), ..Default::default() };
        let server =
            Server { post_id: Some(1), account: Some(account), ..Server::new(Backend::WordPressForm, "/blog") };
        let draft = CommentDraft {
            comment: "<h2>Staff note</h2>".into(),
            author: "Kept".into(),
            email: "k@example.org".into(),
            ..Default::default()
        };
        let body = build_request(&server, &draft).body;
        assert_eq!(
            body,
            "comment=%3Ch2%3EStaff%20note%3C%2Fh2%3E&_wp_unfiltered_html_comment=9f8e7d&comment_post_ID=1&comment_parent=0&redirect_to=%2Fblog%2F%3Fp%3D1%26cw-posted%3D1"
        );
        // Logged out in another tab: WordPress asks for the fields this form does not show.
        let asks = wp_die(200, "Please fill the required fields.");
        assert_eq!(Backend::WordPressForm.read_response(&server, &asks), Err(PostError::SessionExpired));
    }

    #[test]
    fn the_request_is_what_the_theme_form_sends() {
        let server = Server { post_id: Some(1), ..Server::new(Backend::WordPressForm, "http://127.0.0.1:8090") };
        let draft = CommentDraft {
            comment: "Fish & chips: 100% yes".into(),
            author: "Ada L".into(),
            email: "ada@example.org".into(),
            website: String::new(),
            remember: true,
            parent: None,
            honeypot: String::new(),
            notify: false,
            proof: None,
            root: None,
            parent_name: None,
        };
        let req = build_request(&server, &draft);
        assert_eq!(req.url, "http://127.0.0.1:8090/wp-comments-post.php");
        assert_eq!(req.content_type, "application/x-www-form-urlencoded");
        assert_eq!(
            req.body,
            "comment=Fish%20%26%20chips%3A%20100%25%20yes&author=Ada%20L&email=ada%40example.org&url=&comment_post_ID=1&comment_parent=0&redirect_to=http%3A%2F%2F127.0.0.1%3A8090%2F%3Fp%3D1%26cw-posted%3D1"
        );
        let req = build_request(&server, &CommentDraft { remember: false, parent: Some(9), ..draft });
        assert!(req.body.contains("&comment_parent=9&"), "{}", req.body);
    }

    #[test]
    fn answers_become_outcomes() {
        let cases: Vec<(HttpResponse, Result<Posted, PostError>)> = vec![
            (redirected("http://127.0.0.1:8090/?p=1&cw-posted=1", "<html>post</html>"), Ok(Posted::public(None))),
            (
                redirected("http://127.0.0.1:8090/hello-world/?cw-posted=1", "<html>post</html>"),
                Ok(Posted::public(None)),
            ),
            (
                redirected(
                    "http://127.0.0.1:8090/?p=1&cw-posted=1&unapproved=7&moderation-hash=abc",
                    "<html>post</html>",
                ),
                Ok(Posted { moderation_hash: Some("abc".into()), ..Posted::held(Some(7)) }),
            ),
            (
                redirected(
                    "http://127.0.0.1:8090/?p=1&cw-posted=1&unapproved=7&moderation-hash=a%22b",
                    "<html>post</html>",
                ),
                Ok(Posted::held(Some(7))),
            ),
            // Words on the page decide nothing: another reader's comment may say anything.
            (
                redirected("http://127.0.0.1:8090/?p=1&cw-posted=1", "<em>Your comment is awaiting moderation.</em>"),
                Ok(Posted::public(None)),
            ),
            // Landed somewhere that is not our mark: not a post we can prove.
            (redirected("http://127.0.0.1:8090/maintenance/", "<p>Back soon</p>"), Err(PostError::Uncertain)),
            (redirected("http://127.0.0.1:8090/?p=1", "<html>post</html>"), Err(PostError::Uncertain)),
            (
                redirected("http://127.0.0.1:8090/wp-login.php?redirect_to=%2F%3Fcw-posted%3D1", "<form>login</form>"),
                Err(PostError::LoginRequired),
            ),
            (HttpResponse::new(200, "text/html", ""), Err(PostError::PostNotFound)),
            (
                wp_die(409, "Duplicate comment detected; it looks as though you&#8217;ve already said that!"),
                Err(PostError::Duplicate),
            ),
            (wp_die(429, "You are posting comments too quickly. Slow down."), Err(PostError::RateLimited)),
            (wp_die(403, "Sorry, comments are closed for this item."), Err(PostError::CommentsClosed)),
            (wp_die(403, "Sorry, you must be logged in to comment."), Err(PostError::LoginRequired)),
            (
                wp_die(200, "Please fill the required fields."),
                Err(PostError::Field(Field::Author, FieldError::Required)),
            ),
            (
                wp_die(200, "Please enter a valid email address."),
                Err(PostError::Field(Field::Email, FieldError::InvalidEmail)),
            ),
            (
                wp_die(200, "Please type your comment text."),
                Err(PostError::Field(Field::Comment, FieldError::Required)),
            ),
            (
                wp_die(200, "Your comment is too long."),
                Err(PostError::Field(Field::Comment, FieldError::TooLong { max: 65525, measure: Measure::Bytes })),
            ),
            // Another language's wp_die: its words are shown as they are.
            (wp_die(409, "Doppelter Kommentar entdeckt"), Err(PostError::Duplicate)),
            (
                wp_die(403, "Kommentare sind geschlossen."),
                Err(PostError::Rejected { status: 403, message: Some("Error: Kommentare sind geschlossen.".into()) }),
            ),
            (
                HttpResponse::new(200, "text/html", "<html><body>login page</body></html>"),
                Err(PostError::Unreadable { status: 200 }),
            ),
            (HttpResponse::new(500, "", ""), Err(PostError::Rejected { status: 500, message: None })),
        ];
        for (response, want) in cases {
            assert_eq!(read_response(&response), want, "for {response:?}");
        }
    }
}
