//! Comments servers: the request we build for each, and how we read its answer.
//!
//! Each backend is one file with the same pure functions,
//! `build_request(server, draft) -> HttpRequest` and
//! `read_response(server, &HttpResponse) -> Result<Posted, PostError>`; [`Backend`]
//! is an enum that matches to them, so the UI has one posting flow for all of
//! them and adding a server is one file and one arm. A backend knows only the
//! connection facts in [`Server`], never the widget's configuration. Sending
//! the request is the edge's job (`edge::http`); nothing here touches the
//! network.

pub mod actions;
pub mod allowlist;
pub mod avatar;
mod generic;
mod isso;
pub mod newer;
pub mod proof;
mod text;
pub mod thread;
pub mod waline;
mod wordpress_form;
mod wordpress_rest;
pub mod wordpress_text;

pub use text::{
    decode_entities, encode_form, encode_query_value, held_comment_url, plain_text, query_value, text_of_error_page,
};

use crate::draft::{CommentDraft, Field, Rules};
use crate::outcome::{Lookup, PostError, Posted};

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
    /// [Waline](https://waline.js.org/): JSON POST to `<endpoint>/api/comment`.
    Waline,
}

/// Everything a backend needs to reach its server: the connection facts,
/// read from the page by `config`.
#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub backend: Backend,
    /// The server's base URL without a trailing `/`: absolute (`http(s)://…`)
    /// or rooted at the page's origin (`/isso`).
    pub endpoint: String,
    /// The thread's key on the server (Isso's `uri`, the generic `page`).
    pub page: String,
    /// The thread's title, sent with a comment (Isso stores it).
    pub title: String,
    /// The WordPress post the comments belong to.
    pub post_id: Option<u64>,
    /// Generic backends: the server's name for each of our fields.
    pub fields: FieldNames,
    /// Generic backends: fixed fields sent with every comment.
    pub extra: Vec<(String, String)>,
    /// A CSRF token to send, read from the page by the edge.
    pub csrf: Option<Csrf>,
    /// Generic backends: the field name the spam trap is sent under.
    pub honeypot_field: Option<String>,
    /// Generic backends: where the thread is listed (`data-list-endpoint`),
    /// absolute or rooted like `endpoint`.
    pub list_endpoint: Option<String>,
    /// The reader is logged in to the site (WordPress): the form asks only
    /// for the comment, and the request proves the session.
    pub account: Option<Account>,
    /// The spam check: where a proof-of-work challenge is fetched, and the
    /// field its solution is sent in (`data-challenge-url`,
    /// `data-challenge-field`; [`proof`]).
    pub proof: Option<ProofSpec>,
    /// The browser's `User-Agent`, which Waline stores with a comment (its
    /// `ua`); set by the edge, empty elsewhere.
    pub agent: String,
}

/// Where the site issues its spam check's challenges, and the field the
/// solution goes in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofSpec {
    /// Absolute, or rooted at the page's origin.
    pub url: String,
    pub field: String,
}

impl Server {
    /// The request field and value of a solved challenge, for a server that
    /// takes one ([`Backend::takes_proof`]).
    pub fn proof_pair<'a>(&'a self, draft: &'a CommentDraft) -> Option<(&'a str, &'a str)> {
        if !self.backend.takes_proof() {
            return None;
        }
        Some((self.proof.as_ref()?.field.as_str(), draft.proof.as_deref()?))
    }
}

/// A reader logged in to the site (WordPress's `comment_form()` for a user):
/// who, where their profile and log-out are, and the nonces that prove the
/// session to each of WordPress's entry points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    /// The display name ("Logged in as Ada.").
    pub name: String,
    /// "Edit your profile".
    pub profile: Option<String>,
    /// "Log out?" (back to the post).
    pub logout: Option<String>,
    /// A `wp_rest` nonce, sent as `X-WP-Nonce`: without it WordPress's REST
    /// API treats a logged-in reader as anonymous.
    pub rest_nonce: Option<String>,
    /// `_wp_unfiltered_html_comment`, for users who may post unfiltered HTML
    /// (the theme's form carries it; without it their HTML is filtered).
    pub html_nonce: Option<String>,
    /// For a user who may edit this post's comments: WordPress's edit screen
    /// for a comment, its id to be appended (`…/comment.php?action=editcomment&c=`).
    /// Each comment of the thread then has an "Edit" link, as in WordPress.
    pub edit: Option<String>,
}

