//! A comment's avatar, read from what its server sends: an image address
//! (WordPress's `author_avatar_urls`, Isso's `gravatar_image`, a generic
//! `avatar` field), kept only when it is `https:` (an `http:` one is upgraded,
//! anything else dropped), or Isso's identicon, drawn in the browser from the
//! comment's `hash` exactly as Isso's own client draws it, so no request
//! leaves for it. Pure.

use serde_json::Value;

/// What stands beside a comment's author.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(any(feature = "ssr", feature = "hydrate"), derive(serde::Serialize, serde::Deserialize))]
pub enum Avatar {
    /// An image: its address for 48 CSS pixels, and one for 2× screens.
    Image { src: String, src2x: Option<String> },
    /// Isso's identicon: 18 bits of the author's hash.
    Identicon(u32),
}

/// Isso's identicon colours (`avatar-fg` in its client's default config),
/// drawn on its `avatar-bg`.
pub const IDENTICON_COLORS: [&str; 8] =
    ["#9abf88", "#5698c4", "#e279a3", "#9163b6", "#be5168", "#f19670", "#e4bf80", "#447c69"];
/// The identicon's background (Isso's `avatar-bg`).
pub const IDENTICON_BACKGROUND: &str = "#f0f0f0";

/// An image address as an avatar may use it: `https:` kept, `http:` (and a
/// scheme-relative `//host/…`) upgraded to `https:`, so an https page does
/// not block it (WordPress on a plain-http site answers
/// `http://1.gravatar.com/…`, which Gravatar also serves over https);
/// `javascript:`, `data:`, relative paths and anything with a space or
/// control character give no image.
///
/// ```
/// use comment_widget::internal::backend::avatar::image_url;
/// assert_eq!(image_url("http://1.gravatar.com/avatar/ab?s=48").as_deref(), Some("https://1.gravatar.com/avatar/ab?s=48"));
/// assert_eq!(image_url("javascript:alert(1)"), None);
/// ```
pub fn image_url(url: &str) -> Option<String> {
    let url = url.trim();
    // (Compared on the prefix's own length: an `http://` address whose eighth
    // byte falls inside a character is still an `http://` address.)
    let rest = ["https://", "http://", "//"]
        .iter()
        .find_map(|p| url.get(..p.len()).filter(|head| head.eq_ignore_ascii_case(p)).and(url.get(p.len()..)))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let clean = !rest.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    (clean && !host.is_empty() && rest.len() <= 2048).then(|| format!("https://{rest}"))
}

/// The 18 bits Isso's client draws from an author's `hash` (the last 16 hex
/// digits, modulo 2¹⁸), or `None` when the hash is not hex.
pub fn identicon(hash: &str) -> Option<u32> {
    let digits: Vec<u32> = hash.trim().chars().map(|c| c.to_digit(16)).collect::<Option<_>>()?;
    if digits.is_empty() || digits.len() > 64 {
        return None;
    }
    let last = digits.get(digits.len().saturating_sub(16)..)?;
    let value = last.iter().fold(0u64, |v, d| (v << 4) | u64::from(*d));
    Some((value % (1 << 18)) as u32)
}

/// The identicon's colour, as Isso picks it (its last three bits).
pub fn identicon_color(bits: u32) -> &'static str {
    IDENTICON_COLORS.get((bits & 7) as usize).copied().unwrap_or(IDENTICON_BACKGROUND)
}

/// The squares of a 5×5 grid the identicon fills, as (column, row), mirrored
/// left to right, in Isso's order: the first bit (the 18th from the right)
/// is column 0, row 0.
pub fn identicon_cells(bits: u32) -> Vec<(u8, u8)> {
    let mut cells = Vec::new();
    let mut index = 0u32;
    for x in 0u8..3 {
        for y in 0u8..5 {
            if bits >> (17 - index) & 1 == 1 {
                cells.push((x, y));
                if x < 2 {
                    cells.push((4 - x, y));
                }
            }
            index += 1;
        }
    }
    cells
}

/// The identicon as an SVG image (a `data:` address: the page's CSP needs
/// `img-src data:` for it), squares of 8 in a 48 box, as Isso draws them.
pub fn identicon_svg(bits: u32) -> String {
    let cells: String = identicon_cells(bits)
        .into_iter()
        .map(|(x, y)| format!("M{} {}h8v8h-8z", 4 + 8 * u32::from(x), 4 + 8 * u32::from(y)))
        .collect();
    format!(
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 48 48' shape-rendering='crispEdges'>\
         <rect width='48' height='48' fill='{}'/><path fill='{}' d='{cells}'/></svg>",
        IDENTICON_BACKGROUND.replace('#', "%23"),
        identicon_color(bits).replace('#', "%23")
    )
}

impl Avatar {
    /// The image's address and its 2× one.
    pub fn sources(self) -> (String, Option<String>) {
        match self {
            Avatar::Image { src, src2x } => (src, src2x),
            Avatar::Identicon(bits) => (identicon_svg(bits), None),
        }
    }
}

