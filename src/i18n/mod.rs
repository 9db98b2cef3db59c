//! Every word a reader sees. Code picks a string or a message function here and
//! never builds a sentence itself; server text arrives as a value and is only
//! ever shown as text.
//!
//! A language is one file with a [`Strings`] constant; [`for_language`] picks
//! one from a language tag, and a site can replace any string
//! ([`with_overrides`]).
//!
//! The wasm carries English only. The other tables reach the browser as
//! JSON written from these files by the build (`comment-widget-<lang>.json`),
//! fetched by the loader only for a page that needs one, alongside the wasm,
//! and handed over with [`register`] before any form mounts. The host (tests,
//! docs) compiles every table in.

#[cfg(not(target_arch = "wasm32"))]
mod ar;
#[cfg(not(target_arch = "wasm32"))]
mod de;
mod en;
#[cfg(not(target_arch = "wasm32"))]
mod es;
#[cfg(not(target_arch = "wasm32"))]
mod fr;
#[cfg(not(target_arch = "wasm32"))]
mod zh;

use std::cell::RefCell;

use crate::draft::{Field, FieldError, Measure};
use crate::outcome::{ActionError, PostError};

#[cfg(not(target_arch = "wasm32"))]
pub use ar::AR;
#[cfg(not(target_arch = "wasm32"))]
pub use de::DE;
pub use en::EN;
#[cfg(not(target_arch = "wasm32"))]
pub use es::ES;
#[cfg(not(target_arch = "wasm32"))]
pub use fr::FR;
#[cfg(not(target_arch = "wasm32"))]
pub use zh::ZH;

thread_local! {
    /// Languages handed over at run time ([`register`]), by primary tag.
    static REGISTERED: RefCell<Vec<(String, &'static Strings)>> = const { RefCell::new(Vec::new()) };
}

/// The strings for a language tag (`de`, `fr-CA`, `ar_EG`, …): its primary
/// language if we have it, else English.
///
/// ```
/// use comment_widget::internal::i18n::for_language;
/// assert_eq!(for_language("fr-CA").heading, "Laisser un commentaire");
/// assert_eq!(for_language("xx").heading, "Leave a Reply");
/// ```
pub fn for_language(tag: &str) -> &'static Strings {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    REGISTERED
        .with(|r| r.borrow().iter().find(|(lang, _)| *lang == primary).map(|(_, s)| *s))
        .unwrap_or_else(|| built_in(&primary))
}

#[cfg(not(target_arch = "wasm32"))]
fn built_in(primary: &str) -> &'static Strings {
    match primary {
        "de" => &DE,
        "fr" => &FR,
        "es" => &ES,
        "ar" => &AR,
        "zh" => &ZH,
        _ => &EN,
    }
}

#[cfg(target_arch = "wasm32")]
fn built_in(_primary: &str) -> &'static Strings {
    &EN
}

/// Adds a language from its table as JSON (`{"lang": "de", "heading": …}`,
/// every string by its field name; a missing one stays English). Returns its
/// primary tag, or `None` for anything that is not such a table.
///
/// ```
/// use comment_widget::internal::i18n::{for_language, register};
/// assert_eq!(register(r#"{"lang": "nl", "heading": "Reageer"}"#).as_deref(), Some("nl"));
/// assert_eq!(for_language("nl-BE").heading, "Reageer");
/// assert_eq!(for_language("nl").submit, "Post Comment");
/// assert_eq!(register("[1]"), None);
/// ```
pub fn register(json: &str) -> Option<String> {
    let table = crate::json::parse(json)?;
    let pairs: Vec<(String, String)> =
        table.as_object()?.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect();
    let lang = pairs.iter().find(|(k, _)| k == "lang")?.1.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if lang.is_empty() {
        return None;
    }
    if REGISTERED.with(|r| r.borrow().iter().all(|(known, _)| *known != lang)) {
        let strings = with_overrides(&EN, &pairs);
        REGISTERED.with(|r| r.borrow_mut().push((lang.clone(), strings)));
    }
    Some(lang)
}

/// The language a widget speaks: its own `data-lang`, else the page's
/// `<html lang>`, else English.
pub fn choose<'a>(data_lang: Option<&'a str>, html_lang: &'a str) -> &'static Strings {
    match data_lang.map(str::trim).filter(|l| !l.is_empty()) {
        Some(tag) => for_language(tag),
        None => for_language(html_lang),
    }
}

