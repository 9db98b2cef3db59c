//! The browser entry point Trunk builds (`comment-widget-app.js` + `_bg.wasm`).
//! The classic loader `comment-widget.js` imports it and calls these exports;
//! README's "JS API" documents what the loader offers on top of them.
// No `main` in the wasm: nothing runs at start (the loader calls the
// exports), and std's start-up code stays out (-321 bytes gzip).
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts a form into every `[data-comment-widget]` element on the page
    /// (taking over the form the loader painted, if any).
    #[wasm_bindgen]
    pub fn mount_all() {
        comment_widget::internal::mount::mount_all();
    }

    /// Mounts a form into `element`, configured by `options` (attribute names
    /// as keys, strings as values). Errors name what to fix.
    #[wasm_bindgen]
    pub fn mount(element: web_sys::Element, options: JsValue) -> Result<(), JsValue> {
        comment_widget::internal::mount::mount_with_options(&element, &options)
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Makes the form in `element` a reply to comment `id` by `name`; no id
    /// ends the reply.
    #[wasm_bindgen]
    pub fn reply_to(element: web_sys::Element, id: Option<f64>, name: Option<String>) {
        let id = id.filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n < 9.0e15).map(|n| n as u64);
        comment_widget::internal::mount::reply_to(&element, id, name);
    }

    /// Adds a language (its table as JSON, `comment-widget-<lang>.json`):
    /// the wasm carries English only. Call before mounting forms in it.
    #[wasm_bindgen]
    pub fn add_language(json: &str) -> bool {
        comment_widget::internal::i18n::register(json).is_some()
    }

    /// Unmounts the form in `element`, leaving nothing behind.
    #[wasm_bindgen]
    pub fn unmount(element: web_sys::Element) {
        comment_widget::internal::mount::unmount(&element);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
