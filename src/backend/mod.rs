//! Comments servers: the request we build for each, and how we read its answer.
//!
//! Each backend is one file with the same two pure functions,
//! `build_request(config, draft) -> HttpRequest` and
//! `read_response(&HttpResponse) -> Result<Posted, PostError>`; [`Backend`] is
//! an enum that matches to them, so the UI has one posting flow for all of
//! them and adding a server is one file and one arm. Sending the request is the
//! edge's job (`edge::http`); nothing here touches the network.

mod generic;
mod isso;
mod wordpress_form;
mod wordpress_rest;

use crate::config::WidgetConfig;
use crate::draft::{CommentDraft, Field, FieldError, Rules};

/// A comments server the widget can post to, chosen by `data-backend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// [Isso](https://isso-comments.de/docs/reference/server-api/): JSON POST to `<endpoint>/new?uri=<page>`.
    Isso,
    /// [WordPress REST](https://developer.wordpress.org/rest-api/reference/comments/#create-a-comment):
    /// JSON POST to `/wp/v2/comments`.
    WordPressRest,
    /// WordPress's classic `wp-comments-post.php`, form-encoded, same origin only.
    WordPressForm,
    /// Any endpoint taking a JSON object, field names from `data-fields`.
    Json,
    /// Any endpoint taking a form-encoded body, field names from `data-fields`.
    Form,
}

impl Backend {
    /// The `data-backend` values, as the site owner writes them.
    pub const NAMES: &'static [&'static str] = &["isso", "wordpress-rest", "wordpress-form", "json", "form"];

    /// The backend a `data-backend` value names (case and spaces ignored).
    pub fn from_name(name: &str) -> Option<Backend> {
        match name.trim().to_ascii_lowercase().as_str() {
            "isso" => Some(Backend::Isso),
            "wordpress-rest" => Some(Backend::WordPressRest),
            "wordpress-form" => Some(Backend::WordPressForm),
            "json" => Some(Backend::Json),
            "form" => Some(Backend::Form),
            _ => None,
        }
    }

    /// True for backends that post to one WordPress post (`data-post-id`).
    pub fn needs_post_id(self) -> bool {
        matches!(self, Backend::WordPressRest | Backend::WordPressForm)
    }

    /// What this server accepts, so the form refuses the same things first.
    pub fn rules(self) -> Rules {
        match self {
            Backend::Isso => isso::RULES,
            Backend::WordPressRest | Backend::WordPressForm => wordpress_rest::RULES,
            Backend::Json | Backend::Form => generic::RULES,
        }
    }

    /// The HTTP request that posts `draft` to this server.
    pub fn build_request(self, config: &WidgetConfig, draft: &CommentDraft) -> HttpRequest {
        match self {
            Backend::Isso => isso::build_request(config, draft),
            Backend::WordPressRest => wordpress_rest::build_request(config, draft),
            Backend::WordPressForm => wordpress_form::build_request(config, draft),
            Backend::Json => generic::build_request(config, draft, generic::Encoding::Json),
            Backend::Form => generic::build_request(config, draft, generic::Encoding::Form),
        }
    }

    /// For a server that cannot spot a duplicate itself (Isso), the request
    /// that lists the thread, to check before sending again whether an earlier
    /// attempt whose answer was lost did land.
    pub fn lookup_request(self, config: &WidgetConfig) -> Option<HttpRequest> {
        match self {
            Backend::Isso => Some(isso::thread_request(config)),
            _ => None,
        }
    }

    /// Reads [`Backend::lookup_request`]'s answer: the reader's comment, if
    /// the thread already has it.
    pub fn find_landed(self, draft: &CommentDraft, response: &HttpResponse) -> Option<Posted> {
        match self {
            Backend::Isso => isso::find_landed(draft, response),
            _ => None,
        }
    }

    /// What the server's answer means for the reader.
    pub fn read_response(self, config: &WidgetConfig, response: &HttpResponse) -> Result<Posted, PostError> {
        match self {
            Backend::Isso => isso::read_response(response),
            Backend::WordPressRest => wordpress_rest::read_response(response),
            Backend::WordPressForm => wordpress_form::read_response(response),
            Backend::Json | Backend::Form => generic::read_response(config, response),
        }
    }
}

