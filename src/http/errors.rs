//! The canned error pages libmicrohttpd sends when it refuses a request itself.
//! Clients and tests compare these bytes, so they match the real library's.

pub const MALFORMED_REQUEST: &str = "<html><head><title>Request malformed</title></head><body>Your HTTP request was syntactically incorrect.</body></html>";
pub const MALFORMED_CHUNKED: &str = "<html><head><title>Request malformed</title></head><body>Your HTTP chunked encoding was syntactically incorrect.</body></html>";
pub const BAD_CONTENT_LENGTH: &str = "<html><head><title>Request malformed</title></head><body>Your HTTP request has wrong value for <b>Content-Length</b> header.</body></html>";
pub const REQUEST_TOO_BIG: &str = "<html><head><title>Request too big</title></head><body>Your HTTP header was too big for the memory constraints of this webserver.</body></html>";
pub const VERSION_NOT_SUPPORTED: &str = "<html><head><title>Requested HTTP version is not supported</title></head><body>Requested HTTP version is not supported.</body></html>";
pub const VERSION_TOO_OLD: &str = "<html><head><title>Requested HTTP version is not supported</title></head><body>Requested HTTP version is too old and not supported.</body></html>";
pub const CONTENT_TOO_LARGE: &str = "<html><head><title>Request content too large</title></head><body>Your HTTP request has too large value for <b>Content-Length</b> header.</body></html>";
pub const HOST_REQUIRED: &str = "<html><head><title>&quot;Host:&quot; header required</title></head><body>In HTTP 1.1, requests must include a &quot;Host:&quot; header, and your HTTP 1.1 request lacked such a header.</body></html>";
/// Our own (the real library hangs on an unknown transfer coding; RFC 9112 §6.1 asks for 501).
pub const TRANSFER_CODING_NOT_IMPLEMENTED: &str = "<html><head><title>Not implemented</title></head><body>The request uses a transfer coding this server does not implement.</body></html>";
/// Our own (the real library accepts these and lets the body be misread: request smuggling).
pub const AMBIGUOUS_FRAMING: &str = "<html><head><title>Request malformed</title></head><body>Your HTTP request has conflicting <b>Content-Length</b> and <b>Transfer-Encoding</b> headers.</body></html>";

/// A request the server answers itself, then closes the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub status: u32,
    pub body: &'static str,
}

impl Refusal {
    pub const fn new(status: u32, body: &'static str) -> Self {
        Refusal { status, body }
    }
}
