//! The thread's state: [`Load`] (where the thread is) and [`ThreadState`],
//! which loads it: pages of the site's size in the reader's order, the
//! reader's own comments (held or just posted) kept in the session, a
//! reload after a post that reads again every page shown, and the pages up
//! to the comment the address names. An oldest-first thread may open at its
//! newest page, the earlier ones a button away above it. `ui::thread`
//! renders it.

use leptos::prelude::*;

use crate::backend::newer::{self, put_new, Check, Found};
use crate::backend::thread::{add, anchored, with_own, Paging, Sort, ThreadComment, ThreadPage};
use crate::config::WidgetConfig;
use crate::edge::http::{self, InFlight};
use crate::edge::{page, storage};
use crate::memory::{decode_own, encode_own, own_key, SORT_KEY};
use crate::ui::on_change;
use crate::ui::thread::acts::Acts;

/// The thread's first page as the server rendered it (a server-rendered
/// app): the page, and each comment's HTML as the server read it (its id,
/// the HTML, the tree), which the hydrating client renders instead of
/// reading it again, so that both render the same markup.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FirstPage {
    pub page: ThreadPage,
    pub trees: Vec<(u64, String, Vec<crate::backend::allowlist::RichNode>)>,
}

/// How long the server waits for the comments server before it renders the
/// thread loading and leaves it to the client.
#[cfg(feature = "ssr")]
const SERVER_WAIT_MS: u32 = 1_500;

/// The first page, asked for by the server; `None` in the browser (the
/// client asks itself) and when the server could not have it in time.
#[cfg(any(feature = "ssr", feature = "hydrate"))]
async fn first_page(server: crate::backend::Server, order: Sort, per_page: u32) -> Option<FirstPage> {
    #[cfg(feature = "ssr")]
    {
        fn trees(list: &[ThreadComment], out: &mut Vec<(u64, String, Vec<crate::backend::allowlist::RichNode>)>) {
            for c in list {
                out.push((c.id, c.html.clone(), crate::edge::server::parse(&c.html)));
                trees(&c.replies, out);
            }
        }
        let request = crate::backend::thread::list_request(&server, 0, order, per_page)?;
        let response = crate::edge::server::send(&request, SERVER_WAIT_MS).await?;
        let page = crate::backend::thread::read_list(&server, &response, 0, per_page)?;
        let mut out = Vec::new();
        trees(&page.comments, &mut out);
        Some(FirstPage { page, trees: out })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (server, order, per_page);
        None
    }
}

/// A server renders the thread's first page (see `edge::server::runs`).
#[cfg(any(feature = "ssr", feature = "hydrate"))]
fn server_runs() -> bool {
    #[cfg(feature = "ssr")]
    return crate::edge::server::runs();
    #[cfg(not(feature = "ssr"))]
    false
}

/// Where the thread is.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Failed,
    Loaded { comments: Vec<ThreadComment>, total: Option<u64>, more: bool, next: u32 },
}

impl Load {
    /// True when comment `id` is shown and open to replies (the form can go
    /// under it).
    pub fn shows(&self, id: u64) -> bool {
        fn find(list: &[ThreadComment], id: u64) -> bool {
            list.iter().any(|c| (c.id == id && !c.held) || find(&c.replies, id))
        }
        matches!(self, Load::Loaded { comments, .. } if find(comments, id))
    }

    /// The top comment of the conversation comment `id` is in, when shown.
    pub fn root_of(&self, id: u64) -> Option<u64> {
        fn holds(c: &ThreadComment, id: u64) -> bool {
            c.id == id || c.replies.iter().any(|r| holds(r, id))
        }
        match self {
            Load::Loaded { comments, .. } => comments.iter().find(|c| holds(c, id)).map(|c| c.id),
            _ => None,
        }
    }

    /// The ids of the comments shown, replies too.
    fn ids(&self) -> Vec<u64> {
        fn walk(list: &[ThreadComment], ids: &mut Vec<u64>) {
            for c in list {
                ids.push(c.id);
                walk(&c.replies, ids);
            }
        }
        let mut ids = Vec::new();
        if let Load::Loaded { comments, .. } = self {
            walk(comments, &mut ids);
        }
        ids
    }

    /// True when every comment of `ids` is shown.
    fn covers(&self, ids: &[u64]) -> bool {
        let shown = self.ids();
        ids.iter().all(|id| shown.contains(id))
    }

    /// The next page to ask for (0 when none is loaded).
    fn next(&self) -> u32 {
        match self {
            Load::Loaded { next, .. } => *next,
            _ => 0,
        }
    }