/// The avatar of one listed comment: an Isso one from `gravatar_image`
/// (when the server has Gravatar on) or else its `hash`; WordPress's 48 and
/// 96 px `author_avatar_urls`; a generic one from the `field` the site
/// named (a URL).
pub fn read(c: &Value, field: Option<&str>) -> Option<Avatar> {
    let text = |k: &str| c.get(k).and_then(Value::as_str);
    if let Some(urls) = c.get("author_avatar_urls") {
        let size = |s: &str| urls.get(s).and_then(Value::as_str).and_then(image_url);
        return Some(Avatar::Image { src: size("48").or_else(|| size("96"))?, src2x: size("96") });
    }
    if let Some(src) = text("gravatar_image").and_then(image_url) {
        return Some(Avatar::Image { src, src2x: None });
    }
    if let Some(hash) = text("hash") {
        return identicon(hash).map(Avatar::Identicon);
    }
    let src = image_url(text(field?)?)?;
    Some(Avatar::Image { src, src2x: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_https_images_are_kept_and_http_ones_are_upgraded() {
        assert_eq!(
            image_url(" https://secure.gravatar.com/avatar/x?s=96 ").as_deref(),
            Some("https://secure.gravatar.com/avatar/x?s=96")
        );
        assert_eq!(image_url("HTTP://1.gravatar.com/a").as_deref(), Some("https://1.gravatar.com/a"));
        assert_eq!(image_url("//cdn.example/a.png").as_deref(), Some("https://cdn.example/a.png"));
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "/relative.png",
            "ftp://x/a",
            "https://",
            "https:///x",
            "https://a b/c",
            "https://x/\"onerror=",
            "",
            "😀",
            "http://é\u{0}",
        ] {
            assert_eq!(image_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn identicons_draw_as_isso_draws_them() {
        // Isso's client: parseInt("e644f6ee43c0", 16) % 2^18 = 0x243c0.
        assert_eq!(identicon("e644f6ee43c0"), Some(0x243c0));
        assert_eq!(identicon("zz"), None);
        assert_eq!(identicon(""), None);
        assert_eq!(identicon("٣"), None, "an Arabic-Indic digit is not hex");
        // 0b11... : the first two bits fill column 0, rows 0 and 1, and their mirrors.
        let cells = identicon_cells(0b11 << 16);
        assert_eq!(cells, vec![(0, 0), (4, 0), (0, 1), (4, 1)]);
        // The middle column is not mirrored.
        assert_eq!(identicon_cells(1 << 7), vec![(2, 0)]);
        assert_eq!(identicon_color(0b1010), "#e279a3");
        assert!(identicon_cells((1 << 18) - 1).len() == 25);
        let svg = identicon_svg(1 << 7);
        assert!(svg.starts_with("data:image/svg+xml,<svg "), "{svg}");
        assert!(svg.ends_with("<path fill='%239abf88' d='M20 4h8v8h-8z'/></svg>"), "{svg}");
        assert!(!svg.contains('#'), "a # would end a data: address");
    }

    #[test]
    fn each_server_names_its_avatar() {
        let wp = json!({"author_avatar_urls": {"24": "http://1.gravatar.com/a?s=24", "48": "http://1.gravatar.com/a?s=48", "96": "http://1.gravatar.com/a?s=96"}});
        assert_eq!(
            read(&wp, None),
            Some(Avatar::Image {
                src: "https://1.gravatar.com/a?s=48".into(),
                src2x: Some("https://1.gravatar.com/a?s=96".into())
            })
        );
        assert_eq!(read(&json!({"author_avatar_urls": {"48": "javascript:x"}}), None), None);
        assert_eq!(read(&json!({"hash": "1cb6cc0309a2"}), None), identicon("1cb6cc0309a2").map(Avatar::Identicon));
        assert_eq!(read(&json!({"hash": "<svg>"}), None), None);
        let gravatar =
            json!({"hash": "1cb6cc0309a2", "gravatar_image": "https://www.gravatar.com/avatar/ab?d=identicon&s=55"});
        assert!(matches!(read(&gravatar, None), Some(Avatar::Image { .. })));
        assert_eq!(
            read(&json!({"pic": "https://x.example/p.png"}), Some("pic")),
            Some(Avatar::Image { src: "https://x.example/p.png".into(), src2x: None })
        );
        assert_eq!(read(&json!({"pic": 7}), Some("pic")), None);
        assert_eq!(read(&json!({"pic": "https://x.example/p.png"}), None), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn any_text_is_an_https_address_an_identicon_or_nothing(text in crate::backend::tests::hostile_text()) {
            if let Some(url) = image_url(&text) {
                proptest::prop_assert!(url.starts_with("https://") && !url.contains(char::is_whitespace));
            }
            if let Some(bits) = identicon(&text) {
                proptest::prop_assert!(bits < 1 << 18);
                proptest::prop_assert!(identicon_cells(bits).iter().all(|(x, y)| *x < 5 && *y < 5));
            }
            let _ = read(&json!({"author_avatar_urls": {"48": text}, "hash": text}), Some("avatar"));
        }
    }
}
