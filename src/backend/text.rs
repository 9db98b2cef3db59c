//! Text helpers every backend shares: percent-encoding for URLs and form
//! bodies, reading a query string, and turning a server's HTML error page or
//! entity-laden message into plain text. Everything here takes text from a
//! server or a reader, so nothing here slices at a byte offset it did not find
//! on the same string.

/// Form-encodes `pairs` (`application/x-www-form-urlencoded`).
pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&encode_query_value(name).replace('/', "%2F"));
        out.push('=');
        out.push_str(&encode_query_value(value).replace('/', "%2F"));
    }
    out
}

/// Percent-encodes a query value the way `encodeURIComponent` does, keeping `/`
/// readable (servers decode both the same).
pub fn encode_query_value(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 15] {
                out.push(HEX.get(usize::from(nibble)).copied().map_or('0', char::from));
            }
        }
    }
    out
}

/// The page address `href` as WordPress redirects to it after a held
/// comment: `unapproved=<id>&moderation-hash=<hash>` in its query (replacing
/// any earlier pair) and `#comment-<id>`.
///
/// ```
/// use comment_widget::internal::backend::held_comment_url;
/// assert_eq!(
///     held_comment_url("https://b.example/?p=1&unapproved=3&moderation-hash=x#respond", 9, "ab12"),
///     "https://b.example/?p=1&unapproved=9&moderation-hash=ab12#comment-9"
/// );
/// assert_eq!(held_comment_url("https://b.example/post/", 9, "ab"), "https://b.example/post/?unapproved=9&moderation-hash=ab#comment-9");
/// ```
pub fn held_comment_url(href: &str, id: u64, hash: &str) -> String {
    let page = href.split('#').next().unwrap_or("");
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let mut out = path.to_string();
    let mut join = '?';
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let name = pair.split('=').next().unwrap_or("");
        if name != "unapproved" && name != "moderation-hash" {
            out.push(join);
            out.push_str(pair);
            join = '&';
        }
    }
    format!("{out}{join}unapproved={id}&moderation-hash={}#comment-{id}", encode_query_value(hash))
}

/// The raw value of `name` in a URL's query string (`?a=1&b=2`), if present.
///
/// ```
/// use comment_widget::internal::backend::query_value;
/// assert_eq!(query_value("https://x/?p=1&unapproved=7#c", "unapproved"), Some("7"));
/// assert_eq!(query_value("https://x/", "p"), None);
/// ```
pub fn query_value<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split('#').next()?.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then_some(v)
    })
}

/// Plain text as the HTML WordPress would render it: escaped, paragraphs on
/// blank lines, line breaks kept.
pub fn text_html(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape_html_text(p).replace('\n', "<br>")))
        .collect()
}

/// The readable text of a server's error page: the first `<p>` of a Werkzeug
/// or `wp_die` page, or a short plain-text body; tags dropped, entities
/// decoded, whitespace collapsed, at most 300 characters. `None` when there
/// are no words to show. The result is text and is only ever shown as text.
pub fn text_of_error_page(body: &str) -> Option<String> {
    let inner = match body.split_once("<p>") {
        Some((_, after)) => match after.split_once("</p>") {
            Some((inside, _)) => inside,
            None => return None,
        },
        None if body.contains('<') => return None,
        None => body,
    };
    Some(plain_text(inner, 300)).filter(|t| !t.is_empty())
}

/// `html` without its tags, entities decoded, whitespace collapsed, cut to at
/// most `max_chars` characters (with "…" when cut).
pub fn plain_text(html: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&text);
    let mut out = String::new();
    for (count, word) in decoded.split_whitespace().enumerate() {
        if count > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    match out.char_indices().nth(max_chars) {
        Some((cut, _)) => {
            out.truncate(cut);
            out.push('…');
            out
        }
        None => out,
    }
}

/// Decodes the HTML entities servers put in messages (`&#8217;`, `&amp;`, …);
/// anything that is not an entity we know stays as it was.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        // An entity name is short and ASCII: look for its `;` among the next
        // few characters only.
        let name_end = after.char_indices().take(11).find(|(_, c)| *c == ';').map(|(i, _)| i);
        let decoded = name_end.and_then(|end| {
            let name = after.get(..end)?;
            let c = entity(name)?;
            Some((c, after.get(end + 1..)?))
        });
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .filter(|n| *n != 0)
            .and_then(char::from_u32),
    }
}

