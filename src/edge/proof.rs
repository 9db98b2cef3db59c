//! The spam check's work in the browser (`backend::proof` decides what it
//! means): fetches a challenge from the site, hashes through
//! `crypto.subtle` in rounds of `BATCH` numbers (the hashing runs off the
//! page's thread; every 10 ms the search yields to a timer, so keys and taps
//! come first), and keeps
//! one solution for the next send. A form starts it when its reader shows
//! intent to write, so it is solved while they type.

use std::cell::RefCell;
use std::rc::Rc;

use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::backend::proof::{proof_request, Challenge, ProofError};
use crate::backend::{ProofSpec, Server};
use crate::draft::CommentDraft;
use crate::edge::http::{self, InFlight};
use crate::edge::page;
use crate::outcome::{PostError, Posted};

/// The performance marks around each search (scripts/bench-spam.mjs reads them).
pub const STARTED: &str = "comment-widget: spam check started";
pub const SOLVED: &str = "comment-widget: spam check solved";

/// How long the search runs before it lets the page's input in.
const SLICE_MS: f64 = 10.0;

/// A solution: the challenge, the number that solves it, and when (this
/// browser's clock, in ms) the challenge arrived.
pub type Solution = (Challenge, u64, f64);

struct Inner {
    spec: ProofSpec,
    timeout_ms: u32,
    ready: Option<Solution>,
    /// A search is under way.
    running: bool,
    failed: Option<ProofError>,
}

/// One form's spam check. Cheap to clone; `Send` only so a Leptos value can
/// hold it (the wasm has one thread).
#[derive(Clone)]
pub struct Prover(SendWrapper<Rc<RefCell<Inner>>>);

impl Prover {
    pub fn new(spec: ProofSpec, timeout_ms: u32) -> Prover {
        let inner = Inner { spec, timeout_ms, ready: None, running: false, failed: None };
        Prover(SendWrapper::new(Rc::new(RefCell::new(inner))))
    }

    /// Starts a search unless a solution is ready or one is under way.
    pub fn start(&self) {
        let (spec, timeout) = {
            let mut me = self.0.borrow_mut();
            if me.ready.is_some() || me.running {
                return;
            }
            me.running = true;
            me.failed = None;
            (me.spec.clone(), me.timeout_ms)
        };
        let inner = self.0.clone();
        leptos::task::spawn_local(async move {
            let result = solve(&spec, timeout).await;
            let mut me = inner.borrow_mut();
            me.running = false;
            match result {
                Ok(solution) => me.ready = Some(solution),
                Err(e) => me.failed = Some(e),
            }
        });
    }

    /// A solution not about to expire at `now` (seconds), solving one if
    /// needed; each is handed out once (a server takes it once).
    pub async fn take(&self, now: u64) -> Result<Solution, ProofError> {
        for _ in 0..2 {
            let ready = self.0.borrow_mut().ready.take();
            if let Some(solution) = ready.filter(|(c, _, received)| !c.stale(now, (received / 1000.0) as u64)) {
                return Ok(solution);
            }
            self.start();
            while self.0.borrow().running {
                page::sleep(40).await;
            }
            if let Some(e) = self.0.borrow_mut().failed.take() {
                return Err(e);
            }
        }
        Err(ProofError::Unsolvable)
    }
}

/// Posts `draft` to `server` (`http::post`), with the spam check's solution
/// when the site has one (`prover`): waited for if not ready, then the time
/// trap waited out. A solution the server finds expired or used is
/// replaced, solved and sent once more, unasked; no solution to be had is
/// `PostError::SpamCheck`, and nothing is sent.
pub async fn post(
    prover: Option<&Prover>,
    server: &Server,
    draft: &mut CommentDraft,
    timeout_ms: u32,
    in_flight: &InFlight,
) -> Result<Posted, PostError> {
    let Some(prover) = prover else { return http::post(server, draft, timeout_ms, in_flight).await };
    let mut answer = Err(PostError::SpamCheck);
    for _ in 0..2 {
        let Ok((challenge, number, received)) = prover.take((page::now_ms() / 1000.0) as u64).await else { break };
        // The time trap: a person who wrote that fast waits a moment.
        page::sleep(challenge.wait_ms(received, page::now_ms())).await;
        draft.proof = Some(challenge.payload(number));
        answer = http::post(server, draft, timeout_ms, in_flight).await;
        if !matches!(answer, Err(PostError::SpamCheck)) {
            break;
        }
    }
    answer
}

/// Fetches a challenge and searches for its number.
async fn solve(spec: &ProofSpec, timeout_ms: u32) -> Result<Solution, ProofError> {
    let response = http::act(Some(proof_request(spec)), timeout_ms).await.map_err(|_| ProofError::Unreachable)?;
    if !response.is_success() {
        return Err(ProofError::Unreachable);
    }
    let received = page::now_ms();
    let challenge = Challenge::read(&response.body)?;
    page::mark(STARTED);
    let subtle = subtle().ok_or(ProofError::Unsupported)?;
    let mut slice = page::now_ms();
    for round in 0.. {
        // The digests come back as a stream of tasks the browser runs ahead of
        // input: without a pause now and then a key would wait for the whole
        // search (832 ms at 4x CPU, measured). A timer every SLICE_MS lets
        // keys in first.
        if page::now_ms() - slice >= SLICE_MS {
            page::sleep(0).await;
            slice = page::now_ms();
        }
        let numbers = challenge.round(round);
        if numbers.is_empty() {
            break;
        }
        let digests = js_sys::Array::new();
        for n in numbers.clone() {
            let digest = subtle
                .digest_with_str_and_u8_array("SHA-256", challenge.input(n).as_bytes())
                .map_err(|_| ProofError::Unsupported)?;
            digests.push(&digest);
        }
        let done = JsFuture::from(js_sys::Promise::all(&digests)).await.map_err(|_| ProofError::Unsupported)?;
        let done: js_sys::Array = done.dyn_into().map_err(|_| ProofError::Unsupported)?;
        for (i, n) in numbers.enumerate() {
            let digest = js_sys::Uint8Array::new(&done.get(i as u32));
            if digest.length() == 32 && challenge.matches_with(|at| digest.get_index(at)) {
                page::mark(SOLVED);
                return Ok((challenge, n, received));
            }
        }
    }
    Err(ProofError::Unsolvable)
}

/// `crypto.subtle`, where the page may use it (a secure page: https or localhost).
fn subtle() -> Option<web_sys::SubtleCrypto> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    (!subtle.is_undefined() && !subtle.is_null()).then(|| subtle.unchecked_into())
}