impl Server {
    /// A server with every optional fact at its default.
    pub fn new(backend: Backend, endpoint: impl Into<String>) -> Server {
        Server {
            backend,
            endpoint: endpoint.into(),
            page: "/".into(),
            title: String::new(),
            post_id: None,
            fields: FieldNames::default(),
            extra: Vec::new(),
            csrf: None,
            honeypot_field: None,
            list_endpoint: None,
            account: None,
            proof: None,
            agent: String::new(),
        }
    }

    /// An [Isso](https://isso-comments.de/) server at `endpoint` (its base
    /// URL, absolute or rooted at the page's origin).
    ///
    /// ```
    /// use comment_widget::{Backend, Server};
    /// let isso = Server::isso("https://comments.example.org/").page("/post/1/");
    /// assert_eq!((isso.backend, isso.endpoint.as_str(), isso.page.as_str()), (Backend::Isso, "https://comments.example.org", "/post/1/"));
    /// ```
    pub fn isso(endpoint: &str) -> Server {
        Server::new(Backend::Isso, endpoint.trim().trim_end_matches('/'))
    }

    /// WordPress's REST API at `site` (the site's address, or its `/wp-json`),
    /// for the post `post_id`.
    pub fn wordpress_rest(site: &str, post_id: u64) -> Server {
        Server { post_id: Some(post_id), ..Server::new(Backend::WordPressRest, site.trim().trim_end_matches('/')) }
    }

    /// WordPress's `wp-comments-post.php` at `site` (same origin), for the
    /// post `post_id`.
    pub fn wordpress_form(site: &str, post_id: u64) -> Server {
        Server { post_id: Some(post_id), ..Server::new(Backend::WordPressForm, site.trim().trim_end_matches('/')) }
    }

    /// A [Waline](https://waline.js.org/) server at `endpoint` (its base URL,
    /// without `/api`).
    ///
    /// ```
    /// use comment_widget::{Backend, Server};
    /// let waline = Server::waline("https://waline.example/").page("/post/1/");
    /// assert_eq!((waline.backend, waline.endpoint.as_str()), (Backend::Waline, "https://waline.example"));
    /// ```
    pub fn waline(endpoint: &str) -> Server {
        Server::new(Backend::Waline, endpoint.trim().trim_end_matches('/'))
    }

    /// Any endpoint that takes a JSON object (the README's generic contract).
    pub fn json(endpoint: &str) -> Server {
        Server::new(Backend::Json, endpoint.trim().trim_end_matches('/'))
    }

    /// Any endpoint that takes a form-encoded body (the generic contract).
    pub fn form(endpoint: &str) -> Server {
        Server::new(Backend::Form, endpoint.trim().trim_end_matches('/'))
    }

    /// The thread's key on the server (Isso's `uri`, the generic `page`).
    pub fn page(mut self, page: impl Into<String>) -> Server {
        self.page = page.into();
        self
    }

    /// The thread's title, sent with a comment (Isso stores it).
    pub fn title(mut self, title: impl Into<String>) -> Server {
        self.title = title.into();
        self
    }

    /// The site's spam check: challenges in ALTCHA's format fetched from
    /// `url`, the solution sent in `field` (README, "Spam").
    ///
    /// ```
    /// use comment_widget::Server;
    /// let site = Server::json("https://api.example/comments").challenge("https://api.example/challenge", "altcha");
    /// assert_eq!(site.proof.unwrap().field, "altcha");
    /// ```
    pub fn challenge(mut self, url: &str, field: &str) -> Server {
        self.proof = Some(ProofSpec { url: url.trim().to_string(), field: field.to_string() });
        self
    }

    /// A generic server's list of comments (its thread), absolute or rooted.
    pub fn list_endpoint(mut self, list: &str) -> Server {
        self.list_endpoint = Some(list.trim().trim_end_matches('/').to_string());
        self
    }

    /// True when this server can list its thread: Isso and WordPress REST,
    /// and a generic endpoint given a `data-list-endpoint`.
    pub fn can_list(&self) -> bool {
        self.backend.can_list() || (self.backend.is_generic() && self.list_endpoint.is_some())
    }
}

/// Where a CSRF token comes from and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Csrf {
    /// The `name` of the host page's `<meta>` whose `content` is the token.
    pub meta_name: String,
    /// The request header that carries it (checked to be a valid header name).
    pub header: String,
}

/// The request field names a generic server uses for each of ours. `None`
/// leaves that field out of the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldNames {
    pub comment: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub parent: Option<String>,
    pub page: Option<String>,
    /// The listing's field with an avatar's image address (read, never sent).
    pub avatar: Option<String>,
}

impl Default for FieldNames {
    fn default() -> FieldNames {
        let some = |s: &str| Some(s.to_string());
        FieldNames {
            comment: some("comment"),
            name: some("name"),
            email: some("email"),
            website: some("website"),
            parent: some("parent"),
            page: some("page"),
            avatar: some("avatar"),
        }
    }
}

