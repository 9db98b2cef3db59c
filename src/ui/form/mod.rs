//! The form: [`ReplyForm`] (with [`FormLayout`] and [`FormEvents`]) and its
//! parts, one component per file ([`FormField`], [`ErrorSummary`],
//! [`DraftNotice`], [`ConsentBox`], [`AccountNote`] and [`MustLogIn`], the
//! status area in `status`); and the form's wiring: `posting` (its state and
//! the send), `saved_draft` (what the browser keeps), `reply` (replies).

mod account;
mod consent;
mod draft_notice;
mod field;
pub mod posting;
pub mod reply;
mod reply_form;
pub mod saved_draft;
pub mod status;
mod summary;

pub use account::{AccountNote, MustLogIn};
pub use consent::ConsentBox;
pub use draft_notice::DraftNotice;
pub use field::FormField;
#[cfg(any(feature = "ssr", feature = "hydrate"))]
pub use reply_form::ServerForm;
pub use reply_form::{FormEvents, FormLayout, ReplyForm};
pub use summary::ErrorSummary;