/// `text` with `&`, `<` and `>` escaped, as Python's `html.escape(quote=False)`
/// stores a name (Isso does this to `author`).
pub fn escape_html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms_are_encoded_like_a_browser_would() {
        assert_eq!(
            encode_form(&[("comment", "a+b & c=d\n/é"), ("author", "")]),
            "comment=a%2Bb%20%26%20c%3Dd%0A%2F%C3%A9&author="
        );
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("/2026/11/a-post/"), "/2026/11/a-post/");
        assert_eq!(encode_query_value("/a b?c=d&e#f"), "/a%20b%3Fc%3Dd%26e%23f");
        assert_eq!(encode_query_value("/café"), "/caf%C3%A9");
    }

    #[test]
    fn error_pages_become_plain_text() {
        let werkzeug = "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>text is too short (minimum length: 3)</p>\n";
        assert_eq!(text_of_error_page(werkzeug).as_deref(), Some("text is too short (minimum length: 3)"));
        let wp = "<div class=\"wp-die-message\"><p><strong>Error:</strong> Duplicate comment detected; it looks as though you&#8217;ve already said that!</p></div>";
        assert_eq!(
            text_of_error_page(wp).as_deref(),
            Some("Error: Duplicate comment detected; it looks as though you\u{2019}ve already said that!")
        );
        assert_eq!(text_of_error_page("  Service   Unavailable \n").as_deref(), Some("Service Unavailable"));
        assert_eq!(text_of_error_page(""), None);
        assert_eq!(text_of_error_page("<html><body><div>no paragraph</div></body></html>"), None);
        assert_eq!(text_of_error_page("<p><script>alert(1)</script></p>").as_deref(), Some("alert(1)"));
        let long = format!("<p>{}</p>", "x".repeat(1000));
        assert_eq!(text_of_error_page(&long).map(|t| t.chars().count()), Some(301));
        let wide = format!("<p>{}</p>", "é".repeat(400));
        assert_eq!(text_of_error_page(&wide).map(|t| t.chars().count()), Some(301));
    }

    #[test]
    fn entities_decode_and_junk_stays() {
        assert_eq!(decode_entities("a &amp; b &lt;i&gt; &#8217; &#x2019; &quot;"), "a & b <i> \u{2019} \u{2019} \"");
        assert_eq!(decode_entities("AT&T &bogus; & &#99999999; &#0;"), "AT&T &bogus; & &#99999999; &#0;");
        // Multi-byte text right after `&`: once a trap (a byte slice inside "é").
        assert_eq!(decode_entities("&ééééééé;"), "&ééééééé;");
        assert_eq!(decode_entities("x&😀😀😀"), "x&😀😀😀");
        assert_eq!(decode_entities("&"), "&");
    }

    #[test]
    fn query_strings_are_read_without_surprises() {
        assert_eq!(query_value("/?a&b=2", "a"), Some(""));
        assert_eq!(query_value("/?é=ü&b=2", "é"), Some("ü"));
        assert_eq!(query_value("/#x?b=2", "b"), None);
    }

    /// Text with what breaks byte slicing and naive parsers: multi-byte
    /// characters, combining marks, bidi controls, NUL, entities' pieces.
    pub(crate) fn hostile_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "&", ";", "#", "x", "<", ">", "<p>", "</p>", "é", "😀", "\u{0301}", "\u{202E}", "\u{200F}", "\0", "amp",
            "&#", "&#x", " ", "\n", "a", "東", "\u{FEFF}", "%", "=", "?", "/", ":", "@", ".",
        ]);
        prop::collection::vec(prop_oneof![pieces.prop_map(str::to_string), any::<String>()], 0..40)
            .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn text_helpers_never_panic(s in hostile_text(), n in 0usize..400) {
            let decoded = decode_entities(&s);
            // Decoding only ever shortens.
            prop_assert!(decoded.len() <= s.len());
            let _ = text_of_error_page(&s);
            let cut = plain_text(&s, n);
            prop_assert!(cut.chars().count() <= n + 1);
            let _ = query_value(&s, "p");
            let _ = encode_form(&[(&s, &s)]);
            prop_assert!(encode_query_value(&s).is_ascii());
            let held = held_comment_url(&s, n as u64, &s);
            let tail = format!("#comment-{n}");
            prop_assert!(held.ends_with(&tail));
        }
    }
}
