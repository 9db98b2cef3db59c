//! A comment as WordPress will show it, made on the reader's side for the
//! preview: what `wp_filter_kses` keeps of an anonymous reader's HTML when
//! it stores the comment (the tags of `$allowedtags`; any other tag goes,
//! its text stays), then what the `comment_text` filters do when it is shown
//! (`make_clickable`, `wptexturize`, `wpautop`), as WordPress 6.1
//! (wp-includes/kses.php, formatting.php) does them for the inputs readers
//! type. The result is HTML, untrusted like any comment's: it reaches the
//! page only through the allowlist. Smilies are left as typed (WordPress's
//! emoji images are not drawn by the thread either).

use super::text::escape_html_text;

/// The tags WordPress keeps in an anonymous comment (`$allowedtags`).
const ALLOWED: [&str; 14] =
    ["a", "abbr", "acronym", "b", "blockquote", "cite", "code", "del", "em", "i", "q", "s", "strike", "strong"];

/// The comment `text` as WordPress will display it.
///
/// ```
/// use comment_widget::internal::backend::wordpress_text::preview;
/// assert_eq!(preview("It's <b>bold</b>\nand <script>x</script>"), "<p>It&#8217;s <b>bold</b><br />\nand x</p>");
/// ```
pub fn preview(text: &str) -> String {
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    autop(&texturize(&clickable(&kses(&text))))
}

/// One piece of a comment's HTML: a tag as written, or text (escaped).
enum Piece {
    Tag { name: String, closing: bool, html: String },
    Text(String),
}

/// What a `<` at the start of `rest` begins, as `wp_pre_kses_less_than`
/// and `wp_kses_split2` read it: `None` when it is text (no `>` before the
/// next `<`); else the candidate's length, and its tag name (lower case),
/// closing or not, and attributes when it is a tag (`< b >` is one), or no
/// tag (a malformed one, which WordPress removes).
#[allow(clippy::type_complexity)]
fn tag_at(rest: &str) -> Option<(usize, Option<(String, bool, &str)>)> {
    let after = rest.strip_prefix('<')?;
    let end = after.find(['<', '>'])?;
    if after.get(end..)?.starts_with('<') {
        return None;
    }
    let inside = after.get(..end)?;
    let whole = end + 2;
    let trimmed = inside.trim_start();
    let (closing, trimmed) = match trimmed.strip_prefix('/') {
        Some(a) => (true, a.trim_start()),
        None => (false, trimmed),
    };
    let name_len = trimmed.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(trimmed.len());
    let tag = match (trimmed.get(..name_len), trimmed.get(name_len..)) {
        (Some(name), Some(attributes)) if !name.is_empty() => Some((name.to_ascii_lowercase(), closing, attributes)),
        _ => None,
    };
    Some((whole, tag))
}

/// The value of attribute `name` among a tag's `attributes`, quoted or not.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let lower = attributes.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = lower.get(..start)?.ends_with(|c: char| c.is_ascii_whitespace());
        let rest = attributes.get(from..)?.trim_start();
        if let (true, Some(value)) = (before_ok, rest.strip_prefix('=')) {
            let value = value.trim_start();
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => value.get(1..)?.split(q).next()?.to_string(),
                _ => value.split(|c: char| c.is_ascii_whitespace() || c == '/').next()?.to_string(),
            });
        }
    }
    None
}

/// `wp_filter_kses` for an anonymous reader: the allowed tags are kept
/// (links with their `href` only), every other tag is dropped and its text
/// kept; `<` and `>` that are not tags become text.
fn kses(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        plain.push_str(rest.get(..at).unwrap_or_default());
        let from = rest.get(at..).unwrap_or_default();
        match tag_at(from) {
            Some((len, tag)) => {
                match tag {
                    Some((name, closing, attributes)) if ALLOWED.contains(&name.as_str()) => {
                        pieces.push(Piece::Text(std::mem::take(&mut plain)));
                        // `force_balance_tags`: a closer with no opener goes,
                        // one closes what was opened inside it.
                        if closing {
                            let Some(at) = open.iter().rposition(|n| *n == name) else {
                                rest = from.get(len..).unwrap_or_default();
                                continue;
                            };
                            for inner in open.drain(at..).rev() {
                                pieces.push(closer(inner));
                            }
                        } else {
                            let html = match attribute(attributes, "href").filter(|_| name == "a") {
                                Some(href) => format!("<a href=\"{}\" rel=\"nofollow ugc\">", escape_html_text(&href)),
                                None => format!("<{name}>"),
                            };
                            open.push(name.clone());
                            pieces.push(Piece::Tag { name, closing, html });
                        }
                    }
                    _ => {}
                }
                rest = from.get(len..).unwrap_or_default();
            }
            None => {
                plain.push('<');
                rest = from.get(1..).unwrap_or_default();
            }
        }
    }
    plain.push_str(rest);
    pieces.push(Piece::Text(plain));
    for inner in open.into_iter().rev() {
        pieces.push(closer(inner));
    }
    pieces
}

