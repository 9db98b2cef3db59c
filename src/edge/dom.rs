//! The few DOM calls the widget's views are made of: an element with its
//! class, attributes and text; a text node; an event listener that ends with
//! the reactive owner that added it. Views are written with these instead of
//! Leptos's `view!`, whose rendering code is instantiated once per shape of
//! view (that was most of the wasm: see size-budget.txt).

use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlElement};

/// A new `tag` element at the end of `parent`, with its class, attributes
/// and text (as text). `None` only if the DOM refuses (a detached document).
pub fn add(
    parent: &Element,
    tag: &str,
    class: &str,
    attributes: &[(&str, &str)],
    text: Option<&str>,
) -> Option<Element> {
    let el = parent.owner_document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_attribute("class", class).ok()?;
    }
    for (name, value) in attributes {
        el.set_attribute(name, value).ok()?;
    }
    if text.is_some() {
        el.set_text_content(text);
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// Appends `text` to `parent` as a text node.
pub fn text(parent: &Element, text: &str) {
    let _ = parent.append_with_str_1(text);
}

/// Calls `handler` for each `event` on `target` until the current reactive
/// owner is cleaned up (the form unmounts); then the listener is removed.
pub fn listen(target: &EventTarget, event: &'static str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    if target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref()).is_err() {
        return;
    }
    let held = SendWrapper::new((target.clone(), closure));
    leptos::prelude::on_cleanup(move || {
        let (target, closure) = held.take();
        let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    });
}

/// The element an event happened on, if it is an element.
pub fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// The closest `selector` from an event's target, itself included.
pub fn closest(event: &Event, selector: &str) -> Option<Element> {
    target(event)?.closest(selector).ok()?
}

/// Moves the focus to `element`.
pub fn focus(element: &Element) {
    if let Some(el) = element.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}
