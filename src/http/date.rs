//! The `Date` header value, formatted at most once per second for the whole process
//! (per-connection threads would otherwise each format it anew).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

static SECOND: AtomicU64 = AtomicU64::new(u64::MAX);
static TEXT: Mutex<[u8; 29]> = Mutex::new([0; 29]);

/// Appends the current IMF-fixdate (29 bytes, e.g. `Wed, 25 Nov 2026 03:22:37 GMT`).
pub fn append_now(out: &mut Vec<u8>) {
    let now = SystemTime::now();
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut text = TEXT.lock().unwrap_or_else(|e| e.into_inner());
    if SECOND.load(Ordering::Relaxed) != secs {
        let formatted = httpdate::fmt_http_date(now);
        if formatted.len() != text.len() {
            out.extend_from_slice(formatted.as_bytes());
            return;
        }
        text.copy_from_slice(formatted.as_bytes());
        SECOND.store(secs, Ordering::Relaxed);
    }
    out.extend_from_slice(&text[..]);
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
