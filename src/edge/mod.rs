//! The only code that touches the browser outside rendering: sending
//! requests, `localStorage`, the host page (connection, clock, reply links),
//! the loader's painted form and the parser of a comment's HTML. Everything
//! it decides, it asks the core. The DOM is written by the components
//! (`ui`); mounting them onto the page is `mount`'s job, a layer above.

pub mod dom;
pub mod http;
pub mod page;
pub mod painted;
pub mod proof;
pub mod rich;
#[cfg(feature = "ssr")]
pub mod server;
pub mod storage;
