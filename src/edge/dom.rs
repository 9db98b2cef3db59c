//! The two DOM calls the UI needs besides rendering: finding an element of
//! the widget, and moving the focus (the components write the DOM).

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
