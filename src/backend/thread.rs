//! The conversation: the requests that list a thread's comments and the
//! reading of their answers, for the servers that can list them (Isso,
//! WordPress REST), into one shape — a tree of [`ThreadComment`]s, oldest
//! first, replies under their parent. Pure: `ui::thread` shows it and
//! `edge::comments`/`edge::rich` build its DOM.
//!
//! A comment's `html` is the server's rendering (Isso's Markdown, WordPress's
//! `content.rendered`) and is **untrusted**: it may only reach the page
//! rebuilt through the allowlist (`backend::allowlist`), node by node.

use serde_json::Value;

use super::actions::Votes;
use super::avatar::{self, Avatar};
use super::text::text_html;
use super::{encode_query_value, wordpress_rest, Backend, HttpRequest, HttpResponse, Server};
use crate::address::is_http_url;

/// Comments per page unless the site says (`data-per-page`): WordPress's
/// default (Settings → Discussion, "50 top level comments per page"); Isso's
/// client asks for as many.
pub const PAGE_SIZE: u32 = 50;

/// How a thread is read page by page: WordPress's "Break comments into pages
/// with N top level comments per page and the last/first page displayed by
/// default" (`data-per-page`, `data-first-page`), for every server that lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Comments asked for per page, 1 to 100 (WordPress REST's most). REST
    /// counts every comment of a page, replies too, where WordPress's own
    /// pages count top-level comments.
    pub per_page: u32,
    /// An oldest-first thread opens at its newest comments, and earlier pages
    /// arrive above them ("Show earlier comments"), as WordPress shows the
    /// last page first by default.
    pub newest_first_page: bool,
}

impl Default for Paging {
    fn default() -> Paging {
        Paging { per_page: PAGE_SIZE, newest_first_page: false }
    }
}

impl Paging {
    /// The order to ask the server for while `shown` is the order shown, and
    /// whether its pages go the other way round (each page's top-level
    /// comments reversed, the next page above): an oldest-first thread that
    /// opens at its newest page is read newest first.
    ///
    /// ```
    /// use comment_widget::{Paging, Sort};
    /// let wordpress = Paging { per_page: 10, newest_first_page: true };
    /// assert_eq!(wordpress.asked(Sort::Oldest), (Sort::Newest, true));
    /// assert_eq!(wordpress.asked(Sort::Newest), (Sort::Newest, false));
    /// assert_eq!(Paging::default().asked(Sort::Oldest), (Sort::Oldest, false));
    /// ```
    pub fn asked(self, shown: Sort) -> (Sort, bool) {
        match shown {
            Sort::Oldest if self.newest_first_page => (Sort::Newest, true),
            other => (other, false),
        }
    }
}

/// One comment of a thread.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(any(feature = "ssr", feature = "hydrate"), derive(serde::Serialize, serde::Deserialize))]
pub struct ThreadComment {
    pub id: u64,
    pub parent: Option<u64>,
    /// As the server stores it (text, shown as text).
    pub author: String,
    /// Only an `http(s)` address; anything else is dropped.
    pub website: Option<String>,
    /// When it was written, RFC 3339 in UTC (`2026-11-27T18:00:00Z`), for `<time datetime>`.
    pub created: String,
    /// The server's HTML for the text: untrusted.
    pub html: String,
    /// Held for moderation (shown only to its author).
    pub held: bool,
    /// The author's avatar, when the server gives one.
    pub avatar: Option<Avatar>,
    /// Its likes and dislikes, where the server counts them (Isso).
    pub votes: Option<Votes>,
    /// Deleted by its author but kept for its replies (Isso's `mode` 4).
    pub deleted: bool,
    pub replies: Vec<ThreadComment>,
}

/// The order of a thread's top-level comments (`data-sort`, and the
/// control above the thread). Replies stay oldest first under their parent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Oldest,
    Newest,
    /// Most liked first (Isso's `upvotes`, Waline's `like_desc`).
    Top,
}

impl Sort {
    /// The `data-sort` values, as the site owner writes them.
    pub const NAMES: [&'static str; 3] = ["oldest", "newest", "top"];

    /// The order a `data-sort` value (or a stored choice) names.
    pub fn from_name(name: &str) -> Option<Sort> {
        match name.trim().to_ascii_lowercase().as_str() {
            "oldest" => Some(Sort::Oldest),
            "newest" => Some(Sort::Newest),
            "top" => Some(Sort::Top),
            _ => None,
        }
    }

    /// Its `data-sort` name.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Oldest => "oldest",
            Sort::Newest => "newest",
            Sort::Top => "top",
        }
    }

    /// The orders `backend` can list in: most liked only for Isso and
    /// Waline, which count likes.
    pub fn offered(backend: Backend) -> &'static [Sort] {
        match backend {
            Backend::Isso | Backend::Waline => &[Sort::Oldest, Sort::Newest, Sort::Top],
            _ => &[Sort::Oldest, Sort::Newest],
        }
    }

    /// This order where `backend` offers it, else oldest first.
    pub fn for_backend(self, backend: Backend) -> Sort {
        if Sort::offered(backend).contains(&self) {
            self
        } else {
            Sort::Oldest
        }
    }
}

