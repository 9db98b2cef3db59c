//! What the widget keeps in the reader's browser, as plain data: the unsent
//! draft (per page and widget) and, only with the reader's consent, their
//! name, email and website. The bytes go to `localStorage` through
//! `edge::storage`; a full or disabled storage just means nothing is kept.
//!
//! The draft keeps the comment and the comment it replies to, not the name or
//! email: those are remembered only when the reader ticks "Save my name…".

use serde_json::{json, Value};

use crate::backend::thread::ThreadComment;
use crate::backend::Server;

/// The key of the reader's remembered details (one per site origin, as
/// `localStorage` is).
pub const READER_KEY: &str = "comment-widget:reader";

/// Where the reader's choice of the thread's order is kept: one for the
/// whole site, as a reader who likes the newest first likes it under every
/// article. Its value is a `data-sort` name.
pub const SORT_KEY: &str = "comment-widget:sort";

/// The start of every draft's key ([`draft_key`]).
pub const DRAFT_PREFIX: &str = "comment-widget:draft:";
/// The start of the keys of the reader's own comments kept for the visit
/// ([`own_key`], in `sessionStorage`), followed by the server's endpoint and `|`.
pub const OWN_PREFIX: &str = "comment-widget:mine:";
/// The start of the keys of unsaved edits ([`edit_key`]), followed by the
/// server's endpoint and `|`.
pub const EDIT_PREFIX: &str = "comment-widget:edit:";
/// What [`acts_key`] keeps per server: the reader's own comments with their
/// edit windows, and their votes.
pub const ACTS: [&str; 2] = ["mine", "votes"];

/// Every key this module makes, as the build writes them for the loader:
/// each is a fixed start followed by what the function named adds.
pub const STORAGE_KEYS: [(&str, &str); 6] = [
    ("reader", READER_KEY),
    ("sort", SORT_KEY),
    ("draft", DRAFT_PREFIX),
    ("own", OWN_PREFIX),
    ("edit", EDIT_PREFIX),
    ("acts", "comment-widget:"),
];

/// The key of one widget's draft: its server, its thread, the query
/// parameters the site routes articles by, and its place on the page, so two
/// forms (or two articles at `?p=1` and `?p=2`) never share a draft.
///
/// ```
/// use comment_widget::{internal::memory::draft_key, Backend, Server};
/// let s = Server { page: "/".into(), ..Server::new(Backend::Isso, "https://c.example") };
/// assert_eq!(draft_key(&s, "?utm_source=x&p=12", "0"), "comment-widget:draft:https://c.example|/?p=12|0");
/// ```
pub fn draft_key(server: &Server, search: &str, instance: &str) -> String {
    let post = server.post_id.map(|p| format!("#{p}")).unwrap_or_default();
    let route = routing_query(search);
    format!("{DRAFT_PREFIX}{}|{}{}{}|{}", server.endpoint, server.page, route, post, instance)
}

/// WordPress's query parameters that pick an article, in the order a key writes them.
pub const ROUTING: [&str; 6] = ["p", "page_id", "attachment_id", "name", "pagename", "post_type"];