impl FieldNames {
    /// Our field for a server field name (to place a server's per-field error).
    pub fn field_for(&self, server_name: &str) -> Option<Field> {
        let is = |n: &Option<String>| n.as_deref() == Some(server_name);
        if is(&self.comment) {
            Some(Field::Comment)
        } else if is(&self.name) {
            Some(Field::Author)
        } else if is(&self.email) {
            Some(Field::Email)
        } else if is(&self.website) {
            Some(Field::Website)
        } else {
            None
        }
    }

    /// Every server field name in use.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        [&self.comment, &self.name, &self.email, &self.website, &self.parent, &self.page]
            .into_iter()
            .filter_map(|n| n.as_deref())
    }
}

impl Backend {
    /// The `data-backend` values, as the site owner writes them.
    pub const NAMES: &'static [&'static str] = &["isso", "wordpress-rest", "wordpress-form", "json", "form", "waline"];

    /// The backend a `data-backend` value names (case and spaces ignored).
    pub fn from_name(name: &str) -> Option<Backend> {
        match name.trim().to_ascii_lowercase().as_str() {
            "isso" => Some(Backend::Isso),
            "wordpress-rest" => Some(Backend::WordPressRest),
            "wordpress-form" => Some(Backend::WordPressForm),
            "json" => Some(Backend::Json),
            "form" => Some(Backend::Form),
            "waline" => Some(Backend::Waline),
            _ => None,
        }
    }

    /// True for backends that post to one WordPress post (`data-post-id`).
    pub fn needs_post_id(self) -> bool {
        matches!(self, Backend::WordPressRest | Backend::WordPressForm)
    }

    /// True for servers whose thread the widget can list and show.
    pub fn can_list(self) -> bool {
        matches!(self, Backend::Isso | Backend::WordPressRest | Backend::Waline)
    }

    /// True for servers a solved spam-check challenge can be sent to (every
    /// backend but Isso and Waline, which have no hook for one; Waline has
    /// its own reCAPTCHA and Turnstile settings).
    pub fn takes_proof(self) -> bool {
        !matches!(self, Backend::Isso | Backend::Waline)
    }

    /// True for generic backends, whose field names the site chooses.
    pub fn is_generic(self) -> bool {
        matches!(self, Backend::Json | Backend::Form)
    }

    /// What this server accepts, so the form refuses the same things first.
    pub fn rules(self) -> Rules {
        match self {
            Backend::Isso => isso::RULES,
            Backend::WordPressRest | Backend::WordPressForm => wordpress_rest::RULES,
            Backend::Json | Backend::Form => generic::RULES,
            Backend::Waline => waline::RULES,
        }
    }

    /// The HTTP request that posts `draft` to this server.
    pub fn build_request(self, server: &Server, draft: &CommentDraft) -> HttpRequest {
        match self {
            Backend::Isso => isso::build_request(server, draft),
            Backend::WordPressRest => wordpress_rest::build_request(server, draft),
            Backend::WordPressForm => wordpress_form::build_request(server, draft),
            Backend::Json => generic::build_request(server, draft, generic::Encoding::Json),
            Backend::Form => generic::build_request(server, draft, generic::Encoding::Form),
            Backend::Waline => waline::build_request(server, draft),
        }
    }

    /// For a server that cannot spot a duplicate itself (Isso), the request
    /// that lists the thread, to check before sending again whether an earlier
    /// attempt whose answer was lost did land.
    pub fn lookup_request(self, server: &Server) -> Option<HttpRequest> {
        match self {
            Backend::Isso => Some(isso::thread_request(server)),
            _ => None,
        }
    }

    /// Reads [`Backend::lookup_request`]'s answer: is the reader's comment,
    /// created at or after `since` (seconds since the epoch, server clock),
    /// in the thread?
    pub fn find_landed(self, draft: &CommentDraft, response: &HttpResponse, since: f64) -> Lookup {
        match self {
            Backend::Isso => isso::find_landed(draft, response, since),
            _ => Lookup::Failed,
        }
    }

    /// What the server's answer means for the reader.
    pub fn read_response(self, server: &Server, response: &HttpResponse) -> Result<Posted, PostError> {
        let read = match self {
            Backend::Isso => isso::read_response(response),
            Backend::WordPressRest => wordpress_rest::read_response(response),
            Backend::WordPressForm => wordpress_form::read_response(response),
            Backend::Json | Backend::Form => generic::read_response(server, response),
            Backend::Waline => waline::read_response(response),
        };
        match read {
            // The form had no name or e-mail because the site knew the reader;
            // a server that asks for them, or for a login, no longer does.
            Err(PostError::LoginRequired | PostError::Field(Field::Author | Field::Email, _))
                if server.account.is_some() =>
            {
                Err(PostError::SessionExpired)
            }
            other => other,
        }
    }
}