/// The start of a comment's anchor on its server's pages: `isso-` for Isso
/// (its client's), `comment-` elsewhere (WordPress's template and e-mails).
pub fn anchor_prefix(backend: Backend) -> &'static str {
    match backend {
        Backend::Isso => "isso-",
        _ => "comment-",
    }
}

/// The anchor of comment `id` ([`anchor_prefix`]).
pub fn anchor(backend: Backend, id: u64) -> String {
    format!("{}{id}", anchor_prefix(backend))
}

/// The comment an address's `#fragment` names for `backend`, if any: `#isso-12`
/// (Isso) or `#comment-12` (the others; Waline's e-mails' `#12` too); anything else, or a
/// number too large, names none.
///
/// ```
/// use comment_widget::internal::backend::{thread::anchored, Backend};
/// assert_eq!(anchored(Backend::WordPressRest, "#comment-12"), Some(12));
/// assert_eq!(anchored(Backend::Isso, "#comment-12"), None);
/// assert_eq!((anchored(Backend::Waline, "#12"), anchored(Backend::Waline, "#comment-12")), (Some(12), Some(12)));
/// assert_eq!(anchored(Backend::WordPressRest, "#12"), None);
/// ```
pub fn anchored(backend: Backend, fragment: &str) -> Option<u64> {
    let rest = fragment.strip_prefix('#')?;
    // Waline's reply e-mails link to `#<id>`.
    let digits = rest.strip_prefix(anchor_prefix(backend)).or_else(|| (backend == Backend::Waline).then_some(rest))?;
    if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

/// One page of a thread.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(any(feature = "ssr", feature = "hydrate"), derive(serde::Serialize, serde::Deserialize))]
pub struct ThreadPage {
    pub comments: Vec<ThreadComment>,
    /// Every comment of the thread, when the server says.
    pub total: Option<u64>,
    /// True when there are more comments to load.
    pub more: bool,
    /// The server e-mails replies to readers who ask (Isso's `reply-notifications`).
    pub notify: bool,
}

/// The request for page `page` (from 0) of `per_page` comments of the thread
/// in `sort` order, for servers that list (the loader's early request for
/// the first page mirrors these).
pub fn list_request(server: &Server, page: u32, sort: Sort, per_page: u32) -> Option<HttpRequest> {
    let sort = sort.for_backend(server.backend);
    let per_page = per_page.clamp(1, 100);
    let url = match server.backend {
        Backend::Isso => format!(
            "{}/?uri={}&limit={per_page}&offset={}&nested_limit={PAGE_SIZE}{}",
            server.endpoint,
            encode_query_value(&server.page),
            page.saturating_mul(per_page),
            match sort {
                Sort::Oldest => "",
                Sort::Newest => "&sort=newest",
                Sort::Top => "&sort=upvotes",
            }
        ),
        Backend::WordPressRest => {
            let base = wordpress_rest::comments_url(&server.endpoint);
            let join = if base.contains('?') { '&' } else { '?' };
            format!(
                "{base}{join}post={}&per_page={per_page}&page={}&order={}&orderby=date_gmt",
                server.post_id?,
                page.saturating_add(1),
                if sort == Sort::Newest { "desc" } else { "asc" }
            )
        }
        Backend::Json | Backend::Form => {
            let list = server.list_endpoint.as_deref()?;
            let join = if list.contains('?') { '&' } else { '?' };
            format!(
                "{list}{join}{}={}&offset={}&limit={per_page}{}",
                encode_query_value(server.fields.page.as_deref().unwrap_or("page")),
                encode_query_value(&server.page),
                page.saturating_mul(per_page),
                if sort == Sort::Newest { "&sort=newest" } else { "" }
            )
        }
        Backend::Waline => format!(
            "{}?path={}&page={}&pageSize={per_page}&sortBy={}",
            super::waline::comments_url(server),
            encode_query_value(&server.page),
            page.saturating_add(1),
            match sort {
                Sort::Oldest => "insertedAt_asc",
                Sort::Newest => "insertedAt_desc",
                Sort::Top => "like_desc",
            }
        ),
        Backend::WordPressForm => return None,
    };
    let mut request = HttpRequest::get(url);
    if server.backend.is_generic() {
        request.headers.push(("Accept".into(), "application/json".into()));
    }
    Some(request)
}

/// The page a [`list_request`] answered, or `None` when the answer is not a
/// thread listing (the UI then says the comments could not be loaded); a
/// generic list that does not say whether more follow has more when it is a
/// full page of `per_page`.
pub fn read_list(server: &Server, response: &HttpResponse, page: u32, per_page: u32) -> Option<ThreadPage> {
    let backend = server.backend;
    if !response.is_success() {
        // Isso answers 404 for a thread nobody has commented on yet.
        return (backend == Backend::Isso && response.status == 404).then(ThreadPage::default);
    }
    let json = crate::json::parse(&response.body)?;
    match backend {
        Backend::Isso => {
            let keys = Keys {
                author: "author",
                website: "website",
                parent: "parent",
                html: "/text",
                text: None,
                avatar: None,
            };
            let comments = json.get("replies")?.as_array()?.iter().filter_map(|c| comment(c, &keys, 0)).collect();
            let hidden = json.get("hidden_replies").and_then(Value::as_i64).unwrap_or(0);
            Some(ThreadPage {
                comments,
                total: json.get("total_replies").and_then(Value::as_u64),
                more: hidden > 0,
                notify: json.pointer("/config/reply-notifications").and_then(Value::as_bool).unwrap_or(false),
            })
        }
        Backend::WordPressRest => {
            let keys = Keys {
                author: "author_name",
                website: "author_url",
                parent: "parent",
                html: "/content/rendered",
                text: None,
                avatar: None,
            };
            let flat: Vec<ThreadComment> = json.as_array()?.iter().filter_map(|c| comment(c, &keys, 0)).collect();
            let more = response.pages.is_some_and(|pages| page.saturating_add(1) < pages);
            Some(ThreadPage { comments: nest(flat), total: response.total, more, notify: false })
        }
        Backend::Json | Backend::Form => {
            // A list, or {"comments": [...], "total": N, "more": bool}.
            let list = json.as_array().or_else(|| json.get("comments")?.as_array())?;
            let name = |n: &Option<String>, ours: &'static str| n.as_deref().unwrap_or(ours).to_string();
            let f = &server.fields;
            let (author, website, parent, text) = (
                name(&f.name, "name"),
                name(&f.website, "website"),
                name(&f.parent, "parent"),
                name(&f.comment, "comment"),
            );
            let avatar = f.avatar.as_deref();
            let keys =
                Keys { author: &author, website: &website, parent: &parent, html: "/html", text: Some(&text), avatar };
            let flat: Vec<ThreadComment> = list.iter().filter_map(|c| comment(c, &keys, 0)).collect();
            let more =
                json.get("more").and_then(Value::as_bool).unwrap_or(list.len() >= per_page.clamp(1, 100) as usize);
            Some(ThreadPage {
                comments: nest(flat),
                total: json.get("total").and_then(Value::as_u64),
                more,
                notify: false,
            })
        }
        Backend::Waline => {
            // {errno, data: {page, totalPages, count, data: [top comments,
            // each with every reply below it flat in `children`]}}.
            let data = super::waline::data(response).ok()?;
            let keys = Keys {
                author: "nick",
                website: "link",
                parent: "pid",
                html: "/comment",
                text: None,
                avatar: Some("avatar"),
            };
            let mut comments = Vec::new();
            for top in data.get("data")?.as_array()? {
                let Some(mut c) = comment(top, &keys, 0) else { continue };
                let children = top.get("children").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                // Waline's order of `children` is not reliable: oldest first, then as a tree.
                let flat = oldest_first(children.iter().filter_map(|r| comment(r, &keys, 0)).collect());
                c.replies = nest(flat);
                comments.push(c);
            }
            let number = |k: &str| data.get(k).and_then(Value::as_u64);
            Some(ThreadPage {
                comments,
                total: number("count"),
                more: number("totalPages").is_some_and(|pages| u64::from(page.saturating_add(1)) < pages),
                notify: false,
            })
        }
        Backend::WordPressForm => None,
    }
}

/// Where each server keeps a comment's parts (`html` is a JSON pointer).
struct Keys<'a> {
    author: &'a str,
    website: &'a str,
    parent: &'a str,
    html: &'a str,
    /// A field of plain text, used when there is no HTML (the generic one).
    text: Option<&'a str>,
    /// The field of an avatar's address (the generic one; Isso's and
    /// WordPress's are their own, see `avatar::read`).
    avatar: Option<&'a str>,
}

