//! New comments while a reader reads: when to ask the server again, how to
//! ask each server for what is newer than what is shown, and which comments
//! of its answer are new. Pure: the live thread (`ui::thread::state`) and
//! the loader's painter (`loader/painter/newer.js`, held to this by
//! `tests/tools/grid.test.mjs`) ask and show.
//!
//! Each server is asked its own cheapest way, and none needs a change:
//! Each check is the thread's first page, as it is asked for, with `after`:
//! - Isso: `GET /?uri=…&after=<seconds>` lists the top-level comments
//!   written since, with their replies; a reply to an older comment is not
//!   among them, but the answer's `total_replies` counts every comment of
//!   the thread, so a count that grew by more than what was found says to
//!   read the pages shown again ([`Check::reread`]).
//! - WordPress REST: `GET /wp/v2/comments?post=…&after=<date>` (approved
//!   comments only, flat, replies with their `parent`).
//! - The generic contract: the list endpoint with `after=<RFC 3339>`; a
//!   server that ignores `after` answers its first page, which is compared
//!   with what is shown just the same.

use super::thread::{list_request, rfc3339, Sort, ThreadComment, ThreadPage};
use super::{encode_query_value, Backend, HttpRequest, Server};

/// The shortest interval between two checks unless the site says
/// (`data-live-interval`, seconds); the first check comes this long after
/// the thread is shown.
pub const INTERVAL_SECS: u32 = 30;
/// The shortest a site may set.
pub const FLOOR_SECS: u32 = 5;
/// The longest the interval grows to while nothing arrives (unless the
/// site's shortest is longer).
pub const LONGEST_SECS: u32 = 600;
/// While nothing arrives, each interval is this many halves of the last (1.5x).
pub const QUIET_HALVES: u32 = 3;
/// A check that failed (or took longer than the server's timeout) doubles it.
pub const FAILED_TIMES: u32 = 2;

/// What a check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// New comments.
    News,
    /// Nothing new.
    Quiet,
    /// No answer, or one that could not be read.
    Failed,
}

/// The wait, in seconds, after a check that `found` something, when the
/// last wait was `last` and the shortest is `shortest`: back to the shortest
/// after news, 1.5x after a quiet check, 2x after a failure, never longer
/// than [`LONGEST_SECS`] (or the shortest, when that is longer).
///
/// ```
/// use comment_widget::internal::backend::newer::{next_wait, Found};
/// assert_eq!(next_wait(30, 30, Found::Quiet), 45);
/// assert_eq!(next_wait(30, 400, Found::Quiet), 600);
/// assert_eq!(next_wait(30, 45, Found::Failed), 90);
/// assert_eq!(next_wait(30, 600, Found::News), 30);
/// ```
pub fn next_wait(shortest: u32, last: u32, found: Found) -> u32 {
    let longest = LONGEST_SECS.max(shortest);
    let grown = match found {
        Found::News => return shortest,
        Found::Quiet => last.saturating_mul(QUIET_HALVES) / 2,
        Found::Failed => last.saturating_mul(FAILED_TIMES),
    };
    grown.clamp(shortest, longest)
}

/// How many checks one reader's open page costs the server in `minutes`,
/// when a new comment arrives every `every` minutes (`None`: never), with
/// the shortest interval `shortest` (the benchmark prints these).
pub fn checks_in(minutes: u32, every: Option<u32>, shortest: u32) -> u32 {
    let end = u64::from(minutes) * 60;
    let (mut at, mut wait, mut checks, mut seen) = (u64::from(shortest), shortest, 0, 0u64);
    while at <= end {
        checks += 1;
        let arrived = every.map_or(0, |m| at / (u64::from(m.max(1)) * 60));
        let found = if arrived > seen { Found::News } else { Found::Quiet };
        seen = arrived;
        wait = next_wait(shortest, wait, found);
        at += u64::from(wait);
    }
    checks
}

/// The newest of `comments` (replies too): when it was written, RFC 3339.
pub fn newest(comments: &[ThreadComment]) -> Option<String> {
    let mut out: Option<&str> = None;
    let mut stack: Vec<&ThreadComment> = comments.iter().collect();
    while let Some(c) = stack.pop() {
        if seconds(&c.created).is_some() && out.is_none_or(|o| c.created.as_str() > o) {
            out = Some(&c.created);
        }
        stack.extend(c.replies.iter());
    }
    out.map(str::to_string)
}

/// The request for the comments of `server`'s thread written after `since`
/// (RFC 3339, as [`newest`] gives it; a second earlier is asked for, since
/// servers compare by the second and the same second may hold another):
/// the thread's first page as it is asked for (`order`, `per_page`:
/// [`list_request`]) with `after` (Isso: seconds; the others: RFC 3339). A
/// server that ignores `after` answers its first page, which is compared
/// with what is shown just the same. `None` for a server that cannot list.
pub fn newer_request(server: &Server, since: &str, order: Sort, per_page: u32) -> Option<HttpRequest> {
    let after = seconds(since)?.saturating_sub(1);
    // Waline has no `after`: its newest page is asked for instead.
    let order = if server.backend == Backend::Waline { Sort::Newest } else { order };
    let mut request = list_request(server, 0, order, per_page)?;
    let after = match server.backend {
        Backend::Isso => after.to_string(),
        _ => encode_query_value(&rfc3339(after as f64)),
    };
    request.url.push_str(&format!("&after={after}"));
    Some(request)
}

