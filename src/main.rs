//! The browser entry point Trunk builds (`comment-widget-app.js` + `_bg.wasm`).
//! The classic loader `comment-widget.js` imports it and calls these exports;
//! README's "JS API" documents what the loader offers on top of them.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    use comment_widget::mount::Stylesheet;

    /// Mounts a form into every `[data-comment-widget]` element on the page.
    /// `css_url` is the widget's stylesheet, next to the loader, and
    /// `css_integrity` its Subresource Integrity hash, if known.
    #[wasm_bindgen]
    pub fn mount_all(css_url: String, css_integrity: Option<String>) {
        comment_widget::mount::mount_all(&Stylesheet { url: css_url, integrity: css_integrity });
    }

    /// Mounts a form into `element`, configured by `options` (attribute names
    /// as keys, strings as values). Errors name what to fix.
    #[wasm_bindgen]
    pub fn mount(
        element: web_sys::Element,
        options: JsValue,
        css_url: String,
        css_integrity: Option<String>,
    ) -> Result<(), JsValue> {
        let css = Stylesheet { url: css_url, integrity: css_integrity };
        comment_widget::mount::mount_with_options(&element, &options, &css)
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Makes the form in `element` a reply to comment `id` by `name`; no id
    /// ends the reply.
    #[wasm_bindgen]
    pub fn reply_to(element: web_sys::Element, id: Option<f64>, name: Option<String>) {
        let id = id.filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n < 9.0e15).map(|n| n as u64);
        comment_widget::mount::reply_to(&element, id, name);
    }

    /// Unmounts the form in `element`, leaving nothing behind.
    #[wasm_bindgen]
    pub fn unmount(element: web_sys::Element) {
        comment_widget::mount::unmount(&element);
    }
}

fn main() {}