/// The HTTP methods the backends use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// A request ready to send: the edge turns it into a `fetch`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Absolute, or rooted at the page's origin when the endpoint was a path.
    pub url: String,
    /// Empty for a request without a body.
    pub content_type: &'static str,
    pub body: String,
    /// Further headers (`Accept`).
    pub headers: Vec<(String, String)>,
    /// A CSRF token the edge reads from the page and sends.
    pub csrf: Option<Csrf>,
    /// Send and keep the server's cookies across origins (`credentials:
    /// "include"`): Isso's edit cookie.
    pub credentials: bool,
}

impl HttpRequest {
    fn get(url: String) -> HttpRequest {
        HttpRequest::with(Method::Get, url, "", String::new())
    }

    fn post(url: String, content_type: &'static str, body: String) -> HttpRequest {
        HttpRequest::with(Method::Post, url, content_type, body)
    }

    fn with(method: Method, url: String, content_type: &'static str, body: String) -> HttpRequest {
        HttpRequest { method, url, content_type, body, headers: Vec::new(), csrf: None, credentials: false }
    }
}

/// What came back, as plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    /// The `Content-Type` header, or empty.
    pub content_type: String,
    pub body: String,
    /// True when the browser followed a redirect to get this answer.
    pub redirected: bool,
    /// The URL the answer came from (after redirects; no fragment).
    pub url: String,
    /// The server's clock from its `Date` header, in seconds since the epoch.
    pub server_time: Option<f64>,
    /// How many pages a listing has (WordPress's `X-WP-TotalPages`).
    pub pages: Option<u32>,
    /// How many items a listing has in all (WordPress's `X-WP-Total`).
    pub total: Option<u64>,
    /// Isso's `X-Set-Cookie`: the edit cookie, readable across origins.
    pub set_cookie: Option<String>,
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
            server_time: None,
            pages: None,
            total: None,
            set_cookie: None,
        }
    }

    /// True for a 2xx status.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A hint for the site owner's console when the fix is theirs, not the reader's.
pub fn site_owner_hint(error: &PostError, backend: Backend) -> Option<&'static str> {
    match (error, backend) {
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
        (PostError::Redirected, _) => Some(
            "comment-widget: the comments server answered with a redirect to another page; the endpoint must answer the POST itself.",
        ),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use text::tests::hostile_text;

    #[test]
    fn backend_names() {
        assert_eq!(Backend::from_name("isso"), Some(Backend::Isso));
        assert_eq!(Backend::from_name(" Isso\n"), Some(Backend::Isso));
        assert_eq!(Backend::from_name("disqus"), None);
        for name in Backend::NAMES {
            assert!(Backend::from_name(name).is_some(), "{name}");
        }
    }

    /// A server's body: hostile text, or JSON shapes the backends read with
    /// hostile strings inside.
    fn body() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            hostile_text(),
            hostile_text()
                .prop_map(|t| serde_json::json!({"code": t, "message": t, "data": {"params": {"author_email": t}}})
                    .to_string()),
            hostile_text().prop_map(|t| {
                serde_json::json!({"mode": 2, "id": 3, "status": t, "errors": {"comment": [t]}}).to_string()
            }),
            hostile_text().prop_map(|t| {
                serde_json::json!({"replies": [{"text": t, "author": t, "created": 5.0, "replies": [{"text": t}]}]})
                    .to_string()
            }),
            hostile_text().prop_map(|t| format!("<html><p>{t}</p></html>")),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1500))]
        #[test]
        fn every_backend_reads_any_answer_without_panicking(
            status in 100u16..600,
            body in body(),
            url in hostile_text(),
            redirected in proptest::bool::ANY,
            comment in hostile_text(),
        ) {
            let response = HttpResponse { redirected, url, ..HttpResponse::new(status, "text/html", &body) };
            let draft = CommentDraft { comment, author: body.clone(), ..Default::default() };
            for name in Backend::NAMES {
                let Some(backend) = Backend::from_name(name) else { continue };
                let server = Server { post_id: Some(1), ..Server::new(backend, "/c") };
                let _ = backend.read_response(&server, &response);
                let _ = backend.find_landed(&draft, &response, 0.0);
                let request = backend.build_request(&server, &draft);
                proptest::prop_assert!(!request.url.is_empty());
            }
        }
    }
}