/// One comment, read the same way for every server: `id` (a number, or a
/// numeric string; Waline's `objectId`), its parent (0 is none), author,
/// website (only http(s)), `created` (seconds since the epoch as Isso
/// sends, WordPress's `date_gmt` without a zone, RFC 3339, or Waline's
/// `time` in milliseconds), its HTML (untrusted) or plain
/// text (escaped), held when Isso's `mode` is 2 or a `status` is not
/// `approved`, and replies nested by the server (Isso), to a depth of 8.
fn comment(c: &Value, keys: &Keys, depth: u32) -> Option<ThreadComment> {
    let text = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
    let number = |v: Option<&Value>| v.and_then(|v| v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()));
    let created = match c.get("created").or_else(|| c.get("date_gmt")) {
        Some(Value::Number(n)) => n.as_f64().map(rfc3339),
        // Waline's `time`: milliseconds.
        None => c.get("time").and_then(Value::as_f64).map(|ms| rfc3339(ms / 1000.0)),
        Some(Value::String(t)) if t.len() == 19 && t.is_ascii() => Some(format!("{t}Z")),
        Some(Value::String(t)) if t.len() <= 40 && t.is_ascii() => Some(t.clone()),
        _ => None,
    };
    let html = match (c.pointer(keys.html).and_then(Value::as_str), keys.text) {
        (Some(html), _) => html.to_string(),
        (None, Some(field)) => text_html(&text(field).unwrap_or_default()),
        (None, None) => String::new(),
    };
    let replies = match c.get("replies").and_then(Value::as_array) {
        Some(list) if depth < 8 => list.iter().filter_map(|r| comment(r, keys, depth + 1)).collect(),
        _ => Vec::new(),
    };
    Some(ThreadComment {
        id: number(c.get("id").or_else(|| c.get("objectId")))?,
        parent: number(c.get(keys.parent)).filter(|p| *p > 0),
        author: text(keys.author).unwrap_or_default(),
        website: text(keys.website).filter(|w| is_http_url(w)),
        created: created.unwrap_or_default(),
        html,
        held: c.get("mode").and_then(Value::as_u64) == Some(2)
            || c.get("status").and_then(Value::as_str).is_some_and(|s| s != "approved"),
        avatar: avatar::read(c, keys.avatar),
        // Isso's likes and dislikes; Waline's likes (`like`).
        votes: match (number(c.get("likes")), number(c.get("dislikes")), number(c.get("like"))) {
            (None, None, Some(likes)) => Some(Votes { likes: u32::try_from(likes).unwrap_or(u32::MAX), dislikes: 0 }),
            (Some(likes), Some(dislikes), _) => Some(Votes {
                likes: u32::try_from(likes).unwrap_or(u32::MAX),
                dislikes: u32::try_from(dislikes).unwrap_or(u32::MAX),
            }),
            _ => None,
        },
        deleted: c.get("mode").and_then(Value::as_u64) == Some(4),
        replies: oldest_first(replies),
    })
}