/// A request ready to send: the edge turns it into a `fetch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    /// Absolute, or rooted at the page's origin when the endpoint was a path.
    pub url: String,
    pub content_type: &'static str,
    pub body: String,
    /// Further headers, such as a CSRF token (whose value the edge reads from
    /// the page: see [`HttpRequest::csrf_meta`]).
    pub headers: Vec<(String, String)>,
    /// When set, the edge adds a header `.1` holding the `content` of the
    /// page's `<meta name=.0>`.
    pub csrf_meta: Option<(String, String)>,
}

impl HttpRequest {
    fn get(url: String) -> HttpRequest {
        HttpRequest { method: "GET", url, content_type: "", body: String::new(), headers: Vec::new(), csrf_meta: None }
    }

    fn post(url: String, content_type: &'static str, body: String) -> HttpRequest {
        HttpRequest { method: "POST", url, content_type, body, headers: Vec::new(), csrf_meta: None }
    }
}

/// What came back, as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// The `Content-Type` header, or empty.
    pub content_type: String,
    pub body: String,
    /// True when the browser followed a redirect to get this answer.
    pub redirected: bool,
    /// The URL the answer came from (after redirects; no fragment).
    pub url: String,
}

impl HttpResponse {
    /// An answer that came straight back (no redirect).
    pub fn new(status: u16, content_type: &str, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            content_type: content_type.into(),
            body: body.into(),
            redirected: false,
            url: String::new(),
        }
    }

    /// True for a 2xx status.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A comment the server accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    /// The server's id for the new comment, when it says.
    pub id: Option<u64>,
    /// True when a moderator must approve it before it is public.
    pub held_for_moderation: bool,
}

/// Why a comment was not posted. The reader's text stays in the form for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostError {
    /// No answer at all: server down, connection refused, offline, or a
    /// cross-origin answer the browser would not let us read.
    Network,
    /// No answer within the configured time.
    Timeout,
    /// The server says the reader is posting too often.
    RateLimited,
    /// The server already has this very comment from this reader.
    Duplicate,
    /// The post no longer takes comments.
    CommentsClosed,
    /// The server has no such post (or it is not published).
    PostNotFound,
    /// The server only takes comments from logged-in users.
    LoginRequired,
    /// The server refused one field; shown under that field.
    Field(Field, FieldError),
    /// Any other refusal or server error, with the server's words when it gave any.
    Rejected { status: u16, message: Option<String> },
    /// A success status whose body is not what this server sends.
    Unreadable { status: u16 },
}

/// What a retry's answer means. When an earlier try failed without a clear
/// answer (timeout, lost connection, unreadable reply) it may still have
/// landed; a server that then calls the retry a duplicate is saying exactly
/// that, so the reader hears their comment arrived (the `bool`), not an error.
pub fn retry_outcome(result: Result<Posted, PostError>, retrying: bool) -> Result<(Posted, bool), PostError> {
    match result {
        Ok(posted) => Ok((posted, false)),
        Err(PostError::Duplicate) if retrying => Ok((Posted { id: None, held_for_moderation: false }, true)),
        Err(e) => Err(e),
    }
}

impl PostError {
    /// True for failures after which the reader may sensibly try again.
    pub fn can_retry(&self) -> bool {
        match self {
            PostError::Network | PostError::Timeout | PostError::RateLimited | PostError::Unreadable { .. } => true,
            PostError::Rejected { status, .. } => *status >= 500 || *status == 408,
            _ => false,
        }
    }

    /// True when the comment may have reached the server although we got no
    /// clear answer.
    pub fn may_have_landed(&self) -> bool {
        matches!(self, PostError::Network | PostError::Timeout | PostError::Unreadable { .. })
    }

    /// A hint for the site owner's console when the fix is theirs, not the reader's.
    pub fn site_owner_hint(&self, backend: Backend) -> Option<&'static str> {
        match (self, backend) {
            (PostError::LoginRequired, Backend::WordPressRest) => Some(
                "comment-widget: WordPress refuses anonymous comments over its REST API. To allow them, add \
                 add_filter('rest_allow_anonymous_comments', '__return_true'); to a plugin or mu-plugin, \
                 or use data-backend=\"wordpress-form\" from the site's own origin.",
            ),
            (PostError::PostNotFound, _) => Some("comment-widget: the server has no open post for this widget: check data-post-id or data-page."),
            (PostError::Network, _) => Some(
                "comment-widget: no answer could be read from the comments server: check data-endpoint, that the server runs, \
                 and that it allows this page's origin (CORS).",
            ),
            _ => None,
        }
    }
}

