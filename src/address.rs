//! The shape of the addresses a reader types: WordPress's `is_email()`, and
//! the http(s) web address both Isso and WordPress keep. Plain functions on
//! `&str`, used by the draft's rules in `draft.rs` and by `config` for
//! `data-endpoint`.

use std::borrow::Cow;

/// `example.com/me` → `https://example.com/me`; anything with a scheme (even a
/// bad one like `javascript:`) is left for [`is_http_url`] to judge.
pub fn normalize_website(value: &str) -> Cow<'_, str> {
    let before_path = value.split(['/', '?', '#']).next().unwrap_or("");
    let has_scheme = value.contains("://") || before_path.contains(':') && !looks_like_host_port(before_path);
    if has_scheme || value.starts_with('/') {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(format!("https://{value}"))
    }
}

/// `example.com:8080` is a host and port, not a scheme.
fn looks_like_host_port(s: &str) -> bool {
    match s.rsplit_once(':') {
        Some((host, port)) => host.contains('.') && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

/// WordPress's `is_email()` (wp-includes/formatting.php), which the classic
/// form and the REST API both apply: ASCII only, a local part of the RFC's
/// "atext" characters and dots, and a dotted domain of letters, digits and
/// hyphens.
///
/// ```
/// use comment_widget::internal::address::is_email;
/// assert!(is_email("reader@example.org"));
/// assert!(!is_email("reader@localhost"));
/// assert!(!is_email("réader@example.org"));
/// ```
pub fn is_email(email: &str) -> bool {
    // "Test for the minimum length the email can be": strlen < 6 is refused.
    if email.len() < 6 {
        return false;
    }
    // "Test for an @ character after the first position".
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    if local.is_empty() {
        return false;
    }
    let local_ok = local.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b));
    if !local_ok {
        return false;
    }
    if domain.contains("..") {
        return false;
    }
    let trim_domain: &[char] = &[' ', '\t', '\n', '\r', '\0', '\x0B', '.'];
    if domain.trim_matches(trim_domain) != domain {
        return false;
    }
    let subs: Vec<&str> = domain.split('.').collect();
    if subs.len() < 2 {
        return false;
    }
    let trim_sub: &[char] = &[' ', '\t', '\n', '\r', '\0', '\x0B', '-'];
    subs.iter().all(|sub| {
        !sub.is_empty()
            && sub.trim_matches(trim_sub) == *sub
            && sub.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// An absolute `http://` or `https://` URL with a plausible host: a dotted
/// domain with a top-level label of letters, `localhost`, an IPv4 or a
/// bracketed IPv6 address, with an optional port. This is the shape Isso's
/// "Django-conform" check and WordPress's `esc_url` both keep; `javascript:`,
/// `data:` and every other scheme are refused.
///
/// ```
/// use comment_widget::internal::address::is_http_url;
/// assert!(is_http_url("https://example.org/about"));
/// assert!(!is_http_url("javascript:alert(1)"));
/// ```
pub fn is_http_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.contains(['<', '>', '"', '`', '\\']) {
        return false;
    }
    let rest =
        strip_prefix_ignore_ascii_case(url, "https://").or_else(|| strip_prefix_ignore_ascii_case(url, "http://"));
    let Some(rest) = rest else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        let Some((addr, after)) = v6.split_once(']') else { return false };
        if addr.is_empty() || !addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return false;
        }
        if !after.is_empty() && !is_port(after) {
            return false;
        }
        return true;
    } else {
        match authority.rsplit_once(':') {
            Some((h, port)) => {
                if !is_port(&format!(":{port}")) {
                    return false;
                }
                h
            }
            None => authority,
        }
    };
    is_host(host)
}

/// `text` without `prefix`, compared ignoring ASCII case; `None` when it does
/// not start with it. Cuts only where `prefix` ends, which is a character
/// boundary of `text` whenever the comparison succeeded.
fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

fn is_port(s: &str) -> bool {
    s.strip_prefix(':').is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n > 0))
}

fn is_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    if labels.len() == 4
        && labels.iter().all(|l| !l.is_empty() && l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return labels.iter().all(|l| l.parse::<u16>().is_ok_and(|n| n <= 255));
    }
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            // Any non-ASCII character may be part of an internationalised
            // name; Unicode's letter tables would cost the wasm more than
            // they catch.
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
    };
    let Some(tld) = labels.last() else {
        return false;
    };
    let tld_ok = tld.chars().count() >= 2
        && (tld.chars().all(|c| c.is_ascii_alphabetic() || !c.is_ascii())
            || tld.to_ascii_lowercase().starts_with("xn--"));
    labels.iter().all(label_ok) && tld_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_follow_wordpress_is_email() {
        for good in ["a@b.co", "ada.lovelace+blog@example.org", "o'brien@sub.example.co.uk", "x_y@ex-ample.io"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "a@b.c",
            "@example.org",
            "ada",
            "ada@",
            "ada@example",
            "ada@@example.org",
            "ada@exa..mple.org",
            "ada@.example.org",
            "ada@example.org.",
            "ada@-example.org",
            "ada@exam_ple.org",
            "ad a@example.org",
            "<b>@example.org",
            "réader@example.org",
            "ada@exämple.org",
            "ada@example.org\n",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn website_must_be_http_or_https() {
        for good in [
            "https://example.org",
            "http://example.org/path?q=1#x",
            "HTTPS://Example.ORG",
            "http://localhost:8080/",
            "http://127.0.0.1:8081",
            "https://[::1]:8443/",
            "https://bücher.example/",
            "https://xn--bcher-kva.example",
        ] {
            assert!(is_http_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://example.org",
            "https://",
            "https:///path",
            "http://exa mple.org",
            "https://example",
            "https://user:pw@example.org",
            "https://example.org:99999",
            "https://-bad.example",
            "https://example.org/<script>",
            "//example.org",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn non_ascii_where_the_scheme_ends_is_refused_not_a_crash() {
        // Once a trap: `url[..8]` cut inside the "é".
        for url in ["https:/é.example", "http:/ü", "httpé://x", "h", "", "https:/\u{1F600}"] {
            assert!(!is_http_url(url), "{url}");
            let _ = normalize_website(url);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn address_checks_never_panic(s in crate::backend::tests::hostile_text(), scheme in "(https?://|HTTP://|https:/|)") {
            let url = format!("{scheme}{s}");
            let _ = is_http_url(&url);
            let _ = is_email(&s);
            let normalized = normalize_website(&s);
            let _ = is_http_url(&normalized);
        }
    }
}
