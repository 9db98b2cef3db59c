//! The widget's configuration, read from the host element's `data-*` attributes.
//!
//! This module owns the *meaning* of each attribute and the errors a site owner
//! sees when one is missing or wrong. Reading the attributes off a real element
//! is the edge's job (`edge::mount`); here they arrive through a plain lookup
//! function so host tests can feed any combination.

use std::fmt;

use crate::backend::thread::{Paging, Sort};
use crate::backend::{Account, Backend, Csrf, FieldNames, ProofSpec, Server};
use crate::draft::Rules;

/// How long the widget waits for a server before telling the reader it gave up.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

mod attributes;

pub use attributes::{Attribute, Bounds, Kind, ATTRIBUTES, LIVE_INTERVAL, PER_PAGE, THREAD_DEPTH, TIMEOUT_SECS};

/// Everything one widget instance needs: the server it posts to and the
/// form's own settings.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// Which server, where, and the facts it needs (`data-backend`,
    /// `data-endpoint`, `data-page`, `data-post-id`, `data-fields`,
    /// `data-extra`, `data-csrf-meta`, `data-honeypot`).
    pub server: Server,
    /// Give up on the server after this many milliseconds (`data-timeout`, in seconds).
    pub timeout_ms: u32,
    /// Whether name and email are required (`data-require-name-email`, default
    /// yes, WordPress's and Isso's default). A site that allows anonymous
    /// comments says `data-require-name-email="false"`.
    pub require_name_email: bool,
    /// Offer "Save my name, email, and website in this browser…"
    /// (`data-remember`, default yes). WordPress's "Show comments cookies
    /// opt-in checkbox" off is `data-remember="false"`: no box, and details
    /// kept from before fill the form once and are forgotten, as WordPress
    /// forgets its cookies.
    pub remember: bool,
    /// The language asked for by `data-lang` (else the page's `<html lang>`).
    pub lang: Option<String>,
    /// The site's replacements for the form's strings (`data-strings`).
    pub strings: Vec<(String, String)>,
    /// The comment to reply to when the form opens (`data-reply-to`), and the
    /// name of its author (`data-reply-to-name`).
    pub reply_to: Option<(u64, Option<String>)>,
    /// Show the thread under the form (`data-thread`): on by default where
    /// the server can list its comments (Isso, WordPress REST).
    pub thread: bool,
    /// Show avatars beside the authors in the thread (`data-avatars`, default yes).
    pub avatars: bool,
    /// Show ▲/▼ votes on comments where the server counts them (`data-votes`,
    /// default yes; Isso).
    pub votes: bool,
    /// The thread's order when the reader has not chosen one (`data-sort`:
    /// oldest, newest, or top for Isso's most liked; default oldest).
    pub sort: Sort,
    /// How the thread is read page by page: `data-per-page` (1 to 100,
    /// default 50) and `data-first-page` (`oldest`, the default, or
    /// `newest`: an oldest-first thread opens at its newest comments, with
    /// the earlier ones a button away above them, as WordPress shows its last
    /// page first).
    pub paging: Paging,
    /// Only logged-in users may comment (`data-login-url`, WordPress's
    /// "Users must be registered and logged in to comment"): a reader who is
    /// not gets "You must be logged in to post a comment." and this link
    /// instead of the form.
    pub login_url: Option<String>,
    /// How deep replies nest in the thread (`data-thread-depth`, 1 to 10;
    /// WordPress's "threaded comments N levels deep", 1 when threading is
    /// off): deeper replies show at the last level, which offers no Reply.
    pub thread_depth: Option<u32>,
    /// The post takes no more comments (`data-closed`): the thread, without
    /// the form or Reply, and "Comments are closed." under it.
    pub closed: bool,
    /// New comments while the reader reads (`data-live`, default yes): the
    /// server is asked for what is newer at least this many seconds apart
    /// (`data-live-interval`, 5 to 3600, default 30; `None`: never).
    pub live_interval: Option<u32>,
}

impl WidgetConfig {
    /// A configuration with every optional attribute at its default.
    pub fn new(server: Server) -> WidgetConfig {
        WidgetConfig {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            require_name_email: true,
            remember: true,
            lang: None,
            strings: Vec::new(),
            reply_to: None,
            thread: server.backend.can_list(),
            avatars: true,
            votes: true,
            sort: Sort::Oldest,
            paging: Paging::default(),
            login_url: None,
            thread_depth: None,
            closed: false,
            live_interval: Some(crate::backend::newer::INTERVAL_SECS),
            server,
        }
    }