/// The part of a query string (`location.search`) that picks the article:
/// WordPress's routing parameters, in a fixed order; tracking parameters
/// (`utm_*`, `fbclid`…) and WordPress's `replytocom` are left out.
pub fn routing_query(search: &str) -> String {
    let pairs: Vec<(&str, &str)> = search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .filter(|(k, v)| ROUTING.contains(k) && !v.is_empty())
        .collect();
    let mut out = String::new();
    for name in ROUTING {
        if let Some((k, v)) = pairs.iter().find(|(k, _)| *k == name) {
            out.push(if out.is_empty() { '?' } else { '&' });
            out.push_str(k);
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// The key of the comments the reader posted on this thread that the server
/// does not list yet (held, or on a page not shown), kept for the browser
/// session, in `sessionStorage`.
pub fn own_key(server: &Server, search: &str) -> String {
    let post = server.post_id.map(|p| format!("#{p}")).unwrap_or_default();
    format!("{OWN_PREFIX}{}|{}{}{}", server.endpoint, server.page, routing_query(search), post)
}

/// The reader's own comments as stored.
pub fn encode_own(own: &[ThreadComment]) -> String {
    let list: Vec<Value> = own
        .iter()
        .map(|c| json!({"id": c.id, "parent": c.parent, "author": c.author, "created": c.created, "html": c.html, "held": c.held}))
        .collect();
    crate::json::write(&Value::Array(list))
}

/// The comments stored by [`encode_own`]; anything else reads as none.
pub fn decode_own(text: &str) -> Vec<ThreadComment> {
    let Some(Value::Array(list)) = crate::json::parse(text) else { return Vec::new() };
    let read = |v: &Value| {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Some(ThreadComment {
            id: v.get("id")?.as_u64()?,
            parent: v.get("parent").and_then(Value::as_u64),
            author: text("author")?,
            website: None,
            created: text("created")?,
            html: text("html")?,
            held: v.get("held").and_then(Value::as_bool).unwrap_or(true),
            avatar: None,
            votes: None,
            deleted: false,
            replies: Vec::new(),
        })
    };
    list.iter().filter_map(read).collect()
}

/// The key of what the reader did on comments of `server` that outlives
/// the page: `"mine"`, the comments they posted, each with the time (ms
/// since the epoch) its edit window closes; `"votes"`, their votes (1 a
/// like, -1 a dislike). Per server, as its comment ids are.
pub fn acts_key(server: &Server, what: &str) -> String {
    format!("comment-widget:{what}:{}", server.endpoint)
}

/// The key of a comment's unsaved edit, so a reload brings it back.
pub fn edit_key(server: &Server, id: u64) -> String {
    format!("{EDIT_PREFIX}{}|{id}", server.endpoint)
}

/// At most this many comments are remembered per server (the newest).
const ACTS_KEPT: usize = 200;

/// Comment ids with a number each, as stored (the newest 200).
pub fn encode_acts(acts: &[(u64, f64)]) -> String {
    let from = acts.len().saturating_sub(ACTS_KEPT);
    let list: Vec<Value> = acts.iter().skip(from).map(|(id, n)| json!([id, n])).collect();
    crate::json::write(&Value::Array(list))
}

/// What [`encode_acts`] stored; anything else reads as nothing.
pub fn decode_acts(text: &str) -> Vec<(u64, f64)> {
    let Some(Value::Array(list)) = crate::json::parse(text) else { return Vec::new() };
    let pair = |v: &Value| Some((v.get(0)?.as_u64()?, v.get(1)?.as_f64().filter(|n| n.is_finite())?));
    list.iter().filter_map(pair).collect()
}

/// An unsent comment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedDraft {
    pub comment: String,
    /// The comment it replies to, and that comment's author when known.
    pub parent: Option<u64>,
    pub parent_name: Option<String>,
}

/// Name, email and website, kept because the reader asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedReader {
    pub name: String,
    pub email: String,
    pub website: String,
}

impl SavedDraft {
    pub fn encode(&self) -> String {
        crate::json::write(
            &json!({"v": 1, "comment": self.comment, "parent": self.parent, "parentName": self.parent_name}),
        )
    }

    /// `None` for anything that is not a draft this version wrote (or an empty one).
    pub fn decode(text: &str) -> Option<SavedDraft> {
        let v: Value = crate::json::parse(text)?;
        let comment = v.get("comment")?.as_str()?.to_string();
        if comment.trim().is_empty() {
            return None;
        }
        let parent = v.get("parent").and_then(Value::as_u64).filter(|p| *p > 0);
        let parent_name = parent.and(v.get("parentName")).and_then(Value::as_str).map(str::to_string);
        Some(SavedDraft { comment, parent, parent_name })
    }
}

impl SavedReader {
    pub fn encode(&self) -> String {
        crate::json::write(&json!({"v": 1, "name": self.name, "email": self.email, "website": self.website}))
    }

    pub fn decode(text: &str) -> Option<SavedReader> {
        let v: Value = crate::json::parse(text)?;
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let reader = SavedReader { name: field("name"), email: field("email"), website: field("website") };
        (reader != SavedReader::default()).then_some(reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;

    #[test]
    fn drafts_round_trip_and_junk_is_ignored() {
        let d = SavedDraft {
            comment: "Line one\n\"quoted\" <b>é</b> 😀".into(),
            parent: Some(7),
            parent_name: Some("Ada".into()),
        };
        assert_eq!(SavedDraft::decode(&d.encode()), Some(d));
        for junk in ["", "null", "{}", "[1]", r#"{"comment": 3}"#, r#"{"comment": "   "}"#, "{not json"] {
            assert_eq!(SavedDraft::decode(junk), None, "{junk}");
        }
    }

    #[test]
    fn reader_details_round_trip() {
        let r = SavedReader { name: "Ada".into(), email: "ada@example.org".into(), website: String::new() };
        assert_eq!(SavedReader::decode(&r.encode()), Some(r));
        assert_eq!(SavedReader::decode(r#"{"name": ""}"#), None);
    }

    #[test]
    fn two_forms_never_share_a_draft() {
        let a = Server { page: "/a/".into(), ..Server::new(Backend::Isso, "https://c.example") };
        let b = Server { page: "/b/".into(), ..a.clone() };
        let wp = Server { post_id: Some(3), ..a.clone() };
        let keys = [
            draft_key(&a, "", "0"),
            draft_key(&a, "", "1"),
            draft_key(&b, "", "0"),
            draft_key(&wp, "", "0"),
            draft_key(&a, "?p=1", "0"),
            draft_key(&a, "?p=2", "0"),
            draft_key(&a, "?page_id=2", "0"),
        ];
        for (i, k) in keys.iter().enumerate() {
            assert!(keys.iter().skip(i + 1).all(|other| other != k), "{keys:?}");
        }
        // Tracking parameters and their order do not make a new draft.
        assert_eq!(draft_key(&a, "?utm_source=mail&p=2&fbclid=x", "0"), draft_key(&a, "?p=2", "0"));
        assert_eq!(routing_query("?name=hello&p=2&replytocom=5"), "?p=2&name=hello");
        assert_eq!(routing_query("?p=&é=ü&"), "");
    }

    proptest::proptest! {
        #[test]
        fn stored_text_of_any_shape_is_read_or_ignored(s in crate::backend::tests::hostile_text()) {
            let _ = SavedDraft::decode(&s);
            let _ = SavedReader::decode(&s);
            let _ = routing_query(&s);
            let _ = decode_own(&s);
            let _ = decode_acts(&s);
            let acts = vec![(1, 2.5), (u64::MAX, -1.0), (s.len() as u64, 1.0)];
            proptest::prop_assert_eq!(decode_acts(&encode_acts(&acts)), acts);
            let own = vec![crate::backend::thread::own_comment(1, Some(2), &s, &s, s.clone(), s.len() % 2 == 0)];
            proptest::prop_assert_eq!(decode_own(&encode_own(&own)), own);
            let d = SavedDraft { comment: format!("x{s}"), parent: Some(1), parent_name: Some(s.clone()) };
            proptest::prop_assert_eq!(SavedDraft::decode(&d.encode()), Some(d));
        }
    }
}
