//! The form the loader painted before the wasm arrived (see the loader's
//! "Paint first"): what the reader did with it, read once at the takeover, and
//! the focus and caret put back on the Leptos form that replaces it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, ShadowRoot};

use crate::draft::CommentDraft;
use crate::handover;

/// What the painted form held.
pub struct Painted {
    /// The painted form's root, replaced at the takeover.
    pub container: Element,
    /// What the reader typed (and what the loader restored).
    pub draft: CommentDraft,
    /// "Your unsent comment from earlier is back" is showing.
    pub notice: bool,
    /// Post Comment was pressed: post once the form is live.
    pub submit: bool,
    /// Where the focus and the caret were.
    pub focus: Option<Caret>,
    /// The comment box's caret and scroll when the focus was elsewhere (a
    /// press of Preview keeps where the reader was in the text).
    pub comment: Option<Caret>,
    /// Where the focus was when it was on a control without a name (Preview,
    /// Post Comment, Cancel reply): its place in the form, as element
    /// indices (the painted and the live form are the same rendering).
    pub focus_path: Option<Vec<u32>>,
    /// The painted thread's new comments, once it found any: the ids the
    /// reader added (`handover::NEW`).
    pub news: Option<Vec<u64>>,
}

/// A focused control, by its `name`, with its selection and scroll.
pub struct Caret {
    name: String,
    selection: Option<(u32, u32, String)>,
    scroll_top: i32,
}

fn control(root: &Element, name: &str) -> Option<Element> {
    root.query_selector(&format!("[name=\"{name}\"]")).ok().flatten()
}

fn text_of(root: &Element, name: &str) -> String {
    let Some(el) = control(root, name) else { return String::new() };
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// The painted form in `root`, if the loader painted one.
pub fn read(root: &ShadowRoot) -> Option<Painted> {
    let container = root.query_selector(handover::PAINTED_FORM).ok().flatten()?;
    let remember = control(&container, "wp-comment-cookies-consent")
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|b| b.checked());
    let draft = CommentDraft {
        comment: text_of(&container, "comment"),
        author: text_of(&container, "author"),
        email: text_of(&container, "email"),
        website: text_of(&container, "website"),
        remember,
        parent: None,
        // (By its place: the WordPress plugin names its printed trap per site.)
        honeypot: container
            .query_selector(".cw-hp input")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default(),
        notify: false,
        proof: None,
        root: None,
        parent_name: None,
    };
    let focus = root.active_element().and_then(|el| caret(&el));
    let comment = control(&container, "comment")
        .filter(|_| focus.as_ref().is_none_or(|f| f.name != "comment"))
        .and_then(|el| caret(&el));
    let focus_path = match (&focus, root.active_element(), container.query_selector(".cw-reply").ok().flatten()) {
        (None, Some(el), Some(form)) if form.contains(Some(&el)) => path(&form, &el),
        _ => None,
    };
    Some(Painted {
        comment,
        focus_path,
        notice: container.query_selector(".cw-notice").ok().flatten().is_some(),
        submit: container.has_attribute(handover::SUBMIT),
        news: container
            .query_selector(handover::PAINTED_THREAD_SELECTOR)
            .ok()
            .flatten()
            .and_then(|t| t.get_attribute(handover::NEW))
            .map(|ids| ids.split_ascii_whitespace().filter_map(|id| id.parse().ok()).collect()),
        draft,
        focus,
        container,
    })
}

/// `el`'s place under `from`: at each level, its index among the elements
/// (not the renderer's comment markers) of its parent.
fn path(from: &Element, el: &Element) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut at = el.clone();
    while !at.is_same_node(Some(from)) {
        let parent = at.parent_element()?;
        let kids = parent.child_nodes();
        let index = (0..kids.length())
            .filter_map(|i| kids.item(i))
            .filter(|n| n.node_type() == web_sys::Node::ELEMENT_NODE)
            .position(|n| n.is_same_node(Some(&at)))?;
        out.push(u32::try_from(index).ok()?);
        at = parent;
    }
    out.reverse();
    Some(out)
}

/// Puts the focus, without scrolling, on the element at `path` under the
/// live form in `container` (see [`Painted::focus_path`]).
pub fn focus_at(container: &Element, path: &[u32]) {
    let Some(mut at) = container.query_selector(".cw-reply").ok().flatten() else { return };
    for index in path {
        let kids = at.child_nodes();
        let next = (0..kids.length())
            .filter_map(|i| kids.item(i))
            .filter(|n| n.node_type() == web_sys::Node::ELEMENT_NODE)
            .nth(*index as usize)
            .and_then(|n| n.dyn_into::<Element>().ok());
        let Some(next) = next else { return };
        at = next;
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    if let Some(html) = at.dyn_ref::<HtmlElement>() {
        let _ = html.focus_with_options(&options);
    }
}

/// A named control's caret and scroll.
fn caret(el: &Element) -> Option<Caret> {
    let name = el.get_attribute("name")?;
    let selection = if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        selection(area.selection_start(), area.selection_end(), area.selection_direction())
    } else if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        selection(input.selection_start(), input.selection_end(), input.selection_direction())
    } else {
        None
    };
    Some(Caret { name, selection, scroll_top: el.scroll_top() })
}