    /// What the chosen server accepts, with this site's choices applied. A
    /// logged-in reader is asked only for the comment: the site knows them.
    pub fn rules(&self) -> Rules {
        let require_name_email = self.require_name_email && self.server.account.is_none();
        Rules { require_name_email, ..self.server.backend.rules() }
    }
}

/// What is wrong with a widget's attributes. Each names the attribute to fix;
/// its `Display` is the one-line explanation for the site owner's console
/// (in English, like a compiler error; the reader sees a short translated
/// sentence instead).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// A required attribute is absent or empty.
    Missing(&'static str),
    /// `data-backend` names no backend we know.
    UnknownBackend(String),
    /// `data-endpoint` is neither an http(s) URL nor a path starting with `/`.
    BadEndpoint(String),
    /// `data-page` does not start with `/`.
    BadPage(String),
    /// An attribute's value is not what it must be; the second part says what.
    BadValue { attribute: &'static str, value: String, expected: &'static str },
    /// A field name in `attribute` is already one of the comment's own fields
    /// (`data-fields`), so one would overwrite the other.
    Collision { attribute: &'static str, name: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("comment-widget: ")?;
        match self {
            ConfigError::Missing(attr) => write!(f, "the attribute {attr} is missing or empty"),
            ConfigError::UnknownBackend(v) => {
                write!(f, "data-backend=\"{v}\" is not a known backend (use one of: {})", Backend::NAMES.join(", "))
            }
            ConfigError::BadEndpoint(v) => {
                write!(f, "data-endpoint=\"{v}\" must be an http:// or https:// URL, or a path starting with /")
            }
            ConfigError::BadPage(v) => write!(f, "data-page=\"{v}\" must be a path starting with /"),
            ConfigError::BadValue { attribute, value, expected } => write!(f, "{attribute}=\"{value}\" must be {expected}"),
            ConfigError::Collision { attribute, name } => write!(
                f,
                "{attribute} uses the field name \"{name}\", which data-fields already gives to the comment's own fields: choose another name"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Builds a [`WidgetConfig`] from attribute values.
///
/// `attr` returns an attribute's value by its full name (`"data-backend"`);
/// `page_path` and `page_title` describe the host page and fill the defaults.
///
/// ```
/// use comment_widget::internal::config::from_attributes;
/// let attrs = |name: &str| match name {
///     "data-backend" => Some("isso".to_string()),
///     "data-endpoint" => Some("https://comments.example/".to_string()),
///     _ => None,
/// };
/// let config = from_attributes(attrs, "/news/post", "A post").unwrap();
/// assert_eq!(config.server.endpoint, "https://comments.example");
/// assert_eq!(config.server.page, "/news/post");
/// ```
pub fn from_attributes(
    attr: impl Fn(&str) -> Option<String>,
    page_path: &str,
    page_title: &str,
) -> Result<WidgetConfig, ConfigError> {
    let present = |name: &'static str| attr(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());

    let backend_name = present("data-backend").ok_or(ConfigError::Missing("data-backend"))?;
    let backend = Backend::from_name(&backend_name).ok_or_else(|| ConfigError::UnknownBackend(backend_name.clone()))?;

    let endpoint = present("data-endpoint").ok_or(ConfigError::Missing("data-endpoint"))?;
    if !is_endpoint(&endpoint) {
        return Err(ConfigError::BadEndpoint(endpoint));
    }
    let endpoint = endpoint.trim_end_matches('/').to_string();

    let page = match present("data-page") {
        Some(p) if p.starts_with('/') => p,
        Some(p) => return Err(ConfigError::BadPage(p)),
        None if page_path.is_empty() => "/".to_string(),
        None => page_path.to_string(),
    };

    let positive = |v: &str| v.parse::<u64>().ok().filter(|n| *n > 0);

    let post_id = optional(&present, "data-post-id", "the number of a post, like 42", positive)?;
    if post_id.is_none() && backend.needs_post_id() {
        return Err(ConfigError::Missing("data-post-id"));
    }
    let yes_no = |v: &str| match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    };
    let require_name_email = optional(&present, "data-require-name-email", "true or false", yes_no)?.unwrap_or(true);
    let remember = optional(&present, "data-remember", "true or false", yes_no)?.unwrap_or(true);
    let thread = optional(&present, "data-thread", "true or false", yes_no)?.unwrap_or(true);
    let avatars = optional(&present, "data-avatars", "true or false", yes_no)?.unwrap_or(true);
    let votes = optional(&present, "data-votes", "true or false", yes_no)?.unwrap_or(true);
    let closed = optional(&present, "data-closed", "true or false", yes_no)?.unwrap_or(false);
    let live = optional(&present, "data-live", "true or false", yes_no)?.unwrap_or(true);
    let live_interval = optional(&present, "data-live-interval", "a number of seconds from 5 to 3600", |v| {
        v.parse::<u32>().ok().filter(|s| LIVE_INTERVAL.contains(*s))
    })?
    .unwrap_or(crate::backend::newer::INTERVAL_SECS);
    let live_interval = live.then_some(live_interval);
    let thread_depth = optional(&present, "data-thread-depth", "a number of levels from 1 to 10", |v| {
        v.parse::<u32>().ok().filter(|d| THREAD_DEPTH.contains(*d))
    })?;
    let sort = optional(&present, "data-sort", "oldest, newest or top", Sort::from_name)?.unwrap_or_default();
    let defaults = Paging::default();
    let paging = Paging {
        per_page: optional(&present, "data-per-page", "a number of comments from 1 to 100", |v| {
            v.parse::<u32>().ok().filter(|n| PER_PAGE.contains(*n))
        })?
        .unwrap_or(defaults.per_page),
        newest_first_page: optional(&present, "data-first-page", "oldest or newest", |v| {
            match v.to_ascii_lowercase().as_str() {
                "oldest" => Some(false),
                "newest" => Some(true),
                _ => None,
            }
        })?
        .unwrap_or(defaults.newest_first_page),
    };
    let list_endpoint =
        optional(&present, "data-list-endpoint", "an http:// or https:// URL, or a path starting with /", |v| {
            is_endpoint(v).then(|| v.trim_end_matches('/').to_string())
        })?;
    let timeout_secs = optional(&present, "data-timeout", "a number of seconds from 1 to 300", |v| {
        v.parse::<u32>().ok().filter(|s| TIMEOUT_SECS.contains(*s))
    })?;
    let timeout_ms = timeout_secs.map_or(DEFAULT_TIMEOUT_MS, |s| s * 1000);
    let fields = optional(&present,
        "data-fields",
        "a JSON object like {\"comment\":\"body\",\"name\":\"author\"} (keys: comment, name, email, website, parent, page, avatar; null leaves one out)",
        parse_field_names,
    )?
    .unwrap_or_default();
    let extra = optional(
        &present,
        "data-extra",
        "a JSON object of strings, whole numbers or booleans, like {\"site\":\"blog\"}",
        parse_extra,
    )?
    .unwrap_or_default();
    let strings = optional(
        &present,
        "data-strings",
        "a JSON object of the form's strings, like {\"submit\":\"Send\"} (names as in src/i18n/en.rs)",
        parse_strings,
    )?
    .unwrap_or_default();
    let reply_to = optional(&present, "data-reply-to", "the number of a comment, like 12", positive)?
        .map(|id| (id, present("data-reply-to-name")));
    let csrf_header = optional(&present, "data-csrf-header", "an HTTP header name, like X-CSRF-Token", |v| {
        is_header_name(v).then(|| v.to_string())
    })?;
    let csrf = present("data-csrf-meta")
        .map(|meta_name| Csrf { meta_name, header: csrf_header.unwrap_or_else(|| "X-CSRF-Token".to_string()) });
    let honeypot_field = present("data-honeypot");
    let proof_field = present("data-challenge-field").unwrap_or_else(|| crate::backend::proof::FIELD.to_string());
    let proof =
        optional(&present, "data-challenge-url", "an http:// or https:// URL, or a path starting with /", |v| {
            is_endpoint(v).then(|| v.to_string())
        })?
        .map(|url| ProofSpec { url, field: proof_field })
        // A challenge is solved only for a server it can be sent to.
        .filter(|_| backend.takes_proof());
    const LINK: &str = "an http:// or https:// URL, or a path starting with /";
    let link = |v: &str| is_endpoint(v).then(|| v.to_string());
    // WordPress's nonces are ten hexadecimal digits; anything of letters and digits will do.
    let nonce = |v: &str| v.bytes().all(|b| b.is_ascii_alphanumeric()).then(|| v.to_string());
    let account = match present("data-logged-in-as") {
        Some(name) => Some(Account {
            name,
            profile: optional(&present, "data-profile-url", LINK, link)?,
            logout: optional(&present, "data-logout-url", LINK, link)?,
            rest_nonce: optional(&present, "data-rest-nonce", "a WordPress nonce (letters and digits)", nonce)?,
            html_nonce: optional(&present, "data-html-nonce", "a WordPress nonce (letters and digits)", nonce)?,
            edit: optional(&present, "data-edit-url", LINK, link)?,
        }),
        None => None,
    };
    let login_url = optional(&present, "data-login-url", LINK, link)?.filter(|_| account.is_none());
    // A fixed field or the spam trap under one of the comment's own names
    // would silently replace what the reader wrote.
    if backend.is_generic() {
        let taken = |name: &str| fields.all().any(|n| n == name);
        if let Some((name, _)) = extra.iter().find(|(name, _)| taken(name)) {
            return Err(ConfigError::Collision { attribute: "data-extra", name: name.clone() });
        }
        if let Some(name) = honeypot_field.as_ref().filter(|n| taken(n) || extra.iter().any(|(e, _)| e == *n)) {
            return Err(ConfigError::Collision { attribute: "data-honeypot", name: name.clone() });
        }
    }

    let server = Server {
        backend,
        endpoint,
        page,
        title: page_title.trim().to_string(),
        post_id,
        fields,
        extra,
        csrf,
        honeypot_field,
        list_endpoint,
        agent: String::new(),
        account,
        proof,
    };
    // The thread where the server can list it, unless the site turns it off.
    let thread = thread && server.can_list();
    let sort = sort.for_backend(server.backend);
    let lang = present("data-lang");
    Ok(WidgetConfig {
        server,
        timeout_ms,
        require_name_email,
        remember,
        lang,
        strings,
        reply_to,
        thread,
        avatars,
        votes,
        sort,
        paging,
        live_interval,
        login_url,
        thread_depth,
        closed,
    })
}

/// An optional attribute: absent → `None`; present → parsed, or an error that
/// names it and says what it must be.
fn optional<T>(
    present: &impl Fn(&'static str) -> Option<String>,
    attribute: &'static str,
    expected: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>, ConfigError> {
    present(attribute)
        .map(|value| parse(&value).ok_or(ConfigError::BadValue { attribute, value, expected }))
        .transpose()
}

fn parse_field_names(json: &str) -> Option<FieldNames> {
    let serde_json::Value::Object(map) = crate::json::parse(json)? else { return None };
    let mut names = FieldNames::default();
    for (key, value) in map {
        let name = match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => return None,
        };
        match key.as_str() {
            "comment" => names.comment = name,
            "name" => names.name = name,
            "email" => names.email = name,
            "website" => names.website = name,
            "parent" => names.parent = name,
            "page" => names.page = name,
            "avatar" => names.avatar = name,
            _ => return None,
        }
    }
    names.comment.as_ref()?;
    Some(names)
}

/// The comment WordPress's no-JavaScript reply link asks for: `?replytocom=N`
/// in the page's query string (`location.search`).
///
/// ```
/// assert_eq!(comment_widget::internal::config::reply_from_query("?p=1&replytocom=12"), Some(12));
/// assert_eq!(comment_widget::internal::config::reply_from_query("?replytocom=x"), None);
/// ```
pub fn reply_from_query(search: &str) -> Option<u64> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("replytocom="))
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
}

/// An HTTP header name: RFC 9110's `token` characters, as `Headers.append`
/// accepts them (anything else would make the browser throw mid-post).
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn parse_strings(json: &str) -> Option<Vec<(String, String)>> {
    let serde_json::Value::Object(map) = crate::json::parse(json)? else { return None };
    let mut probe = crate::i18n::EN;
    map.into_iter()
        .map(|(k, v)| {
            let text = v.as_str()?.to_string();
            probe.set(&k, "").then_some((k, text))
        })
        .collect()
}

fn parse_extra(json: &str) -> Option<Vec<(String, String)>> {
    let serde_json::Value::Object(map) = crate::json::parse(json)? else { return None };
    map.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Some((k, s)),
            serde_json::Value::Number(n) => Some((k, n.as_i64()?.to_string())),
            serde_json::Value::Bool(b) => Some((k, b.to_string())),
            _ => None,
        })
        .collect()
}

