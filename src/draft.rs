//! The reader's draft comment and the rules it must pass before it is sent.
//!
//! The rules are the chosen server's own ([`Rules`], from `Backend::rules`), so
//! a reader learns in the form what the server would refuse after a round trip.
//! Checks run through the `validator` crate (`ValidateArgs`, its error types)
//! with custom rules only, implemented by hand rather than derived: the
//! derive records each value as a JSON parameter nobody reads, which put
//! a JSON serializer into the wasm. Its built-in `email`/`url` rules pull in
//! Unicode tables that would dwarf
//! the widget (../shared/notes/toolchain.md), and WordPress's own `is_email()`
//! (ported in `address::is_email`) is closer to what the servers accept anyway.

use validator::{ValidateArgs, ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::address::{is_email, is_http_url, normalize_website};

/// The form's fields, in the order the form shows them (and the summary lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Comment,
    Author,
    Email,
    Website,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 4] = [Field::Comment, Field::Author, Field::Email, Field::Website];

    /// The field's name in the draft struct and in validator's error map.
    pub fn key(self) -> &'static str {
        match self {
            Field::Comment => "comment",
            Field::Author => "author",
            Field::Email => "email",
            Field::Website => "website",
        }
    }

    /// The field a control's `name` (its key) stands for.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// How a server counts a length limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Unicode scalar values, as Python's `len(str)` counts (Isso).
    Chars,
    /// UTF-8 bytes, as MySQL column checks count (WordPress: "é" is 2, "😀" is 4).
    Bytes,
}

/// A maximum length and how the server measures it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: usize,
    pub measure: Measure,
}

impl Limit {
    pub const fn chars(max: usize) -> Limit {
        Limit { max, measure: Measure::Chars }
    }
    pub const fn bytes(max: usize) -> Limit {
        Limit { max, measure: Measure::Bytes }
    }
    fn length_of(self, text: &str) -> usize {
        match self.measure {
            Measure::Chars => text.chars().count(),
            Measure::Bytes => text.len(),
        }
    }
}

/// What one server accepts. Each backend states its own (`Backend::rules`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Fewest characters a comment may have, after trailing whitespace.
    pub comment_min_chars: usize,
    pub comment_max: Limit,
    pub author_max: Limit,
    pub email_max: Limit,
    pub website_max: Limit,
    /// Whether name and email are required (WordPress's "Comment author must
    /// fill out name and email", Isso's `require-author`/`require-email`).
    pub require_name_email: bool,
}

/// Why a field is not acceptable yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Empty, or only spaces and invisible characters.
    Required,
    /// Shorter than the server accepts.
    TooShort { min: usize },
    /// Longer than the server accepts, counted the server's way.
    TooLong { max: usize, measure: Measure },
    /// Not an address WordPress's `is_email()` accepts.
    InvalidEmail,
    /// Not an `http://` or `https://` web address.
    InvalidUrl,
    /// The server refused the field with words of its own (shown as text).
    Server(String),
}

/// One problem with the draft: which field, and what is wrong with it.
pub type FieldIssue = (Field, FieldError);

/// What the reader has typed. The UI keeps one per widget and checks it with
/// [`CommentDraft::check`] before anything is sent.
///
/// ```
/// use comment_widget::internal::draft::{CommentDraft, Field, FieldError};
/// use comment_widget::internal::backend::Backend;
/// let draft = CommentDraft { comment: "  ".into(), ..Default::default() };
/// let issues = draft.check(&Backend::Isso.rules());
/// assert_eq!(issues[0], (Field::Comment, FieldError::Required));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentDraft {
    pub comment: String,
    pub author: String,
    pub email: String,
    pub website: String,
    /// The "Save my name, email, and website…" box.
    pub remember: bool,
    /// The comment this one replies to, if any.
    pub parent: Option<u64>,
    /// The top comment of the conversation `parent` is in, and `parent`'s
    /// author, where the thread shows them (Waline's `rid` and `at`); set at
    /// the moment of sending, never kept.
    pub root: Option<u64>,
    pub parent_name: Option<String>,
    /// The spam trap: a field people never see. A bot that fills it gets a
    /// polite "posted" and nothing is sent.
    pub honeypot: String,
    /// "Notify me of new replies by email" (Isso, where its server sends them).
    pub notify: bool,
    /// The spam check's solved challenge (`backend::proof`), sent under the
    /// site's field name; set at the moment of sending, never kept.
    pub proof: Option<String>,
}

