//! The DOM calls the UI needs besides rendering: finding an element of the
//! widget, moving the focus, bringing a comment into view (the components
//! write the DOM).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The first element under `root` matching `selector`.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// Moves the focus to `element`.
pub fn focus(element: &Element) {
    if let Some(el) = element.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Scrolls `element` into view and moves the focus to it (a comment an
/// address's `#comment-N` names, which the browser cannot find inside a
/// shadow root itself).
pub fn go_to(element: &Element) {
    element.scroll_into_view();
    focus(element);
}