/// Checks a configuration an app built in code (the `CommentWidget` props)
/// as `from_attributes` checks attributes, with the same words: the
/// endpoint, the page, the post, the page size and the depth.
pub fn check(config: &WidgetConfig) -> Result<(), ConfigError> {
    let server = &config.server;
    if server.endpoint.is_empty() {
        return Err(ConfigError::Missing("data-endpoint"));
    }
    if !is_endpoint(&server.endpoint) {
        return Err(ConfigError::BadEndpoint(server.endpoint.clone()));
    }
    if server.page.trim().is_empty() {
        return Err(ConfigError::Missing("data-page"));
    }
    if !server.page.starts_with('/') {
        return Err(ConfigError::BadPage(server.page.clone()));
    }
    if server.backend.needs_post_id() && server.post_id.is_none_or(|id| id == 0) {
        return Err(ConfigError::Missing("data-post-id"));
    }
    let bad =
        |attribute, value: u32, expected| Err(ConfigError::BadValue { attribute, value: value.to_string(), expected });
    if !PER_PAGE.contains(config.paging.per_page) {
        return bad("data-per-page", config.paging.per_page, "a number of comments from 1 to 100");
    }
    match config.thread_depth {
        Some(depth) if !THREAD_DEPTH.contains(depth) => {
            bad("data-thread-depth", depth, "a number of levels from 1 to 10")
        }
        _ => Ok(()),
    }
}

