#![recursion_limit = "256"]
//! The app: its routes and pages (`app`), rendered by the server
//! (`main.rs`) and hydrated in the browser (`hydrate`).

pub mod app;

/// The browser's entry: hydrates the server's page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(app::App);
}
