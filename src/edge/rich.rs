//! A comment's HTML from the server, parsed by the browser's `DOMParser`
//! (an inert document: no script runs, no image or frame is fetched) and read
//! node by node into the core's tree of plain data ([`RichNode`], through
//! `backend::allowlist`): allowed elements keep no attribute but a safe
//! link's `href`; anything else keeps only its text. `ui::thread` renders
//! the tree; nothing is ever inserted as HTML.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, Node, SupportedType};

use crate::backend::allowlist::RichNode;
use crate::backend::plain_text;

/// Nesting deeper than this is kept as plain text (the walk recurses).
const MAX_DEPTH: u32 = 32;

/// `html`, read through the allowlist.
pub fn parse(html: &str) -> Vec<RichNode> {
    // On the host there is no `DOMParser`: the text alone, never the markup.
    if !cfg!(target_arch = "wasm32") {
        return vec![RichNode::Text(plain_text(html, 65_535))];
    }
    let body = DomParser::new()
        .ok()
        .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml).ok())
        .and_then(|doc| doc.body());
    let mut out = Vec::new();
    match body {
        Some(body) => read(&body, &mut out, 0),
        // No DOMParser: the text alone, never the markup.
        None => out.push(RichNode::Text(plain_text(html, 65_535))),
    }
    out
}

fn read(from: &Node, out: &mut Vec<RichNode>, depth: u32) {
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            Node::TEXT_NODE => out.push(RichNode::Text(child.text_content().unwrap_or_default())),
            Node::ELEMENT_NODE if depth >= MAX_DEPTH => {
                out.push(RichNode::Text(child.text_content().unwrap_or_default()))
            }
            Node::ELEMENT_NODE => {
                let Some(element) = child.dyn_ref::<Element>() else { continue };
                let mut inner = Vec::new();
                read(&child, &mut inner, depth + 1);
                let href = element.get_attribute("href");
                match RichNode::element(&element.local_name(), href.as_deref(), inner) {
                    Ok(node) => out.push(node),
                    // Not allowed: its text (and allowed children) in its place.
                    Err(inner) => out.extend(inner),
                }
            }
            // Comments, processing instructions: nothing a reader reads.
            _ => {}
        }
    }
}
