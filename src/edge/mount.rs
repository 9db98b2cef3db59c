//! Mounts forms into host elements: every `[data-comment-widget]` element
//! (configured by its attributes), or one element with a configuration object
//! from the JS API. Each form lives in an open shadow root that loads the
//! widget's stylesheet, so host CSS cannot reach it and its CSS cannot leak.
//! Unmounting ends the form's listeners and effects and empties the root, so
//! a single-page app can mount again on the same element.

use std::any::Any;
use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::config::{from_attributes, reply_from_query, ConfigError};
use crate::i18n::{self, Strings, EN};
use crate::memory::draft_key;
use crate::ui::{Reply, ReplyForm};

/// Set on a host element while a form (or a configuration message) is in it;
/// its value is the mount's id. Mounting again while it is set does nothing.
const MOUNTED: &str = "data-cw-mounted";

/// One live form: its id, its Leptos handle (dropping it unmounts), and the
/// reply it is writing, which the page may change.
struct Mounted {
    id: u32,
    handle: Box<dyn Any>,
    reply: RwSignal<Option<Reply>>,
    strings: &'static Strings,
}

thread_local! {
    /// Live mounts by id. Dropping a Leptos `UnmountHandle` unmounts its view.
    /// A list, not a map: a page has a handful, and a map costs wasm bytes.
    static MOUNTS: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
}

/// Mounts a form into every `[data-comment-widget]` element not yet mounted.
/// `css_url` is the widget's stylesheet, resolved by the loader from its own URL.
pub fn mount_all(css_url: &str) {
    let Ok(found) = document().query_selector_all("[data-comment-widget]") else { return };
    for i in 0..found.length() {
        if let Some(element) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let _ = mount(&element, css_url, |name| element.get_attribute(name));
        }
    }
}

/// Mounts a form into `host`, configured by `options`, a JS object whose keys
/// are the attribute names without `data-`, in camelCase (`backend`,
/// `endpoint`, `postId`, `fields`, …). Objects are taken as their JSON.
pub fn mount_with_options(host: &Element, options: &JsValue, css_url: &str) -> Result<(), String> {
    mount(host, css_url, |name| option_value(options, name))
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
            drop(mounted.handle);
            mounted.reply.dispose();
        }
    }
    if let Some(root) = host.shadow_root() {
        root.set_inner_html("");
    }
    let _ = host.remove_attribute(MOUNTED);
}

/// Makes the form in `host` a reply to comment `id` by `name` (the JS API's
/// `replyTo`); `None` ends the reply.
pub fn reply_to(host: &Element, id: Option<u64>, name: Option<String>) {
    let Some(mount_id) = host.get_attribute(MOUNTED).and_then(|v| v.parse::<u32>().ok()) else { return };
    MOUNTS.with(|m| {
        if let Some(mounted) = m.borrow().iter().find(|m| m.id == mount_id) {
            let reply = id.map(|id| Reply { id, heading: mounted.strings.heading_for(Some(&name.unwrap_or_else(|| format!("#{id}")))) });
            mounted.reply.set(reply);
        }
    });
}

/// `data-post-id` → `postId` on a JS object; strings as they are, numbers
/// and booleans as text, objects as JSON.
fn option_value(options: &JsValue, attribute: &str) -> Option<String> {
    let name = attribute.strip_prefix("data-")?;
    let mut key = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            key.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            key.push(c);
        }
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str(&key)).ok()?;
    if value.is_undefined() || value.is_null() {
        None
    } else if let Some(s) = value.as_string() {
        Some(s)
    } else {
        // Numbers, booleans and objects, written by the browser's JSON (no
        // float formatting in the wasm).
        js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string())
    }
}

fn mount(host: &Element, css_url: &str, attr: impl Fn(&str) -> Option<String>) -> Result<(), String> {
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
    if let Some(theme) = attr("data-theme").filter(|_| !host.has_attribute("data-theme")) {
        let _ = host.set_attribute("data-theme", &theme);
    }
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let config = match from_attributes(attr, &path, &document().title()) {
        Ok(config) => config,
        Err(error) => return Err(refuse(host, &error)),
    };
    let page_lang = document().document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default();
    let base = i18n::choose(config.lang.as_deref(), &page_lang);
    let strings: &'static Strings = if config.strings.is_empty() {
        base
    } else {
        Box::leak(Box::new(base.with_overrides(&config.strings)))
    };
    // The reply the page opens with: data-reply-to, else WordPress's
    // ?replytocom=N (named by that comment's own reply link when present).
    let initial_reply = match config.reply_to.clone() {
        Some((id, name)) => Some(Reply { id, heading: strings.heading_for(Some(&name.unwrap_or_else(|| format!("#{id}")))) }),
        None => reply_from_query(&location.search().unwrap_or_default()).map(|id| {
            let wp_label = document()
                .query_selector(&format!(".comment-reply-link[data-commentid=\"{id}\"]"))
                .ok()
                .flatten()
                .and_then(|a| a.get_attribute("data-replyto"));
            Reply { id, heading: wp_label.unwrap_or_else(|| strings.heading_for(Some(&format!("#{id}")))) }
        }),
    };
    let reply = RwSignal::new(initial_reply);
    let storage_key = draft_key(&config, &instance_name(host));
    let Some(root) = shadow_root(host) else {
        let why = "comment-widget: this element cannot hold the form (use a <div> or another element that allows a shadow root)";
        web_sys::console::error_2(&why.into(), host);
        host.set_text_content(Some(EN.not_configured));
        return Err(why.to_string());
    };
    let document = document();
    if let Ok(link) = document.create_element("link") {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", css_url);
        let _ = root.append_child(&link);
    }
    let container = document.create_element("div").map_err(|_| "no document".to_string())?;
    let _ = container.set_attribute("class", "cw-root");
    let _ = root.append_child(&container);
    let container: HtmlElement = container.unchecked_into();
    let handle = leptos::mount::mount_to(container, move || {
        view! { <ReplyForm config=config strings=strings storage_key=storage_key reply=reply /> }
    });
    MOUNTS.with(|m| m.borrow_mut().push(Mounted { id, handle: Box::new(handle), reply, strings }));
    Ok(())
}

/// A name for the form's place on the page that survives a reload: the
/// element's id, else its position among the page's widgets.
fn instance_name(host: &Element) -> String {
    let id = host.id();
    if !id.is_empty() {
        return format!("#{id}");
    }
    let Ok(all) = document().query_selector_all("[data-comment-widget]") else { return "0".into() };
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
/// owner, in the console, which attribute to fix.
fn refuse(host: &Element, error: &ConfigError) -> String {
    let why = error.for_site_owner();
    web_sys::console::error_2(&why.as_str().into(), host);
    match host.shadow_root() {
        Some(root) => root.set_text_content(Some(EN.config_message(error))),
        None => host.set_text_content(Some(EN.config_message(error))),
    }
    why
}
