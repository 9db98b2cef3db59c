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

use comment_widget::internal::backend::actions::Votes;
use comment_widget::internal::backend::allowlist::{rich_tag, ALLOWED};
use comment_widget::internal::backend::avatar::Avatar;
use comment_widget::internal::backend::thread::Sort;
use comment_widget::internal::backend::thread::ThreadComment;
use comment_widget::internal::backend::Account;
use comment_widget::internal::backend::Backend;
use comment_widget::internal::backend::Server;
use comment_widget::internal::draft::CommentDraft;
use comment_widget::internal::i18n::{with_overrides, Strings, EN};
use comment_widget::internal::ui::{
    AccountNote, Acts, FormEvents, FormLayout, FormState, Load, MustLogIn, Reply, ReplyForm, Thread, ThreadState, Words,
};
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
        provide_context(Words(s));
        view! { <ReplyForm form=state layout heading="{{heading}}".to_string() events=FormEvents::none()/> }.to_html()
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
        provide_context(Words(with_overrides(s, &[("logged_in_as".into(), "{{account}}".into())])));
        view! { <AccountNote account/> }.to_html()
    });
    let login = Owner::new().with(|| {
        provide_context(Words(s));
        view! { <MustLogIn href="{{login}}".to_string()/> }.to_html()
    });
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
            provide_context(Words(with_overrides(s, &[("logged_in_as".into(), "{{account}}".into())])));
            view! {
                <ReplyForm form=state layout heading="{{heading}}".to_string() events=FormEvents::none() account login/>
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
    let thread = thread_html(s, Load::Loading, Backend::Isso, false, None);
    // The thread's section is hidden while it loads: its order control and
    // its "Show more"/"Show earlier" buttons are left out of the painted
    // copy, so the loader need not carry their words.
    let thread = cut(&thread, "<label class=\"cw-thread__sort\"", "</label>");
    let thread = cut(&thread, "<p hidden class=\"cw-thread__more\"", "</p>");
    let painter = thread_markup(s);
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
        "painter": painter,
    });
    println!("{out}");
}

/// What the thread painter (`loader/comment-widget-thread.js`) builds a
/// thread from: the live thread's section as it shows a page of comments
/// (order control, "Show earlier"/"Show more", the list), one comment with
/// every part it may have (avatar, author's link, "Edit", votes, Reply, a
/// reply), a held one with an author without a website, a deleted one, and
/// the allowlist as data. Each comment's id is `ID`, its text and time slots; the painter
/// sets them and removes the parts a comment does not have.
fn thread_markup(s: &'static Strings) -> Value {
    const ID: u64 = 4_242_424_242;
    let sample = |id: u64, held: bool, website: bool, replies: Vec<ThreadComment>| ThreadComment {
        id,
        parent: None,
        author: "{{author}}".into(),
        website: website.then(|| "https://cw.invalid/website".into()),
        created: "{{datetime}}".into(),
        html: "{{text}}".into(),
        held,
        avatar: Some(Avatar::Image {
            src: "https://cw.invalid/1x".into(),
            src2x: Some("https://cw.invalid/2x".into()),
        }),
        votes: Some(Votes { likes: 4_242_424_250, dislikes: 4_242_424_251 }),
        deleted: false,
        replies,
    };
    let render = |comments: Vec<ThreadComment>, backend: Backend, more: bool| {
        // (Two in all: the heading is the plural "other" slot, which the painter overwrites.)
        let load = Load::Loaded { comments, total: Some(2), more, next: 1 };
        thread_html(s, load, backend, true, Some("{{edit_url}}".to_string()))
    };
    let tags: Map<String, Value> = ALLOWED
        .iter()
        .filter_map(|name| rich_tag(name).map(|tag| (name.to_string(), Value::from(tag.name()))))
        .collect();
    let reply = sample(ID + 1, false, true, Vec::new());
    let deleted = ThreadComment { deleted: true, ..sample(ID + 2, false, false, Vec::new()) };
    json!({
        "id": ID,
        "thread": render(vec![sample(ID, false, true, vec![reply])], Backend::Isso, true),
        "held": render(vec![sample(ID, true, false, Vec::new()), deleted], Backend::WordPressRest, false),
        "tags": tags,
        "schemes": ["http://", "https://", "mailto:"],
    })
}

/// The `Thread` component's HTML showing `load` of `backend`'s thread, with
/// a reader's votes and own buttons (`acts`, where the server takes them)
/// and "Edit" links to `edit_url`.
fn thread_html(s: &'static Strings, load: Load, backend: Backend, acts: bool, edit_url: Option<String>) -> String {
    Owner::new().with(|| {
        provide_context(Words(s));
        let server = Server { backend, ..Server::isso("https://cw.invalid") };
        let on_reply = Callback::new(|_| {});
        let state = ThreadState::still(load, Sort::Oldest, acts.then(|| Acts::blank(&server, true)).flatten());
        view! {
            <Thread
                state
                form_under=Signal::stored(None)
                form=ViewFn::default()
                on_reply
                backend
                avatars=true
                edit_url
            />
        }
        .to_html()
    })
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
