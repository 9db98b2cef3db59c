//! Mounts forms into host elements: every `[data-comment-widget]` element
//! (configured by its attributes), or one element with a configuration object
//! from the JS API. Each form lives in an open shadow root that loads the
//! widget's stylesheet, so host CSS cannot reach it and its CSS cannot leak.
//! Unmounting ends the form's listeners and effects and empties the root, so
//! a single-page app can mount again on the same element.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use std::fmt;

use crate::config::{from_attributes, reply_from_query, ConfigError};
use crate::edge::{page, painted};
use crate::i18n::{self, Strings, EN};
use crate::memory::draft_key;
use crate::ui::{Reply, TakeOver, Widget};

/// Why a form was not mounted. Its `Display` is the console message.
#[derive(Debug)]
pub enum MountError {
    /// An attribute or option is missing or wrong.
    Config(ConfigError),
    /// The element cannot hold a shadow root (`<input>`, `<img>`, …).
    NoShadowRoot,
    /// The page has no document to build the form in.
    NoDocument,
}

impl fmt::Display for MountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MountError::Config(e) => e.fmt(f),
            MountError::NoShadowRoot => f.write_str(
                "comment-widget: this element cannot hold the form (use a <div> or another element that allows a shadow root)",
            ),
            MountError::NoDocument => f.write_str("comment-widget: there is no document to show the form in"),
        }
    }
}

impl std::error::Error for MountError {}

// What the host carries for the loader (the contract: `handover`).
use crate::handover::{DRAFT_KEY, LIVE, MOUNTED};

/// One live form: its id, its view (dropping it unmounts the form and ends
/// its owner), and the reply it is writing, which the page may change.
struct Mounted {
    id: u32,
    view: Box<dyn std::any::Any>,
    reply: RwSignal<Option<Reply>>,
    strings: &'static Strings,
}

thread_local! {
    /// Live mounts by id.
    /// A list, not a map: a page has a handful, and a map costs wasm bytes.
    static MOUNTS: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
}

/// Mounts a form into every `[data-comment-widget]` element not yet mounted.
pub fn mount_all() {
    let Ok(found) = document().query_selector_all("[data-comment-widget]") else { return };
    for i in 0..found.length() {
        if let Some(element) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let _ = mount(&element, &|name| element.get_attribute(name));
        }
    }
}

/// Mounts a form into `host`, configured by `options`, a JS object keyed by
/// attribute name (`data-backend`, …) whose values are strings: the loader
/// turns the JS API's camelCase options into that.
pub fn mount_with_options(host: &Element, options: &JsValue) -> Result<(), MountError> {
    mount(host, &|name| js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|v| v.as_string()))
}

/// Unmounts the form in `host`, if any: its listeners and effects end, its
/// shadow root is emptied, and the element may be mounted again.
pub fn unmount(host: &Element) {
    if let Some(id) = host.get_attribute(MOUNTED).and_then(|v| v.parse::<u32>().ok()) {
        // Dropped outside the borrow: unmounting may run cleanups.
        let mounted = MOUNTS.with(|m| {
            let mut mounts = m.borrow_mut();
            let at = mounts.iter().position(|m| m.id == id)?;
            Some(mounts.swap_remove(at))
        });
        if let Some(mounted) = mounted {
            drop(mounted.view);
            mounted.reply.dispose();
        }
    }
    if let Some(root) = host.shadow_root() {
        root.set_inner_html("");
    }
    let _ = host.remove_attribute(MOUNTED);
    let _ = host.remove_attribute(LIVE);
    let _ = host.remove_attribute(DRAFT_KEY);
}

/// Makes the form in `host` a reply to comment `id` by `name` (the JS API's
/// `replyTo`); `None` ends the reply.
pub fn reply_to(host: &Element, id: Option<u64>, name: Option<String>) {
    let Some(mount_id) = host.get_attribute(MOUNTED).and_then(|v| v.parse::<u32>().ok()) else { return };
    MOUNTS.with(|m| {
        if let Some(mounted) = m.borrow().iter().find(|m| m.id == mount_id) {
            mounted.reply.set(id.map(|id| Reply::new(mounted.strings, id, name)));
        }
    });
}

