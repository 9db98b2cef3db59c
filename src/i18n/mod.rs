//! Every word a reader sees. Code picks a string or a message function here and
//! never builds a sentence itself; server text arrives as a value and is only
//! ever shown as text.
//!
//! English is the only language so far; a language is one file with a
//! [`Strings`] constant.

mod en;

use crate::backend::PostError;
use crate::config::ConfigError;
use crate::draft::{Field, FieldError, Measure};

pub use en::EN;

/// The strings of one language. `{n}` and `{text}` are filled in by the
/// functions below.
#[derive(Debug)]
pub struct Strings {
    pub heading: &'static str,
    pub notes: &'static str,
    pub required_mark_label: &'static str,
    pub comment: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub website: &'static str,
    pub remember: &'static str,
    pub submit: &'static str,
    pub sending: &'static str,
    pub summary_title: &'static str,
    pub error_prefix: &'static str,
    pub posted: &'static str,
    pub posted_held: &'static str,
    pub text_kept: &'static str,
    pub comment_required: &'static str,
    pub name_required: &'static str,
    pub email_required: &'static str,
    pub comment_too_short: &'static str,
    pub too_long_chars: &'static str,
    pub too_long_bytes: &'static str,
    pub email_invalid: &'static str,
    pub website_invalid: &'static str,
    pub server_field: &'static str,
    pub network: &'static str,
    pub timeout: &'static str,
    pub rate_limited: &'static str,
    pub duplicate: &'static str,
    pub comments_closed: &'static str,
    pub post_not_found: &'static str,
    pub login_required: &'static str,
    pub rejected_with_text: &'static str,
    pub rejected: &'static str,
    pub unreadable: &'static str,
    pub not_configured: &'static str,
}

impl Strings {
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
            PostError::Field(field, e) => self.field_message(*field, e),
            PostError::Rejected { status, message: Some(text) } => {
                fill(&fill(self.rejected_with_text, "{n}", &status.to_string()), "{text}", text)
            }
            PostError::Rejected { status, message: None } => fill(self.rejected, "{n}", &status.to_string()),
            PostError::Unreadable { status } => fill(self.unreadable, "{n}", &status.to_string()),
        };
        format!("{message} {}", self.text_kept)
    }

    /// What a reader sees in place of a form the site owner misconfigured (the
    /// details go to the console, see [`ConfigError::for_site_owner`]).
    pub fn config_message(&self, _error: &ConfigError) -> &'static str {
        self.not_configured
    }
}

/// Replaces one placeholder. Plain `replace` keeps `core::fmt` machinery for
/// runtime templates out of the wasm.
fn fill(template: &str, placeholder: &str, value: &str) -> String {
    template.replace(placeholder, value)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        for e in &errors {
            let m = EN.post_error_message(e);
            assert!(m.ends_with(EN.text_kept), "{m}");
        }
        assert!(EN.post_error_message(&errors[8]).contains("500") && EN.post_error_message(&errors[8]).contains("Internal error"));
        assert!(EN.post_error_message(&errors[9]).contains("404"));
    }
}
