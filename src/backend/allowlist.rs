//! What a comment's HTML from a server may keep: the elements (by tag name)
//! and the links, and the tree of plain data ([`RichNode`]) a comment becomes.
//! Pure; `edge::rich` reads a comment through the browser's inert
//! `DOMParser` into that tree, node by node (everything refused becomes
//! text), and `ui::thread` renders the tree: nothing is inserted as HTML.

use crate::address::{is_email, is_http_url};

/// The elements a comment's text may keep, by their tag name (lower case):
/// paragraphs, line breaks, emphasis, code, quotes, lists and links.
/// Everything else is dropped and its text kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(any(feature = "ssr", feature = "hydrate"), derive(serde::Serialize, serde::Deserialize))]
pub enum RichTag {
    P,
    Br,
    Em,
    Strong,
    Code,
    Pre,
    Blockquote,
    Ul,
    Ol,
    Li,
    A,
}

impl RichTag {
    /// The element's tag name, as it is made afresh.
    pub fn name(self) -> &'static str {
        match self {
            RichTag::P => "p",
            RichTag::Br => "br",
            RichTag::Em => "em",
            RichTag::Strong => "strong",
            RichTag::Code => "code",
            RichTag::Pre => "pre",
            RichTag::Blockquote => "blockquote",
            RichTag::Ul => "ul",
            RichTag::Ol => "ol",
            RichTag::Li => "li",
            RichTag::A => "a",
        }
    }
}

/// The allowed element for a tag name, if any (`i` and `b` become `em` and `strong`).
/// Every element name [`rich_tag`] keeps (the build writes the allowlist
/// from it for the loader's painter and the WordPress plugin).
pub const ALLOWED: [&str; 13] =
    ["p", "br", "em", "i", "strong", "b", "code", "pre", "blockquote", "ul", "ol", "li", "a"];

pub fn rich_tag(name: &str) -> Option<RichTag> {
    Some(match name.to_ascii_lowercase().as_str() {
        "p" => RichTag::P,
        "br" => RichTag::Br,
        "em" | "i" => RichTag::Em,
        "strong" | "b" => RichTag::Strong,
        "code" => RichTag::Code,
        "pre" => RichTag::Pre,
        "blockquote" => RichTag::Blockquote,
        "ul" => RichTag::Ul,
        "ol" => RichTag::Ol,
        "li" => RichTag::Li,
        "a" => RichTag::A,
        _ => return None,
    })
}

/// A comment's text after the allowlist: plain data, rendered by the thread's
/// components as elements and text nodes (never as HTML).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(any(feature = "ssr", feature = "hydrate"), derive(serde::Serialize, serde::Deserialize))]
pub enum RichNode {
    /// Text, shown as a text node whatever it contains.
    Text(String),
    /// An allowed element (not [`RichTag::A`]) and what it holds.
    Element(RichTag, Vec<RichNode>),
    /// A link whose address [`safe_link`] accepted.
    Link(String, Vec<RichNode>),
}

impl RichNode {
    /// The element for tag `name` holding `children`: an allowed element, a
    /// link only with a safe `href`; when the element may not stay, `Err`
    /// gives its children back, to take its place.
    ///
    /// ```
    /// use comment_widget::internal::backend::allowlist::{RichNode, RichTag};
    /// let text = || vec![RichNode::Text("hi".into())];
    /// assert_eq!(RichNode::element("B", None, text()), Ok(RichNode::Element(RichTag::Strong, text())));
    /// assert_eq!(RichNode::element("a", Some("javascript:x"), text()), Err(text()));
    /// assert_eq!(RichNode::element("script", None, text()), Err(text()));
    /// ```
    pub fn element(name: &str, href: Option<&str>, children: Vec<RichNode>) -> Result<RichNode, Vec<RichNode>> {
        match rich_tag(name) {
            Some(RichTag::A) => match href.and_then(safe_link) {
                Some(href) => Ok(RichNode::Link(href, children)),
                None => Err(children),
            },
            Some(tag) => Ok(RichNode::Element(tag, children)),
            None => Err(children),
        }
    }
}

/// A link a comment may keep: an `http(s)` address, or `mailto:` an address
/// WordPress would accept. Anything else (`javascript:`, `data:`, relative
/// paths, obfuscated schemes) is refused and the link becomes its text.
pub fn safe_link(href: &str) -> Option<String> {
    let href = href.trim();
    if is_http_url(href) {
        return Some(href.to_string());
    }
    let address = href.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).and(href.get(7..))?;
    is_email(address).then(|| format!("mailto:{address}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn allowed_names_every_element_rich_tag_keeps() {
        for name in ALLOWED {
            assert!(super::rich_tag(name).is_some(), "{name}");
        }
        let kept = ["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"];
        for tag in kept.iter().filter_map(|n| super::rich_tag(n)) {
            assert!(ALLOWED.contains(&tag.name()), "{}", tag.name());
        }
    }

    use super::*;

    #[test]
    fn only_harmless_formatting_and_links_are_kept() {
        for (name, want) in [("P", Some(RichTag::P)), ("b", Some(RichTag::Strong)), ("a", Some(RichTag::A))] {
            assert_eq!(rich_tag(name), want, "{name}");
        }
        for name in ["script", "img", "iframe", "svg", "style", "form", "input", "object", "math", "span"] {
            assert_eq!(rich_tag(name), None, "{name}");
        }
        assert_eq!(safe_link(" https://example.org/x?y=1 ").as_deref(), Some("https://example.org/x?y=1"));
        assert_eq!(safe_link("MAILTO:ada@example.org").as_deref(), Some("mailto:ada@example.org"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "/relative",
            "//evil.example",
            "mailto:not an email",
            "vbscript:x",
            "mailtö:x",
        ] {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
    }
}
