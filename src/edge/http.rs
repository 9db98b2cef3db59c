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
    let response = send(&request, config.timeout_ms).await?;
    config.backend.read_response(&response)
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
        let response = RequestBuilder::new(&request.url)
            .method(method(request.method))
            .header("Content-Type", request.content_type)
            .abort_signal(signal.as_ref())
            .body(request.body.clone())
            .map_err(|_| PostError::Network)?
            .send()
            .await
            .map_err(|_| PostError::Network)?;
        let status = response.status();
        let content_type = response.headers().get("content-type").unwrap_or_default();
        // A body that cannot be read is treated as empty: the backend then
        // reports it as unreadable rather than as a network failure.
        let body = response.text().await.unwrap_or_default();
        Ok(HttpResponse { status, content_type, body })
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
        "PUT" => gloo_net::http::Method::PUT,
        _ => gloo_net::http::Method::POST,
    }
}