/// Replies oldest first, whatever order the server listed them in (Isso
/// sorts its nested replies as it sorts the thread).
fn oldest_first(listed: Vec<ThreadComment>) -> Vec<ThreadComment> {
    let mut replies = Vec::with_capacity(listed.len());
    for reply in listed {
        put_in_order(&mut replies, reply);
    }
    replies
}

/// Puts `reply` among `replies` (oldest first) after those written before it.
fn put_in_order(replies: &mut Vec<ThreadComment>, reply: ThreadComment) {
    let at = replies.iter().position(|r| (&r.created, r.id) > (&reply.created, reply.id)).unwrap_or(replies.len());
    replies.insert(at, reply);
}

/// A flat list, in the server's order, as a tree: each reply under its
/// parent when the parent is on the page (before or after it), else at the
/// top (its parent is on another page).
pub fn nest(flat: Vec<ThreadComment>) -> Vec<ThreadComment> {
    let mut top = Vec::new();
    add(&mut top, flat);
    top
}

/// A comment's replies and theirs, in reading order, none with replies of
/// its own: what WordPress shows beside a comment at the thread's last level
/// (`Walker::display_element` past `max_depth`).
pub fn below(replies: Vec<ThreadComment>) -> Vec<ThreadComment> {
    let mut out = Vec::new();
    let mut stack: Vec<ThreadComment> = replies.into_iter().rev().collect();
    while let Some(mut c) = stack.pop() {
        stack.extend(std::mem::take(&mut c.replies).into_iter().rev());
        out.push(c);
    }
    out
}

/// A comment the reader posted, as the thread shows it to them until the
/// server lists it (a held one, which the server lists to nobody, or one on
/// a page not shown): their text, as text (escaped, paragraphs on blank
/// lines, line breaks kept, as WordPress renders it).
pub fn own_comment(
    id: u64,
    parent: Option<u64>,
    author: &str,
    text: &str,
    created: String,
    held: bool,
) -> ThreadComment {
    let html = text_html(text);
    let author = author.to_string();
    ThreadComment {
        id,
        parent,
        author,
        website: None,
        created,
        html,
        held,
        avatar: None,
        votes: None,
        deleted: false,
        replies: Vec::new(),
    }
}

/// Shows the reader's `own` comments in a first page of the thread, each
/// under its parent when that is shown, else with the newest comments: at
/// the end, or first (newest first) when the page is listed `newest_first`.
/// One the server now lists is the server's to show: it is left out of the
/// returned list of those the reader must still be shown.
pub fn with_own(comments: &mut Vec<ThreadComment>, own: Vec<ThreadComment>, newest_first: bool) -> Vec<ThreadComment> {
    let still: Vec<ThreadComment> = own.into_iter().filter(|c| find_mut(comments, c.id).is_none()).collect();
    add(comments, still.clone());
    if newest_first {
        let (mut mine, theirs): (Vec<_>, Vec<_>) =
            std::mem::take(comments).into_iter().partition(|c| still.iter().any(|own| own.id == c.id));
        mine.reverse();
        mine.extend(theirs);
        *comments = mine;
    }
    still
}

/// Adds `new` comments (a later page, say) to those shown: each under its
/// parent when that is shown, else at the end; one already shown (the
/// reader's own, put in place earlier) is left out. A reply shown at the top
/// because its parent had not come yet (newest first lists replies before
/// what they answer) moves under the parent when it comes. Replies stay
/// oldest first. True when any went under a comment shown before, not at
/// the end.
pub fn add(comments: &mut Vec<ThreadComment>, new: Vec<ThreadComment>) -> bool {
    let mut nested = false;
    for c in new {
        if find_mut(comments, c.id).is_some() {
            continue;
        }
        match c.parent.and_then(|p| find_mut(comments, p)) {
            Some(parent) => {
                put_in_order(&mut parent.replies, c);
                nested = true;
            }
            None => comments.push(c),
        }
    }
    // Orphans at the top whose parent is now shown go under it.
    loop {
        let adoptable = comments.iter().position(|c| c.parent.is_some_and(|p| contains(comments, p, c.id)));
        let Some(at) = adoptable else { break };
        let orphan = comments.remove(at);
        if let Some(parent) = orphan.parent.and_then(|p| find_mut(comments, p)) {
            put_in_order(&mut parent.replies, orphan);
            nested = true;
        }
    }
    nested
}

