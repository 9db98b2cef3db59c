//! [`RichText`]: a comment's text as the allowlist left it; in a
//! server-rendered thread, as the server read it.

use leptos::prelude::*;

use crate::backend::allowlist::{RichNode, RichTag};
use crate::edge::rich;

/// A comment's text as the allowlist left it: its elements made afresh, its
/// text as text nodes.
#[component]
pub fn RichText(
    /// The tree `edge::rich::parse` read.
    nodes: Vec<RichNode>,
) -> AnyView {
    nodes
        .into_iter()
        .map(|node| match node {
            RichNode::Text(text) => text.into_any(),
            RichNode::Link(href, children) => {
                view! { <a href=href rel="nofollow ugc noopener"><RichText nodes=children/></a> }.into_any()
            }
            RichNode::Element(RichTag::Br, _) => view! { <br/> }.into_any(),
            RichNode::Element(tag, children) => {
                leptos::html::custom(tag.name()).child(view! { <RichText nodes=children/> }).into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The comments' HTML as the server read it (`edge::server`), by id, for a
/// server-rendered thread: the hydrating client renders these trees rather
/// than reading the HTML again, so that its markup is the server's.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[derive(Clone, Copy)]
pub struct ServerTrees(pub StoredValue<Vec<(u64, String, Vec<RichNode>)>>);

/// Comment `id`'s `html`, read through the allowlist: as the server read
/// it, in a server-rendered thread, while the HTML is the same.
pub(crate) fn nodes(id: u64, html: &str) -> Vec<RichNode> {
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    if let Some(ServerTrees(trees)) = use_context::<ServerTrees>() {
        let read = trees.with_value(|t| t.iter().find(|(i, h, _)| *i == id && h == html).map(|(_, _, n)| n.clone()));
        if let Some(read) = read {
            return read;
        }
    }
    let _ = id;
    rich::parse(html)
}

/// False in a server-rendered app until the client has hydrated (an effect
/// sets it): until then the thread shows what the server rendered (dates in
/// UTC, headings counted as a server counts), then the reader's own.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[derive(Clone, Copy)]
pub struct Hydrated(pub RwSignal<bool>);

/// True once the thread may show the reader's dates and plurals (at once in
/// a client-side app).
pub(crate) fn hydrated() -> bool {
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    if let Some(Hydrated(done)) = use_context::<Hydrated>() {
        return done.get();
    }
    true
}
