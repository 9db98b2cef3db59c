//! The "Leave a Reply" form: WordPress's default comment form as Leptos
//! components. [`ReplyForm`] renders it from the form's signals
//! ([`FormState`]) and reports what the reader does through callbacks; its
//! parts are components of their own ([`FormField`], [`ErrorSummary`],
//! [`DraftNotice`], and the status area in `status`). It holds no URLs, JSON
//! shapes or sentences: the words come from `Strings`, the decisions from the
//! core, the wiring from `widget`. The loader's painted form is this
//! component rendered on the host (`src/bin/markup.rs`).

use leptos::either::Either;
use leptos::prelude::*;

use crate::ui::form::{AccountNote, ConsentBox, DraftNotice, ErrorSummary, FormField, MustLogIn};
use crate::ui::words;

use crate::backend::Account;
use crate::draft::{Field, Rules};
use crate::edge::rich;
use crate::ui::form::posting::{FormState, Previewed};
use crate::ui::form::status::{Ask, StatusArea};
use crate::ui::RichText;

/// What changes the form's markup besides its words: the id prefix (unique
/// on the page), each single-line field's `maxlength`, and whether name and
/// email are required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormLayout {
    /// Prefix of every id in the form (`<prefix>-comment`, …).
    pub prefix: String,
    /// `maxlength` of name, email and website, as written in the markup.
    pub maxlength: [String; 3],
    /// Name and email must be filled.
    pub required: bool,
    /// "Save my name, email, and website…" is offered.
    pub remember: bool,
}

impl FormLayout {
    /// The layout for a form whose ids start with `prefix`, checked by `rules`.
    ///
    /// ```
    /// use comment_widget::internal::backend::Backend;
    /// use comment_widget::internal::ui::FormLayout;
    /// let layout = FormLayout::new("cw1", &Backend::Isso.rules());
    /// assert_eq!(layout.maxlength, ["245", "254", "254"].map(String::from));
    /// assert!(layout.required);
    /// ```
    pub fn new(prefix: impl Into<String>, rules: &Rules) -> FormLayout {
        FormLayout {
            prefix: prefix.into(),
            maxlength: [rules.author_max.max, rules.email_max.max, rules.website_max.max].map(|m| m.to_string()),
            required: rules.require_name_email,
            remember: true,
        }
    }

    /// The id of `field`'s control (the error summary links to it).
    pub fn control_id(&self, field: Field) -> String {
        format!("{}-{}", self.prefix, field.key())
    }
}

/// What the reader does with the form, for the wiring to act on.
#[derive(Clone, Copy)]
pub struct FormEvents {
    /// A field's text changed (the draft follows, messages update).
    pub edit: Callback<(Field, String)>,
    /// Post Comment or a status button.
    pub ask: Callback<Ask>,
    /// Cancel reply.
    pub cancel_reply: Callback<()>,
    /// "Discard it" under the restored-draft notice.
    pub discard: Callback<()>,
    /// A link of the error summary to the field with this id.
    pub follow: Callback<String>,
    /// Preview, and back to writing.
    pub preview: Callback<()>,
}

impl FormEvents {
    /// Events that do nothing (a form rendered to HTML, never run).
    pub fn none() -> FormEvents {
        FormEvents {
            edit: Callback::new(|_| {}),
            ask: Callback::new(|_| {}),
            cancel_reply: Callback::new(|_| {}),
            discard: Callback::new(|_| {}),
            follow: Callback::new(|_| {}),
            preview: Callback::new(|_| {}),
        }
    }
}