fn closer(name: String) -> Piece {
    let html = format!("</{name}>");
    Piece::Tag { name, closing: true, html }
}

/// `make_clickable`: a bare `http(s)://` address in text outside a link
/// becomes a link (trailing punctuation stays text).
fn clickable(pieces: &[Piece]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut in_link = false;
    for piece in pieces {
        match piece {
            Piece::Tag { name, closing, html } => {
                if name == "a" {
                    in_link = !closing;
                }
                out.push(Piece::Tag { name: name.clone(), closing: *closing, html: html.clone() });
            }
            Piece::Text(text) if in_link => out.push(Piece::Text(text.clone())),
            Piece::Text(text) => {
                let mut rest = text.as_str();
                let mut plain = String::new();
                loop {
                    let found = ["https://", "http://"].iter().filter_map(|s| rest.find(s)).min();
                    let Some(at) = found
                        .filter(|at| rest.get(..*at).is_some_and(|b| b.is_empty() || b.ends_with(char::is_whitespace)))
                    else {
                        break;
                    };
                    plain.push_str(rest.get(..at).unwrap_or_default());
                    let tail = rest.get(at..).unwrap_or_default();
                    let len = tail.find(|c: char| c.is_whitespace() || c == '<').unwrap_or(tail.len());
                    let url = tail.get(..len).unwrap_or_default();
                    let url = url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
                    out.push(Piece::Text(std::mem::take(&mut plain)));
                    let href = escape_html_text(url);
                    out.push(Piece::Tag {
                        name: "a".into(),
                        closing: false,
                        html: format!("<a href=\"{href}\" rel=\"nofollow\">"),
                    });
                    out.push(Piece::Text(url.to_string()));
                    out.push(Piece::Tag { name: "a".into(), closing: true, html: "</a>".into() });
                    rest = tail.get(url.len()..).unwrap_or_default();
                }
                plain.push_str(rest);
                out.push(Piece::Text(plain));
            }
        }
    }
    out
}

/// `wptexturize` on the text outside `<code>`: curly quotes and
/// apostrophes, dashes, the ellipsis, primes after digits, `3x4` as `3×4`;
/// the pieces joined into HTML (text escaped).
fn texturize(pieces: &[Piece]) -> String {
    let mut html = String::new();
    let mut in_code = false;
    for piece in pieces {
        match piece {
            Piece::Tag { name, closing, html: tag } => {
                if name == "code" {
                    in_code = !closing;
                }
                html.push_str(tag);
            }
            Piece::Text(text) if in_code => html.push_str(&escape_html_text(text)),
            Piece::Text(text) => html.push_str(&curl(text)),
        }
    }
    html
}