    /// Where comment `id` is: `Some(true)` shown, `Some(false)` not on the
    /// pages shown but maybe on the next, `None` not to be found (the thread
    /// has no more, or could not load) or not known yet.
    fn seek(&self, id: u64) -> Option<bool> {
        fn find(list: &[ThreadComment], id: u64) -> bool {
            list.iter().any(|c| c.id == id || find(&c.replies, id))
        }
        match self {
            Load::Loaded { comments, .. } if find(comments, id) => Some(true),
            // Up to 40 pages (2,000 comments) for one address.
            Load::Loaded { more: true, next, .. } if *next < 40 => Some(false),
            _ => None,
        }
    }
}

/// The thread's loading: its state, and asking for more.
#[derive(Clone, Copy)]
pub struct ThreadState {
    /// What is shown.
    pub load: RwSignal<Load>,
    /// Asks for the next page, when there is one.
    pub more: Callback<()>,
    /// The order shown; the reader's choice is kept in the browser.
    pub sort: RwSignal<Sort>,
    /// The pages go the other way round: an oldest-first thread that opens
    /// at its newest page (`data-first-page="newest"`) shows each page's
    /// comments reversed and asks for earlier ones above them.
    pub earlier_above: Signal<bool>,
    /// The comment the page's address names, once shown (the thread marks
    /// it, scrolls it into view and focuses it).
    pub marked: RwSignal<Option<u64>>,
    /// The reader's votes and own comments, where the server takes votes and edits.
    pub acts: Option<Acts>,
    /// The server e-mails replies to those who ask (Isso's `reply-notifications`).
    pub notify: RwSignal<bool>,
    /// New comments found while the reader reads, not shown until asked
    /// for ("2 new comments"), oldest first.
    pub fresh: RwSignal<Vec<ThreadComment>>,
    /// Shows the new comments in their places, marked as new.
    pub show_new: Callback<()>,
    /// The comments "N new comments" added (marked as new).
    pub added: RwSignal<Vec<u64>>,
    /// Catching up with the loader's painted thread's new comments: the
    /// list stays busy (the painted thread stays) until they are shown.
    pub catching: RwSignal<bool>,
    /// The thread on the page: no check while it is far off screen.
    pub section: NodeRef<leptos::html::Section>,
    /// The first page as the server rendered it (a server-rendered app).
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    pub first: Option<Resource<Option<FirstPage>>>,
    /// Asks for the first page from the browser (when the server did not have it).
    #[cfg(any(feature = "ssr", feature = "hydrate"))]
    pub fetch_first: Callback<()>,
}