impl<'a> ValidateArgs<'a> for CommentDraft {
    type Args = &'a Rules;

    /// Each field through its rule, in form order.
    fn validate_with_args(&self, rules: &'a Rules) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        for field in Field::ALL {
            let checked = match field {
                Field::Comment => check_comment(&self.comment, rules),
                Field::Author => check_author(&self.author, rules),
                Field::Email => check_email(&self.email, rules),
                Field::Website => check_website(&self.website, rules),
            };
            if let Err(e) = checked {
                errors.add(field.key(), e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl CommentDraft {
    /// Every problem with the draft under `rules`, in form order; empty when
    /// it may be sent.
    pub fn check(&self, rules: &Rules) -> Vec<FieldIssue> {
        let Err(errors) = self.validate_with_args(rules) else {
            return Vec::new();
        };
        // The map itself, not `field_errors()`, which would copy it into another.
        let map = errors.errors();
        let mut issues = Vec::new();
        for field in Field::ALL {
            if let Some(ValidationErrorsKind::Field(list)) = map.get(field.key()) {
                if let Some(first) = list.first() {
                    issues.push((field, field_error_from(field, first, rules)));
                }
            }
        }
        // Any key we do not know would be a bug in this file: surface it in tests.
        debug_assert!(map.keys().all(|k| Field::from_key(k).is_some()));
        issues
    }

    /// The problem with one field, if any (used to update a message as the
    /// reader types).
    pub fn check_field(&self, field: Field, rules: &Rules) -> Option<FieldError> {
        self.check(rules).into_iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    /// What the reader typed in one field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Comment => &self.comment,
            Field::Author => &self.author,
            Field::Email => &self.email,
            Field::Website => &self.website,
        }
    }

    /// Replaces what is in one field.
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::Comment => self.comment = value,
            Field::Author => self.author = value,
            Field::Email => self.email = value,
            Field::Website => self.website = value,
        }
    }

    /// True when the spam trap was filled in: nobody but a bot does that.
    pub fn is_spam(&self) -> bool {
        !self.honeypot.trim().is_empty()
    }

    /// The comment as it is sent: leading and trailing blank lines dropped.
    pub fn comment_to_send(&self) -> &str {
        self.comment.trim()
    }

    /// The name as it is sent.
    pub fn author_to_send(&self) -> &str {
        self.author.trim()
    }

    /// The email as it is sent.
    pub fn email_to_send(&self) -> &str {
        self.email.trim()
    }

    /// The website as it is sent: `None` when empty; a bare `example.com`
    /// gains `https://`, as readers expect from every other form.
    pub fn website_to_send(&self) -> Option<String> {
        let w = self.website.trim();
        if is_blank(w) {
            None
        } else {
            Some(normalize_website(w).into_owned())
        }
    }
}

/// Zero-width and byte-order characters that render as nothing: a field that
/// holds only these (and whitespace) is as empty as one that holds nothing.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// True when a reader would see nothing in `text`.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

fn error(code: &'static str) -> ValidationError {
    ValidationError::new(code)
}

fn check_length(text: &str, limit: Limit) -> Result<(), ValidationError> {
    if limit.length_of(text) > limit.max {
        return Err(error("too_long"));
    }
    Ok(())
}

/// Turns validator's error code back into our type. The numbers come from
/// the rules rather than from validator's `params`, which would pull a JSON
/// value serializer into the wasm for one integer.
fn field_error_from(field: Field, e: &ValidationError, rules: &Rules) -> FieldError {
    let limit = match field {
        Field::Comment => rules.comment_max,
        Field::Author => rules.author_max,
        Field::Email => rules.email_max,
        Field::Website => rules.website_max,
    };
    match e.code.as_ref() {
        "required" => FieldError::Required,
        "too_short" => FieldError::TooShort { min: rules.comment_min_chars },
        "too_long" => FieldError::TooLong { max: limit.max, measure: limit.measure },
        "email" => FieldError::InvalidEmail,
        "url" => FieldError::InvalidUrl,
        other => FieldError::Server(other.to_string()),
    }
}

fn check_comment(value: &str, rules: &Rules) -> Result<(), ValidationError> {
    if is_blank(value) {
        return Err(error("required"));
    }
    // Isso measures `len(text.rstrip())`; we send the trimmed text, so count that.
    if value.trim().chars().count() < rules.comment_min_chars {
        return Err(error("too_short"));
    }
    check_length(value.trim(), rules.comment_max)
}

fn check_author(value: &str, rules: &Rules) -> Result<(), ValidationError> {
    if is_blank(value) {
        return if rules.require_name_email { Err(error("required")) } else { Ok(()) };
    }
    check_length(value.trim(), rules.author_max)
}

fn check_email(value: &str, rules: &Rules) -> Result<(), ValidationError> {
    if is_blank(value) {
        return if rules.require_name_email { Err(error("required")) } else { Ok(()) };
    }
    if !is_email(value.trim()) {
        return Err(error("email"));
    }
    check_length(value.trim(), rules.email_max)
}

fn check_website(value: &str, rules: &Rules) -> Result<(), ValidationError> {
    if is_blank(value) {
        return Ok(());
    }
    let url = normalize_website(value.trim());
    if !is_http_url(&url) {
        return Err(error("url"));
    }
    check_length(&url, rules.website_max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;

    fn isso() -> Rules {
        Backend::Isso.rules()
    }

    fn ok_draft() -> CommentDraft {
        CommentDraft {
            comment: "A thoughtful comment.".into(),
            author: "Ada".into(),
            email: "ada@example.org".into(),
            website: String::new(),
            remember: false,
            parent: None,
            honeypot: String::new(),
            notify: false,
            proof: None,
            root: None,
            parent_name: None,
        }
    }

    #[test]
    fn a_complete_draft_passes() {
        assert_eq!(ok_draft().check(&isso()), vec![]);
    }

    #[test]
    fn an_empty_draft_lists_every_required_field_in_form_order() {
        let issues = CommentDraft::default().check(&isso());
        assert_eq!(
            issues,
            vec![
                (Field::Comment, FieldError::Required),
                (Field::Author, FieldError::Required),
                (Field::Email, FieldError::Required),
            ]
        );
    }

    #[test]
    fn whitespace_and_invisible_characters_count_as_empty() {
        for blank in [" ", "\n\t  \n", "\u{200B}\u{FEFF}", "\u{00A0}\u{3000}", "\u{2060} \u{200D}"] {
            let d = CommentDraft { comment: blank.into(), author: blank.into(), email: blank.into(), ..ok_draft() };
            let fields: Vec<_> = d.check(&isso()).into_iter().collect();
            assert_eq!(
                fields,
                vec![
                    (Field::Comment, FieldError::Required),
                    (Field::Author, FieldError::Required),
                    (Field::Email, FieldError::Required)
                ],
                "blank {blank:?}"
            );
        }
    }

    #[test]
    fn name_and_email_may_be_optional_when_the_site_says_so() {
        let rules = Rules { require_name_email: false, ..isso() };
        let d = CommentDraft { author: " ".into(), email: String::new(), ..ok_draft() };
        assert_eq!(d.check(&rules), vec![]);
        // A typed email must still be an email.
        let d = CommentDraft { email: "not-an-email".into(), ..d };
        assert_eq!(d.check(&rules), vec![(Field::Email, FieldError::InvalidEmail)]);
    }

    #[test]
    fn comment_length_limits_at_the_edges() {
        let r = isso();
        let at = |text: String| CommentDraft { comment: text, ..ok_draft() }.check_field(Field::Comment, &r);
        assert_eq!(at("ab".into()), Some(FieldError::TooShort { min: 3 }));
        assert_eq!(at("ab   ".into()), Some(FieldError::TooShort { min: 3 }));
        assert_eq!(at("abc".into()), None);
        // Isso counts characters: three emoji are three characters.
        assert_eq!(at("😀😀😀".into()), None);
        let max = r.comment_max.max;
        assert_eq!(at("é".repeat(max)), None);
        assert_eq!(at("é".repeat(max + 1)), Some(FieldError::TooLong { max, measure: Measure::Chars }));
    }

    #[test]
    fn byte_limits_count_utf8_bytes_like_wordpress() {
        let rules = Rules { author_max: Limit::bytes(245), ..isso() };
        let at = |name: String| CommentDraft { author: name, ..ok_draft() }.check_field(Field::Author, &rules);
        assert_eq!(at("a".repeat(245)), None);
        assert_eq!(at("a".repeat(246)), Some(FieldError::TooLong { max: 245, measure: Measure::Bytes }));
        // 122 × "é" = 244 bytes fits; 123 × "é" = 246 bytes does not, though it is 123 characters.
        assert_eq!(at("é".repeat(122)), None);
        assert_eq!(at("é".repeat(123)), Some(FieldError::TooLong { max: 245, measure: Measure::Bytes }));
    }

    #[test]
    fn the_website_field_refuses_other_schemes_and_completes_bare_domains() {
        let r = isso();
        let with = |w: &str| CommentDraft { website: w.into(), ..ok_draft() };
        assert_eq!(with("javascript:alert(1)").check_field(Field::Website, &r), Some(FieldError::InvalidUrl));
        assert_eq!(with("mailto:ada@example.org").check_field(Field::Website, &r), Some(FieldError::InvalidUrl));
        assert_eq!(with("not a site").check_field(Field::Website, &r), Some(FieldError::InvalidUrl));
        assert_eq!(with("example.org/ada").check_field(Field::Website, &r), None);
        assert_eq!(with("example.org/ada").website_to_send().as_deref(), Some("https://example.org/ada"));
        assert_eq!(with("example.org:8080").website_to_send().as_deref(), Some("https://example.org:8080"));
        assert_eq!(with(" http://ada.example ").website_to_send().as_deref(), Some("http://ada.example"));
        assert_eq!(with("  ").website_to_send(), None);
        let long = format!("https://example.org/{}", "a".repeat(300));
        assert!(matches!(with(&long).check_field(Field::Website, &r), Some(FieldError::TooLong { .. })));
    }

    #[test]
    fn html_and_odd_unicode_in_fields_are_just_text() {
        let d = CommentDraft {
            comment: "<script>alert('x')</script> \u{202E}gnirts desrever ﷽ 👩🏽‍💻".into(),
            author: "<b>Ada</b> Łukasiewicz".into(),
            ..ok_draft()
        };
        assert_eq!(d.check(&isso()), vec![]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn the_draft_rules_never_panic(
            comment in crate::backend::tests::hostile_text(),
            author in crate::backend::tests::hostile_text(),
            email in crate::backend::tests::hostile_text(),
            website in crate::backend::tests::hostile_text(),
        ) {
            let draft = CommentDraft { comment, author, email, website, ..Default::default() };
            for rules in [crate::backend::Backend::Isso.rules(), crate::backend::Backend::WordPressRest.rules()] {
                let issues = draft.check(&rules);
                for field in Field::ALL {
                    let one = draft.check_field(field, &rules);
                    proptest::prop_assert_eq!(one.as_ref(), issues.iter().find(|(f, _)| *f == field).map(|(_, e)| e));
                }
            }
            let _ = draft.website_to_send();
        }
    }
}
