//! Every `data-*` attribute of the widget's element, as one table: its kind,
//! bounds and default. `from_attributes` (the parent module) reads by it, a
//! test holds the two equal, and the build writes it into the loader, the
//! TypeScript types and the WordPress plugin (`cw-grid facts`).

use super::DEFAULT_TIMEOUT_MS;
use crate::backend::thread::{Sort, PAGE_SIZE};
use crate::backend::{newer, Backend};

/// A whole number's bounds and default, as an attribute takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub min: u32,
    pub max: u32,
    /// What an absent attribute means (`None`: no limit of its own).
    pub default: Option<u32>,
}

impl Bounds {
    pub const fn contains(&self, n: u32) -> bool {
        n >= self.min && n <= self.max
    }
}

/// `data-timeout`: seconds, 1 to 300, default 20.
pub const TIMEOUT_SECS: Bounds = Bounds { min: 1, max: 300, default: Some(DEFAULT_TIMEOUT_MS / 1000) };
/// `data-per-page`: comments asked for per page, 1 to 100 (WordPress REST's most), default 50.
pub const PER_PAGE: Bounds = Bounds { min: 1, max: 100, default: Some(PAGE_SIZE) };
/// `data-live-interval`: seconds, 5 to 3600, default 30 (`backend::newer`).
pub const LIVE_INTERVAL: Bounds = Bounds { min: newer::FLOOR_SECS, max: 3600, default: Some(newer::INTERVAL_SECS) };
/// `data-thread-depth`: levels, 1 to 10 (WordPress's own choices); none by default.
pub const THREAD_DEPTH: Bounds = Bounds { min: 1, max: 10, default: None };

/// What an attribute holds, as every reader of it (this module, the loader,
/// the TypeScript types, the WordPress plugin) must take it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any text.
    Text,
    /// An http(s) address, or a path on the page's own site.
    Address,
    /// A path on the site, starting with `/`.
    Path,
    /// `true`/`yes`/`1` or `false`/`no`/`0`, any case, and its default.
    YesNo(bool),
    /// A whole number from 1 (a post's or a comment's id).
    Id,
    /// A whole number within bounds.
    Number(Bounds),
    /// One of these names (any case); the default when there is one.
    Choice(&'static [&'static str], Option<&'static str>),
    /// A JSON object.
    Json,
}

/// One `data-*` attribute of the widget's element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// The name without `data-` (the `<comment-widget>` element's name for it).
    pub name: &'static str,
    pub kind: Kind,
    /// A form cannot do without it.
    pub required: bool,
    /// Read by the loader (or the stylesheet) alone, never by `from_attributes`.
    pub loader_only: bool,
    /// One line for a site owner.
    pub doc: &'static str,
}

const fn attr(name: &'static str, kind: Kind, doc: &'static str) -> Attribute {
    Attribute { name, kind, required: false, loader_only: false, doc }
}

/// Every attribute of the widget's element: what it holds, its bounds and
/// default. The one list: the build writes it into the loader (the
/// `<comment-widget>` element's observed attributes, the page size and the
/// timeout it reads), the TypeScript types and the WordPress plugin
/// (`cw-markup`'s `facts`), and a test holds `from_attributes` to it.
pub const ATTRIBUTES: &[Attribute] = &[
    Attribute { required: true, ..attr("backend", Kind::Choice(Backend::NAMES, None), "The comments server's kind.") },
    Attribute {
        required: true,
        ..attr("endpoint", Kind::Address, "Where the server is: `https://…`, `http://…`, or a path on this site such as `/isso`.")
    },
    attr("post-id", Kind::Id, "The WordPress post (required for the WordPress backends)."),
    attr("page", Kind::Path, "The thread's key: Isso's `uri`, the generic `page` field. Defaults to the page's path."),
    attr("require-name-email", Kind::YesNo(true), "Name and e-mail are required."),
    attr("remember", Kind::YesNo(true), "Offer \"Save my name, email, and website in this browser…\" (WordPress's cookies opt-in)."),
    attr("timeout", Kind::Number(TIMEOUT_SECS), "Seconds to wait for the server."),
    attr("fields", Kind::Json, "Generic backends: the server's field names (JSON); `null` leaves one out."),
    attr("extra", Kind::Json, "Generic backends: fixed fields sent with every comment (JSON)."),
    Attribute { loader_only: true, ..attr("theme", Kind::Choice(&["light", "dark", "auto"], Some("light")), "The form's theme.") },
    attr("lang", Kind::Text, "`en`, `de`, `fr`, `es`, `ar`, `zh` (Simplified Chinese; others fall back to English); default: the page's `<html lang>`."),
    attr("strings", Kind::Json, "The site's own words for the form's strings (JSON), by their names in src/i18n/en.rs."),
    attr("reply-to", Kind::Id, "The comment the form opens replying to."),
    attr("reply-to-name", Kind::Text, "The name of that comment's author."),
    attr("honeypot", Kind::Text, "Generic backends: send the spam trap under this field name."),
    attr(
        "challenge-url",
        Kind::Address,
        "The spam check: where a proof-of-work challenge (ALTCHA's format) is fetched; its solution is sent with each comment (not Isso or Waline, which cannot take one).",
    ),
    attr("challenge-field", Kind::Text, "The field the spam check's solution is sent in (default `altcha`)."),
    attr("csrf-meta", Kind::Text, "The `name` of the page's `<meta>` holding a CSRF token."),
    attr("csrf-header", Kind::Text, "The header the CSRF token goes in (default `X-CSRF-Token`)."),
    attr("thread", Kind::YesNo(true), "Show the thread of comments under the form (where the server can list it)."),
    attr("list-endpoint", Kind::Address, "Generic backends: where the thread is listed (GET; README, \"The generic contract\")."),
    Attribute {
        loader_only: true,
        ..attr(
            "loading",
            Kind::Choice(&["lazy", "eager"], Some("lazy")),
            "`eager`: load the live form and the thread at once, not when the form comes near the viewport.",
        )
    },
    attr("sort", Kind::Choice(&Sort::NAMES, Some("oldest")), "The thread's order for a reader who has not chosen one (`top`: Isso's most liked)."),
    attr("avatars", Kind::YesNo(true), "Show avatars in the thread."),
    attr("votes", Kind::YesNo(true), "Show ▲/▼ votes where the server counts them (Isso)."),
    attr("logged-in-as", Kind::Text, "WordPress: the logged-in user's display name; the form then asks only for the comment."),
    attr("profile-url", Kind::Address, "WordPress, logged in: the \"Edit your profile\" link."),
    attr("logout-url", Kind::Address, "WordPress, logged in: the \"Log out?\" link."),
    attr("rest-nonce", Kind::Text, "WordPress, logged in: a `wp_rest` nonce (sent as `X-WP-Nonce`)."),
    attr("html-nonce", Kind::Text, "WordPress, logged in with `unfiltered_html`: the `_wp_unfiltered_html_comment` nonce."),
    attr("login-url", Kind::Address, "Only logged-in users may comment: anonymous readers get a link to this login page instead of the form."),
    attr("thread-depth", Kind::Number(THREAD_DEPTH), "How many levels replies nest (deeper ones show at the last level, without Reply)."),
    attr("closed", Kind::YesNo(false), "The post takes no more comments: the thread without the form or Reply, and \"Comments are closed.\"."),
    attr("per-page", Kind::Number(PER_PAGE), "Comments asked for per page of the thread."),
    attr(
        "first-page",
        Kind::Choice(&["oldest", "newest"], Some("oldest")),
        "`newest`: an oldest-first thread opens at its newest comments, earlier ones a button away above (WordPress's \"last page displayed by default\").",
    ),
    attr("live", Kind::YesNo(true), "Show new comments while the reader reads (\"2 new comments\", added when pressed)."),
    attr("live-interval", Kind::Number(LIVE_INTERVAL), "The shortest wait, in seconds, between two checks for new comments (it grows while none come)."),
    attr("edit-url", Kind::Address, "WordPress, logged in as a user who may edit the post's comments: \"Edit\" under each, to this address with the comment's id appended."),
];