impl ThreadState {
    /// Starts loading the thread of `config`'s page, under the current
    /// reactive owner (cleanup aborts what is in flight); `posted` counts
    /// the comments the form posted: after each the pages shown are read
    /// again, so it shows in its place without a reload.
    ///
    /// `handed`: the new comments the loader's painted thread found, when it
    /// found any (those the reader added): the first check comes at once,
    /// and these are shown before the painted thread goes.
    pub fn start(config: WidgetConfig, posted: RwSignal<u32>, handed: Option<Vec<u64>>) -> ThreadState {
        let load = RwSignal::new(Load::Loading);
        let in_flight = InFlight::default();
        let abort = in_flight.clone();
        on_cleanup(move || abort.abort());
        let own_key = StoredValue::new(own_key(&config.server, &page::search()));
        let backend = config.server.backend;
        let acts = Acts::start(&config.server, config.timeout_ms, config.votes);
        let notify = RwSignal::new(false);
        // The reader's stored order: now in a client-side app, after
        // hydration in a server-rendered one (it changes the markup).
        let stored = move || storage::load(SORT_KEY).and_then(|s| Sort::from_name(&s));
        let chosen = if page::READ_AT_RENDER { stored() } else { None }.unwrap_or(config.sort);
        let sort = RwSignal::new(chosen.for_backend(backend));
        if !page::READ_AT_RENDER {
            crate::ui::effect(move || {
                let order = untrack(stored).map(|o| o.for_backend(backend));
                if let Some(order) = order.filter(|o| *o != sort.get_untracked()) {
                    sort.set(order);
                }
            });
        }
        let paging: Paging = config.paging;
        let earlier_above = Signal::derive(move || paging.asked(sort.get()).1);
        let config = StoredValue::new(config);
        let in_flight = StoredValue::new(in_flight);
        // What reading the thread needs, taken now (nothing is read from the
        // widget after an await).
        let listing = move || {
            let (server, timeout_ms) = config.with_value(|c| (c.server.clone(), c.timeout_ms));
            let (order, _) = paging.asked(sort.get_untracked());
            let (in_flight, own_key) = (in_flight.get_value(), own_key.get_value());
            Listing { server, timeout_ms, in_flight, own_key, order, per_page: paging.per_page, notify }
        };
        let fetch = move |page: u32| {
            let listing = listing();
            leptos::task::spawn_local(async move {
                let got = listing.page(page).await;
                load.try_update(|st| *st = merge(std::mem::replace(st, Load::Loading), got, page));
            });
        };
        // A client-side app asks at once; a server-rendered one has the
        // server ask (a resource, its answer handed to the hydrating client),
        // and the client asks when the server did not have it (ui::widget).
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        if page::IN_BROWSER {
            fetch(0);
        }
        #[cfg(any(feature = "ssr", feature = "hydrate"))]
        let first = {
            let server = config.with_value(|c| c.server.clone());
            let (order, per_page) = (paging.asked(sort.get_untracked()).0, paging.per_page);
            (page::IN_BROWSER || server_runs())
                .then(|| Resource::new(|| (), move |()| first_page(server.clone(), order, per_page)))
        };
        // After a post the thread is read again from its first page, as far
        // as the reader had opened it (until every comment shown is shown
        // again): the new comment takes its place, and the pages the reader
        // opened, and the comment they answered, stay.
        let reread = move || {
            let listing = listing();
            let shown = load.with_untracked(Load::ids);
            leptos::task::spawn_local(async move {
                let mut read = Load::Loading;
                for page in 0..40 {
                    let Some(got) = listing.page(page).await else { break };
                    read = merge(read, Some(got), page);
                    if !matches!(read, Load::Loaded { more: true, .. }) || read.covers(&shown) {
                        break;
                    }
                }
                // A first page that fails keeps what is shown.
                if matches!(read, Load::Loaded { .. }) {
                    load.try_set(read);
                }
            });
        };
        on_change(
            move || posted.get(),
            move |_| {
                if let Some(acts) = acts {
                    acts.reload();
                }
                reread();
            },
        );
        on_change(
            move || sort.get(),
            move |order| {
                storage::save(SORT_KEY, order.name());
                fetch(0);
            },
        );
        let more = Callback::new(move |()| {
            let next = load.with_untracked(|st| match st {
                Load::Loaded { more: true, next, .. } => Some(*next),
                _ => None,
            });
            if let Some(page) = next {
                fetch(page);
            }
        });
        // The comment the address names (`#isso-N`, `#comment-N`, Waline's `#N`), now and
        // whenever the hash changes: pages are read until it is shown.
        let target = RwSignal::new(anchored(backend, &page::hash()));
        let marked = RwSignal::new(None);
        page::listen(leptos::ev::hashchange, move |_| {
            target.set(anchored(backend, &page::hash()));
        });
        let mut asked = 0;
        crate::ui::effect(move || {
            let Some(id) = target.get() else { return };
            match load.with(|st| st.seek(id)) {
                Some(true) => {
                    target.set(None);
                    marked.set(Some(id));
                }
                // Each page once: a page that fails ends the search.
                Some(false) => match load.with_untracked(|st| st.next()) {
                    next if next > asked => {
                        asked = next;
                        more.run(());
                    }
                    _ => target.set(None),
                },
                None if load.with(|st| matches!(st, Load::Loading)) => {}
                None => target.set(None),
            }
        });
        let live = Live::start(config, listing, load, handed);
        ThreadState {
            load,
            more,
            sort,
            earlier_above,
            marked,
            acts,
            notify,
            fresh: live.fresh,
            show_new: live.show_new,
            added: live.added,
            catching: live.catching,
            section: live.section,
            #[cfg(any(feature = "ssr", feature = "hydrate"))]
            first,
            #[cfg(any(feature = "ssr", feature = "hydrate"))]
            fetch_first: Callback::new(move |()| fetch(0)),
        }
    }

    /// A thread that shows `load` in `sort` order and asks for nothing: what
    /// the build renders for the loader's painter (`src/bin/markup.rs`).
    pub fn still(load: Load, sort: Sort, acts: Option<Acts>) -> ThreadState {
        ThreadState {
            load: RwSignal::new(load),
            more: Callback::new(|()| {}),
            sort: RwSignal::new(sort),
            earlier_above: Signal::stored(false),
            marked: RwSignal::new(None),
            acts,
            notify: RwSignal::new(false),
            fresh: RwSignal::new(Vec::new()),
            show_new: Callback::new(|()| {}),
            added: RwSignal::new(Vec::new()),
            catching: RwSignal::new(false),
            section: NodeRef::new(),
            #[cfg(any(feature = "ssr", feature = "hydrate"))]
            first: None,
            #[cfg(any(feature = "ssr", feature = "hydrate"))]
            fetch_first: Callback::new(|()| {}),
        }
    }
}

