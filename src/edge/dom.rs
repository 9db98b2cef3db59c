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

/// A text box's selection (start, end), if `element` is one.
pub fn caret(element: &Element) -> Option<(u32, u32)> {
    let area = element.dyn_ref::<web_sys::HtmlTextAreaElement>()?;
    Some((area.selection_start().ok()??, area.selection_end().ok()??))
}

/// Puts a text box's selection back.
pub fn set_caret(element: &Element, start: u32, end: u32) {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.set_selection_range(start, end);
    }
}

/// What the reader has typed into the form's field named `name` under
/// `root` (a text box or an input), if anything: a server-rendered form
/// takes typing before the code has hydrated it.
pub fn typed(root: &Element, name: &str) -> Option<String> {
    let el = find(root, &format!("[name=\"{name}\"]"))?;
    let value = match el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(area) => area.value(),
        None => el.dyn_ref::<web_sys::HtmlInputElement>()?.value(),
    };
    (!value.is_empty()).then_some(value)
}

/// True for a box a reader writes in (the comment, a name, an address).
pub fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target.is_some_and(|t| {
        t.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some()
            || t.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| i.type_() != "checkbox")
    })
}
