//! The contract between the loader (`loader/`, JavaScript) and the wasm:
//! what each tells the other through the page. Written down once, here; the
//! build writes it into the loader (`cw-markup`'s `facts.handover`, read by
//! `loader/generated/facts.js`), so neither side holds a copy.
//!
//! The order of events: the loader **paints** a form into the host's shadow
//! root (`PAINTED` on the host and on the painted `.cw-root`; `PRINTED` marks
//! one the WordPress plugin printed instead), records a press of Post
//! Comment on it (`SUBMIT`) and paints the thread (`PAINTED_THREAD`); then it
//! calls one of [`EXPORTS`]. `mount` takes the painted form over (its state:
//! `edge::painted`), sets `MOUNTED`, `LIVE` and `DRAFT_KEY` on the host; the
//! loader reads `DRAFT_KEY` to keep saving the text if the wasm stops, and
//! removes `LIVE` then. `UNLOADED` is the loader's alone: the wasm could not
//! be loaded, and `mountAll()` tries again.

/// The wasm's exports the loader calls (`src/main.rs`), by their names in
/// the glue (the build shortens every other export's name).
pub const EXPORTS: [&str; 5] = ["add_language", "mount", "mount_all", "reply_to", "unmount"];

/// On a host while a form (or a configuration message) is in it; its value
/// is the mount's id. Mounting again while it is set does nothing.
pub const MOUNTED: &str = "data-cw-mounted";
/// On a host while a working form is in it (not a configuration message): a
/// page may hide its own fallback form meanwhile (the WordPress plugin does).
pub const LIVE: &str = "data-cw-live";
/// On a host: the `localStorage` key of its form's draft (`memory::draft_key`).
pub const DRAFT_KEY: &str = "data-cw-draft-key";
/// On a host whose form the loader painted, and on the painted `.cw-root`.
pub const PAINTED: &str = "data-cw-painted";
/// On the painted thread's `.cw-thread-host`: the live one takes its place.
pub const PAINTED_THREAD: &str = "data-cw-painted-thread";
/// On the painted thread, once its checks found new comments: the ids the
/// reader added ("2 new comments" pressed), space-separated; the live
/// thread checks at once and shows those before the painted one goes.
pub const NEW: &str = "data-cw-new";
/// On a painted `.cw-root`: Post Comment was pressed before the wasm came.
pub const SUBMIT: &str = "data-cw-submit";
/// On a `.cw-root` the WordPress plugin printed (its value is the form's id prefix).
pub const PRINTED: &str = "data-cw-printed";
/// On a host whose code could not be loaded (the loader's own).
pub const UNLOADED: &str = "data-cw-unloaded";

/// The painted form in a host's shadow root (`PAINTED` on a `.cw-root`).
pub const PAINTED_FORM: &str = ".cw-root[data-cw-painted]";
/// The painted thread (`PAINTED_THREAD`).
pub const PAINTED_THREAD_SELECTOR: &str = "[data-cw-painted-thread]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selectors_name_the_attributes() {
        assert_eq!(PAINTED_FORM, format!(".cw-root[{PAINTED}]"));
        assert_eq!(PAINTED_THREAD_SELECTOR, format!("[{PAINTED_THREAD}]"));
    }
}