/// What a check's answer (read as a first page, `read_list`) brings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Check {
    /// The comments not shown yet (`shown`: the ids shown, and those
    /// already announced), oldest first, each without its replies (each
    /// reply is one of them, with its parent); held ones left out.
    pub new: Vec<ThreadComment>,
    /// The thread's count as the server gave it.
    pub total: Option<u64>,
    /// Isso: the thread grew by more than the answer holds (a reply to an
    /// older comment): the pages shown are to be read again.
    pub reread: bool,
}

impl Check {
    /// Reads `page`, the answer to a [`newer_request`] (or the pages shown,
    /// read again), against `shown`; `known` is the thread's count as last
    /// seen (Isso's `total_replies`).
    pub fn read(page: ThreadPage, shown: &[u64], known: Option<u64>, backend: Backend) -> Check {
        let mut new = Vec::new();
        let mut stack = page.comments;
        let mut listed = 0u64;
        while let Some(mut c) = stack.pop() {
            listed += 1;
            stack.append(&mut c.replies);
            if !c.held && !shown.contains(&c.id) && !new.iter().any(|n: &ThreadComment| n.id == c.id) {
                // (In order as they come: a sort would bring std's sorting code into the wasm.)
                let at = new.partition_point(|n| (n.created.as_str(), n.id) <= (c.created.as_str(), c.id));
                new.insert(at, c);
            }
        }
        let reread = backend == Backend::Isso
            && matches!((known, page.total), (Some(k), Some(t)) if t > k.saturating_add(new.len() as u64) && listed < t);
        Check { new, total: page.total, reread }
    }
}

/// Puts `new` comments (a [`Check`]'s, oldest first) in place among
/// `comments`, shown in the order they were asked for: a reply under its
/// parent (when that is shown or among them), the others where new comments
/// go, first when `newest_first`, else last. Replies stay oldest first.
pub fn put_new(comments: &mut Vec<ThreadComment>, new: Vec<ThreadComment>, newest_first: bool) {
    let ids: Vec<u64> = new.iter().map(|c| c.id).collect();
    let (replies, top): (Vec<_>, Vec<_>) =
        new.into_iter().partition(|c| c.parent.is_some_and(|p| ids.contains(&p) || contains(comments, p)));
    for c in top {
        if newest_first {
            comments.insert(0, c);
        } else {
            comments.push(c);
        }
    }
    super::thread::add(comments, replies);
}

fn contains(list: &[ThreadComment], id: u64) -> bool {
    list.iter().any(|c| c.id == id || contains(&c.replies, id))
}