/// New comments while the reader reads (`backend::newer`): checks on a
/// schedule while the thread is on screen and the tab visible, what they
/// found kept back until the reader asks for it.
struct Live {
    fresh: RwSignal<Vec<ThreadComment>>,
    show_new: Callback<()>,
    added: RwSignal<Vec<u64>>,
    catching: RwSignal<bool>,
    section: NodeRef<leptos::html::Section>,
}

impl Live {
    fn start(
        config: StoredValue<WidgetConfig>,
        listing: impl Fn() -> Listing + Copy + Send + Sync + 'static,
        load: RwSignal<Load>,
        handed: Option<Vec<u64>>,
    ) -> Live {
        let fresh = RwSignal::new(Vec::<ThreadComment>::new());
        let added = RwSignal::new(Vec::new());
        let catching = RwSignal::new(handed.is_some());
        let section = NodeRef::new();
        let newest_first = move || listing().order == Sort::Newest;
        let show_new = Callback::new(move |()| {
            let new = fresh.try_update(std::mem::take).unwrap_or_default();
            if new.is_empty() {
                return;
            }
            show(load, added, new, newest_first());
        });
        // What the reader has shown since (their own comment, after a post)
        // is no longer new.
        on_change(
            move || load.with(Load::ids),
            move |shown| {
                if fresh.with_untracked(|f| f.iter().any(|c| shown.contains(&c.id))) {
                    fresh.update(|f| f.retain(|c| !shown.contains(&c.id)));
                }
            },
        );
        let interval = config.with_value(|c| c.live_interval);
        if let (Some(shortest), true) = (interval, page::IN_BROWSER) {
            // After the first page (after hydration in a server-rendered app).
            let started = StoredValue::new(false);
            crate::ui::effect(move || {
                let known = load.with(|st| match st {
                    Load::Loaded { total, .. } => Some(*total),
                    _ => None,
                });
                let Some(known) = known else { return };
                if started.get_value() {
                    return;
                }
                started.set_value(true);
                let handed = handed.clone();
                let checks = Checks { listing, load, fresh, added, catching, section, newest_first };
                leptos::task::spawn_local(checks.run(shortest, known, handed));
            });
        } else {
            catching.set(false);
        }
        Live { fresh, show_new, added, catching, section }
    }
}

/// Shows `new` comments in their places (`newest_first`: the order asked
/// for), counted in the heading and marked as added.
fn show(load: RwSignal<Load>, added: RwSignal<Vec<u64>>, new: Vec<ThreadComment>, newest_first: bool) {
    let ids: Vec<u64> = new.iter().map(|c| c.id).collect();
    let n = ids.len() as u64;
    load.try_update(|st| {
        if let Load::Loaded { comments, total, .. } = st {
            put_new(comments, new, newest_first);
            *total = total.map(|t| t.saturating_add(n));
        }
    });
    added.try_update(|a| a.extend(ids));
}

/// The checks' loop and what it writes.
#[derive(Clone, Copy)]
struct Checks<L: Fn() -> Listing + Copy + 'static, F: Fn() -> bool + Copy + 'static> {
    listing: L,
    load: RwSignal<Load>,
    fresh: RwSignal<Vec<ThreadComment>>,
    added: RwSignal<Vec<u64>>,
    catching: RwSignal<bool>,
    section: NodeRef<leptos::html::Section>,
    newest_first: F,
}

impl<L: Fn() -> Listing + Copy + 'static, F: Fn() -> bool + Copy + 'static> Checks<L, F> {
    /// Checks every `shortest` seconds or more (`newer::next_wait`), only
    /// while the thread is near the screen in a visible tab (one check on
    /// return when one fell due meanwhile), until the widget goes.
    async fn run(self, shortest: u32, mut known: Option<u64>, handed: Option<Vec<u64>>) {
        let mut wait = shortest;
        let mut due = page::now_ms() + if handed.is_some() { 0.0 } else { f64::from(shortest) * 1000.0 };
        let mut handed = handed;
        loop {
            let now = page::now_ms();
            if now < due || !page::watching(self.section.get_untracked().as_deref()) {
                page::sleep(((due - now).clamp(250.0, 1000.0)) as u32).await;
                if self.load.try_with_untracked(|_| ()).is_none() {
                    return;
                }
                continue;
            }
            let found = self.check(&mut known).await;
            if let Some(ids) = handed.take() {
                // The painted thread's new comments the reader added, shown now.
                let back: Vec<ThreadComment> = self
                    .fresh
                    .try_update(|f| {
                        let (back, keep) = std::mem::take(f).into_iter().partition(|c| ids.contains(&c.id));
                        *f = keep;
                        back
                    })
                    .unwrap_or_default();
                show(self.load, self.added, back, (self.newest_first)());
                self.catching.try_set(false);
            }
            let Some(found) = found else { return };
            wait = newer::next_wait(shortest, wait, found);
            due = page::now_ms() + f64::from(wait) * 1000.0;
        }
    }

