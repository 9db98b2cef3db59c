//! The widget's Leptos components and the wiring that feeds them: state in
//! signals, decisions asked of the core, the browser reached through the
//! edge. URLs, JSON shapes and sentences live elsewhere.
//!
//! - [`CommentWidget`]: the whole widget for a Leptos app (typed props);
//!   [`Widget`]: the same from a checked `WidgetConfig` (the loader's mount).
//! - `form/`: [`ReplyForm`] with [`FormField`], [`ErrorSummary`],
//!   [`DraftNotice`], [`ConsentBox`], [`AccountNote`], [`MustLogIn`] and
//!   [`StatusArea`] / [`PostedComment`], one component per file, and the
//!   form's wiring (posting, the kept draft, replies).
//! - `thread/`: [`Thread`] with [`ThreadItem`] and [`RichText`], the
//!   reader's acts on comments, and the thread's state (`state`).

pub mod form;
pub mod thread;
mod widget;

pub use form::posting::FormState;
pub use form::reply::Reply;
pub use form::saved_draft::TakeOver;
pub use form::status::{PostedComment, StatusArea};
pub use form::{
    AccountNote, ConsentBox, DraftNotice, ErrorSummary, FormEvents, FormField, FormLayout, MustLogIn, ReplyForm,
};
pub use thread::state::{Load, ThreadState};
pub use thread::{Acts, ItemContext, RichText, Thread, ThreadItem};
pub use widget::{CommentWidget, Widget};

use leptos::prelude::{untrack, use_context, Effect};

use crate::i18n::{Strings, EN};

/// The words the widget's components speak, given once by [`Widget`] (as
/// thaw's `ConfigProvider` gives its theme) and read by each with [`words`].
#[derive(Clone, Copy)]
pub struct Words(pub &'static Strings);

/// The words of the widget being rendered (English outside one).
pub fn words() -> &'static Strings {
    use_context::<Words>().map_or(&EN, |w| w.0)
}

/// Runs `f` (after the current task) and again whenever a signal it read
/// changes, until the current reactive owner is cleaned up. Every effect of
/// the widget's wiring goes through here, boxed: Leptos's effect machinery is
/// then compiled once, not once per closure (about 2.7 KB of wasm each).
pub fn effect(f: impl FnMut() + 'static) {
    let f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(f);
}

/// Calls `then` with what `watch` read, untracked, each time a signal
/// `watch` read changes (not for the first reading): `Effect::watch`
/// without `immediate`, through [`effect`].
pub fn on_change<T: 'static>(mut watch: impl FnMut() -> T + 'static, mut then: impl FnMut(&T) + 'static) {
    let mut first = true;
    effect(move || {
        let now = watch();
        if !std::mem::take(&mut first) {
            untrack(|| then(&now));
        }
    });
}
