//! The per-connection read buffer: grows on demand up to the memory limit, and is
//! compacted instead of reallocated when the unread tail is small.

pub struct ReadBuf {
    data: Vec<u8>,
    start: usize,
    end: usize,
}

/// First allocation: enough for a typical request head, small for idle connections.
const INITIAL: usize = 2048;

impl ReadBuf {
    pub const fn new() -> Self {
        ReadBuf {
            data: Vec::new(),
            start: 0,
            end: 0,
        }
    }

    pub fn filled(&self) -> &[u8] {
        &self.data[self.start..self.end]
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.len());
        self.start += n;
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Space to read into, growing the buffer (by at least `increment`) up to `limit`
    /// bytes of unread data. Empty when the unread data already fills `limit`.
    pub fn spare(&mut self, limit: usize, increment: usize) -> &mut [u8] {
        if self.end == self.data.len() {
            if self.start > 0 {
                self.data.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            if self.end == self.data.len() && self.data.len() < limit {
                let grown = if self.data.is_empty() {
                    INITIAL.min(limit)
                } else {
                    (self.data.len() * 2)
                        .max(self.data.len() + increment)
                        .min(limit)
                };
                self.data.resize(grown, 0);
            }
        }
        &mut self.data[self.end..]
    }

    /// Takes all unread bytes (handed to the application on an HTTP upgrade).
    pub fn take_unread(&mut self) -> Vec<u8> {
        let v = self.filled().to_vec();
        self.consume(v.len());
        v
    }

    pub fn advance(&mut self, n: usize) {
        self.end += n;
        debug_assert!(self.end <= self.data.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn grows_compacts_and_limits() {
        let mut b = ReadBuf::new();
        let s = b.spare(8, 4);
        assert_eq!(s.len(), 8);
        s[..8].copy_from_slice(b"abcdefgh");
        b.advance(8);
        assert!(b.spare(8, 4).is_empty());
        b.consume(6);
        assert_eq!(b.spare(8, 4).len(), 6);
        assert_eq!(b.filled(), b"gh");
        b.consume(2);
        assert!(b.is_empty());
        assert_eq!(b.spare(8, 4).len(), 8);
    }
}
