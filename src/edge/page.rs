//! The host page around a form: the reader's connection and clock, the date
//! in the reader's language, and WordPress's reply links, which the page owns
//! and the form listens to.

use leptos::prelude::window_event_listener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A `Date`, seen only for its `toLocaleString`.
    #[wasm_bindgen(js_name = Date)]
    type LocaleDate;
    /// `Date.prototype.toLocaleString`, which throws a `RangeError` for a
    /// language tag it does not accept (a site's `data-strings` may set one):
    /// `catch` turns that into an `Err` instead of an exception through the wasm.
    #[wasm_bindgen(catch, method, js_name = toLocaleString)]
    fn to_locale_string_checked(this: &LocaleDate, locale: &str) -> Result<JsValue, JsValue>;

    /// `Intl.DateTimeFormat`, whose constructor throws for a tag it refuses.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &JsValue) -> Result<DateFormat, JsValue>;
    #[wasm_bindgen(catch, method, js_class = "DateTimeFormat")]
    fn format(this: &DateFormat, date: &JsValue) -> Result<String, JsValue>;

    /// `Intl.PluralRules`, whose constructor throws for a tag it refuses.
    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "PluralRules")]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method, js_class = "PluralRules")]
    fn select(this: &PluralRules, n: f64) -> String;
}

/// True in a browser (wasm32); false on the host, where a server-rendered
/// app renders the components: the edge then reads nothing (no storage, no
/// address, the clock from the system) and listens to nothing.
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

/// True when the first render may read what differs per reader (a kept
/// draft, remembered details, the stored order, votes): in a client-side
/// app. On the server there is no browser, and a hydrating client's first
/// render must be the server's (a mismatch panics in Leptos 0.8): there
/// they are read after hydration, by an effect.
pub const READ_AT_RENDER: bool = cfg!(all(target_arch = "wasm32", not(feature = "hydrate")));

/// Listens to `event` on the window until the current reactive owner is
/// cleaned up; on the server, nothing (Leptos's own listener needs a
/// server's context to know it is not in a browser).
pub fn listen<E>(event: E, cb: impl Fn(E::EventType) + 'static)
where
    E: leptos::ev::EventDescriptor + 'static,
    E::EventType: JsCast,
{
    if IN_BROWSER {
        let handle = window_event_listener(event, cb);
        leptos::prelude::on_cleanup(move || handle.remove());
    }
}

/// The plural category (`one`, `few`, …) of `n` in `lang`, from the browser;
/// `other` where it has no answer.
pub fn plural_category(lang: &str, n: u64) -> String {
    // On the host there is no `Intl` (the build's markup, a server
    // render): one and other, as English, German, Spanish (and French,
    // with its 0) count; the browser's own rules once it renders.
    if !cfg!(target_arch = "wasm32") {
        return plain_plural(lang, n).into();
    }
    PluralRules::new(lang).map(|rules| rules.select(n as f64)).unwrap_or_else(|_| "other".into())
}

/// The plural category as a server counts (one and other, as English,
/// German and Spanish count, and French with its 0), where there is no
/// `Intl`; a hydrating client counts so too until it has hydrated.
pub fn plain_plural(lang: &str, n: u64) -> &'static str {
    if n == 1 || (n == 0 && lang.starts_with("fr")) {
        "one"
    } else {
        "other"
    }
}

/// An RFC 3339 time as the reader's language writes a date and a time (the
/// browser's `Intl`, one formatter per language, made once: a thread of
/// hundreds of comments formats hundreds of dates); the time as given where
/// the browser cannot.
pub fn long_date(lang: &str, rfc3339: &str) -> String {
    // On the host (the build's markup, a server render) there is no `Intl`:
    // the time as given, which the browser's first render then writes in
    // the reader's language.
    if !cfg!(target_arch = "wasm32") {
        return utc_date(rfc3339);
    }
    thread_local! {
        static FORMAT: std::cell::RefCell<Option<(String, Option<DateFormat>)>> = const { std::cell::RefCell::new(None) };
    }
    FORMAT.with(|cell| {
        let mut cached = cell.borrow_mut();
        if cached.as_ref().is_none_or(|(l, _)| l != lang) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
            let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
            *cached = Some((lang.to_string(), DateFormat::new(lang, &options).ok()));
        }
        let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
        cached
            .as_ref()
            .and_then(|(_, f)| f.as_ref())
            .and_then(|f| f.format(&date).ok())
            .unwrap_or_else(|| rfc3339.to_string())
    })
}