/// True when comment `id` is in the tree outside the subtree of `except`
/// (a parent inside its own reply's subtree would be a cycle).
fn contains(list: &[ThreadComment], id: u64, except: u64) -> bool {
    list.iter().any(|c| c.id != except && (c.id == id || contains(&c.replies, id, except)))
}

fn find_mut(list: &mut [ThreadComment], id: u64) -> Option<&mut ThreadComment> {
    for c in list.iter_mut() {
        if c.id == id {
            return Some(c);
        }
        if let Some(found) = find_mut(&mut c.replies, id) {
            return Some(found);
        }
    }
    None
}

/// Seconds since the epoch as RFC 3339 in UTC, to the second (Howard
/// Hinnant's `civil_from_days`).
pub fn rfc3339(seconds: f64) -> String {
    let secs = if seconds.is_finite() && seconds > 0.0 { seconds.min(253_402_300_799.0) as i64 } else { 0 };
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::allowlist::{rich_tag, safe_link};
    use crate::backend::FieldNames;

    fn wp_comment(id: u64, parent: u64, text: &str) -> Value {
        serde_json::json!({"id": id, "post": 1, "parent": parent, "author_name": format!("A{id}"), "author_url": "",
            "date_gmt": "2026-11-25T10:00:00", "content": {"rendered": format!("<p>{text}</p>\n")}, "status": "approved"})
    }

    #[test]
    fn the_requests_list_a_page_of_the_thread() {
        let isso = Server { page: "/a post/".into(), ..Server::new(Backend::Isso, "http://127.0.0.1:8081") };
        assert_eq!(
            list_request(&isso, 1, Sort::Oldest, PAGE_SIZE).map(|r| r.url),
            Some("http://127.0.0.1:8081/?uri=/a%20post/&limit=50&offset=50&nested_limit=50".into())
        );
        let wp = Server { post_id: Some(7), ..Server::new(Backend::WordPressRest, "https://blog.example") };
        assert_eq!(
            list_request(&wp, 0, Sort::Oldest, PAGE_SIZE).map(|r| r.url),
            Some(
                "https://blog.example/?rest_route=/wp/v2/comments&post=7&per_page=50&page=1&order=asc&orderby=date_gmt"
                    .into()
            )
        );
        let pretty = Server { endpoint: "https://blog.example/wp-json".into(), ..wp.clone() };
        assert!(list_request(&pretty, 0, Sort::Oldest, PAGE_SIZE)
            .is_some_and(|r| r.url.starts_with("https://blog.example/wp-json/wp/v2/comments?post=7&")));
        assert_eq!(list_request(&Server::new(Backend::WordPressForm, "/"), 0, Sort::Oldest, PAGE_SIZE), None);
        let json = Server { page: "/a post/".into(), ..Server::new(Backend::Json, "/c") };
        assert_eq!(list_request(&json, 0, Sort::Oldest, PAGE_SIZE), None, "no data-list-endpoint");
        let listed = Server { list_endpoint: Some("/list?site=1".into()), ..json.clone() };
        assert_eq!(
            list_request(&listed, 2, Sort::Oldest, PAGE_SIZE).map(|r| r.url),
            Some("/list?site=1&page=/a%20post/&offset=100&limit=50".into())
        );
        let renamed = Server { fields: FieldNames { page: Some("thread".into()), ..FieldNames::default() }, ..listed };
        assert!(list_request(&renamed, 0, Sort::Oldest, PAGE_SIZE)
            .is_some_and(|r| r.url.starts_with("/list?site=1&thread=/a%20post/&")));
    }

    #[test]
    fn the_sites_page_size_is_asked_for_and_decides_when_a_generic_list_has_more() {
        let wp = Server { post_id: Some(7), ..Server::new(Backend::WordPressRest, "/w") };
        let url = |server: &Server, page, per_page| list_request(server, page, Sort::Oldest, per_page).map(|r| r.url);
        assert!(url(&wp, 2, 10).is_some_and(|u| u.contains("&per_page=10&page=3&")));
        // REST takes 1 to 100: anything else is brought into that range.
        assert!(url(&wp, 0, 0).is_some_and(|u| u.contains("&per_page=1&")));
        assert!(url(&wp, 0, 500).is_some_and(|u| u.contains("&per_page=100&")));
        let isso = Server { page: "/p/".into(), ..Server::new(Backend::Isso, "/i") };
        assert_eq!(url(&isso, 2, 10), Some("/i/?uri=/p/&limit=10&offset=20&nested_limit=50".into()));
        let json = Server { list_endpoint: Some("/l".into()), ..Server::new(Backend::Json, "/c") };
        assert!(url(&json, 1, 3).is_some_and(|u| u.ends_with("&offset=3&limit=3")));
        let three = r#"[{"id": 1, "comment": "a"}, {"id": 2, "comment": "b"}, {"id": 3, "comment": "c"}]"#;
        let answer = HttpResponse::new(200, "application/json", three);
        assert!(read_list(&json, &answer, 0, 3).is_some_and(|p| p.more), "a full page may have more");
        assert!(read_list(&json, &answer, 0, 4).is_some_and(|p| !p.more));
    }

    #[test]
    fn a_thread_that_opens_at_its_newest_page_is_read_newest_first() {
        let newest = Paging { per_page: 10, newest_first_page: true };
        assert_eq!(newest.asked(Sort::Oldest), (Sort::Newest, true));
        // Newest first already opens at the newest; most liked has no ends.
        assert_eq!(newest.asked(Sort::Newest), (Sort::Newest, false));
        assert_eq!(newest.asked(Sort::Top), (Sort::Top, false));
        let oldest = Paging { newest_first_page: false, ..newest };
        assert_eq!(oldest.asked(Sort::Oldest), (Sort::Oldest, false));
        assert_eq!(Paging::default(), Paging { per_page: PAGE_SIZE, newest_first_page: false });
    }

    #[test]
    fn each_order_is_asked_for_in_the_servers_own_words() {
        let isso = Server { page: "/p/".into(), ..Server::new(Backend::Isso, "/i") };
        let url = |server: &Server, sort| list_request(server, 0, sort, PAGE_SIZE).map(|r| r.url).unwrap_or_default();
        assert!(url(&isso, Sort::Newest).ends_with("&nested_limit=50&sort=newest"));
        assert!(url(&isso, Sort::Top).ends_with("&sort=upvotes"));
        let wp = Server { post_id: Some(7), ..Server::new(Backend::WordPressRest, "/w") };
        assert!(url(&wp, Sort::Newest).contains("&order=desc&orderby=date_gmt"));
        assert!(url(&wp, Sort::Top).contains("&order=asc&"), "WordPress counts no likes: oldest first");
        let json = Server { list_endpoint: Some("/l".into()), ..Server::new(Backend::Json, "/c") };
        assert!(url(&json, Sort::Newest).ends_with("&limit=50&sort=newest"));
        assert!(url(&json, Sort::Oldest).ends_with("&limit=50"));
        assert_eq!(Sort::from_name(" Newest "), Some(Sort::Newest));
        assert_eq!(Sort::from_name("upvotes"), None);
        assert!(Sort::NAMES.iter().all(|n| Sort::from_name(n).map(Sort::name) == Some(*n)));
    }

    #[test]
    fn anchors_are_the_servers_own() {
        assert_eq!(anchor(Backend::Isso, 4), "isso-4");
        assert_eq!(anchor(Backend::WordPressRest, 4), "comment-4");
        assert_eq!(anchored(Backend::Isso, "#isso-4"), Some(4));
        assert_eq!(anchored(Backend::Json, "#comment-4"), Some(4));
        for bad in [
            "#isso-",
            "#isso-0",
            "#isso-4x",
            "#isso--4",
            "#isso-+4",
            "#isso-99999999999999999999999",
            "isso-4",
            "#isso-٤",
        ] {
            assert_eq!(anchored(Backend::Isso, bad), None, "{bad}");
        }
    }

    #[test]
    fn below_the_last_level_replies_follow_their_comment_in_reading_order() {
        let at = |id: u64, parent: Option<u64>, created: &str| ThreadComment {
            created: created.into(),
            ..own_comment(id, parent, "A", "x", String::new(), false)
        };
        let tree = nest(vec![
            at(1, None, "1"),
            at(2, Some(1), "2"),
            at(3, Some(2), "3"),
            at(4, Some(1), "4"),
            at(5, Some(3), "5"),
        ]);
        let flat = below(tree.into_iter().next().unwrap().replies);
        let ids: Vec<u64> = flat.iter().map(|c| c.id).collect();
        assert_eq!(ids, [2, 3, 5, 4]);
        assert!(flat.iter().all(|c| c.replies.is_empty()));
    }

    #[test]
    fn newest_first_lists_replies_before_their_parents_and_they_still_nest_oldest_first() {
        let at = |id: u64, parent: Option<u64>, created: &str| ThreadComment {
            created: created.into(),
            ..own_comment(id, parent, "A", "x", String::new(), false)
        };
        // WordPress, order=desc: 4 (reply to 1), 3, 2 (reply to 1), 1.
        let page = nest(vec![at(4, Some(1), "4"), at(3, None, "3"), at(2, Some(1), "2"), at(1, None, "1")]);
        assert_eq!(page.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 1]);
        assert_eq!(page[1].replies.iter().map(|c| c.id).collect::<Vec<_>>(), [2, 4]);
        // A reply on the first page whose parent comes on the second.
        let mut shown = nest(vec![at(9, Some(5), "9"), at(8, None, "8")]);
        assert!(add(&mut shown, vec![at(5, None, "5")]));
        assert_eq!(shown.iter().map(|c| c.id).collect::<Vec<_>>(), [8, 5]);
        assert_eq!(shown[1].replies[0].id, 9);
        // A comment that names itself, or its own reply, as parent stays put.
        let mut odd = nest(vec![at(1, Some(1), "1"), at(2, Some(3), "2"), at(3, Some(2), "3")]);
        assert!(!add(&mut odd, vec![]));
        assert_eq!(count_all(&odd), 3);
    }

    fn count_all(list: &[ThreadComment]) -> usize {
        list.iter().map(|c| 1 + count_all(&c.replies)).sum()
    }

    #[test]
    fn generic_lists_are_read_by_the_posting_names_and_their_text_stays_text() {
        let server = Server {
            list_endpoint: Some("/list".into()),
            fields: FieldNames { comment: Some("body".into()), name: Some("author".into()), ..FieldNames::default() },
            ..Server::new(Backend::Json, "/c")
        };
        let body = r#"{"total": 7, "more": true, "comments": [
            {"id": 1, "author": "Ann", "body": "<b>hi</b>\nthere", "website": "javascript:x", "created": 1764064800},
            {"id": "2", "parent": 1, "author": "Ben", "html": "<p><em>rich</em></p>", "website": "https://ben.example", "created": "2026-11-27T10:00:00Z"},
            {"id": "x", "body": "no id: left out"}
        ]}"#;
        let page = read_list(&server, &HttpResponse::new(200, "application/json", body), 0, PAGE_SIZE).unwrap();
        assert_eq!((page.total, page.more, page.comments.len()), (Some(7), true, 1));
        let ann = &page.comments[0];
        assert_eq!(
            (ann.author.as_str(), ann.html.as_str(), ann.website.as_deref()),
            ("Ann", "<p>&lt;b&gt;hi&lt;/b&gt;<br>there</p>", None)
        );
        assert_eq!(ann.created, "2025-11-25T10:00:00Z");
        let ben = &ann.replies[0];
        assert_eq!(
            (ben.id, ben.html.as_str(), ben.website.as_deref()),
            (2, "<p><em>rich</em></p>", Some("https://ben.example"))
        );
        let bare = read_list(
            &server,
            &HttpResponse::new(200, "application/json", r#"[{"id": 3, "name": "x"}]"#),
            0,
            PAGE_SIZE,
        )
        .unwrap();
        assert_eq!((bare.total, bare.more, bare.comments[0].author.as_str()), (None, false, ""));
        assert_eq!(read_list(&server, &HttpResponse::new(200, "text/html", "<p>hi</p>"), 0, PAGE_SIZE), None);
        assert_eq!(read_list(&server, &HttpResponse::new(404, "application/json", "[]"), 0, PAGE_SIZE), None);
    }

    #[test]
    fn isso_threads_keep_their_nesting_and_drop_unsafe_websites() {
        let body = r#"{"id": null, "total_replies": 3, "hidden_replies": 0, "replies": [
            {"id": 1, "parent": null, "created": 1764064800.25, "mode": 1, "author": "Bea", "website": "javascript:alert(1)",
             "text": "<p>First</p>", "replies": [
                {"id": 3, "parent": 1, "created": 1764068400.0, "mode": 1, "author": null, "website": "https://c.example", "text": "<p>Reply</p>", "likes": 4, "dislikes": 1},
                {"id": 4, "parent": 1, "created": 1764068500.0, "mode": 4, "author": null, "website": null, "text": "", "likes": -3, "dislikes": 0}
             ]},
            {"id": 2, "parent": null, "created": 1764066600.0, "mode": 2, "author": "Di", "website": null, "text": "<p>Held</p>", "replies": []}
        ], "config": {"reply-notifications": true}}"#;
        let isso = Server::new(Backend::Isso, "/isso");
        let page = read_list(&isso, &HttpResponse::new(200, "application/json", body), 0, PAGE_SIZE).unwrap();
        assert_eq!((page.total, page.more, page.notify), (Some(3), false, true));
        assert_eq!(page.comments.len(), 2);
        let first = &page.comments[0];
        assert_eq!((first.id, first.website.as_deref(), first.created.as_str()), (1, None, "2025-11-25T10:00:00Z"));
        assert_eq!(first.replies[0].website.as_deref(), Some("https://c.example"));
        assert_eq!(first.replies[0].author, "");
        assert_eq!(first.replies[0].votes, Some(Votes { likes: 4, dislikes: 1 }));
        assert!(first.replies[1].deleted && first.replies[1].votes.is_none(), "a count that is not one is none");
        assert!(page.comments[1].held);
        assert_eq!(
            read_list(&isso, &HttpResponse::new(404, "text/html", "<p>Not Found</p>"), 0, PAGE_SIZE),
            Some(ThreadPage::default())
        );
        assert_eq!(read_list(&isso, &HttpResponse::new(500, "text/html", ""), 0, PAGE_SIZE), None);
        assert_eq!(read_list(&isso, &HttpResponse::new(200, "text/html", "<html>"), 0, PAGE_SIZE), None);
    }

    #[test]
    fn wordpress_pages_become_a_tree_and_say_when_more_are_left() {
        let list = serde_json::json!([
            wp_comment(10, 0, "top"),
            wp_comment(11, 10, "reply"),
            wp_comment(12, 11, "deeper"),
            wp_comment(13, 99, "parent on another page"),
            wp_comment(14, 0, "second top")
        ]);
        let answer = HttpResponse {
            pages: Some(2),
            total: Some(56),
            ..HttpResponse::new(200, "application/json", &list.to_string())
        };
        let wp = Server::new(Backend::WordPressRest, "/wp");
        let page = read_list(&wp, &answer, 0, PAGE_SIZE).unwrap();
        let ids: Vec<u64> = page.comments.iter().map(|c| c.id).collect();
        assert_eq!(ids, [10, 13, 14]);
        assert_eq!(page.comments[0].replies[0].id, 11);
        assert_eq!(page.comments[0].replies[0].replies[0].id, 12);
        assert_eq!(page.comments[0].created, "2026-11-25T10:00:00Z");
        assert!(page.more);
        assert_eq!(page.total, Some(56));
        assert!(!read_list(&wp, &answer, 1, PAGE_SIZE).unwrap().more);
    }

    #[test]
    fn dates_are_rfc3339_in_utc() {
        assert_eq!(rfc3339(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400.0), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_800_000.9), "2026-11-27T17:20:00Z");
        assert_eq!(rfc3339(f64::NAN), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1e300), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn own_comments_show_under_their_parent_until_the_server_lists_them() {
        let listed = |id, replies| ThreadComment { replies, ..own_comment(id, None, "A", "x", String::new(), false) };
        let mut page = vec![listed(1, vec![listed(2, vec![])]), listed(3, vec![])];
        let text = "<b>Hi</b> & bye\nline two\n\n\nSecond";
        let mine = own_comment(9, Some(2), "Eve", text, "2026-11-27T20:00:00Z".into(), true);
        assert_eq!(mine.html, "<p>&lt;b&gt;Hi&lt;/b&gt; &amp; bye<br>line two</p><p>Second</p>");
        let orphan = own_comment(10, Some(77), "Eve", "elsewhere", String::new(), false);
        let approved = own_comment(3, None, "Eve", "now public", String::new(), true);
        let mut newest_first = page.clone();
        let still = with_own(&mut page, vec![mine.clone(), orphan.clone(), approved.clone()], false);
        assert_eq!(still, vec![mine.clone(), orphan.clone()]);
        assert_eq!(page[0].replies[0].replies, vec![mine]);
        assert_eq!(page.last(), Some(&orphan));
        assert_eq!(page.len(), 3);
        // Listed newest first, the reader's comments at the top are the newest.
        let second = own_comment(11, None, "Eve", "and again", String::new(), false);
        let still = with_own(&mut newest_first, vec![orphan.clone(), second, approved], true);
        assert_eq!(still.len(), 2);
        assert_eq!(newest_first.iter().map(|c| c.id).collect::<Vec<_>>(), [11, 10, 1, 3]);
        // A later page: its reply to a comment shown goes under it, one already shown is not added twice.
        let later =
            vec![listed(11, vec![]), ThreadComment { parent: Some(1), ..listed(12, vec![]) }, listed(9, vec![])];
        assert!(add(&mut page, later));
        assert_eq!(page.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 3, 10, 11]);
        assert_eq!(page[0].replies.iter().map(|c| c.id).collect::<Vec<_>>(), [2, 12]);
        assert!(!add(&mut page, vec![listed(13, vec![])]));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn any_listing_is_read_or_refused(body in crate::backend::tests::hostile_text(), href in crate::backend::tests::hostile_text(), n in proptest::num::f64::ANY) {
            for backend in [Backend::Isso, Backend::WordPressRest, Backend::Json] {
                let server = Server { list_endpoint: Some("/l".into()), ..Server::new(backend, "/c") };
                let _ = read_list(&server, &HttpResponse::new(200, "application/json", &body), 0, PAGE_SIZE);
                let json = serde_json::json!([{"id": 1, "parent": 1, "date_gmt": body, "author_url": body, "created": body, "comment": body}]).to_string();
                let _ = read_list(&server, &HttpResponse::new(200, "application/json", &json), 0, PAGE_SIZE);
            }
            // Waline: hostile text and numbers in every place its listing has.
            let waline = Server::waline("/w");
            let c = |id: serde_json::Value, pid: serde_json::Value| serde_json::json!({"objectId": id, "pid": pid, "nick": body, "link": href, "comment": body, "time": n, "like": n, "avatar": href, "status": body});
            let json = serde_json::json!({"errno": 0, "data": {"data": [
                {"objectId": 1, "nick": body, "time": n, "children": [c(2.into(), 1.into()), c(3.into(), 2.into()), c(body.clone().into(), body.clone().into()), c(2.into(), 3.into())]},
                c(n.into(), 0.into()),
            ], "count": n, "totalPages": n}}).to_string();
            if let Some(page) = read_list(&waline, &HttpResponse::new(200, "application/json", &json), 0, PAGE_SIZE) {
                fn count(list: &[ThreadComment]) -> usize { list.iter().map(|c| 1 + count(&c.replies)).sum() }
                // Every reply read is shown once, however its ids loop.
                proptest::prop_assert!(count(&page.comments) <= 7);
            }
            let _ = safe_link(&href);
            let _ = rich_tag(&href);
            proptest::prop_assert_eq!(rfc3339(n).len() >= 20, true);
        }
    }
}
