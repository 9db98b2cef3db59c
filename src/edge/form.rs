//! The "Leave a Reply" form's DOM: built once, in its first state, then kept
//! in step with the form's signals by `ui::reply_form`'s effects through the
//! `show_*` methods below. The controls, the heading, the notice and the
//! status line change only where they differ (a value the reader is typing
//! is never set again, so the caret stays); the field messages, the summary,
//! the status buttons and the preview are drawn again when their signal
//! changes, as Leptos's views redrew them. The markup
//! is the one the loader paints (tests/e2e/paint.test.mjs compares them in
//! every language and setting). Reader and server text goes in as text.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement, Text};

use crate::draft::{CommentDraft, Field, FieldIssue};
use crate::edge::dom::{add, text};
use crate::i18n::Strings;

/// What the form starts with.
pub struct Start<'a> {
    /// The form's id prefix, unique on the page.
    pub prefix: &'a str,
    /// `maxlength` of name, email and website (characters).
    pub maxlength: [u32; 3],
    /// Whether name and email must be filled.
    pub required: bool,
    pub heading: &'a str,
    pub replying: bool,
    /// "Your unsent comment from earlier is back" shows.
    pub notice: bool,
    pub draft: &'a CommentDraft,
}

/// What the status area shows (the UI decides it from the form's status).
pub struct StatusShown<'a> {
    pub sentence: String,
    pub success: bool,
    pub error: bool,
    /// The buttons' labels, in order.
    pub buttons: Vec<&'static str>,
    /// The posted comment: author, time, text.
    pub preview: Option<[&'a str; 3]>,
    pub sending: bool,
}

/// The form's elements that change.
pub struct FormDom {
    pub section: Element,
    title: Element,
    heading: Text,
    form: Element,
    /// Each field's paragraph and control, in form order.
    fields: Vec<(Field, Element, Element)>,
    remember: Element,
    submit: Element,
    status: Element,
    actions: Element,
    prefix: String,
}

/// The id of a field's control: `<prefix>-<field key>` (the error summary
/// links to it).
pub fn control_id(prefix: &str, field: Field) -> String {
    format!("{prefix}-{}", field.key())
}

/// Builds the form at the end of `parent`, in its first state.
pub fn build(parent: &Element, s: &Strings, start: &Start) -> Option<FormDom> {
    let p = start.prefix;
    let id = |suffix: &str| format!("{p}-{suffix}");
    let (title_id, notes_id) = (id("title"), id("email-notes"));
    let section =
        add(parent, "section", "cw-reply", &[("aria-labelledby", &title_id), ("lang", s.lang), ("dir", s.dir)], None)?;
    let title = add(&section, "h3", "cw-reply__title", &[("id", &title_id)], None)?;
    let heading = section.owner_document()?.create_text_node(start.heading);
    title.append_child(&heading).ok()?;
    let form = add(&section, "form", "cw-reply__form", &[("novalidate", "")], None)?;
    let notes = add(&form, "p", "cw-reply__notes", &[], None)?;
    add(&notes, "span", "", &[("id", &notes_id)], Some(s.notes))?;
    text(&notes, " ");
    let mark = add(&notes, "span", "", &[], Some(s.required_mark_label))?;
    text(&mark, " ");
    add(&mark, "span", "cw-required", &[], Some("*"))?;
    let mut fields = Vec::with_capacity(4);
    for field in Field::ALL {
        let required = match field {
            Field::Comment => true,
            Field::Website => false,
            _ => start.required,
        };
        let control_id = control_id(p, field);
        let row = add(&form, "p", "cw-field", &[], None)?;
        let label = add(&row, "label", "cw-field__label", &[("for", &control_id)], Some(s.label(field)))?;
        if required {
            text(&label, " ");
            add(&label, "span", "cw-required", &[("aria-hidden", "true")], Some("*"))?;
        }
        let mut attributes = vec![("id", control_id.as_str()), ("name", field.key())];
        let maxlength;
        let control = if field == Field::Comment {
            attributes.extend([("class", "cw-field__input cw-field__input--comment"), ("rows", "8")]);
            "textarea"
        } else {
            let (kind, autocomplete, max) = match field {
                Field::Author => ("text", "name", start.maxlength[0]),
                Field::Email => ("email", "email", start.maxlength[1]),
                _ => ("url", "url", start.maxlength[2]),
            };
            maxlength = max.to_string();
            attributes.extend([("class", "cw-field__input"), ("type", kind), ("autocomplete", autocomplete)]);
            attributes.push(("maxlength", &maxlength));
            "input"
        };
        if required {
            attributes.push(("required", ""));
        }
        if field == Field::Email {
            attributes.push(("aria-describedby", &notes_id));
        }
        let control = add(&row, control, "", &attributes, None)?;
        fields.push((field, row, control));
    }
    let trap = add(&form, "div", "cw-hp", &[("aria-hidden", "true")], None)?;
    let trap_id = id("hp");
    add(&trap, "label", "", &[("for", &trap_id)], Some(s.honeypot))?;
    let trap_input =
        [("id", trap_id.as_str()), ("type", "text"), ("name", "cw-hp"), ("tabindex", "-1"), ("autocomplete", "off")];
    add(&trap, "input", "", &trap_input, None)?;
    let consent = add(&form, "p", "cw-consent", &[], None)?;
    let remember_id = id("remember");
    let box_attributes = [("id", remember_id.as_str()), ("name", "wp-comment-cookies-consent"), ("type", "checkbox")];
    let remember = add(&consent, "input", "cw-consent__box", &box_attributes, None)?;
    text(&consent, " ");
    add(&consent, "label", "cw-consent__label", &[("for", &remember_id)], Some(s.remember))?;
    let submit_row = add(&form, "p", "cw-reply__actions", &[], None)?;
    let submit = add(&submit_row, "button", "cw-reply__submit", &[("type", "submit")], Some(s.submit))?;
    let live = [("role", "status"), ("aria-live", "polite"), ("tabindex", "-1")];
    let status = add(&form, "div", "cw-status", &live, None)?;
    let actions = add(&form, "div", "cw-status-actions", &[], None)?;
    let dom =
        FormDom { section, title, heading, form, fields, remember, submit, status, actions, prefix: p.to_string() };
    dom.show_heading(start.heading, start.replying, s);
    dom.show_notice(start.notice, s);
    dom.show_values(start.draft);
    Some(dom)
}

