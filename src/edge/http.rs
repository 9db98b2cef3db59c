//! Sends a backend's [`HttpRequest`] with gloo-net and hands back the answer as
//! plain data, turning "no answer" into [`PostError::Network`] or
//! [`PostError::Timeout`], and a request the browser refuses to build into
//! [`PostError::NotSent`]. Every request can be cancelled ([`InFlight`]): an
//! unmounted form aborts what it started.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Headers, RequestBuilder, Response};
use leptos::prelude::set_timeout_with_handle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::backend::thread::{self, Sort, ThreadPage};
use crate::backend::{site_owner_hint, HttpRequest, HttpResponse, Method, Server};
use crate::draft::CommentDraft;
use crate::outcome::{ActionError, Lookup, PostError, Posted};

/// The request a form has on the wire, if any; [`InFlight::abort`] cancels
/// it. Cheap to clone; `Send` only so Leptos's `on_cleanup` can hold it (the
/// wasm has one thread). On the server, where a render's cleanup may run on
/// another thread, it holds nothing (nothing is sent from there through it).
#[derive(Clone)]
pub struct InFlight(
    #[cfg(target_arch = "wasm32")] send_wrapper::SendWrapper<Rc<std::cell::RefCell<Option<AbortController>>>>,
);

// (Derivable on the host only, where the struct is empty.)
#[allow(clippy::derivable_impls)]
impl Default for InFlight {
    fn default() -> InFlight {
        InFlight(
            #[cfg(target_arch = "wasm32")]
            send_wrapper::SendWrapper::new(Rc::new(std::cell::RefCell::new(None))),
        )
    }
}

impl InFlight {
    fn start(&self) -> Option<AbortController> {
        let controller = AbortController::new().ok()?;
        #[cfg(target_arch = "wasm32")]
        {
            *self.0.borrow_mut() = Some(controller.clone());
        }
        Some(controller)
    }

    /// Aborts the request on the wire, if any.
    pub fn abort(&self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(controller) = self.0.borrow_mut().take() {
            controller.abort();
        }
    }
}

/// Builds the backend's request for `draft`, sends it and reads the answer.
pub async fn post(
    server: &Server,
    draft: &CommentDraft,
    timeout_ms: u32,
    in_flight: &InFlight,
) -> Result<Posted, PostError> {
    let request = server.backend.build_request(server, draft);
    let result = match send(&request, timeout_ms, in_flight).await {
        Ok(response) => server.backend.read_response(server, &response),
        Err(e) => Err(e),
    };
    if let Some(hint) = result.as_ref().err().and_then(|e| site_owner_hint(e, server.backend)) {
        web_sys::console::warn_1(&hint.into());
    }
    result
}

/// Looks in the thread for `draft`, created no earlier than `since_ms` (this
/// browser's clock), for servers that cannot spot a duplicate themselves.
pub async fn look(
    server: &Server,
    draft: &CommentDraft,
    since_ms: f64,
    timeout_ms: u32,
    in_flight: &InFlight,
) -> Lookup {
    let Some(request) = server.backend.lookup_request(server) else { return Lookup::Failed };
    match send(&request, timeout_ms, in_flight).await {
        Ok(response) => {
            let since = crate::outcome::server_time_of(since_ms, js_sys::Date::now(), response.server_time);
            server.backend.find_landed(draft, &response, since)
        }
        Err(_) => Lookup::Failed,
    }
}

/// Page `page` of `per_page` comments of the thread in `sort` order, or
/// `None` when it could not be read.
pub async fn list(
    server: &Server,
    (page, sort, per_page): (u32, Sort, u32),
    timeout_ms: u32,
    in_flight: &InFlight,
) -> Option<ThreadPage> {
    let request = thread::list_request(server, page, sort, per_page)?;
    let response = send(&request, timeout_ms, in_flight).await.ok()?;
    thread::read_list(server, &response, page, per_page)
}

/// The comments of `server`'s thread newer than `since` (`backend::newer`),
/// read as its first page (`order`, `per_page`); `None` when they could not be had.
pub async fn newer(
    server: &Server,
    since: &str,
    (order, per_page): (Sort, u32),
    timeout_ms: u32,
) -> Option<ThreadPage> {
    let request = crate::backend::newer::newer_request(server, since, order, per_page)?;
    let response = send(&request, timeout_ms, &InFlight::default()).await.ok()?;
    thread::read_list(server, &response, 0, per_page)
}

/// Sends an action on a comment (a vote, an edit, a preview), on its own
/// (each may run beside the others; the UI writes only `try_` after it).
pub async fn act(request: Option<HttpRequest>, timeout_ms: u32) -> Result<HttpResponse, ActionError> {
    let request = request.ok_or(ActionError::Failed)?;
    Ok(send(&request, timeout_ms, &InFlight::default()).await?)
}

