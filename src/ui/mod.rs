//! Leptos components. They hold the form's state in signals, ask the core what
//! it means and render it; URLs, JSON shapes and sentences live elsewhere.

mod error_summary;
mod field;
mod posting;
mod reply;
mod reply_form;
mod saved_draft;
mod status;
mod thread;

pub use reply::Reply;
pub use reply_form::ReplyForm;
pub use saved_draft::TakeOver;
pub use thread::Thread;
