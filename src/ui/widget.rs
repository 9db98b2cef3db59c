//! The whole widget: the form wired to its server, then the thread.
//! [`Widget`] takes a checked [`WidgetConfig`] and what the page handed
//! over (the loader's `mount` uses it); [`CommentWidget`] is the same for a
//! Leptos app, with typed props.
//!
//! The wiring lives here: the kept draft (`saved_draft`), posting
//! (`posting`), replies (`reply`) and the thread's loading (`thread`); the
//! markup lives in the components they feed.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;

#[cfg(any(feature = "ssr", feature = "hydrate"))]
use crate::backend::thread::ThreadPage;
use crate::backend::thread::{Paging, Sort};
use crate::backend::{Account, Server};
use crate::config::WidgetConfig;
use crate::edge::page;
use crate::i18n::{self, Strings};
use crate::memory::draft_key;
use crate::ui::form::posting::{cancel_reply, discard, editing, follow, posting, previewing, Focus, FormState};
use crate::ui::form::reply::{follow_reply_links, Reply};
use crate::ui::form::saved_draft::{keep_saving, nothing, restore, restore_after_hydration, TakeOver};
use crate::ui::form::status::Ask;
use crate::ui::form::{FormEvents, FormLayout, ReplyForm};
use crate::ui::thread::state::ThreadState;
use crate::ui::thread::Thread;
use crate::ui::Words;

/// Asks for the kept submit once the painted thread is gone from the form's
/// root (its presses carried out on the live thread), or after 10 s; never
/// once the form is gone.
fn submit_after_thread(ask: Callback<Ask>, focus: Focus, tries: u32) {
    let wait = std::time::Duration::from_millis(if tries == 0 { 0 } else { 50 });
    set_timeout(
        move || {
            if focus.root().is_none() {
                return;
            }
            match focus.find(crate::handover::PAINTED_THREAD_SELECTOR) {
                Some(_) if tries < 200 => submit_after_thread(ask, focus, tries + 1),
                _ => ask.run(Ask::Submit),
            }
        },
        wait,
    );
}