impl FormDom {
    /// The heading ("Leave a Reply", "Reply to Ada") and, while replying,
    /// Cancel reply beside it.
    pub fn show_heading(&self, heading: &str, replying: bool, s: &Strings) {
        if self.heading.data() != heading {
            self.heading.set_data(heading);
        }
        let cancel = self.title.query_selector(".cw-reply__cancel").ok().flatten();
        match (cancel, replying) {
            (Some(button), false) => button.remove(),
            (None, true) => {
                let attributes = [("type", "button")];
                add(
                    &self.title,
                    "button",
                    "cw-button cw-button--link cw-reply__cancel",
                    &attributes,
                    Some(s.cancel_reply),
                );
            }
            _ => {}
        }
    }

    /// "Your unsent comment from earlier is back. Discard it", above the form.
    pub fn show_notice(&self, on: bool, s: &Strings) {
        let notice = self.section.query_selector(".cw-notice").ok().flatten();
        match (notice, on) {
            (Some(notice), false) => notice.remove(),
            (None, true) => {
                let Some(notice) = add(&self.section, "p", "cw-notice", &[], Some(s.draft_restored)) else { return };
                text(&notice, " ");
                add(&notice, "button", "cw-button cw-button--link", &[("type", "button")], Some(s.discard_draft));
                let _ = self.title.after_with_node_1(&notice);
            }
            _ => {}
        }
    }