/// Seconds since the epoch of an RFC 3339 time in UTC to the second
/// (`2026-11-27T18:00:00Z`, as [`rfc3339`](super::thread::rfc3339) writes
/// it); `None` for anything else.
pub fn seconds(time: &str) -> Option<u64> {
    let b = time.as_bytes();
    let digits = |from: usize, to: usize| -> Option<i64> {
        let part = b.get(from..to)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let shape = b.len() == 20
        && [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'Z')]
            .iter()
            .all(|(at, c)| b.get(*at) == Some(c));
    if !shape {
        return None;
    }
    let (y, m, d) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hh, mm, ss) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn comment(id: u64, parent: Option<u64>, created: &str) -> ThreadComment {
        ThreadComment {
            id,
            parent,
            author: "A".into(),
            website: None,
            created: created.into(),
            html: String::new(),
            held: false,
            avatar: None,
            votes: None,
            deleted: false,
            replies: Vec::new(),
        }
    }

    #[test]
    fn a_quiet_reader_costs_the_server_few_checks() {
        assert_eq!(checks_in(10, None, INTERVAL_SECS), 5);
        assert_eq!(checks_in(60, None, INTERVAL_SECS), 11);
        // Comments arriving keep it at its shortest.
        assert!(checks_in(10, Some(1), INTERVAL_SECS) > 15);
        assert!(checks_in(10, None, FLOOR_SECS) <= 15);
    }

    #[test]
    fn the_wait_grows_while_quiet_and_resets_on_news() {
        let mut wait = 30;
        let mut seen = Vec::new();
        for _ in 0..12 {
            wait = next_wait(30, wait, Found::Quiet);
            seen.push(wait);
        }
        assert_eq!(&seen[..4], &[45, 67, 100, 150]);
        assert_eq!(seen.last(), Some(&LONGEST_SECS));
        assert_eq!(next_wait(30, 600, Found::News), 30);
        assert_eq!(next_wait(30, 400, Found::Failed), 600);
        // A site's shortest longer than the longest stays.
        assert_eq!(next_wait(3600, 3600, Found::Quiet), 3600);
    }

    #[test]
    fn times_read_both_ways() {
        for s in [0u64, 1, 86_399, 951_782_400, 1_780_000_000, 4_102_444_800] {
            assert_eq!(seconds(&rfc3339(s as f64)), Some(s), "{s}");
        }
        for bad in
            ["", "2026-11-27T18:00:00", "2026-13-01T00:00:00Z", "２０２６-11-27T18:00:00Z", "2026-11-27 18:00:00Z"]
        {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_server_is_asked_for_what_is_newer() {
        let since = "2026-12-06T20:00:00Z";
        let isso = Server::isso("https://c.example/isso").page("/post/");
        assert_eq!(
            newer_request(&isso, since, Sort::Oldest, 20).map(|r| r.url),
            Some(format!(
                "https://c.example/isso/?uri=/post/&limit=20&offset=0&nested_limit=50&after={}",
                seconds(since).unwrap_or(0) - 1
            ))
        );
        let rest = Server::wordpress_rest("https://blog.example", 7);
        let url = newer_request(&rest, since, Sort::Newest, 50).map(|r| r.url).unwrap_or_default();
        assert!(
            url.ends_with("post=7&per_page=50&page=1&order=desc&orderby=date_gmt&after=2026-12-06T19%3A59%3A59Z"),
            "{url}"
        );
        let json = Server {
            list_endpoint: Some("https://c.example/list".into()),
            ..Server::json("https://c.example/comments").page("/post/")
        };
        let url = newer_request(&json, since, Sort::Newest, 50).map(|r| r.url).unwrap_or_default();
        assert!(
            url.contains("sort=newest")
                && url.ends_with(&format!("&after={}", encode_query_value("2026-12-06T19:59:59Z"))),
            "{url}"
        );
        assert_eq!(newer_request(&isso, "yesterday", Sort::Oldest, 50), None);
    }

    #[test]
    fn a_check_finds_what_is_not_shown_once_in_order_with_replies_to_older_comments() {
        let mut old = comment(1, None, "2026-12-06T20:00:00Z");
        old.replies.push(comment(3, Some(1), "2026-12-06T20:05:00Z"));
        let mut held = comment(5, None, "2026-12-06T20:06:00Z");
        held.held = true;
        let page = ThreadPage {
            comments: vec![
                comment(4, None, "2026-12-06T20:07:00Z"),
                old,
                held,
                comment(2, None, "2026-12-06T20:01:00Z"),
            ],
            total: Some(5),
            more: false,
            notify: false,
        };
        let check = Check::read(page, &[1, 2], Some(2), Backend::Isso);
        assert_eq!(check.new.iter().map(|c| c.id).collect::<Vec<_>>(), vec![3, 4]);
        assert!(check.new.iter().all(|c| c.replies.is_empty()));
        assert!(!check.reread);
        // Isso: the count grew by more than what came: read the pages again.
        let only_new_top = ThreadPage {
            comments: vec![comment(6, None, "2026-12-06T20:08:00Z")],
            total: Some(8),
            ..Default::default()
        };
        assert!(Check::read(only_new_top.clone(), &[1, 2], Some(5), Backend::Isso).reread);
        assert!(!Check::read(only_new_top, &[1, 2], Some(7), Backend::Isso).reread);
    }

    #[test]
    fn new_comments_go_where_the_order_puts_them_and_replies_under_their_parent() {
        let shown = || vec![comment(1, None, "2026-12-06T20:00:00Z"), comment(2, None, "2026-12-06T20:01:00Z")];
        let new = || {
            vec![
                comment(3, Some(1), "2026-12-06T20:02:00Z"),
                comment(4, None, "2026-12-06T20:03:00Z"),
                comment(5, Some(4), "2026-12-06T20:04:00Z"),
                comment(6, None, "2026-12-06T20:05:00Z"),
            ]
        };
        let ids = |list: &[ThreadComment]| {
            list.iter().map(|c| (c.id, c.replies.iter().map(|r| r.id).collect::<Vec<_>>())).collect::<Vec<_>>()
        };
        let mut oldest = shown();
        put_new(&mut oldest, new(), false);
        assert_eq!(ids(&oldest), vec![(1, vec![3]), (2, vec![]), (4, vec![5]), (6, vec![])]);
        let mut newest = shown();
        newest.reverse();
        put_new(&mut newest, new(), true);
        assert_eq!(ids(&newest), vec![(6, vec![]), (4, vec![5]), (2, vec![]), (1, vec![3])]);
    }

    proptest! {
        #[test]
        fn any_text_is_a_time_or_none(text in "\\PC{0,24}") {
            let _ = seconds(&text);
            let isso = Server::isso("https://c.example").page(text.clone());
            let _ = newer_request(&isso, &text, Sort::Top, 50);
        }
    }
}