/// `2026-11-27T18:00:00Z` as `2026-11-27 18:00 UTC`, readable in any
/// language (a server render's dates, and a hydrating client's until it
/// has hydrated); anything else as given.
pub fn utc_date(rfc3339: &str) -> String {
    let ascii = rfc3339.is_ascii() && rfc3339.ends_with('Z');
    match (ascii, rfc3339.get(0..10), rfc3339.get(10..11), rfc3339.get(11..16)) {
        (true, Some(day), Some("T"), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

/// True when the browser knows it is offline.
pub fn is_offline() -> bool {
    IN_BROWSER && web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// The page address's query string (`?p=12`), or nothing.
pub fn search() -> String {
    if !IN_BROWSER {
        return String::new();
    }
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Puts WordPress's `unapproved=<id>&moderation-hash=<hash>` into the page's
/// address (no reload, no new history entry), as WordPress's own redirect
/// does after a held comment: a reload then shows the comment to its author,
/// in the theme's list.
pub fn keep_held_visible(id: u64, hash: &str) {
    if !IN_BROWSER {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let Ok(href) = window.location().href() else { return };
    let url = crate::backend::held_comment_url(&href, id, hash);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's path (`/post/1/`): in the browser, its address's; on the
/// server, the request's (`leptos_axum` provides it); else `/`.
pub fn path() -> String {
    if IN_BROWSER {
        return web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into());
    }
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() {
        return parts.uri.path().to_string();
    }
    "/".into()
}

/// The page's address's `#fragment` (with its `#`), or "".
pub fn hash() -> String {
    if !IN_BROWSER {
        return String::new();
    }
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// A mark on the page's performance timeline (seen in the browser's
/// performance panel, and read by the benchmark).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Settles after `ms` milliseconds (0: in a task of its own, after what
/// the page has queued, a key press first).
pub async fn sleep(ms: u32) {
    if !IN_BROWSER {
        return;
    }
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// The reader may see `el`: the tab is visible and `el` (when given) is
/// within two screens of the viewport.
pub fn watching(el: Option<&web_sys::Element>) -> bool {
    let Some(window) = web_sys::window() else { return false };
    if window.document().is_some_and(|d| d.visibility_state() != web_sys::VisibilityState::Visible) {
        return false;
    }
    let Some(el) = el else { return true };
    let screen = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
    let rect = el.get_bounding_client_rect();
    // (A hidden element, an empty thread, measures nothing: it is its note's place.)
    (rect.height() == 0.0 && rect.top() == 0.0) || (rect.bottom() > -2.0 * screen && rect.top() < 3.0 * screen)
}

/// This browser's clock, in ms since the epoch.
pub fn now_ms() -> f64 {
    if !IN_BROWSER {
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        return since.map_or(0.0, |d| d.as_millis() as f64);
    }
    js_sys::Date::now()
}

/// Now, as the reader's language writes a date and time; the browser's own
/// format when the language tag is one it refuses.
pub fn local_time(lang: &str) -> String {
    if !IN_BROWSER {
        return String::new();
    }
    let now: LocaleDate = js_sys::Date::new_0().unchecked_into();
    now.to_locale_string_checked(lang)
        .ok()
        .or_else(|| now.to_locale_string_checked("en").ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A reply asked for by the page: the comment's id and, when the link says,
/// its author's name or WordPress's own "Reply to …" label.
pub struct ReplyLink {
    pub id: u64,
    pub name: Option<String>,
    /// WordPress's localized `data-replyto` ("Reply to Ada").
    pub label: Option<String>,
}

/// Calls `open` when the reader clicks one of WordPress's reply links
/// (`.comment-reply-link`, with `data-commentid`, `data-postid` and
/// `data-replyto`) for this post, or any element with `data-cw-reply-to="<id>"`
/// (and `data-cw-reply-name`), instead of letting the page reload with
/// `?replytocom=`, until the current reactive owner is cleaned up.
pub fn on_reply_link(post_id: Option<u64>, open: impl Fn(ReplyLink) + Clone + 'static) {
    listen(leptos::ev::click, move |ev| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(link) = target.closest(".comment-reply-link, [data-cw-reply-to]").ok().flatten() else { return };
        let number =
            |name: &str| link.get_attribute(name).and_then(|v| v.trim().parse::<u64>().ok()).filter(|n| *n > 0);
        let Some(id) = number("data-cw-reply-to").or_else(|| number("data-commentid")) else { return };
        if let (Some(mine), Some(theirs)) = (post_id, number("data-postid")) {
            if mine != theirs {
                return;
            }
        }
        ev.prevent_default();
        open(ReplyLink {
            id,
            name: link.get_attribute("data-cw-reply-name"),
            label: link.get_attribute("data-replyto"),
        });
    })
}

/// WordPress's label for the reply link of comment `id` on this page, if any
/// (for `?replytocom=N`).
pub fn reply_label(id: u64) -> Option<String> {
    leptos::prelude::document()
        .query_selector(&format!(".comment-reply-link[data-commentid=\"{id}\"]"))
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("data-replyto"))
}

/// In a test build only: stops the wasm the way a panic under
/// `panic = "abort"` would, so the end-to-end tests can prove that a reader
/// keeps their text when the wasm dies.
#[cfg(feature = "test-hooks")]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_server_writes_dates_in_utc_and_counts_one_and_other() {
        assert_eq!(utc_date("2026-11-27T18:00:00Z"), "2026-11-27 18:00 UTC");
        assert_eq!(utc_date("2026-11-27T18:00:00+02:00"), "2026-11-27T18:00:00+02:00");
        assert_eq!(utc_date("{{datetime}}"), "{{datetime}}");
        assert_eq!(utc_date("é2026-11-27T18:00Z"), "é2026-11-27T18:00Z");
        assert_eq!((plain_plural("en", 1), plain_plural("en", 0), plain_plural("fr", 0)), ("one", "other", "one"));
    }

    proptest::proptest! {
        /// Any text from a server: a date or itself, never a panic.
        #[test]
        fn utc_date_takes_any_text(text in "\\PC{0,40}", n in 0u64..5) {
            let out = utc_date(&text);
            proptest::prop_assert!(out == text || out.ends_with(" UTC"));
            let _ = plain_plural(&text, n);
        }
    }
}
