//! The edge on the server (a server-rendered app, the `ssr` feature): the
//! thread's first page asked for with a native HTTP client within a time
//! limit, and each comment's HTML read through the allowlist by html5ever
//! (through scraper), the HTML parser the browser's `DOMParser` is specified
//! as: the trees the server renders are handed to the hydrating client with
//! the page, so both render the same markup.

use std::time::Duration;

use scraper::{ElementRef, Html, Node};

use crate::backend::allowlist::RichNode;
use crate::backend::{HttpRequest, HttpResponse, Method};

/// Nesting deeper than this is kept as plain text (as `edge::rich` does).
const MAX_DEPTH: u32 = 32;

/// True when the render runs in a Tokio runtime (a leptos_axum server):
/// there the thread's first page is asked for; a `to_html()` in a plain
/// program has no runtime (nor an executor for Leptos's resources).
pub fn runs() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}

/// Sends `request` (a listing: GET, an absolute http(s) address), giving up
/// after `wait_ms`; `None` when it cannot be sent or did not answer in time.
pub async fn send(request: &HttpRequest, wait_ms: u32) -> Option<HttpResponse> {
    if !matches!(request.method, Method::Get) || !crate::address::is_http_url(&request.url) || !runs() {
        return None;
    }
    let client = reqwest::Client::builder().timeout(Duration::from_millis(u64::from(wait_ms))).build().ok()?;
    let mut ask = client.get(&request.url);
    for (name, value) in &request.headers {
        ask = ask.header(name.as_str(), value.as_str());
    }
    let answer = ask.send().await.ok()?;
    let header = |name: &str| answer.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim).map(String::from);
    let content_type = header("content-type").unwrap_or_default();
    let total = header("x-wp-total").and_then(|v| v.parse().ok());
    let pages = header("x-wp-totalpages").and_then(|v| v.parse().ok());
    let status = answer.status().as_u16();
    let body = answer.text().await.ok()?;
    let mut response = HttpResponse::new(status, &content_type, &body);
    response.total = total;
    response.pages = pages;
    response.url = request.url.clone();
    Some(response)
}

/// A comment's `html`, read through the allowlist as `edge::rich::parse`
/// reads it in the browser: parsed as a document, its `<body>` walked.
pub fn parse(html: &str) -> Vec<RichNode> {
    let document = Html::parse_document(html);
    let mut out = Vec::new();
    let body = document.root_element().children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body");
    if let Some(body) = body {
        read(body, &mut out, 0);
    }
    out
}

fn read(from: ElementRef<'_>, out: &mut Vec<RichNode>, depth: u32) {
    for child in from.children() {
        match child.value() {
            Node::Text(text) => out.push(RichNode::Text(text.to_string())),
            Node::Element(_) => {
                let Some(element) = ElementRef::wrap(child) else { continue };
                if depth >= MAX_DEPTH {
                    out.push(RichNode::Text(element.text().collect()));
                    continue;
                }
                let mut inner = Vec::new();
                read(element, &mut inner, depth + 1);
                match RichNode::element(element.value().name(), element.value().attr("href"), inner) {
                    Ok(node) => out.push(node),
                    Err(inner) => out.extend(inner),
                }
            }
            // Comments, doctypes: nothing a reader reads.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::allowlist::RichTag;

    #[test]
    fn reads_as_the_browser_does() {
        assert_eq!(
            parse("<p>Hi <b>there</b> <a href=\"https://x.example/\">x</a></p><script>alert(1)</script>"),
            vec![
                RichNode::Element(
                    RichTag::P,
                    vec![
                        RichNode::Text("Hi ".into()),
                        RichNode::Element(RichTag::Strong, vec![RichNode::Text("there".into())]),
                        RichNode::Text(" ".into()),
                        RichNode::Link("https://x.example/".into(), vec![RichNode::Text("x".into())]),
                    ]
                ),
                // A script is not allowed: its text stays, as text (the browser's walk does the same).
                RichNode::Text("alert(1)".into()),
            ]
        );
        // In the head, as a document parse puts it: not read.
        assert_eq!(parse("<title>t</title>body"), vec![RichNode::Text("body".into())]);
        assert_eq!(parse(""), vec![]);
    }
}

#[cfg(test)]
mod property {
    use super::*;

    proptest::proptest! {
        /// Any HTML from a server: read without a panic, and nothing but
        /// allowed elements and safe links in the tree.
        #[test]
        fn parse_takes_any_html(html in "(<[a-z/!]{0,8}( href=\"[^\"]{0,20}\")?>|[^<]{0,12}|&[a-z#0-9]{0,6};?){0,24}") {
            fn allowed(nodes: &[RichNode]) -> bool {
                nodes.iter().all(|n| match n {
                    RichNode::Text(_) => true,
                    RichNode::Element(_, inner) => allowed(inner),
                    RichNode::Link(href, inner) => crate::backend::allowlist::safe_link(href).as_deref() == Some(href.as_str()) && allowed(inner),
                })
            }
            proptest::prop_assert!(allowed(&parse(&html)));
        }
    }
}
