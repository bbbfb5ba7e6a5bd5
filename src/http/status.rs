//! Reason phrases, as libmicrohttpd sends them.

/// The reason phrase for `code`, or `"Unknown"` for codes without one.
pub fn reason_phrase(code: u32) -> &'static str {
    match code {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        306 => "Switch Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        449 => "Reply With",
        450 => "Blocked by Windows Parental Controls",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        509 => "Bandwidth Limit Exceeded",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "Unknown",
    }
}

/// NUL-terminated twin of [`reason_phrase`], for handing out `const char *`.
pub fn reason_phrase_c(code: u32) -> &'static std::ffi::CStr {
    // One table: append the NUL at compile time via a match on the same codes would
    // duplicate it, so intern lazily instead.
    use std::collections::HashMap;
    use std::ffi::CString;
    use std::sync::OnceLock;
    static TABLE: OnceLock<HashMap<u32, CString>> = OnceLock::new();
    static UNKNOWN: &std::ffi::CStr = c"Unknown";
    let table = TABLE.get_or_init(|| {
        (100..600)
            .filter(|c| reason_phrase(*c) != "Unknown")
            .map(|c| {
                (
                    c,
                    CString::new(reason_phrase(c)).expect("phrases have no NUL"),
                )
            })
            .collect()
    });
    table.get(&code).map(|s| s.as_c_str()).unwrap_or(UNKNOWN)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn known_and_unknown() {
        assert_eq!(reason_phrase(200), "OK");
        assert_eq!(reason_phrase(431), "Request Header Fields Too Large");
        assert_eq!(reason_phrase(299), "Unknown");
        assert_eq!(reason_phrase_c(404).to_bytes(), b"Not Found");
        assert_eq!(reason_phrase_c(999).to_bytes(), b"Unknown");
    }
}