/// `base` with a site's replacements (`data-strings`, already checked by
/// `config`). Each distinct set is made once and kept for the page's life, so
/// a single-page app that mounts the same form again and again reuses it
/// instead of keeping a new copy each time.
pub fn with_overrides(base: &'static Strings, pairs: &[(String, String)]) -> &'static Strings {
    type Made = (&'static Strings, Vec<(String, String)>, &'static Strings);
    thread_local! {
        static MADE: std::cell::RefCell<Vec<Made>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    if pairs.is_empty() {
        return base;
    }
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if let Some((_, _, strings)) = made.iter().find(|(b, p, _)| std::ptr::eq(*b, base) && p.as_slice() == pairs) {
            return *strings;
        }
        let mut out = *base;
        for (key, text) in pairs {
            out.set(key, Box::leak(text.clone().into_boxed_str()));
        }
        let strings: &'static Strings = Box::leak(Box::new(out));
        made.push((base, pairs.to_vec(), strings));
        strings
    })
}

macro_rules! strings {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The strings of one language. `{n}`, `{text}`, `{field}` and `{name}`
        /// are filled in by the functions below. Every field can be replaced by
        /// a site (`data-strings`, keyed by these field names).
        #[derive(Clone, Copy, Debug)]
        pub struct Strings {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        /// The template of a plural `category` (`zero`, `one`, `two`, `few`,
/// `many`; anything else is `other`) of six in that order.
fn by_category<'a>(templates: &[&'a str; 6], category: &str) -> &'a str {
    let at = ["zero", "one", "two", "few", "many"].iter().position(|c| *c == category).unwrap_or(5);
    templates.get(at).copied().unwrap_or_default()
}

impl Strings {
            /// Every string's name, in table order (the names `data-strings`
            /// and the language tables use).
            pub const KEYS: &'static [&'static str] = &[$(stringify!($name),)*];

            /// Replaces the string called `key`; false when there is none.
            pub fn set(&mut self, key: &str, value: &'static str) -> bool {
                match key {
                    $(stringify!($name) => self.$name = value,)*
                    _ => return false,
                }
                true
            }
        }
    };
}

strings! {
    /// The language tag for the form's `lang` attribute.
    lang,
    /// `ltr` or `rtl`.
    dir,
    heading,
    reply_to,
    cancel_reply,
    notes,
    required_mark_label,
    comment,
    name,
    email,
    website,
    remember,
    submit,
    sending,
    summary_title,
    error_prefix,
    posted,
    posted_held,
    already_received,
    your_comment,
    text_kept,
    retry,
    offline,
    cancel_send,
    draft_restored,
    discard_draft,
    honeypot,
    comment_required,
    name_required,
    email_required,
    comment_too_short,
    too_long_chars,
    too_long_bytes,
    email_invalid,
    website_invalid,
    server_field,
    network,
    timeout,
    rate_limited,
    duplicate,
    comments_closed,
    post_not_found,
    login_required,
    rejected_with_text,
    rejected,
    unreadable,
    uncertain,
    send_again,
    keep_draft,
    redirected,
    not_sent,
    /// Shown by the loader (its copy is generated from these files) when the
    /// wasm cannot be loaded.
    not_loaded,
    /// Shown by the loader when the wasm has stopped (a trap).
    stopped,
    /// The thread: a comment's Reply button, loading, failure, more (and
    /// earlier, above a thread that opens at its newest page).
    reply,
    thread_loading,
    thread_failed,
    show_more,
    show_earlier,
    /// Under a held comment, shown only to its author.
    awaiting_moderation,
    /// A comment's author when the server has no name.
    anonymous,
    /// The thread's heading, by the plural category of its count (the
    /// browser's `Intl.PluralRules` picks one; Arabic uses all six).
    count_zero,
    count_one,
    count_two,
    count_few,
    count_many,
    count_other,
    /// A count of none ("No comments"), on index pages and wherever a count is 0.
    count_none,
    /// New comments while the reader reads: the control that adds them ("2
    /// new comments"), by the plural category of their count.
    new_zero,
    new_one,
    new_two,
    new_few,
    new_many,
    new_other,
    /// The thread's order: the control's label and its choices (most liked: Isso only).
    sort_label,
    sort_oldest,
    sort_newest,
    sort_top,
    /// A comment's vote buttons: their names say what, whose and how many.
    like_label,
    dislike_label,
    /// The reader's own comment while the server lets them change it:
    /// Edit, Delete (asked once: `delete_confirm` or `keep`), Save, Cancel,
    /// the edit box's name, and what a deleted comment kept for its replies says.
    edit,
    delete,
    delete_confirm,
    keep,
    save,
    edit_cancel,
    editing_label,
    deleted,
    /// The form's Preview and back, the preview's name, and an empty one.
    preview,
    write,
    preview_label,
    preview_empty,
    /// The reply e-mails box (Isso, when its server sends them).
    notify,
    /// Why a vote, an edit, a delete or a preview did not happen.
    act_network,
    act_closed,
    act_gone,
    act_voted,
    act_failed,
    not_configured,
    /// A reader logged in to the site (WordPress): "Logged in as {name}.",
    /// their profile's and log-out's links, and a post after the login
    /// ended (the text is kept through the reload).
    logged_in_as,
    edit_profile,
    log_out,
    session_expired,
    /// The site's spam check could not be passed (nothing was published).
    spam_check,
    /// A site where only logged-in users comment: the sentence in the
    /// form's place, and the link to the login (back to this page).
    must_log_in,
    log_in,
    /// Under the thread of a post that no longer takes comments (no form).
    closed,
}