/// One text's typography, as `wptexturize` writes it (entities), escaped.
fn curl(text: &str) -> String {
    let text =
        text.replace("---", "\u{2014}").replace("...", "\u{2026}").replace("``", "\u{201c}").replace("''", "\u{201d}");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let space = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let before = i.checked_sub(1).and_then(|b| chars.get(b));
        let after = chars.get(i + 1);
        match c {
            '-' if after == Some(&'-') => {
                // ` -- ` is an em dash, `--` an en dash.
                let spaced = space(before) && space(chars.get(i + 2));
                out.push_str(if spaced { "&#8212;" } else { "&#8211;" });
                i += 2;
                continue;
            }
            '-' if space(before) && space(after) && before.is_some() && after.is_some() => out.push_str("&#8211;"),
            '"' if before.is_some_and(char::is_ascii_digit) => out.push_str("&#8243;"),
            '"' if (before.is_none() || before.is_some_and(|b| b.is_whitespace() || "([{-".contains(*b)))
                && !space(after) =>
            {
                out.push_str("&#8220;")
            }
            '"' => out.push_str("&#8221;"),
            '\'' if (before.is_none() || before.is_some_and(|b| b.is_whitespace() || "([{\"-".contains(*b)))
                && !after.is_some_and(char::is_ascii_digit) =>
            {
                out.push_str("&#8216;")
            }
            '\'' if before.is_some_and(char::is_ascii_digit) && !after.is_some_and(|a| a.is_alphanumeric()) => {
                out.push_str("&#8242;")
            }
            '\'' => out.push_str("&#8217;"),
            'x' if before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit) => {
                out.push_str("&#215;")
            }
            '\u{2014}' => out.push_str("&#8212;"),
            '\u{2026}' => out.push_str("&#8230;"),
            '\u{201c}' => out.push_str("&#8220;"),
            '\u{201d}' => out.push_str("&#8221;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// `wpautop` for a comment, whose only block element can be `<blockquote>`:
/// paragraphs on blank lines, `<br />` on single line breaks, paragraphs
/// inside a quote rather than around it.
fn autop(html: &str) -> String {
    if html.trim().is_empty() {
        return String::new();
    }
    let spaced =
        format!("{html}\n").replace("<blockquote>", "\n\n<blockquote>").replace("</blockquote>", "</blockquote>\n\n");
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in spaced.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    let mut out = String::new();
    for p in paragraphs {
        // `\s*\n` becomes `<br />\n`: spaces before a line break go, those
        // at the paragraph's end stay.
        let lines: Vec<&str> = p.split('\n').collect();
        let last = lines.len().saturating_sub(1);
        let lines: Vec<&str> = lines.iter().enumerate().map(|(i, l)| if i < last { l.trim_end() } else { l }).collect();
        let mut body = lines.join("<br />\n");
        // A paragraph that is only a quote's tag is that tag.
        if body.trim() == "<blockquote>" || body.trim() == "</blockquote>" {
            out.push_str(&body);
            continue;
        }
        body = format!("<p>{body}</p>");
        let body = body
            .replace("<p><blockquote>", "<blockquote><p>")
            .replace("</blockquote></p>", "</p></blockquote>")
            .replace("<blockquote><br />\n", "<blockquote>")
            .replace("<br />\n</blockquote>", "</blockquote>");
        out.push_str(&body);
        out.push('\n');
    }
    out.trim_end_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn paragraphs_and_line_breaks_are_wordpress_s() {
        assert_eq!(preview("one\ntwo\n\nthree"), "<p>one<br />\ntwo</p>\n<p>three</p>");
        assert_eq!(preview("  \n\n  "), "");
        assert_eq!(preview("a\r\n\r\n\r\nb"), "<p>a</p>\n<p>b</p>");
        assert_eq!(
            preview("before\n<blockquote>quoted\nline</blockquote>\nafter"),
            "<p>before</p>\n<blockquote><p>quoted<br />\nline</p></blockquote>\n<p>after</p>"
        );
    }

    #[test]
    fn only_the_tags_wordpress_allows_are_kept_and_the_text_of_the_others_stays() {
        assert_eq!(preview("<script>alert(1)</script>"), "<p>alert(1)</p>");
        assert_eq!(preview("<p onclick=x>para</p> <img src=x onerror=y>"), "<p>para </p>");
        assert_eq!(preview("<B>bold</B> <em class=x>em</em>"), "<p><b>bold</b> <em>em</em></p>");
        assert_eq!(
            preview("<a href=\"https://x.example/\" onclick=\"y\">x</a>"),
            "<p><a href=\"https://x.example/\" rel=\"nofollow ugc\">x</a></p>"
        );
        assert_eq!(
            preview("a < 5, b > 2"),
            "<p>a  2</p>",
            "`< 5, b >` is a tag to WordPress's kses, and not an allowed one"
        );
        assert_eq!(preview("a < 5"), "<p>a &lt; 5</p>", "no `>`: text");
        assert_eq!(preview("a < b > c"), "<p>a <b> c</b></p>", "WordPress reads `< b >` as a tag, and closes it");
        assert_eq!(preview("x <3> y <=> z"), "<p>x  y  z</p>", "what WordPress removes");
        assert_eq!(preview("</b>a<em>b<strong>c</em>d"), "<p>a<em>b<strong>c</strong></em>d</p>");
        assert_eq!(preview("<code>it's -- \"raw\"</code>"), "<p><code>it's -- \"raw\"</code></p>");
    }

    #[test]
    fn typography_is_wptexturize_s() {
        assert_eq!(curl("It's \"quoted\" and 'single'"), "It&#8217;s &#8220;quoted&#8221; and &#8216;single&#8217;");
        assert_eq!(curl("a -- b--c --- d..."), "a &#8212; b&#8211;c &#8212; d&#8230;");
        assert_eq!(curl("a - b, 6' 2\" and 3x4"), "a &#8211; b, 6&#8242; 2&#8243; and 3&#215;4");
        assert_eq!(curl("<&>"), "&lt;&amp;&gt;");
    }

    #[test]
    fn bare_addresses_become_links() {
        assert_eq!(
            preview("see https://example.org/a?b=1. ok"),
            "<p>see <a href=\"https://example.org/a?b=1\" rel=\"nofollow\">https://example.org/a?b=1</a>. ok</p>"
        );
        assert_eq!(preview("xhttps://no"), "<p>xhttps://no</p>");
    }

    proptest! {
        #[test]
        fn any_text_previews_without_panicking(text in any::<String>()) {
            let _ = preview(&text);
        }

        #[test]
        fn hostile_text_previews_without_panicking(text in crate::backend::tests::hostile_text()) {
            let html = preview(&text);
            prop_assert!(!html.contains("<script"));
        }
    }
}
