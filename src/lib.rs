//! comment-widget: the WordPress-style "Leave a Reply" form, compiled to
//! WebAssembly, that checks what a reader typed and posts it to the site's own
//! comments server.
//!
//! The crate is split the way data flows (attributes → config → draft →
//! validation → backend request → fetch → outcome → message):
//! - the pure core, built and tested on the host: [`config`], [`draft`],
//!   [`backend`], [`i18n`];
//! - the browser parts, built for `wasm32` only: `ui` (Leptos components) and
//!   `edge` (fetch, the page's attributes, the shadow root).

pub mod backend;
pub mod address;
pub mod config;
pub mod draft;
pub mod i18n;
pub mod memory;

#[cfg(target_arch = "wasm32")]
pub mod edge;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use edge::mount::{mount_all, mount_with_options, unmount};
