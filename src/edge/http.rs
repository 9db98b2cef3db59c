//! Sends a backend's [`HttpRequest`] with gloo-net and hands back the answer as
//! plain data, turning "no answer" into [`PostError::Network`] or
//! [`PostError::Timeout`].

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::RequestBuilder;
use leptos::prelude::set_timeout_with_handle;

use crate::backend::{HttpRequest, HttpResponse, PostError, Posted};
use crate::config::WidgetConfig;
use crate::draft::CommentDraft;

/// Builds the backend's request for `draft`, sends it and reads the answer.
pub async fn post(config: &WidgetConfig, draft: &CommentDraft) -> Result<Posted, PostError> {
    let request = config.backend.build_request(config, draft);
    let result = match send(&request, config.timeout_ms).await {
        Ok(response) => config.backend.read_response(config, &response),
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        if let Some(hint) = e.site_owner_hint(config.backend) {
            web_sys::console::warn_1(&hint.into());
        }
    }
    result
}

/// Looks in the thread for `draft`, for servers that cannot spot a duplicate
/// themselves: `Some` when an earlier try did land after all.
pub async fn find_landed(config: &WidgetConfig, draft: &CommentDraft) -> Option<Posted> {
    let request = config.backend.lookup_request(config)?;
    let response = send(&request, config.timeout_ms).await.ok()?;
    config.backend.find_landed(draft, &response)
}

/// The `content` of the page's `<meta name=…>`, for a CSRF token.
fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let selector = format!("meta[name=\"{}\"]", name.replace(['"', '\\'], ""));
    document.query_selector(&selector).ok()??.get_attribute("content")
}

/// Sends `request`, giving up after `timeout_ms` (headers and body together).
pub async fn send(request: &HttpRequest, timeout_ms: u32) -> Result<HttpResponse, PostError> {
    let controller = web_sys::AbortController::new().ok();
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
        let mut builder = RequestBuilder::new(&request.url).method(method(request.method));
        if !request.content_type.is_empty() {
            builder = builder.header("Content-Type", request.content_type);
        }
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some((meta, header)) = &request.csrf_meta {
            match meta_content(meta) {
                Some(token) => builder = builder.header(header, &token),
                None => web_sys::console::warn_1(
                    &format!("comment-widget: data-csrf-meta names <meta name=\"{meta}\">, which this page does not have").into(),
                ),
            }
        }
        let builder = builder.abort_signal(signal.as_ref());
        let built = if request.method == "GET" { builder.build() } else { builder.body(request.body.clone()) };
        let response = built
            .map_err(|_| PostError::Network)?
            .send()
            .await
            .map_err(|_| PostError::Network)?;
        let status = response.status();
        let content_type = response.headers().get("content-type").unwrap_or_default();
        // A body that cannot be read is treated as empty: the backend then
        // reports it as unreadable rather than as a network failure.
        let body = response.text().await.unwrap_or_default();
        Ok(HttpResponse { status, content_type, body, redirected: response.redirected(), url: response.url() })
    }
    .await;

    if let Some(timer) = timer {
        timer.clear();
    }
    match result {
        Err(_) if timed_out.get() => Err(PostError::Timeout),
        other => other,
    }
}

fn method(name: &str) -> gloo_net::http::Method {
    match name {
        "GET" => gloo_net::http::Method::GET,
        _ => gloo_net::http::Method::POST,
    }
}
