//! A comment's HTML from the server, parsed by the browser's `DOMParser`
//! (an inert document: no script runs, no image or frame is fetched) and
//! rebuilt node by node into the page through the core's allowlist
//! (`backend::allowlist`): allowed elements are made afresh with no
//! attribute but a safe link's `href` and `rel`; anything else keeps only its
//! text. Nothing is ever inserted as HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, Node, SupportedType};

use crate::backend::allowlist::{rich_tag, safe_link, RichTag};
use crate::backend::plain_text;

/// Nesting deeper than this is kept as plain text (the walk recurses).
const MAX_DEPTH: u32 = 32;

/// Appends `html`, rebuilt through the allowlist, to `target`.
pub fn fill(target: &Element, html: &str) {
    let Some(document) = target.owner_document() else { return };
    let body = DomParser::new()
        .ok()
        .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml).ok())
        .and_then(|doc| doc.body());
    match body {
        Some(body) => copy(&document, &body, target, 0),
        // No DOMParser: the text alone, never the markup.
        None => target.set_text_content(Some(&plain_text(html, 65_535))),
    }
}

fn copy(document: &Document, from: &Node, to: &Node, depth: u32) {
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            Node::TEXT_NODE => {
                let _ = to.append_child(&document.create_text_node(&child.text_content().unwrap_or_default()));
            }
            Node::ELEMENT_NODE if depth >= MAX_DEPTH => {
                let _ = to.append_child(&document.create_text_node(&child.text_content().unwrap_or_default()));
            }
            Node::ELEMENT_NODE => {
                let Some(element) = child.dyn_ref::<Element>() else { continue };
                let made = match rich_tag(&element.local_name()) {
                    Some(RichTag::A) => element.get_attribute("href").and_then(|h| safe_link(&h)).and_then(|href| {
                        let a = document.create_element("a").ok()?;
                        a.set_attribute("href", &href).ok()?;
                        a.set_attribute("rel", "nofollow ugc noopener").ok()?;
                        Some(a)
                    }),
                    Some(tag) => document.create_element(tag.name()).ok(),
                    None => None,
                };
                match made {
                    Some(made) => {
                        copy(document, &child, &made, depth + 1);
                        let _ = to.append_child(&made);
                    }
                    // Not allowed: its text (and allowed children) in its place.
                    None => copy(document, &child, to, depth + 1),
                }
            }
            // Comments, processing instructions: nothing a reader reads.
            _ => {}
        }
    }
}