#[cfg(test)]
mod tests {
    use super::super::from_attributes;
    use super::*;

    #[test]
    fn the_attribute_table_is_what_from_attributes_reads() {
        use std::cell::RefCell;
        let asked = RefCell::new(Vec::new());
        let attrs = |name: &str| {
            asked.borrow_mut().push(name.to_string());
            match name {
                "data-backend" => Some("wordpress-rest".to_string()),
                "data-endpoint" => Some("https://blog.example".to_string()),
                "data-post-id" => Some("1".to_string()),
                "data-logged-in-as" => Some("Ada".to_string()),
                "data-reply-to" => Some("3".to_string()),
                _ => None,
            }
        };
        let config = from_attributes(attrs, "/", "").unwrap();
        let mut asked = asked.into_inner();
        asked.sort();
        asked.dedup();
        let mut table: Vec<String> =
            ATTRIBUTES.iter().filter(|a| !a.loader_only).map(|a| format!("data-{}", a.name)).collect();
        table.sort();
        assert_eq!(asked, table, "every attribute from_attributes reads is in ATTRIBUTES, and only those");
        // The defaults the table states are the ones an absent attribute gives.
        let default = |name: &str| ATTRIBUTES.iter().find(|a| a.name == name).map(|a| a.kind);
        assert_eq!(default("require-name-email"), Some(Kind::YesNo(config.require_name_email)));
        assert_eq!(default("remember"), Some(Kind::YesNo(config.remember)));
        assert_eq!(default("thread"), Some(Kind::YesNo(config.thread)));
        assert_eq!(default("avatars"), Some(Kind::YesNo(config.avatars)));
        assert_eq!(default("votes"), Some(Kind::YesNo(config.votes)));
        assert_eq!(default("closed"), Some(Kind::YesNo(config.closed)));
        assert_eq!(default("sort"), Some(Kind::Choice(&Sort::NAMES, Some(config.sort.name()))));
        assert_eq!(Some(config.timeout_ms / 1000), TIMEOUT_SECS.default);
        assert_eq!(Some(config.paging.per_page), PER_PAGE.default);
        assert_eq!(config.thread_depth, THREAD_DEPTH.default);
    }

    #[test]
    fn a_number_out_of_its_bounds_is_refused_with_the_bounds_named() {
        for a in ATTRIBUTES {
            let Kind::Number(b) = a.kind else { continue };
            let name = format!("data-{}", a.name);
            for (n, ok) in [(b.min, true), (b.max, true), (b.min - 1, false), (b.max + 1, false)] {
                let value = n.to_string();
                let got = from_attributes(
                    |k| match k {
                        "data-backend" => Some("isso".into()),
                        "data-endpoint" => Some("/c".into()),
                        k if k == name => Some(value.clone()),
                        _ => None,
                    },
                    "/",
                    "",
                );
                assert_eq!(got.is_ok(), ok, "{name}={n}");
                if let Err(e) = got {
                    let text = e.to_string();
                    let bounds = format!("from {} to {}", b.min, b.max);
                    assert!(text.contains(&bounds), "{text} names {bounds}");
                }
            }
        }
    }
}
