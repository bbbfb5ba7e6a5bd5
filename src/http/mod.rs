//! HTTP/1.1 wire format: parsing requests, framing bodies, formatting responses.
//! Nothing here does I/O or knows about connections.

pub mod chunked;
pub mod date;
pub mod errors;
pub mod head;
pub mod status;
pub mod unescape;
