//! The widget's configuration, read from the host element's `data-*` attributes.
//!
//! This module owns the *meaning* of each attribute and the errors a site owner
//! sees when one is missing or wrong. Reading the attributes off a real element
//! is the edge's job (`edge::mount`); here they arrive through a plain lookup
//! function so host tests can feed any combination.

use crate::backend::Backend;

/// How long the widget waits for a server before telling the reader it gave up.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// Everything one widget instance needs to know to post a comment.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// Which comments server, chosen by `data-backend`.
    pub backend: Backend,
    /// The server's base URL from `data-endpoint`, without a trailing `/`.
    /// Absolute (`http(s)://…`) or rooted at the page's origin (`/isso`).
    pub endpoint: String,
    /// The thread's key on the server (`data-page`), by default the page's path.
    pub page: String,
    /// The thread's title sent with the first comment (Isso stores it), from the
    /// page's `<title>`.
    pub title: String,
    /// Give up on the server after this many milliseconds.
    pub timeout_ms: u32,
}

/// What is wrong with a widget's attributes. Each names the attribute to fix.
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
}

impl ConfigError {
    /// A one-line explanation for the site owner's console, naming the attribute.
    ///
    /// This is for the person who wrote the HTML, in English, like a compiler
    /// error; the reader sees a short translated sentence instead.
    pub fn for_site_owner(&self) -> String {
        match self {
            ConfigError::Missing(attr) => {
                format!("comment-widget: the attribute {attr} is missing or empty")
            }
            ConfigError::UnknownBackend(v) => format!(
                "comment-widget: data-backend=\"{v}\" is not a known backend (use one of: {})",
                Backend::NAMES.join(", ")
            ),
            ConfigError::BadEndpoint(v) => format!(
                "comment-widget: data-endpoint=\"{v}\" must be an http:// or https:// URL, or a path starting with /"
            ),
            ConfigError::BadPage(v) => {
                format!("comment-widget: data-page=\"{v}\" must be a path starting with /")
            }
        }
    }
}

/// Builds a [`WidgetConfig`] from attribute values.
///
/// `attr` returns an attribute's value by its full name (`"data-backend"`);
/// `page_path` and `page_title` describe the host page and fill the defaults.
///
/// ```
/// use comment_widget::config::from_attributes;
/// let attrs = |name: &str| match name {
///     "data-backend" => Some("isso".to_string()),
///     "data-endpoint" => Some("https://comments.example/".to_string()),
///     _ => None,
/// };
/// let config = from_attributes(attrs, "/news/post", "A post").unwrap();
/// assert_eq!(config.endpoint, "https://comments.example");
/// assert_eq!(config.page, "/news/post");
/// ```
pub fn from_attributes(
    attr: impl Fn(&str) -> Option<String>,
    page_path: &str,
    page_title: &str,
) -> Result<WidgetConfig, ConfigError> {
    let present = |name: &'static str| {
        attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };

    let backend_name = present("data-backend").ok_or(ConfigError::Missing("data-backend"))?;
    let backend = Backend::from_name(&backend_name)
        .ok_or_else(|| ConfigError::UnknownBackend(backend_name.clone()))?;

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

    Ok(WidgetConfig {
        backend,
        endpoint,
        page,
        title: page_title.trim().to_string(),
        timeout_ms: DEFAULT_TIMEOUT_MS,
    })
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
    crate::draft::is_http_url(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(pairs: &[(&str, &str)]) -> Result<WidgetConfig, ConfigError> {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
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
        assert_eq!(c.backend, Backend::Isso);
        assert_eq!(c.endpoint, "http://127.0.0.1:8081");
        assert_eq!(c.page, "/custom/thread");
        assert_eq!(c.title, "A post");
        assert_eq!(c.timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn page_defaults_to_the_host_pages_path() {
        let c = build(&[("data-backend", "isso"), ("data-endpoint", "/isso")]).unwrap();
        assert_eq!(c.page, "/2026/11/a-post/");
        assert_eq!(c.endpoint, "/isso");
    }

    #[test]
    fn backend_names_are_case_and_space_tolerant() {
        let c = build(&[("data-backend", " ISSO "), ("data-endpoint", "/c")]).unwrap();
        assert_eq!(c.backend, Backend::Isso);
    }

    #[test]
    fn each_bad_attribute_is_named() {
        let cases: &[(&[(&str, &str)], ConfigError)] = &[
            (&[("data-endpoint", "/c")], ConfigError::Missing("data-backend")),
            (&[("data-backend", "   "), ("data-endpoint", "/c")], ConfigError::Missing("data-backend")),
            (&[("data-backend", "isso")], ConfigError::Missing("data-endpoint")),
            (
                &[("data-backend", "disqus"), ("data-endpoint", "/c")],
                ConfigError::UnknownBackend("disqus".into()),
            ),
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
    fn site_owner_messages_name_the_attribute() {
        let e = build(&[("data-backend", "nope"), ("data-endpoint", "/c")]).unwrap_err();
        let text = e.for_site_owner();
        assert!(text.contains("data-backend=\"nope\""), "{text}");
        assert!(text.contains("isso"), "{text}");
        assert!(ConfigError::Missing("data-endpoint").for_site_owner().contains("data-endpoint"));
    }
}
