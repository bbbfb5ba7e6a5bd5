//! The `Date` header value, formatted at most once per second per thread.

use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

thread_local! {
    static CACHE: RefCell<(u64, [u8; 29])> = const { RefCell::new((u64::MAX, [0; 29])) };
}

/// Appends the current IMF-fixdate (29 bytes, e.g. `Wed, 25 Nov 2026 03:22:37 GMT`).
pub fn append_now(out: &mut Vec<u8>) {
    let now = SystemTime::now();
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.0 != secs {
            let text = httpdate::fmt_http_date(now);
            let bytes = text.as_bytes();
            if bytes.len() == 29 {
                cache.1.copy_from_slice(bytes);
                cache.0 = secs;
            } else {
                out.extend_from_slice(bytes);
                return;
            }
        }
        out.extend_from_slice(&cache.1);
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_imf_fixdate() {
        let mut v = Vec::new();
        super::append_now(&mut v);
        let s = String::from_utf8(v).unwrap();
        assert_eq!(s.len(), 29);
        assert!(s.ends_with(" GMT"));
        assert!(httpdate::parse_http_date(&s).is_ok());
    }
}
