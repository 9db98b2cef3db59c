//! The widget's views: state in Leptos signals, asking the core what it
//! means, drawn by the edge's DOM code from effects; URLs, JSON shapes and
//! sentences live elsewhere.

mod posting;
mod reply;
mod reply_form;
mod saved_draft;
pub mod status;
mod thread;

pub use reply::Reply;
pub use reply_form::{reply_form, FormArgs};
pub use saved_draft::TakeOver;
pub use thread::thread;