/// The `content` of the page's `<meta name=…>`, for a CSRF token.
fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let selector = format!("meta[name=\"{}\"]", name.replace(['"', '\\'], ""));
    document.query_selector(&selector).ok()??.get_attribute("content")
}

/// The request's headers, or `None` when the browser refuses one (a header
/// name or value it does not allow).
fn headers(request: &HttpRequest) -> Option<Headers> {
    let raw = web_sys::Headers::new().ok()?;
    if !request.content_type.is_empty() {
        raw.append("Content-Type", request.content_type).ok()?;
    }
    for (name, value) in &request.headers {
        raw.append(name, value).ok()?;
    }
    if let Some(csrf) = &request.csrf {
        match meta_content(&csrf.meta_name) {
            Some(token) => raw.append(&csrf.header, &token).ok()?,
            None => web_sys::console::warn_1(
                &format!(
                    "comment-widget: data-csrf-meta names <meta name=\"{}\">, which this page does not have",
                    csrf.meta_name
                )
                .into(),
            ),
        }
    }
    Some(Headers::from_raw(raw))
}

#[wasm_bindgen]
extern "C" {
    /// The loader's `CommentWidget.takePrefetched(url)`: the answer to a GET
    /// it started before the wasm arrived (the thread's first page), once.
    /// `catch`: without the loader (tests, a bundler) it is simply absent.
    #[wasm_bindgen(catch, js_namespace = CommentWidget, js_name = takePrefetched)]
    fn take_prefetched(url: &str) -> Result<JsValue, JsValue>;
}

/// The loader's early answer to `request`, if it started one.
fn prefetched(request: &HttpRequest) -> Option<js_sys::Promise> {
    if request.method != Method::Get {
        return None;
    }
    take_prefetched(&request.url).ok()?.dyn_into().ok()
}

/// Sends `request`, giving up after `timeout_ms` (headers and body together).
pub async fn send(request: &HttpRequest, timeout_ms: u32, in_flight: &InFlight) -> Result<HttpResponse, PostError> {
    let Some(headers) = headers(request) else {
        web_sys::console::error_1(
            &"comment-widget: the browser refused this request's headers: check data-csrf-header and the CSRF <meta>"
                .into(),
        );
        return Err(PostError::NotSent);
    };
    let controller = in_flight.start();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.clone().and_then(|c| {
        let timed_out = timed_out.clone();
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                c.abort();
            },
            Duration::from_millis(timeout_ms.into()),
        )
        .ok()
    });
    let signal = controller.as_ref().map(|c| c.signal());

    let result = async {
        let method = match request.method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Post => gloo_net::http::Method::POST,
            Method::Put => gloo_net::http::Method::PUT,
            Method::Delete => gloo_net::http::Method::DELETE,
        };
        let mut builder =
            RequestBuilder::new(&request.url).method(method).headers(headers).abort_signal(signal.as_ref());
        if request.credentials {
            builder = builder.credentials(web_sys::RequestCredentials::Include);
        }
        let built = match request.method {
            _ if request.body.is_empty() => builder.build(),
            _ => builder.body(request.body.clone()),
        };
        let built = built.map_err(|_| PostError::NotSent)?;
        let response = match prefetched(request) {
            Some(early) => JsFuture::from(early)
                .await
                .ok()
                .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
                .map(Response::from)
                .ok_or(PostError::Network)?,
            None => built.send().await.map_err(|_| PostError::Network)?,
        };
        let status = response.status();
        let header = |name: &str| response.headers().get(name);
        let content_type = header("content-type").unwrap_or_default();
        let server_time = header("date").map(|d| js_sys::Date::parse(&d) / 1000.0).filter(|t| t.is_finite());
        let pages = header("x-wp-totalpages").and_then(|p| p.trim().parse().ok());
        let total = header("x-wp-total").and_then(|t| t.trim().parse().ok());
        let set_cookie = header("x-set-cookie");
        // A body that cannot be read is treated as empty: the backend then
        // reports it as unreadable rather than as a network failure.
        let body = response.text().await.unwrap_or_default();
        Ok(HttpResponse {
            status,
            content_type,
            body,
            redirected: response.redirected(),
            url: response.url(),
            server_time,
            pages,
            total,
            set_cookie,
        })
    }
    .await;

    if let Some(timer) = timer {
        timer.clear();
    }
    match result {
        Err(PostError::Network) if timed_out.get() => Err(PostError::Timeout),
        other => other,
    }
}