/// An endpoint is an absolute http(s) URL with a host, or a path on the page's
/// own origin. Anything else (`javascript:`, `//host`, `ftp:`) is refused.
fn is_endpoint(value: &str) -> bool {
    if value.chars().any(char::is_whitespace) {
        return false;
    }
    if let Some(rest) = value.strip_prefix('/') {
        return !rest.starts_with('/');
    }
    crate::address::is_http_url(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Field;

    fn build(pairs: &[(&str, &str)]) -> Result<WidgetConfig, ConfigError> {
        let owned: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        from_attributes(
            move |name| owned.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            "/2026/11/a-post/",
            "  A post  ",
        )
    }

    #[test]
    fn a_complete_isso_config_reads_back() {
        let c = build(&[
            ("data-backend", "isso"),
            ("data-endpoint", "http://127.0.0.1:8081/"),
            ("data-page", "/custom/thread"),
        ])
        .unwrap();
        assert_eq!(c.server.backend, Backend::Isso);
        assert_eq!(c.server.endpoint, "http://127.0.0.1:8081");
        assert_eq!(c.server.page, "/custom/thread");
        assert_eq!(c.server.title, "A post");
        assert_eq!(c.timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn a_logged_in_reader_is_asked_only_for_the_comment() {
        let wp = [("data-backend", "wordpress-rest"), ("data-endpoint", "https://blog.example"), ("data-post-id", "1")];
        let with = |more: &[(&'static str, &'static str)]| build(&[&wp[..], more].concat());
        let c = with(&[
            ("data-logged-in-as", " Ada Lovelace "),
            ("data-profile-url", "https://blog.example/wp-admin/profile.php"),
            ("data-logout-url", "/wp-login.php?action=logout&redirect_to=%2F&_wpnonce=ab12"),
            ("data-rest-nonce", "0a1b2c3d4e"),
            ("data-login-url", "/wp-login.php"),
        ])
        .unwrap();
        let account = c.server.account.clone().unwrap();
        assert_eq!(account.name, "Ada Lovelace");
        assert_eq!(account.rest_nonce.as_deref(), Some("0a1b2c3d4e"));
        assert_eq!(account.html_nonce, None);
        assert_eq!(account.edit, None, "no Edit links for a user who may not edit");
        let moderator =
            with(&[("data-logged-in-as", "Ed"), ("data-edit-url", "/wp-admin/comment.php?action=editcomment&c=")]);
        assert_eq!(
            moderator.unwrap().server.account.and_then(|a| a.edit).as_deref(),
            Some("/wp-admin/comment.php?action=editcomment&c=")
        );
        let anonymous = with(&[("data-edit-url", "/wp-admin/comment.php?action=editcomment&c=")]).unwrap();
        assert_eq!(anonymous.server.account, None, "Edit links only for a logged-in user");
        assert!(!c.rules().require_name_email);
        assert_eq!(c.login_url, None, "a logged-in reader is not sent to the login");
        let anonymous = with(&[("data-login-url", "https://blog.example/wp-login.php?redirect_to=x")]).unwrap();
        assert_eq!((anonymous.server.account.is_none(), anonymous.rules().require_name_email), (true, true));
        assert_eq!(anonymous.login_url.as_deref(), Some("https://blog.example/wp-login.php?redirect_to=x"));
        for (attribute, value) in [
            ("data-profile-url", "javascript:alert(1)"),
            ("data-logout-url", "//evil.example/"),
            ("data-edit-url", "javascript:alert(1)//"),
            ("data-rest-nonce", "ab\"><script>"),
            ("data-html-nonce", "a b"),
        ] {
            let got = with(&[("data-logged-in-as", "Ada"), (attribute, value)]);
            assert!(
                matches!(got, Err(ConfigError::BadValue { attribute: a, .. }) if a == attribute),
                "{attribute}: {got:?}"
            );
        }
        assert!(matches!(with(&[("data-login-url", "javascript:x")]), Err(ConfigError::BadValue { .. })));
    }

    #[test]
    fn the_thread_depth_is_wordpress_range() {
        let with =
            |v: &'static str| build(&[("data-backend", "isso"), ("data-endpoint", "/c"), ("data-thread-depth", v)]);
        assert_eq!(with("1").unwrap().thread_depth, Some(1));
        assert_eq!(with(" 10 ").unwrap().thread_depth, Some(10));
        for bad in ["0", "11", "-1", "five", "٣"] {
            assert!(matches!(with(bad), Err(ConfigError::BadValue { attribute: "data-thread-depth", .. })), "{bad}");
        }
        assert_eq!(build(&[("data-backend", "isso"), ("data-endpoint", "/c")]).unwrap().thread_depth, None);
    }

    #[test]
    fn new_comments_are_checked_for_unless_the_site_says_not_and_never_more_often_than_the_floor() {
        let with = |attrs: &[(&'static str, &'static str)]| {
            build(&[&[("data-backend", "isso"), ("data-endpoint", "/isso")], attrs].concat()).map(|c| c.live_interval)
        };
        assert_eq!(with(&[]), Ok(Some(30)));
        assert_eq!(with(&[("data-live-interval", " 5 ")]), Ok(Some(5)));
        assert_eq!(with(&[("data-live", "false"), ("data-live-interval", "60")]), Ok(None));
        for bad in ["4", "0", "3601", "soon", "1.5"] {
            let got = with(&[("data-live-interval", bad)]);
            assert!(matches!(got, Err(ConfigError::BadValue { attribute: "data-live-interval", .. })), "{bad}");
        }
        assert!(matches!(
            with(&[("data-live", "sometimes")]),
            Err(ConfigError::BadValue { attribute: "data-live", .. })
        ));
    }

    #[test]
    fn the_sites_paging_is_read_and_a_wrong_value_names_its_attribute() {
        let with = |attrs: &[(&'static str, &'static str)]| {
            build(
                &[&[("data-backend", "wordpress-rest"), ("data-endpoint", "/"), ("data-post-id", "1")], attrs].concat(),
            )
        };
        assert_eq!(with(&[]).map(|c| c.paging), Ok(Paging::default()));
        assert_eq!(
            with(&[("data-per-page", " 10 "), ("data-first-page", "Newest")]).map(|c| c.paging),
            Ok(Paging { per_page: 10, newest_first_page: true })
        );
        assert_eq!(with(&[("data-first-page", "oldest")]).map(|c| c.paging.newest_first_page), Ok(false));
        for bad in ["0", "101", "-3", "ten", "٣", "1e2"] {
            let got = with(&[("data-per-page", bad)]);
            assert!(matches!(got, Err(ConfigError::BadValue { attribute: "data-per-page", .. })), "{bad}");
        }
        for bad in ["last", "first", "desc", "<b>"] {
            let got = with(&[("data-first-page", bad)]);
            assert!(matches!(got, Err(ConfigError::BadValue { attribute: "data-first-page", .. })), "{bad}");
        }
    }

    #[test]
    fn page_defaults_to_the_host_pages_path() {
        let c = build(&[("data-backend", "isso"), ("data-endpoint", "/isso")]).unwrap();
        assert_eq!(c.server.page, "/2026/11/a-post/");
        assert_eq!(c.server.endpoint, "/isso");
    }

    #[test]
    fn a_spam_check_is_kept_only_for_a_server_that_takes_its_solution() {
        let with = |backend: &'static str| {
            build(&[("data-backend", backend), ("data-endpoint", "/c"), ("data-challenge-url", "/challenge")])
                .map(|c| c.server.proof.map(|p| p.url))
        };
        assert_eq!(with("json"), Ok(Some("/challenge".into())));
        assert_eq!(with("waline"), Ok(None), "Waline has no hook for it: nothing to solve");
        assert_eq!(with("isso"), Ok(None));
    }

    #[test]
    fn backend_names_are_case_and_space_tolerant() {
        let c = build(&[("data-backend", " ISSO "), ("data-endpoint", "/c")]).unwrap();
        assert_eq!(c.server.backend, Backend::Isso);
    }

    #[test]
    fn each_bad_attribute_is_named() {
        let cases: &[(&[(&str, &str)], ConfigError)] = &[
            (&[("data-endpoint", "/c")], ConfigError::Missing("data-backend")),
            (&[("data-backend", "   "), ("data-endpoint", "/c")], ConfigError::Missing("data-backend")),
            (&[("data-backend", "isso")], ConfigError::Missing("data-endpoint")),
            (&[("data-backend", "disqus"), ("data-endpoint", "/c")], ConfigError::UnknownBackend("disqus".into())),
            (
                &[("data-backend", "isso"), ("data-endpoint", "javascript:alert(1)")],
                ConfigError::BadEndpoint("javascript:alert(1)".into()),
            ),
            (
                &[("data-backend", "isso"), ("data-endpoint", "//evil.example")],
                ConfigError::BadEndpoint("//evil.example".into()),
            ),
            (
                &[("data-backend", "isso"), ("data-endpoint", "comments.example")],
                ConfigError::BadEndpoint("comments.example".into()),
            ),
            (
                &[("data-backend", "isso"), ("data-endpoint", "/c"), ("data-page", "post")],
                ConfigError::BadPage("post".into()),
            ),
        ];
        for (attrs, want) in cases {
            assert_eq!(build(attrs).unwrap_err(), *want, "attrs {attrs:?}");
        }
    }

    #[test]
    fn wordpress_backends_need_a_post_id() {
        let e = build(&[("data-backend", "wordpress-rest"), ("data-endpoint", "/")]).unwrap_err();
        assert_eq!(e, ConfigError::Missing("data-post-id"));
        let c = build(&[("data-backend", "wordpress-form"), ("data-endpoint", "/"), ("data-post-id", "42")]).unwrap();
        assert_eq!(c.server.post_id, Some(42));
        for bad in ["0", "-1", "4x", "1.5"] {
            let e = build(&[("data-backend", "wordpress-rest"), ("data-endpoint", "/"), ("data-post-id", bad)]);
            assert!(matches!(e, Err(ConfigError::BadValue { attribute: "data-post-id", .. })), "{bad}");
        }
    }

    #[test]
    fn optional_attributes_parse_or_are_named() {
        let c = build(&[
            ("data-backend", "json"),
            ("data-endpoint", "https://api.example/comments"),
            ("data-require-name-email", "False"),
            ("data-timeout", "5"),
            ("data-fields", r#"{"comment":"body","name":"author","website":null}"#),
            ("data-extra", r#"{"site":"blog","version":2}"#),
            ("data-csrf-meta", "csrf-token"),
        ])
        .unwrap();
        assert!(!c.require_name_email);
        assert!(!c.rules().require_name_email);
        assert_eq!(c.timeout_ms, 5000);
        assert_eq!(c.server.fields.comment.as_deref(), Some("body"));
        assert_eq!(c.server.fields.name.as_deref(), Some("author"));
        assert_eq!(c.server.fields.email.as_deref(), Some("email"));
        assert_eq!(c.server.fields.website, None);
        assert_eq!(c.server.fields.field_for("author"), Some(Field::Author));
        assert_eq!(c.server.fields.field_for("website"), None);
        assert_eq!(c.server.extra, vec![("site".into(), "blog".into()), ("version".into(), "2".into())]);
        assert_eq!(c.server.csrf, Some(Csrf { meta_name: "csrf-token".into(), header: "X-CSRF-Token".into() }));

        let c = build(&[
            ("data-backend", "isso"),
            ("data-endpoint", "/c"),
            ("data-lang", "ar"),
            ("data-strings", r#"{"submit":"Send"}"#),
            ("data-reply-to", "12"),
            ("data-reply-to-name", "Ada"),
            ("data-honeypot", "nickname"),
        ])
        .unwrap();
        assert_eq!(c.lang.as_deref(), Some("ar"));
        assert_eq!(c.strings, vec![("submit".into(), "Send".into())]);
        assert_eq!(c.reply_to, Some((12, Some("Ada".into()))));
        assert_eq!(c.server.honeypot_field.as_deref(), Some("nickname"));
        assert!(c.thread, "Isso lists its thread: on by default");
        assert!(!build(&[("data-backend", "isso"), ("data-endpoint", "/c"), ("data-thread", "false")]).unwrap().thread);
        assert!(!build(&[("data-backend", "json"), ("data-endpoint", "/c"), ("data-thread", "true")]).unwrap().thread);
        let listed =
            build(&[("data-backend", "json"), ("data-endpoint", "/c"), ("data-list-endpoint", "/c/list/")]).unwrap();
        assert!(listed.thread, "a generic endpoint with a list lists");
        let isso = |extra: &[(&'static str, &'static str)]| {
            build(&[&[("data-backend", "isso"), ("data-endpoint", "/c")], extra].concat())
        };
        assert_eq!(isso(&[]).map(|c| (c.avatars, c.sort, c.votes)), Ok((true, Sort::Oldest, true)));
        assert_eq!(isso(&[("data-votes", "false")]).map(|c| c.votes), Ok(false));
        assert_eq!(isso(&[]).map(|c| c.remember), Ok(true));
        assert_eq!(isso(&[("data-remember", "false")]).map(|c| c.remember), Ok(false));
        assert!(matches!(
            isso(&[("data-remember", "nein")]),
            Err(ConfigError::BadValue { attribute: "data-remember", .. })
        ));
        assert!(isso(&[("data-votes", "maybe")]).is_err());
        assert_eq!(
            isso(&[("data-avatars", "false"), ("data-sort", "top")]).map(|c| (c.avatars, c.sort)),
            Ok((false, Sort::Top))
        );
        assert!(matches!(isso(&[("data-sort", "best")]), Err(ConfigError::BadValue { attribute: "data-sort", .. })));
        let wp = build(&[
            ("data-backend", "wordpress-rest"),
            ("data-endpoint", "/w"),
            ("data-post-id", "1"),
            ("data-sort", "top"),
        ]);
        assert_eq!(wp.map(|c| c.sort), Ok(Sort::Oldest), "WordPress has no likes to sort by");
        assert_eq!(listed.server.list_endpoint.as_deref(), Some("/c/list"));

        for (attr, bad) in [
            ("data-require-name-email", "maybe"),
            ("data-timeout", "0"),
            ("data-timeout", "soon"),
            ("data-list-endpoint", "javascript:alert(1)"),
            ("data-fields", "{not json"),
            ("data-fields", r#"{"colour":"x"}"#),
            ("data-fields", r#"{"comment":null}"#),
            ("data-fields", r#"{"comment":3}"#),
            ("data-extra", r#"{"nested":{"a":1}}"#),
            ("data-extra", "[1,2]"),
            ("data-strings", r#"{"sumbit":"Send"}"#),
            ("data-strings", r#"{"submit":1}"#),
            ("data-reply-to", "abc"),
            ("data-csrf-header", "X CSRF"),
            ("data-csrf-header", "Tökén"),
        ] {
            let e = build(&[("data-backend", "json"), ("data-endpoint", "/c"), (attr, bad)]).unwrap_err();
            assert!(e.to_string().contains(attr), "{attr}={bad}: {e:?}");
        }
    }

    #[test]
    fn site_owner_messages_name_the_attribute() {
        let e = build(&[("data-backend", "nope"), ("data-endpoint", "/c")]).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("data-backend=\"nope\""), "{text}");
        assert!(text.contains("isso"), "{text}");
        assert!(ConfigError::Missing("data-endpoint").to_string().contains("data-endpoint"));
    }

    #[test]
    fn fixed_fields_and_the_spam_trap_may_not_take_a_comment_field_name() {
        let base = [("data-backend", "json"), ("data-endpoint", "/c"), ("data-fields", r#"{"comment":"body"}"#)];
        let with = |extra: (&'static str, &'static str)| {
            let mut attrs = base.to_vec();
            attrs.push(extra);
            build(&attrs)
        };
        assert_eq!(
            with(("data-extra", r#"{"body":"x"}"#)).unwrap_err(),
            ConfigError::Collision { attribute: "data-extra", name: "body".into() }
        );
        assert_eq!(
            with(("data-honeypot", "email")).unwrap_err(),
            ConfigError::Collision { attribute: "data-honeypot", name: "email".into() }
        );
        let e = with(("data-honeypot", "page")).unwrap_err().to_string();
        assert!(e.contains("data-honeypot") && e.contains("\"page\""), "{e}");
        // `comment` is free once data-fields renames the comment to `body`.
        assert!(with(("data-extra", r#"{"comment":"x"}"#)).is_ok());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn any_attribute_value_is_read_or_refused_never_a_crash(
            name in proptest::sample::select(vec![
                "data-backend", "data-endpoint", "data-page", "data-post-id", "data-require-name-email", "data-timeout",
                "data-fields", "data-extra", "data-strings", "data-reply-to", "data-csrf-header", "data-honeypot",
            ]),
            value in crate::backend::tests::hostile_text(),
            path in crate::backend::tests::hostile_text(),
        ) {
            let owned = [
                ("data-backend".to_string(), "json".to_string()),
                ("data-endpoint".to_string(), "/c".to_string()),
                ("data-csrf-meta".to_string(), "t".to_string()),
                (name.to_string(), value.clone()),
            ];
            let got = from_attributes(|n| owned.iter().rev().find(|(k, _)| k == n).map(|(_, v)| v.clone()), &path, &value);
            if let Err(e) = got {
                proptest::prop_assert!(e.to_string().starts_with("comment-widget: "));
            }
            let _ = reply_from_query(&value);
        }
    }
}
