//! comment-widget: the WordPress-style "Leave a Reply" form, compiled to
//! WebAssembly, that checks what a reader typed and posts it to the site's own
//! comments server.
//!
//! The modules are layers; each may import only the ones before it
//! (ARCHITECTURE.md explains each and the invariants they keep):
//!
//! `json → address → draft → outcome → i18n → backend → config → memory`
//! (the pure core, built and tested on the host), then `edge → ui → mount`
//! (the browser, the Leptos components, and the entry that puts forms on the
//! page; they run in wasm32, and with the `ssr` feature the components
//! render to HTML on the host).
//!
//! # From a Leptos app
//!
//! The widget is a Leptos 0.8 component; a CSR app needs no loader:
//!
//! ```no_run
//! use comment_widget::{CommentWidget, Server};
//! use leptos::prelude::*;
//!
//! #[component]
//! fn Post() -> impl IntoView {
//!     view! {
//!         <h1>"Harbour town votes to keep its night ferry"</h1>
//!         <CommentWidget server=Server::isso("https://comments.example.org") page="/post/1/"/>
//!     }
//! }
//! ```
//!
//! Link `style/comment-widget.css` from the app's `index.html`; the
//! README's "From a Leptos app" says more.
// Text from readers, pages and servers is arbitrary Unicode, and with
// `panic = "abort"` one panic stops every form on the page: shipped code may
// not slice strings, index, unwrap or panic (tests may).
#![recursion_limit = "256"]
#![cfg_attr(
    not(test),
    deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// ---- The front door: what an app uses ----
pub use backend::thread::{Paging, Sort};
pub use backend::{Account, Backend, Csrf, FieldNames, ProofSpec, Server};
pub use config::ConfigError;
pub use ui::CommentWidget;

/// Adds a language to the widget, from its table as JSON (the release's
/// `comment-widget-<lang>.json`): the wasm carries English only. Call it
/// before rendering a widget in that language; returns the language's tag,
/// or `None` for a table it cannot read. (On the server every language is
/// built in.)
pub fn add_language(json: &str) -> Option<String> {
    i18n::register(json)
}

mod address;
mod backend;
mod config;
mod draft;
mod handover;
mod i18n;
mod json;
mod memory;
mod outcome;

mod edge;
mod mount;
mod ui;

/// The layers, for the crate's own binaries (`src/main.rs`, `cw-markup`,
/// `cw-grid`), its tests and doc examples only: not an API, and not covered
/// by semver. An app uses the front door above.
#[doc(hidden)]
pub mod internal {
    pub mod address {
        pub use crate::address::*;
    }
    pub mod backend {
        pub use crate::backend::*;
    }
    pub mod config {
        pub use crate::config::*;
    }
    pub mod draft {
        pub use crate::draft::*;
    }
    pub mod handover {
        pub use crate::handover::*;
    }
    pub mod i18n {
        pub use crate::i18n::*;
    }
    pub mod json {
        pub use crate::json::*;
    }
    pub mod memory {
        pub use crate::memory::*;
    }
    pub mod outcome {
        pub use crate::outcome::*;
    }
    pub mod edge {
        pub use crate::edge::*;
    }
    pub mod mount {
        pub use crate::mount::*;
    }
    pub mod ui {
        pub use crate::ui::*;
    }
}