/// Form-encodes `pairs` (`application/x-www-form-urlencoded`).
pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&encode_query_value(name).replace('/', "%2F"));
        out.push('=');
        out.push_str(&encode_query_value(value).replace('/', "%2F"));
    }
    out
}

/// Percent-encodes a query value the way `encodeURIComponent` does, keeping `/`
/// readable (servers decode both the same).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0').to_ascii_uppercase());
            out.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0').to_ascii_uppercase());
        }
    }
    out
}

/// The readable text of a server's error page: the first `<p>` of a Werkzeug
/// or `wp_die` page, or a short plain-text body; tags dropped, entities
/// decoded, whitespace collapsed, at most 300 characters. `None` when there
/// are no words to show. The result is text and is only ever shown as text.
pub fn text_of_error_page(body: &str) -> Option<String> {
    let inner = match (body.find("<p>"), body.find("</p>")) {
        (Some(start), Some(end)) if end > start => &body[start + 3..end],
        _ if body.contains('<') => return None,
        _ => body,
    };
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = decode_entities(&text);
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    Some(match joined.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    })
}

/// Decodes the HTML entities servers put in messages (`&#8217;`, `&amp;`, …).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_names() {
        assert_eq!(Backend::from_name("isso"), Some(Backend::Isso));
        assert_eq!(Backend::from_name(" Isso\n"), Some(Backend::Isso));
        assert_eq!(Backend::from_name("disqus"), None);
        for name in Backend::NAMES {
            assert!(Backend::from_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn a_duplicate_on_a_retry_means_the_first_try_landed() {
        let posted = Posted { id: Some(1), held_for_moderation: false };
        assert_eq!(retry_outcome(Ok(posted.clone()), true), Ok((posted, false)));
        assert_eq!(retry_outcome(Err(PostError::Duplicate), false), Err(PostError::Duplicate));
        assert_eq!(
            retry_outcome(Err(PostError::Duplicate), true),
            Ok((Posted { id: None, held_for_moderation: false }, true))
        );
        assert!(PostError::Timeout.may_have_landed() && PostError::Timeout.can_retry());
        assert!(!PostError::Duplicate.can_retry() && !PostError::CommentsClosed.can_retry());
        assert!(PostError::Rejected { status: 503, message: None }.can_retry());
        assert!(!PostError::Rejected { status: 400, message: None }.can_retry());
    }

    #[test]
    fn forms_are_encoded_like_a_browser_would() {
        assert_eq!(
            encode_form(&[("comment", "a+b & c=d\n/é"), ("author", "")]),
            "comment=a%2Bb%20%26%20c%3Dd%0A%2F%C3%A9&author="
        );
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("/2026/11/a-post/"), "/2026/11/a-post/");
        assert_eq!(encode_query_value("/a b?c=d&e#f"), "/a%20b%3Fc%3Dd%26e%23f");
        assert_eq!(encode_query_value("/café"), "/caf%C3%A9");
    }

    #[test]
    fn error_pages_become_plain_text() {
        let werkzeug = "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>text is too short (minimum length: 3)</p>\n";
        assert_eq!(text_of_error_page(werkzeug).as_deref(), Some("text is too short (minimum length: 3)"));
        let wp = "<div class=\"wp-die-message\"><p><strong>Error:</strong> Duplicate comment detected; it looks as though you&#8217;ve already said that!</p></div>";
        assert_eq!(
            text_of_error_page(wp).as_deref(),
            Some("Error: Duplicate comment detected; it looks as though you\u{2019}ve already said that!")
        );
        assert_eq!(text_of_error_page("  Service   Unavailable \n").as_deref(), Some("Service Unavailable"));
        assert_eq!(text_of_error_page(""), None);
        assert_eq!(text_of_error_page("<html><body><div>no paragraph</div></body></html>"), None);
        assert_eq!(text_of_error_page("<p><script>alert(1)</script></p>").as_deref(), Some("alert(1)"));
        let long = format!("<p>{}</p>", "x".repeat(1000));
        assert_eq!(text_of_error_page(&long).unwrap().chars().count(), 301);
    }

    #[test]
    fn entities_decode_and_junk_stays() {
        assert_eq!(decode_entities("a &amp; b &lt;i&gt; &#8217; &#x2019; &quot;"), "a & b <i> \u{2019} \u{2019} \"");
        assert_eq!(decode_entities("AT&T &bogus; & &#99999999;"), "AT&T &bogus; & &#99999999;");
    }
}