impl Strings {
    /// The heading: "Leave a Reply", or "Reply to Ada" when replying.
    pub fn heading_for(&self, replying_to: Option<&str>) -> String {
        match replying_to {
            Some(name) => fill(self.reply_to, "{name}", name),
            None => self.heading.to_string(),
        }
    }

    /// The thread's heading for `n` comments, by the plural category the
    /// browser's `Intl.PluralRules` gave (`zero`, `one`, `two`, `few`, `many`,
    /// anything else is `other`).
    pub fn count(&self, category: &str, n: u64) -> String {
        let t = [self.count_zero, self.count_one, self.count_two, self.count_few, self.count_many, self.count_other];
        fill(if n == 0 { self.count_none } else { by_category(&t, category) }, "{n}", &n.to_string())
    }

    /// The control that adds `n` new comments: "1 new comment", "5 new comments".
    pub fn new_count(&self, category: &str, n: u64) -> String {
        let t = [self.new_zero, self.new_one, self.new_two, self.new_few, self.new_many, self.new_other];
        fill(by_category(&t, category), "{n}", &n.to_string())
    }

    /// A vote button's name: "Like Ada’s comment (likes: 3)".
    pub fn vote_label(&self, like: bool, name: &str, n: u32) -> String {
        let template = if like { self.like_label } else { self.dislike_label };
        fill(&fill(template, "{name}", name), "{n}", &n.to_string())
    }

    /// Why a vote, an edit, a delete or a preview did not happen.
    pub fn action_message(&self, error: &ActionError) -> String {
        match error {
            ActionError::Network => self.act_network.to_string(),
            ActionError::Closed => self.act_closed.to_string(),
            ActionError::Gone => self.act_gone.to_string(),
            ActionError::AlreadyVoted => self.act_voted.to_string(),
            ActionError::Field(e) => self.field_message(Field::Comment, e),
            ActionError::Failed => self.act_failed.to_string(),
        }
    }