    /// The controls show `draft`; a control that already does is left alone.
    pub fn show_values(&self, draft: &CommentDraft) {
        for (field, _, control) in &self.fields {
            let want = draft.get(*field);
            if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
                if area.value() != want {
                    area.set_value(want);
                }
            } else if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                if input.value() != want {
                    input.set_value(want);
                }
            }
        }
        if let Some(remember) = self.remember.dyn_ref::<HtmlInputElement>() {
            if remember.checked() != draft.remember {
                remember.set_checked(draft.remember);
            }
        }
    }

    /// Each field's message (tied to its control by `aria-describedby`,
    /// flagged by `aria-invalid`) and the summary of them all, first in the
    /// form, each a link to its field.
    pub fn show_errors(&self, errors: &[FieldIssue], s: &Strings) {
        let notes_id = format!("{}-email-notes", self.prefix);
        for (field, row, control) in &self.fields {
            let error = errors.iter().find(|(f, _)| f == field).map(|(_, e)| s.field_message(*field, e));
            let error_id = format!("{}-error", control_id(&self.prefix, *field));
            let _ = row.class_list().toggle_with_force("cw-field--invalid", error.is_some());
            let shown = row.query_selector(".cw-field__error").ok().flatten();
            if let Some(shown) = &shown {
                shown.remove();
            }
            let notes = (*field == Field::Email).then_some(notes_id.as_str());
            let described: Vec<&str> = notes.into_iter().chain(error.is_some().then_some(error_id.as_str())).collect();
            match &error {
                Some(message) => {
                    let _ = control.set_attribute("aria-invalid", "true");
                    if let Some(span) = add(row, "span", "cw-field__error", &[("id", &error_id)], None) {
                        add(&span, "span", "cw-visually-hidden", &[], Some(&format!("{} ", s.error_prefix)));
                        text(&span, message);
                        let _ = control.before_with_node_1(&span);
                    }
                }
                None => {
                    let _ = control.remove_attribute("aria-invalid");
                }
            }
            let _ = match described.is_empty() {
                true => control.remove_attribute("aria-describedby"),
                false => control.set_attribute("aria-describedby", &described.join(" ")),
            };
        }
        if let Some(summary) = self.form.query_selector(".cw-summary").ok().flatten() {
            summary.remove();
        }
        if errors.is_empty() {
            return;
        }
        let _ = self.summary(errors, s);
    }

    fn summary(&self, errors: &[FieldIssue], s: &Strings) -> Option<()> {
        let summary = add(&self.form, "div", "cw-summary", &[("tabindex", "-1")], None)?;
        let alert = add(&summary, "div", "", &[("role", "alert")], None)?;
        let title_id = format!("{}-summary-title", self.prefix);
        add(&alert, "h4", "cw-summary__title", &[("id", &title_id)], Some(s.summary_title))?;
        let list = add(&alert, "ul", "cw-summary__list", &[], None)?;
        for (field, e) in errors {
            let item = add(&list, "li", "", &[], None)?;
            let href = format!("#{}", control_id(&self.prefix, *field));
            add(&item, "a", "", &[("href", &href)], Some(&s.field_message(*field, e)))?;
        }
        self.form.prepend_with_node_1(&summary).ok()
    }

    /// The status line, its buttons, the posted comment as it will appear,
    /// and Post Comment ("Sending…" and `aria-disabled` while it goes).
    pub fn show_status(&self, shown: &StatusShown, s: &Strings) {
        let classes = self.status.class_list();
        let _ = classes.toggle_with_force("cw-status--success", shown.success);
        let _ = classes.toggle_with_force("cw-status--error", shown.error);
        if self.status.text_content().unwrap_or_default() != shown.sentence {
            self.status.set_text_content(Some(&shown.sentence));
        }
        self.actions.set_text_content(None);
        for (n, label) in shown.buttons.iter().enumerate() {
            if n > 0 {
                text(&self.actions, " ");
            }
            add(&self.actions, "button", "cw-button cw-button--secondary", &[("type", "button")], Some(label));
        }
        if let Some(preview) = self.form.query_selector(".cw-posted").ok().flatten() {
            preview.remove();
        }
        if let Some([author, time, said]) = &shown.preview {
            let _ = self.preview(author, time, said, s);
        }
        let _ = match shown.sending {
            true => self.submit.set_attribute("aria-disabled", "true"),
            false => self.submit.remove_attribute("aria-disabled"),
        };
        let label = if shown.sending { s.sending } else { s.submit };
        if self.submit.text_content().as_deref() != Some(label) {
            self.submit.set_text_content(Some(label));
        }
    }

    fn preview(&self, author: &str, time: &str, said: &str, s: &Strings) -> Option<()> {
        let article = add(&self.form, "article", "cw-posted", &[("aria-label", s.your_comment)], None)?;
        let meta = add(&article, "p", "cw-posted__meta", &[], None)?;
        add(&meta, "strong", "cw-posted__author", &[], Some(author))?;
        text(&meta, " · ");
        add(&meta, "span", "", &[], Some(time))?;
        add(&article, "p", "cw-posted__text", &[], Some(said))?;
        Some(())
    }
}
