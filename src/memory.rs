//! What the widget keeps in the reader's browser, as plain data: the unsent
//! draft (per page and widget) and, only with the reader's consent, their
//! name, email and website. The bytes go to `localStorage` through
//! `edge::storage`; a full or disabled storage just means nothing is kept.
//!
//! The draft keeps the comment and the comment it replies to, not the name or
//! email: those are remembered only when the reader ticks "Save my name…".

use serde_json::{json, Value};

use crate::config::WidgetConfig;

/// The key of the reader's remembered details (one per site origin, as
/// `localStorage` is).
pub const READER_KEY: &str = "comment-widget:reader";

/// The key of one widget's draft: its server, its thread and its place on
/// the page, so two forms never share a draft.
///
/// ```
/// use comment_widget::{backend::Backend, config::WidgetConfig, memory::draft_key};
/// let c = WidgetConfig { page: "/post/".into(), ..WidgetConfig::new(Backend::Isso, "https://c.example") };
/// assert_eq!(draft_key(&c, "0"), "comment-widget:draft:https://c.example|/post/|0");
/// ```
pub fn draft_key(config: &WidgetConfig, instance: &str) -> String {
    let post = config.post_id.map(|p| format!("#{p}")).unwrap_or_default();
    format!("comment-widget:draft:{}|{}{}|{}", config.endpoint, config.page, post, instance)
}

/// An unsent comment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedDraft {
    pub comment: String,
    pub parent: Option<u64>,
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
        json!({"v": 1, "comment": self.comment, "parent": self.parent}).to_string()
    }

    /// `None` for anything that is not a draft this version wrote (or an empty one).
    pub fn decode(text: &str) -> Option<SavedDraft> {
        let v: Value = serde_json::from_str(text).ok()?;
        let comment = v.get("comment")?.as_str()?.to_string();
        if comment.trim().is_empty() {
            return None;
        }
        Some(SavedDraft { comment, parent: v.get("parent").and_then(Value::as_u64) })
    }
}

impl SavedReader {
    pub fn encode(&self) -> String {
        json!({"v": 1, "name": self.name, "email": self.email, "website": self.website}).to_string()
    }

    pub fn decode(text: &str) -> Option<SavedReader> {
        let v: Value = serde_json::from_str(text).ok()?;
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
        let d = SavedDraft { comment: "Line one\n\"quoted\" <b>é</b> 😀".into(), parent: Some(7) };
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
        let a = WidgetConfig { page: "/a/".into(), ..WidgetConfig::new(Backend::Isso, "https://c.example") };
        let b = WidgetConfig { page: "/b/".into(), ..a.clone() };
        let wp = WidgetConfig { post_id: Some(3), ..a.clone() };
        let keys = [draft_key(&a, "0"), draft_key(&a, "1"), draft_key(&b, "0"), draft_key(&wp, "0")];
        for (i, k) in keys.iter().enumerate() {
            assert!(keys.iter().skip(i + 1).all(|other| other != k), "{keys:?}");
        }
    }
}
