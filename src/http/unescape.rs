//! Percent-decoding as `MHD_http_unescape` does it: `%XX` with two hex digits becomes the
//! byte; anything else (a lone `%`, bad digits) is kept as it is. Decodes in place.

/// Decodes `buf` in place and returns the decoded length (never longer than the input).
pub fn unescape_in_place(buf: &mut [u8]) -> usize {
    let mut read = 0;
    let mut write = 0;
    while read < buf.len() {
        let b = buf[read];
        if b == b'%' && read + 2 < buf.len() {
            if let (Some(h), Some(l)) = (hex(buf[read + 1]), hex(buf[read + 2])) {
                buf[write] = (h << 4) | l;
                write += 1;
                read += 3;
                continue;
            }
        }
        buf[write] = b;
        write += 1;
        read += 1;
    }
    write
}

/// Replaces `+` by a space (query strings, form data), in place.
pub fn plus_to_space(buf: &mut [u8]) {
    for b in buf.iter_mut().filter(|b| **b == b'+') {
        *b = b' ';
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn un(s: &str) -> Vec<u8> {
        let mut v = s.as_bytes().to_vec();
        let n = unescape_in_place(&mut v);
        v.truncate(n);
        v
    }
    #[test]
    fn decodes_and_keeps_invalid() {
        assert_eq!(un("a%20b"), b"a b");
        assert_eq!(un("%41%4a%4A"), b"AJJ");
        assert_eq!(un("100%"), b"100%");
        assert_eq!(un("%2"), b"%2");
        assert_eq!(un("%zz%2"), b"%zz%2");
        assert_eq!(un("%00x"), b"\0x");
        assert_eq!(un(""), b"");
    }
    #[test]
    fn plus() {
        let mut v = b"a+b+".to_vec();
        plus_to_space(&mut v);
        assert_eq!(v, b"a b ");
    }
}
