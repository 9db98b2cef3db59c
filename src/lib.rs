//! comment-widget: the WordPress-style "Leave a Reply" form, compiled to
//! WebAssembly, that checks what a reader typed and posts it to the site's own
//! comments server.
//!
//! The modules are layers; each may import only the ones before it
//! (ARCHITECTURE.md explains each and the invariants they keep):
//!
//! `json → address → draft → outcome → i18n → backend → config → memory`
//! (the pure core, built and tested on the host), then, for `wasm32` only,
//! `edge → ui → mount` (the browser, Leptos components, and the entry that
//! puts forms on the page).
// Text from readers, pages and servers is arbitrary Unicode, and with
// `panic = "abort"` one panic stops every form on the page: shipped code may
// not slice strings, index, unwrap or panic (tests may).
#![cfg_attr(
    not(test),
    deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod address;
pub mod backend;
pub mod config;
pub mod draft;
pub mod i18n;
pub mod json;
pub mod memory;
pub mod outcome;

#[cfg(target_arch = "wasm32")]
pub mod edge;
#[cfg(target_arch = "wasm32")]
pub mod mount;
#[cfg(target_arch = "wasm32")]
pub mod ui;