    /// One check; `None` when the widget has gone.
    async fn check(&self, known: &mut Option<u64>) -> Option<Found> {
        let listing = (self.listing)();
        let (shown, since) = self.load.try_with_untracked(|st| {
            let since = match st {
                Load::Loaded { comments, .. } => newer::newest(comments),
                _ => None,
            };
            (st.ids(), since)
        })?;
        let mut shown = shown;
        self.fresh.try_with_untracked(|f| shown.extend(f.iter().map(|c| c.id)))?;
        let got = match since {
            Some(since) => {
                http::newer(&listing.server, &since, (listing.order, listing.per_page), listing.timeout_ms).await
            }
            // An empty thread: its first page.
            None => listing.page(0).await,
        };
        let Some(got) = got else { return Some(Found::Failed) };
        let mut check = Check::read(got, &shown, *known, listing.server.backend);
        if check.reread {
            // Isso: a reply to an older comment; the pages shown, again.
            let pages = self.load.try_with_untracked(Load::next)?;
            let mut all = ThreadPage { total: check.total, ..ThreadPage::default() };
            for page in 0..pages.max(1) {
                let Some(got) = listing.page(page).await else { return Some(Found::Failed) };
                all.comments.extend(got.comments);
            }
            all.comments.extend(check.new);
            check = Check { reread: false, ..Check::read(all, &shown, None, listing.server.backend) };
        }
        *known = check.total.or(*known);
        if check.new.is_empty() {
            return Some(Found::Quiet);
        }
        self.fresh.try_update(|f| f.extend(check.new))?;
        Some(Found::News)
    }
}

/// What reading a thread's pages needs.
struct Listing {
    server: crate::backend::Server,
    timeout_ms: u32,
    in_flight: InFlight,
    own_key: String,
    /// The order asked for, and comments per page.
    order: Sort,
    per_page: u32,
    /// Set from the first page: the server e-mails replies.
    notify: RwSignal<bool>,
}

impl Listing {
    /// Page `page`, or `None` when it could not be read; the first page
    /// shows the reader's own comments the server does not list.
    async fn page(&self, page: u32) -> Option<ThreadPage> {
        let asked = (page, self.order, self.per_page);
        let mut got = http::list(&self.server, asked, self.timeout_ms, &self.in_flight).await?;
        if page == 0 {
            show_own(&self.own_key, &mut got.comments, self.order == Sort::Newest);
            self.notify.try_set(got.notify);
        }
        Some(got)
    }
}

/// The state after page `page` answered (`None`: it could not be read).
fn merge(before: Load, got: Option<ThreadPage>, page: u32) -> Load {
    match (before, got) {
        (Load::Loaded { mut comments, total, .. }, Some(more)) if page > 0 => {
            // A reply whose parent came on an earlier page goes under it; the
            // reader's own comments, shown already, are not shown twice.
            add(&mut comments, more.comments);
            Load::Loaded { comments, total: more.total.or(total), more: more.more, next: page + 1 }
        }
        (_, Some(first)) => {
            Load::Loaded { comments: first.comments, total: first.total, more: first.more, next: page + 1 }
        }
        // A later page that fails keeps what is shown.
        (loaded @ Load::Loaded { .. }, None) => loaded,
        (_, None) => Load::Failed,
    }
}

/// The reader's own comments the server does not list on this first page
/// (held ones it lists to nobody, new ones on a later page), put in their
/// place: this browser keeps them for the visit, until the server lists them.
fn show_own(key: &str, comments: &mut Vec<ThreadComment>, newest_first: bool) {
    let own = storage::load_session(key).map(|t| decode_own(&t)).unwrap_or_default();
    if !own.is_empty() {
        let still = with_own(comments, own, newest_first);
        storage::save_session(key, (!still.is_empty()).then(|| encode_own(&still)).as_deref());
    }
}

pub(crate) fn count(comments: &[ThreadComment]) -> u64 {
    comments.iter().map(|c| 1 + count(&c.replies)).sum()
}