    /// The label of a field (without the required mark).
    pub fn label(&self, field: Field) -> &'static str {
        match field {
            Field::Comment => self.comment,
            Field::Author => self.name,
            Field::Email => self.email,
            Field::Website => self.website,
        }
    }

    /// The message shown under a field and in the error summary.
    pub fn field_message(&self, field: Field, error: &FieldError) -> String {
        match error {
            FieldError::Required => match field {
                Field::Comment => self.comment_required.to_string(),
                Field::Author => self.name_required.to_string(),
                Field::Email => self.email_required.to_string(),
                // The website is never required; say what is wrong anyway.
                Field::Website => self.website_invalid.to_string(),
            },
            FieldError::TooShort { min } => fill(self.comment_too_short, "{n}", &min.to_string()),
            FieldError::TooLong { max, measure } => {
                let template = match measure {
                    Measure::Chars => self.too_long_chars,
                    Measure::Bytes => self.too_long_bytes,
                };
                fill(&fill(template, "{field}", self.label(field)), "{n}", &max.to_string())
            }
            FieldError::InvalidEmail => self.email_invalid.to_string(),
            FieldError::InvalidUrl => self.website_invalid.to_string(),
            FieldError::Server(text) => fill(self.server_field, "{text}", text),
        }
    }

    /// The sentence shown when a comment was not posted.
    pub fn post_error_message(&self, error: &PostError) -> String {
        let message = match error {
            PostError::Network => self.network.to_string(),
            PostError::Timeout => self.timeout.to_string(),
            PostError::RateLimited => self.rate_limited.to_string(),
            PostError::Duplicate => self.duplicate.to_string(),
            PostError::CommentsClosed => self.comments_closed.to_string(),
            PostError::PostNotFound => self.post_not_found.to_string(),
            PostError::LoginRequired => self.login_required.to_string(),
            PostError::SessionExpired => self.session_expired.to_string(),
            PostError::Field(field, e) => self.field_message(*field, e),
            PostError::Rejected { status, message: Some(text) } => {
                fill(&fill(self.rejected_with_text, "{n}", &status.to_string()), "{text}", text)
            }
            PostError::Rejected { status, message: None } => fill(self.rejected, "{n}", &status.to_string()),
            PostError::Unreadable { status } => fill(self.unreadable, "{n}", &status.to_string()),
            PostError::Redirected => self.redirected.to_string(),
            PostError::Uncertain => self.uncertain.to_string(),
            PostError::NotSent => self.not_sent.to_string(),
            PostError::SpamCheck => self.spam_check.to_string(),
        };
        format!("{message} {}", self.text_kept)
    }
}