/// A new id prefix for a form: labels and `aria-describedby` stay unique
/// when several forms share a page (or a test's document).
fn next_prefix() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("cw{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The form and, when the server lists one, the thread, under one
/// `.cw-root`. Cleaning up its owner ends every listener, timer and request,
/// and writes the draft.
#[component]
pub fn Widget(
    /// Which server to post to and the form's settings.
    config: WidgetConfig,
    /// The words to speak.
    strings: &'static Strings,
    /// Where this form keeps its unsent draft; without one, nothing is kept
    /// in the browser (neither draft nor remembered details).
    storage_key: Option<String>,
    /// The comment being replied to; the page can change it (reply links, JS API).
    reply: RwSignal<Option<Reply>>,
    /// What the loader's painted form held, when this form replaces it.
    taken_over: Option<TakeOver>,
) -> impl IntoView {
    let s = strings;
    // The words every component below speaks (ui::words).
    provide_context(Words(s));
    let rules = config.rules();
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    provide_context(crate::ui::form::ServerForm);
    // What the browser kept, now in a client-side app; after hydration in a
    // server-rendered one (below).
    let mut restored =
        if page::READ_AT_RENDER { restore(storage_key.as_deref(), taken_over.as_ref()) } else { nothing() };
    // Without the box, details kept from before fill this form once and are
    // forgotten (as WordPress forgets its cookies when the box is off).
    restored.draft.remember &= config.remember;
    if let (Some((id, name)), None) = (restored.reply.clone(), reply.get_untracked()) {
        reply.set(Some(Reply::new(s, id, name)));
    }
    let form = FormState::new(restored.draft, restored.comment_restored, reply);
    let heading = Signal::derive(move || {
        reply.with(|r| r.as_ref().map(|r| r.heading.clone())).unwrap_or_else(|| s.heading.to_string())
    });
    let layout = FormLayout { remember: config.remember, ..FormLayout::new(next_prefix(), &rules) };
    let root = NodeRef::<Div>::new();
    let focus = Focus::new(root);
    match storage_key.clone() {
        Some(key) if page::READ_AT_RENDER => keep_saving(key, form.draft, reply, taken_over.is_some()),
        Some(key) => restore_after_hydration(key, form, config.remember, s, focus),
        None => {}
    }
    let posted = RwSignal::new(0);
    let thread = config
        .thread
        .then(|| ThreadState::start(config.clone(), posted, taken_over.as_ref().and_then(|t| t.news.clone())));
    let post_id = config.server.post_id;
    let (account, login) = (config.server.account.clone(), config.login_url.clone());
    let edit_url = account.as_ref().and_then(|a| a.edit.clone());
    let closed = config.closed;
    let (backend, avatars, depth) = (config.server.backend, config.avatars, config.thread_depth.unwrap_or(u32::MAX));
    let preview = previewing(&config, s, form, focus);
    let notify = thread.map_or(RwSignal::new(false), |t| t.notify);
    // The conversation a reply joins (Waline's `rid`), where the thread shows it.
    let root_of = thread.map(|t| Callback::new(move |id| t.load.with_untracked(|st| st.root_of(id))));
    let ask = posting(config, s, storage_key.clone(), form, focus, Some(posted), root_of);
    follow_reply_links(post_id, s, reply, focus);
    if taken_over.is_some_and(|t| t.submit) {
        // Post Comment was pressed on the painted form: act on it once,
        // validated like any other press, after what was pressed on the
        // painted thread before it (a Reply: the comment is sent as the
        // reply it was written as), which the loader's painter carries out
        // when it swaps the threads.
        submit_after_thread(ask, focus, 0);
    }
    page::listen(leptos::ev::online, move |_| ask.run(Ask::BackOnline));

    let events = FormEvents {
        edit: editing(form, rules),
        ask,
        cancel_reply: cancel_reply(reply, focus),
        discard: discard(storage_key, form, focus),
        follow: follow(focus),
        preview,
    };
    let reply_form = ViewFn::from(move || {
        let (account, login) = (account.clone(), login.clone());
        (!closed).then(|| view! { <ReplyForm form layout=layout.clone() heading events notify account login/> })
    });
    // The form goes under the comment it answers when the thread shows that
    // comment, else above the thread.
    // When it moves (the thread has drawn that comment, or no longer shows
    // it) while the reader types in it, the focus and the caret follow it:
    // the keys that come next land in the same field.
    let moving = StoredValue::new(None);
    let form_under = Memo::new(move |before: Option<&Option<u64>>| {
        let id = reply.with(|r| r.as_ref().map(|r| r.id));
        let now = id.filter(|id| thread.is_some_and(|t| t.load.with(|st| st.shows(*id))));
        if page::IN_BROWSER && before.is_some_and(|b| *b != now) {
            if let Some(caret) = focus.root().and_then(|root| crate::edge::painted::focused_in(&root)) {
                moving.set_value(Some(caret));
                queue_microtask(move || {
                    let caret = moving.try_update_value(Option::take).flatten();
                    if let (Some(caret), Some(root)) = (caret, focus.root()) {
                        crate::edge::painted::restore(&root, &caret);
                    }
                });
            }
        }
        now
    });
    let above = reply_form.clone();
    let thread = thread.map(|t| {
        let on_reply = Callback::new(move |(id, name): (u64, String)| reply.set(Some(Reply::new(s, id, Some(name)))));
        let thread = move |form: ViewFn| {
            view! {
                <Thread
                    state=t
                    form_under
                    form
                    on_reply
                    backend
                    avatars
                    depth
                    open=!closed
                    edit_url=edit_url.clone()
                />
            }
        };
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        let thread = thread(reply_form);
        #[cfg(any(feature = "ssr", feature = "hydrate"))]
        let thread = first_page(t, move || thread(reply_form.clone()));
        thread
    });
    view! {
        <div class="cw-root" node_ref=root>
            {move || form_under.get().is_none().then(|| untrack(|| above.run()))}
            {thread}
            {closed.then(|| view! { <p class="cw-closed">{s.closed}</p> })}
        </div>
    }
}

/// The thread, `thread`, in a server-rendered app: when the server has
/// asked for its first page (the server waits for it, within its time
/// limit, and hands it to the hydrating client with the page), else
/// loading, and the client asks. (A client-side app's thread loads it.)
#[cfg(any(feature = "ssr", feature = "hydrate"))]
fn first_page<V: IntoView + 'static>(
    t: ThreadState,
    thread: impl Fn() -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    use crate::ui::thread::{Hydrated, ServerTrees};
    let hydrated = RwSignal::new(false);
    provide_context(Hydrated(hydrated));
    crate::ui::effect(move || hydrated.set(true));
    let Some(first) = t.first else {
        if page::IN_BROWSER {
            t.fetch_first.run(());
        }
        return Either::Left(thread());
    };
    let trees = ServerTrees(StoredValue::new(Vec::new()));
    provide_context(trees);
    Either::Right(view! {
        <Suspense>
            {move || {
                let thread = thread.clone();
                Suspend::new(async move {
                    match first.await {
                        Some(first) => {
                            trees.0.set_value(first.trees);
                            t.notify.set(first.page.notify);
                            let ThreadPage { comments, total, more, .. } = first.page;
                            t.load.set(crate::ui::Load::Loaded { comments, total, more, next: 1 });
                        }
                        None if page::IN_BROWSER => t.fetch_first.run(()),
                        None => {}
                    }
                    thread()
                })
            }}
        </Suspense>
    })
}

