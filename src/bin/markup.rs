//! Renders the widget's markup from its components, on the host (Leptos
//! `ssr`), for the loader to paint before the wasm arrives: the form (with
//! name and email required), the thread while it loads, and each
//! backend's field limits. The words, ids and limits are slots (`{{name}}`)
//! that the loader fills with text after parsing, so one rendering serves
//! every language and site; the parts that come and go (Cancel reply, the
//! restored-draft notice, the required marks of name and email) are
//! rendered, and the loader removes the ones a form does not show. scripts/post-build.mjs writes the JSON this prints
//! into the loader. tests/e2e/paint.test.mjs proves the painted form equals
//! the live one.
//!
//! `cargo run --features ssr --bin cw-markup`

use comment_widget::backend::thread::Sort;
use comment_widget::backend::Account;
use comment_widget::backend::Backend;
use comment_widget::draft::CommentDraft;
use comment_widget::i18n::{with_overrides, Strings, EN};
use comment_widget::ui::{AccountNote, FormEvents, FormLayout, FormState, Load, MustLogIn, Reply, ReplyForm, Thread};
use leptos::prelude::*;
use serde_json::{json, Map, Value};

fn main() {
    let slots: Vec<(String, String)> = Strings::KEYS.iter().map(|k| (k.to_string(), format!("{{{{{k}}}}}"))).collect();
    let s = with_overrides(&EN, &slots);
    let form = Owner::new().with(|| {
        let reply = RwSignal::new(Some(Reply { id: 1, name: None, heading: "{{heading}}".into() }));
        let state = FormState::new(CommentDraft::default(), true, reply);
        let maxlength = ["{{max0}}", "{{max1}}", "{{max2}}"].map(String::from);
        let layout = FormLayout { prefix: "{{p}}".into(), maxlength, required: true, remember: true };
        view! { <ReplyForm form=state strings=s layout heading="{{heading}}".to_string() events=FormEvents::none()/> }
            .to_html()
    });
    // A logged-in reader's note (in place of the notes; the loader removes the
    // name, e-mail and website fields and the "Save my name…" box), with
    // both links; and the members-only sentence, in place of the `<form>`.
    let account = Owner::new().with(|| {
        let account = Account {
            name: String::new(),
            profile: Some("{{profile}}".into()),
            logout: Some("{{logout}}".into()),
            ..Account::default()
        };
        let s = with_overrides(s, &[("logged_in_as".into(), "{{account}}".into())]);
        view! { <AccountNote strings=s account/> }.to_html()
    });
    let login = Owner::new().with(|| view! { <MustLogIn strings=s href="{{login}}".to_string()/> }.to_html());
    // The forms the WordPress plugin prints into the page itself (in a
    // declarative shadow root, before any script): as a reader first meets
    // them, not replying, no restored draft; name and e-mail required or
    // not; a logged-in user's; a members-only site's. The plugin fills the
    // slots with escaped values and makes the form post natively.
    let printed = |required: bool, account: Option<Account>, login: Option<String>| {
        Owner::new().with(|| {
            let state = FormState::new(CommentDraft::default(), false, RwSignal::new(None));
            let maxlength = ["{{max0}}", "{{max1}}", "{{max2}}"].map(String::from);
            let layout = FormLayout { prefix: "{{p}}".into(), maxlength, required, remember: true };
            let s = with_overrides(s, &[("logged_in_as".into(), "{{account}}".into())]);
            view! {
                <ReplyForm form=state strings=s layout heading="{{heading}}".to_string() events=FormEvents::none() account login/>
            }
            .to_html()
        })
    };
    let member = Account {
        name: String::new(),
        profile: Some("{{profile}}".into()),
        logout: Some("{{logout}}".into()),
        ..Account::default()
    };
    // An empty dynamic text renders as one space (so that hydration finds a
    // text node); the live form's is empty, which `.cw-status:empty` styles.
    let empty = |html: String| html.replace("> </", "></");
    let printed = json!({
        "required": empty(printed(true, None, None)),
        "optional": empty(printed(false, None, None)),
        "member": empty(printed(false, Some(member), None)),
        "login": empty(printed(true, None, Some("{{login}}".into()))),
    });
    let thread = Owner::new().with(|| {
        let (on_reply, on_more) = (Callback::new(|_| {}), Callback::new(|_| {}));
        view! {
            <Thread
                load=RwSignal::new(Load::Loading)
                strings=s
                form_under=Signal::stored(None)
                form=ViewFn::default()
                on_reply
                on_more
                sort=RwSignal::new(Sort::Oldest)
                marked=Signal::stored(None)
                backend=Backend::Isso
                avatars=true
            />
        }
        .to_html()
    });
    // The thread's section is hidden while it loads: its order control and
    // its "Show more"/"Show earlier" buttons are left out of the painted
    // copy, so the loader need not carry their words.
    let thread = cut(&thread, "<label class=\"cw-thread__sort\"", "</label>");
    let thread = cut(&thread, "<p hidden class=\"cw-thread__more\"", "</p>");
    let mut limits = Map::new();
    for name in Backend::NAMES {
        if let Some(backend) = Backend::from_name(name) {
            let r = backend.rules();
            limits.insert(name.to_string(), json!([r.author_max.max, r.email_max.max, r.website_max.max]));
        }
    }
    let out = json!({
        "form": empty(form),
        "thread": empty(thread),
        "account": empty(account),
        "login": empty(login),
        "printed": printed,
        "limits": Value::Object(limits),
    });
    println!("{out}");
}

/// `html` without each part that runs from `start` to the first `end` after it.
fn cut(html: &str, start: &str, end: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(start) {
        let (before, from) = rest.split_at(at);
        let Some(stop) = from.find(end) else { break };
        out.push_str(before);
        rest = from.get(stop + end.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}