/// Replaces one placeholder: templates are data (a site may replace them),
/// so they cannot be `format!` strings.
fn fill(template: &str, placeholder: &str, value: &str) -> String {
    template.replace(placeholder, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_from_data_lang_then_the_page() {
        assert_eq!(choose(Some("de"), "fr").lang, "de");
        assert_eq!(choose(None, "fr-FR").lang, "fr");
        assert_eq!(choose(Some("  "), "es_MX").lang, "es");
        assert_eq!(choose(None, "").lang, "en");
        assert_eq!(choose(None, "AR").dir, "rtl");
        assert_eq!(choose(Some("zz"), "de").lang, "en");
        assert_eq!(choose(None, "zh-CN").lang, "zh-CN");
        assert_eq!(choose(None, "zh_Hans_SG").heading, "发表回复");
    }

    #[test]
    fn a_reply_buttons_name_holds_its_visible_word() {
        // WCAG 2.5.3 (axe's label-content-name-mismatch): the thread's Reply
        // button shows `reply` and is named "Reply to <name>".
        for s in [&EN, &DE, &FR, &ES, &AR, &ZH] {
            assert!(s.heading_for(Some("Bea")).contains(s.reply), "{}: {:?} / {:?}", s.lang, s.reply, s.reply_to);
        }
    }

    #[test]
    fn every_language_fills_every_string_and_keeps_its_placeholders() {
        for s in [&EN, &DE, &FR, &ES, &AR, &ZH] {
            let all = format!("{s:?}");
            assert!(!all.contains(": \"\""), "{}: an empty string", s.lang);
            for (template, holes) in [
                (s.comment_too_short, &["{n}"][..]),
                (s.too_long_chars, &["{field}", "{n}"]),
                (s.too_long_bytes, &["{field}", "{n}"]),
                (s.server_field, &["{text}"]),
                (s.rejected_with_text, &["{n}", "{text}"]),
                (s.rejected, &["{n}"]),
                (s.unreadable, &["{n}"]),
                (s.reply_to, &["{name}"]),
                (s.like_label, &["{name}", "{n}"]),
                (s.dislike_label, &["{name}", "{n}"]),
            ] {
                for hole in holes {
                    assert!(template.contains(hole), "{}: {template:?} lacks {hole}", s.lang);
                }
            }
        }
    }

    #[test]
    fn thread_headings_follow_each_languages_plural_categories() {
        assert_eq!(EN.count("one", 1), "1 comment");
        assert_eq!(EN.count("other", 2), "2 comments");
        assert_eq!(FR.count("one", 0), "Aucun commentaire", "none is said in words, in every language");
        assert_eq!(EN.count("other", 0), "No comments");
        assert_eq!(FR.count("many", 1_000_000), "1000000 de commentaires");
        for (category, n, want) in [
            ("zero", 0, "لا توجد تعليقات"),
            ("one", 1, "تعليق واحد"),
            ("two", 2, "تعليقان"),
            ("few", 3, "3 تعليقات"),
            ("many", 11, "11 تعليقًا"),
            ("other", 100, "100 تعليق"),
        ] {
            assert_eq!(AR.count(category, n), want);
        }
        assert_eq!(DE.count("nonsense", 5), "5 Kommentare");
        // Chinese has one form, and a measure word between the number and the noun.
        assert_eq!(ZH.count("other", 1), "1 条评论");
        assert_eq!(ZH.count("other", 0), "暂无评论");
        assert_eq!(ZH.new_count("other", 2), "2 条新评论");
        assert_eq!(EN.new_count("one", 1), "1 new comment");
        assert_eq!(AR.new_count("two", 2), "تعليقان جديدان");
    }

    #[test]
    fn a_site_can_replace_strings() {
        let pairs = [("submit".to_string(), "Send it".to_string()), ("heading".to_string(), "Tell us".to_string())];
        let s = with_overrides(&EN, &pairs);
        assert_eq!(s.submit, "Send it");
        // The same replacements again (a remount) reuse the same strings.
        assert!(std::ptr::eq(s, with_overrides(&EN, &pairs)));
        assert!(std::ptr::eq(with_overrides(&DE, &[]), &DE));
        assert_eq!(s.heading_for(None), "Tell us");
        assert_eq!(s.heading_for(Some("Ada")), "Reply to Ada");
        assert_eq!(EN.submit, "Post Comment");
    }

    #[test]
    fn every_field_error_has_a_sentence_with_its_numbers() {
        let s = &EN;
        assert_eq!(s.field_message(Field::Comment, &FieldError::Required), "Enter your comment.");
        assert_eq!(
            s.field_message(Field::Comment, &FieldError::TooShort { min: 3 }),
            "Your comment must be at least 3 characters long."
        );
        assert_eq!(
            s.field_message(Field::Author, &FieldError::TooLong { max: 245, measure: Measure::Bytes }),
            "Name is too long for this site: it must fit in 245 bytes (letters like é take 2, emoji take 4)."
        );
        assert_eq!(
            s.field_message(Field::Comment, &FieldError::TooLong { max: 65535, measure: Measure::Chars }),
            "Comment must be 65535 characters or fewer."
        );
        assert!(s.field_message(Field::Email, &FieldError::InvalidEmail).contains("name@example.com"));
        assert!(s.field_message(Field::Website, &FieldError::InvalidUrl).contains("https://"));
        assert_eq!(
            s.field_message(Field::Author, &FieldError::Server("<b>no</b>".into())),
            "The comments server says: <b>no</b>"
        );
    }

    #[test]
    fn every_post_error_keeps_the_reader_informed_that_the_text_is_safe() {
        let errors = [
            PostError::Network,
            PostError::Timeout,
            PostError::RateLimited,
            PostError::Duplicate,
            PostError::CommentsClosed,
            PostError::PostNotFound,
            PostError::LoginRequired,
            PostError::Field(Field::Comment, FieldError::TooShort { min: 3 }),
            PostError::Rejected { status: 500, message: Some("Internal error".into()) },
            PostError::Rejected { status: 404, message: None },
            PostError::Unreadable { status: 200 },
            PostError::Redirected,
            PostError::Uncertain,
            PostError::NotSent,
            PostError::SessionExpired,
            PostError::SpamCheck,
        ];
        for e in &errors {
            let m = EN.post_error_message(e);
            assert!(m.ends_with(EN.text_kept), "{m}");
        }
        assert!(
            EN.post_error_message(&errors[8]).contains("500")
                && EN.post_error_message(&errors[8]).contains("Internal error")
        );
        assert!(EN.post_error_message(&errors[9]).contains("404"));
    }
}
