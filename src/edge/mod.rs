//! The only code that touches the browser for the form: sending requests,
//! `localStorage`, and the host page (connection, clock, reply links).
//! Everything it decides, it asks the core. Mounting forms onto the page is
//! `mount`'s job, a layer above the UI.

pub mod comments;
pub mod dom;
pub mod form;
pub mod http;
pub mod page;
pub mod painted;
pub mod rich;
pub mod storage;
