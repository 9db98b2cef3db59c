//! The only code that touches the browser: sending requests, reading the host
//! page, and mounting into a shadow root. Everything it decides, it asks the
//! core.

pub mod http;
pub mod mount;
pub mod storage;