/// The form: heading (with Cancel reply while replying), the restored-draft
/// notice, the error summary, the notes, Comment, Name, Email, Website, the
/// spam trap, "Save my name…", Post Comment and the status area.
#[component]
pub fn ReplyForm(
    /// The form's state.
    form: FormState,
    /// Ids, limits and required fields.
    layout: FormLayout,
    /// "Leave a Reply", or "Reply to Ada".
    #[prop(into)]
    heading: Signal<String>,
    /// Where the reader's actions go.
    events: FormEvents,
    /// The server e-mails replies to those who ask: "Notify me of new
    /// replies by email" is offered once an e-mail is typed (Isso).
    #[prop(into, default = Signal::stored(false))]
    notify: Signal<bool>,
    /// The reader is logged in to the site: "Logged in as …" in place of the
    /// notes, and only the comment is asked for (WordPress's form for a user).
    #[prop(default = None)]
    account: Option<Account>,
    /// Only logged-in users may comment and this reader is not: "You must
    /// be logged in to post a comment." with this login link, and no form.
    #[prop(default = None)]
    login: Option<String>,
) -> impl IntoView {
    let s = words();
    // A form a server rendered (`ServerForm`) is `method="dialog"` until the
    // code takes it: a press of Post Comment before then sends nothing and
    // goes nowhere, and the text stays in the box.
    // (Added to the view only where a server may render it: the attribute
    // costs a client-side build 133 bytes.)
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    let method = use_context::<ServerForm>().map(|_| "dialog");
    let p = layout.prefix.clone();
    let (title_id, notes_id, hp_id, remember_id) =
        (format!("{p}-title"), format!("{p}-email-notes"), format!("{p}-hp"), format!("{p}-remember"));
    let notify_id = format!("{p}-notify");
    let labelled_by = title_id.clone();
    let hp_label = hp_id.clone();
    let sending = move || form.status.with(|st| matches!(st, crate::ui::form::status::Status::Sending));
    let previewing = move || form.preview.with(Option::is_some);
    let member = account.is_some();
    let mut fields = Field::ALL.into_iter().filter(|f| !member || *f == Field::Comment).map(|field| {
        let hidden = Signal::derive(move || field == Field::Comment && previewing());
        view! { <FormField field form layout=layout.clone() on_edit=events.edit hidden/> }
    });
    let comment_field = fields.next();
    let other_fields = fields.collect_view();
    let preview = move || {
        form.preview.get().map(|shown| {
            let busy = shown == Previewed::Loading;
            // The comment as the server will show it, or a sentence (empty,
            // or why it could not be made), or nothing yet.
            let said = |text: String| Either::Right(Some(view! { <p>{text}</p> }));
            let inside = match shown {
                Previewed::Html(html) if !html.is_empty() => Either::Left(view! { <RichText nodes=rich::parse(&html)/> }),
                Previewed::Html(_) => said(s.preview_empty.to_string()),
                Previewed::Failed(why) => said(why),
                Previewed::Loading => Either::Right(None),
            };
            view! {
                <div class="cw-preview" role="region" aria-label=s.preview_label aria-busy=busy.then_some("true") tabindex="-1">
                    {inside}
                </div>
            }
        })
    };
    let offered = move || notify.get() && form.draft.with(|d| !d.email_to_send().is_empty());
    let notify_box = move || {
        offered().then(|| {
            let checked = Signal::derive(move || form.draft.with(|d| d.notify));
            let on_change = Callback::new(move |on| form.draft.update(|d| d.notify = on));
            view! { <ConsentBox id=notify_id.clone() name="cw-notify" label=s.notify checked on_change/> }
        })
    };
    let title = view! {
            <h3 class="cw-reply__title" id=title_id>
            {move || heading.get()}
            {move || {
                form.reply.with(Option::is_some).then(|| {
                    view! {
                        <button
                            type="button"
                            class="cw-button cw-button--link cw-reply__cancel"
                            on:click=move |_| events.cancel_reply.run(())
                        >
                            {s.cancel_reply}
                        </button>
                    }
                })
            }}
        </h3>
    };
    let must_log_in = login.map(|href| view! { <MustLogIn href/> });
    let with_form = must_log_in.is_none();
    let notes = (!member).then(|| {
        view! {
            <p class="cw-reply__notes">
                <span id=notes_id>{s.notes}</span>" "
                <span>{s.required_mark_label}" "<span class="cw-required">"*"</span></span>
            </p>
        }
    });
    let account = account.map(|account| view! { <AccountNote account/> });
    let remember = (!member && layout.remember).then(|| {
        let checked = Signal::derive(move || form.draft.with(|d| d.remember));
        let on_change = Callback::new(move |on| form.draft.update(|d| d.remember = on));
        view! { <ConsentBox id=remember_id name="wp-comment-cookies-consent" label=s.remember checked on_change/> }
    });
    view! {
        <section class="cw-reply" aria-labelledby=labelled_by lang=s.lang dir=s.dir>
            {title}
            {move || (with_form && form.notice.get()).then(|| view! { <DraftNotice on_discard=events.discard/> })}
            {must_log_in}
            {with_form.then(|| {
            let form_view = view! {
            <form
                class="cw-reply__form"
                novalidate=true
                on:focusin=move |ev| {
                    // A field to write in, not a button or the status line.
                    if crate::edge::dom::is_text_field(ev.target()) {
                        events.ask.run(Ask::Writing);
                    }
                }
                on:submit=move |ev| {
                    ev.prevent_default();
                    events.ask.run(Ask::Submit);
                }
            >
                <ErrorSummary errors=form.errors layout=layout.clone() on_follow=events.follow/>
                {account}
                {notes}
                {comment_field}
                {preview}
                {other_fields}
                <div class="cw-hp" aria-hidden="true">
                    <label for=hp_label>{s.honeypot}</label>
                    <input
                        id=hp_id
                        type="text"
                        name="cw-hp"
                        tabindex="-1"
                        autocomplete="off"
                        on:input:target=move |ev| form.honeypot.set(ev.target().value())
                    />
                </div>
                {remember}
                {notify_box}
                <p class="cw-reply__actions">
                    <button
                        type="button"
                        class="cw-button cw-button--secondary"
                        data-cw-preview=""
                        on:click=move |_| events.preview.run(())
                    >
                        {move || if previewing() { s.write } else { s.preview }}
                    </button>
                    " "
                    <button class="cw-reply__submit" type="submit" aria-disabled=move || sending().then_some("true")>
                        {move || if sending() { s.sending } else { s.submit }}
                    </button>
                </p>
                <StatusArea status=form.status on_ask=events.ask/>
            </form>
            };
            #[cfg(any(feature = "ssr", feature = "hydrate"))]
            let form_view = form_view.add_any_attr(leptos::tachys::html::attribute::custom::custom_attribute("method", method));
            form_view
            })}
        </section>
    }
}

/// Provided by a widget that may be rendered on a server (a server-rendered
/// app): its form is `method="dialog"`, so a submit before hydration is
/// inert rather than a navigation that would take the reader's text away.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[derive(Clone, Copy)]
pub struct ServerForm;