fn selection(
    start: Result<Option<u32>, wasm_bindgen::JsValue>,
    end: Result<Option<u32>, wasm_bindgen::JsValue>,
    direction: Result<Option<String>, wasm_bindgen::JsValue>,
) -> Option<(u32, u32, String)> {
    Some((start.ok()??, end.ok()??, direction.ok().flatten().unwrap_or_else(|| "none".into())))
}

/// Moves the thread painted in `painted` (`[data-cw-painted-thread]`), if
/// any, in front of the live form's thread in `live`, which is hidden.
pub fn keep_thread(painted: &Element, live: &Element) {
    let thread = painted.query_selector(handover::PAINTED_THREAD_SELECTOR).ok().flatten();
    let host = live.query_selector(".cw-thread-host").ok().flatten();
    if let (Some(thread), Some(host)) = (thread, host) {
        let _ = host.set_attribute("hidden", "");
        let _ = host.before_with_node_1(&thread);
    }
}

/// The text in the control `caret` names, in `container`'s form.
pub fn value(container: &Element, caret: &Caret) -> Option<String> {
    let el = control(container, &caret.name)?;
    if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        return Some(area.value());
    }
    el.dyn_ref::<HtmlInputElement>().map(HtmlInputElement::value)
}

/// Puts the focus and the caret back on the same control of the new form,
/// without scrolling the page.
pub fn restore(container: &Element, caret: &Caret) {
    let Some(el) = control(container, &caret.name) else { return };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    if let Some(html) = el.dyn_ref::<HtmlElement>() {
        let _ = html.focus_with_options(&options);
    }
    select(&el, caret);
}

/// The field of the form under `root` (a `.cw-root`) that has the focus,
/// with its caret: the form is about to be drawn elsewhere (under the
/// comment it answers, when the thread draws that comment), and
/// [`restore`] puts the reader back where they were typing.
pub fn focused_in(root: &Element) -> Option<Caret> {
    let node = root.get_root_node();
    let active = match node.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => node.dyn_ref::<web_sys::Document>().and_then(web_sys::Document::active_element),
    }?;
    let form = root.query_selector(".cw-reply").ok().flatten()?;
    form.contains(Some(&active)).then(|| caret(&active)).flatten()
}

/// Puts the caret back on the same control of the new form, leaving the
/// focus where it is and the page where it was (a selection set on a
/// control without the focus scrolls the page to it in Chromium). A caret
/// at the end of the text is where the new form has it already.
pub fn restore_caret(container: &Element, caret: &Caret) {
    let Some(el) = control(container, &caret.name) else { return };
    let at_end = |len: usize| matches!(&caret.selection, Some((s, e, _)) if *s == *e && *e as usize == len);
    let len = el.dyn_ref::<HtmlTextAreaElement>().map(|a| a.value().encode_utf16().count()).unwrap_or(0);
    if caret.selection.is_none() || at_end(len) {
        return;
    }
    let window = web_sys::window();
    let page = window.as_ref().map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    select(&el, caret);
    if let (Some(w), Some((x, y))) = (window, page) {
        w.scroll_to_with_x_and_y(x, y);
    }
}

/// True when the caret of the control `caret` names is neither where
/// `caret` puts it nor at the end of its text (where setting the value puts
/// it): the reader moved it.
pub fn moved(container: &Element, caret: &Caret) -> bool {
    let Some(area) = control(container, &caret.name).and_then(|el| el.dyn_into::<HtmlTextAreaElement>().ok()) else {
        return false;
    };
    let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end()) else { return false };
    let len = area.value().encode_utf16().count();
    let ours = caret.selection.as_ref().is_some_and(|(s, e, _)| (*s, *e) == (start, end));
    let at_end = start == end && end as usize == len;
    !(ours || at_end)
}

fn select(el: &Element, caret: &Caret) {
    if let Some((start, end, direction)) = &caret.selection {
        if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            let _ = area.set_selection_range_with_direction(*start, *end, direction);
        } else if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            let _ = input.set_selection_range_with_direction(*start, *end, direction);
        }
    }
    el.set_scroll_top(caret.scroll_top);
}
