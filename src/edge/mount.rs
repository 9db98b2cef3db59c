//! Finds the host page's `[data-comment-widget]` elements and mounts a form
//! into each, inside an open shadow root that loads the widget's stylesheet.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::config::from_attributes;
use crate::i18n::EN;
use crate::ui::ReplyForm;

/// Marks a host element once a form (or a configuration message) is in it, so
/// mounting again is harmless.
const MOUNTED: &str = "data-cw-mounted";

/// Mounts a form into every `[data-comment-widget]` element not yet mounted.
/// `css_url` is the widget's stylesheet, resolved by the loader from its own URL.
pub fn mount_all(css_url: &str) {
    let Some(document) = window().document() else { return };
    let Ok(found) = document.query_selector_all("[data-comment-widget]") else { return };
    for i in 0..found.length() {
        if let Some(element) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            mount_element(&element, css_url);
        }
    }
}

fn mount_element(host: &Element, css_url: &str) {
    if host.has_attribute(MOUNTED) {
        return;
    }
    let _ = host.set_attribute(MOUNTED, "");
    let document = document();
    let path = window().location().pathname().unwrap_or_default();
    let config = match from_attributes(|name| host.get_attribute(name), &path, &document.title()) {
        Ok(config) => config,
        Err(error) => {
            web_sys::console::error_2(&error.for_site_owner().into(), host);
            host.set_text_content(Some(EN.config_message(&error)));
            return;
        }
    };

    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let Ok(shadow) = host.attach_shadow(&init) else {
        web_sys::console::error_2(
            &"comment-widget: this element cannot hold the form (it must be a <div> or another element that allows a shadow root)".into(),
            host,
        );
        host.set_text_content(Some(EN.not_configured));
        return;
    };
    if let Ok(link) = document.create_element("link") {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", css_url);
        let _ = shadow.append_child(&link);
    }
    let Ok(root) = document.create_element("div") else { return };
    let _ = root.set_attribute("class", "cw-root");
    let _ = shadow.append_child(&root);
    let root: HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, move || view! { <ReplyForm config=config /> }).forget();
}