/// The comment form and thread of one page, for a Leptos app: no loader,
/// no attributes, the same form and behaviour as the script tag's. It works
/// in client-side, server-rendered and hydrated apps alike: turn on this
/// crate's `csr`, `ssr` or `hydrate` feature with Leptos's own.
///
/// ```no_run
/// use comment_widget::{CommentWidget, Server};
/// use leptos::prelude::*;
///
/// #[component]
/// fn Article() -> impl IntoView {
///     view! {
///         <article>"…"</article>
///         <CommentWidget server=Server::isso("https://comments.example.org") page="/post/1/"/>
///     }
/// }
/// ```
///
/// It renders into the page itself, in a `<div class="cw-host">` that
/// carries the theme's custom properties: link the widget's stylesheet
/// (`style/comment-widget.css`) from the app's `index.html`. A prop that
/// cannot work (an endpoint that is not a URL, a page that is not a path)
/// shows the reader one plain sentence and tells the app's developer what
/// to fix, in the console or the server's log; it never panics.
#[component]
pub fn CommentWidget(
    /// The comments server: `Server::isso(…)`, `Server::wordpress_rest(…)`,
    /// `Server::wordpress_form(…)`, `Server::json(…)`, `Server::form(…)`,
    /// with its builder methods (`.title()`, …).
    server: Server,
    /// The thread's key on the server (Isso's `uri`), a path; default: the
    /// page's path (on the server, the request's). A signal follows the
    /// app's routes: another post shows its own thread and draft.
    #[prop(optional, into)]
    page: MaybeProp<String>,
    /// The language (`"de"`, `"fr-CA"`, …); default: the page's `<html
    /// lang>` in a client-side app, English in a server-rendered one.
    #[prop(optional, into)]
    lang: Option<String>,
    /// Name and email may be left empty (default: required, as WordPress asks).
    #[prop(optional)]
    anonymous: bool,
    /// The thread under the form, where the server lists one.
    #[prop(default = true)]
    thread: bool,
    /// Avatars beside the authors, where the server gives them.
    #[prop(default = true)]
    avatars: bool,
    /// "Save my name, email, and website in this browser…" (off: WordPress's
    /// cookies opt-in off; nothing about the reader is kept).
    #[prop(default = true)]
    remember: bool,
    /// ▲/▼ votes on comments, where the server counts them (Isso).
    #[prop(default = true)]
    votes: bool,
    /// How deep replies nest (1 to 10; default: as deep as they go).
    #[prop(optional)]
    thread_depth: Option<u32>,
    /// The post takes no more comments: the thread without the form, and
    /// "Comments are closed.".
    #[prop(optional)]
    closed: bool,
    /// Members only: readers not logged in get "You must be logged in to
    /// post a comment." with this link instead of the form.
    #[prop(optional, into)]
    login_url: Option<String>,
    /// The logged-in reader (WordPress): "Logged in as …", and only Comment.
    #[prop(optional)]
    account: Option<Account>,
    /// How long to wait for the server, in milliseconds (default 20 s).
    #[prop(optional)]
    timeout_ms: Option<u32>,
    /// Replaces any of the widget's words, by name (`("submit", "Send")`).
    #[prop(optional)]
    strings: Vec<(String, String)>,
    /// `"dark"`, or `"auto"` to follow the reader's system (default light).
    #[prop(optional, into)]
    theme: Option<String>,
    /// More classes for the widget's `<div class="cw-host">`.
    #[prop(optional, into)]
    class: Option<String>,
    /// Where the draft is kept: a name for this form, unique on the page
    /// (default `"app"`). Drafts are also keyed by server and page.
    #[prop(optional, into)]
    name: Option<String>,
    /// The thread's order for a reader who has not chosen one (default oldest first).
    #[prop(optional)]
    sort: Sort,
    /// How the thread is read page by page (default: 50 a page, the oldest
    /// page first); `Paging { per_page: 10, newest_first_page: true }` is
    /// WordPress's "10 per page, the last page displayed by default".
    #[prop(optional)]
    paging: Option<Paging>,
) -> impl IntoView {
    let mut config = WidgetConfig::new(server);
    config.require_name_email = !anonymous;
    config.thread = thread && config.server.can_list();
    config.sort = sort.for_backend(config.server.backend);
    config.avatars = avatars;
    config.votes = votes;
    config.remember = remember;
    config.paging = paging.unwrap_or_default();
    config.thread_depth = thread_depth;
    config.closed = closed;
    config.login_url = login_url;
    config.server.account = account;
    if let Some(ms) = timeout_ms {
        config.timeout_ms = ms;
    }
    // The page's language and title, in a client-side app (the language
    // changes the markup, which a hydrating client must render as the server did).
    let page_lang = if page::READ_AT_RENDER {
        document().document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default()
    } else {
        String::new()
    };
    if config.server.title.is_empty() && page::IN_BROWSER {
        config.server.title = document().title();
    }
    let strings = i18n::with_overrides(i18n::choose(lang.as_deref(), &page_lang), &strings);
    let name = name.unwrap_or_else(|| "app".into());
    let class = class.map_or_else(|| "cw-host".to_string(), |c| format!("cw-host {c}"));
    // One widget per page: a route to another post makes a new one (the
    // old one writes its draft as it goes).
    let widget = move || {
        let mut config = config.clone();
        config.server.page = page.get().unwrap_or_else(page::path);
        let search = page::search();
        let key = draft_key(&config.server, &search, &name);
        untrack(move || match crate::config::check(&config) {
            Ok(()) => {
                let reply = RwSignal::new(None);
                Either::Left(view! { <Widget config strings storage_key=Some(key) reply taken_over=None/> })
            }
            Err(error) => {
                leptos::logging::error!("{error}");
                Either::Right(view! { <p class="cw-not-configured">{strings.not_configured}</p> })
            }
        })
    };
    view! { <div class=class data-theme=theme>{widget}</div> }
}