/// One body for both ways of mounting (`attr` is dynamic: a generic would
/// copy this whole function, views included, into each export).
fn mount(host: &Element, attr: &dyn Fn(&str) -> Option<String>) -> Result<(), MountError> {
    if host.has_attribute(MOUNTED) {
        return Ok(());
    }
    let id = NEXT_ID.with(|n| {
        let id = *n.borrow();
        *n.borrow_mut() = id + 1;
        id
    });
    let _ = host.set_attribute(MOUNTED, &id.to_string());
    // The stylesheet themes by the host's own attribute (`:host([data-theme])`).
    if let Some(theme) = attr("data-theme") {
        let _ = host.set_attribute("data-theme", &theme);
    }
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let mut config = match from_attributes(attr, &path, &document().title()) {
        Ok(config) => config,
        Err(error) => return Err(refuse(host, MountError::Config(error))),
    };
    if config.server.backend == crate::backend::Backend::Waline {
        config.server.agent = window().navigator().user_agent().unwrap_or_default();
    }
    let page_lang = document().document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default();
    let strings = i18n::with_overrides(i18n::choose(config.lang.as_deref(), &page_lang), &config.strings);
    // The reply the page opens with: data-reply-to, else WordPress's
    // ?replytocom=N (named by that comment's own reply link when present).
    let initial_reply = match config.reply_to.clone() {
        Some((id, name)) => Some(Reply::new(strings, id, name)),
        None => reply_from_query(&search).map(|id| {
            let mut reply = Reply::new(strings, id, None);
            if let Some(label) = page::reply_label(id) {
                reply.heading = label;
            }
            reply
        }),
    };
    let reply = RwSignal::new(initial_reply);
    let storage_key = draft_key(&config.server, &search, &instance_name(host));
    // The loader keeps the reader's text under this key if the wasm ever stops.
    let _ = host.set_attribute(DRAFT_KEY, &storage_key);
    let Some(root) = shadow_root(host) else {
        return Err(refuse(host, MountError::NoShadowRoot));
    };
    // The loader styled the root and, mostly, painted the form already: the
    // Leptos form takes over what the reader did with it, in the same task
    // (no frame shows both), then gets the focus and the caret back.
    let painted = painted::read(&root);
    let taken_over = painted.as_ref().map(|p| TakeOver {
        draft: p.draft.clone(),
        notice: p.notice,
        submit: p.submit,
        news: p.news.clone(),
    });
    let Some(container) = document().create_element("div").ok().and_then(|c| c.dyn_into::<HtmlElement>().ok()) else {
        return Err(refuse(host, MountError::NoDocument));
    };
    match &painted {
        Some(p) => {
            let _ = p.container.before_with_node_1(&container);
        }
        None => {
            let _ = root.append_child(&container);
        }
    }
    // The form, then the thread after it (loading it never moves what is
    // being typed; it shows what the form posts), rendered by the Widget
    // component under one reactive owner: unmounting ends their listeners
    // and effects. Rendering is synchronous: the controls hold the painted
    // form's text before anything is drawn.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let view = leptos::mount::mount_to(container.clone(), move || {
        view! { <Widget config strings storage_key=Some(storage_key) reply taken_over/> }
    });
    if let Some(p) = painted {
        let was = p.focus.as_ref().and_then(|caret| painted::value(&p.container, caret));
        // The thread the loader painted (readers first) stays on screen, in
        // the live thread's place and the live one hidden, until the live
        // one shows its first page (the loader's thread painter swaps them).
        // Moved before the painted form goes, with no layout in between: the
        // page never gets shorter, so a reader near its end is not scrolled.
        painted::keep_thread(&p.container, &container);
        p.container.remove();
        if let Some(caret) = p.comment {
            // Where the reader was in the text, the focus elsewhere (a press
            // of Preview acts on it), again after the first effects.
            painted::restore_caret(&container, &caret);
            let container = container.clone();
            request_animation_frame(move || {
                if !painted::moved(&container, &caret) {
                    painted::restore_caret(&container, &caret);
                }
            });
        }
        if let Some(path) = &p.focus_path {
            painted::focus_at(&container, path);
        }
        if let Some(caret) = p.focus {
            painted::restore(&container, &caret);
            // Again once the form's first effects have run (they may set a
            // control's value, which moves a caret to the end), before the
            // next frame — unless the reader typed or moved the caret
            // meanwhile: it is then where they left it.
            request_animation_frame(move || {
                if painted::value(&container, &caret) == was && !painted::moved(&container, &caret) {
                    painted::restore(&container, &caret);
                }
            });
        }
    }
    let view: Box<dyn std::any::Any> = Box::new(view);
    MOUNTS.with(|m| m.borrow_mut().push(Mounted { id, view, reply, strings }));
    let _ = host.set_attribute(LIVE, "");
    Ok(())
}

/// A name for the form's place on the page that survives a reload: the
/// element's id, else its position among the page's widgets.
fn instance_name(host: &Element) -> String {
    let id = host.id();
    if !id.is_empty() {
        return format!("#{id}");
    }
    let Ok(all) = document().query_selector_all("[data-comment-widget], comment-widget") else { return "0".into() };
    (0..all.length())
        .find(|i| all.item(*i).is_some_and(|n| n.is_same_node(Some(host))))
        .map(|i| i.to_string())
        .unwrap_or_else(|| "api".into())
}

/// The element's own open shadow root, reused after an unmount.
fn shadow_root(host: &Element) -> Option<ShadowRoot> {
    if let Some(root) = host.shadow_root() {
        return Some(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok()
}

/// Shows the reader a plain message in place of the form and tells the site
/// owner, in the console, what to fix.
fn refuse(host: &Element, error: MountError) -> MountError {
    web_sys::console::error_2(&error.to_string().into(), host);
    // In a paragraph of its own: the loader may have styled (and painted) a
    // shadow root already.
    let message = document().create_element("p").ok();
    match (host.shadow_root(), message) {
        (Some(root), Some(p)) => {
            p.set_text_content(Some(EN.not_configured));
            root.set_text_content(None);
            let _ = root.append_child(&p);
        }
        (Some(root), None) => root.set_text_content(Some(EN.not_configured)),
        (None, _) => host.set_text_content(Some(EN.not_configured)),
    }
    error
}
