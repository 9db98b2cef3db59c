//! The browser entry point Trunk builds (`comment-widget-app.js` + `_bg.wasm`).
//! The classic loader `comment-widget.js` imports it and calls [`mount_all`].

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts a form into every `[data-comment-widget]` element on the page.
/// `css_url` is the widget's stylesheet, next to the loader.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn mount_all(css_url: String) {
    comment_widget::mount_all(&css_url);
}

fn main() {}
