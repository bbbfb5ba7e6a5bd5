//! Deadlines by time: idle timeouts and paused-reader retries, each a min-heap of
//! (when, token). Entries are never removed early: a connection remembers the deadline it
//! is scheduled at, and an entry that no longer matches is dropped when it surfaces. A
//! request that only postpones its deadline (the common case: activity) costs nothing
//! here; the heap is touched when a deadline falls due or moves earlier. O(log n) each.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

#[derive(Default)]
pub struct Timers {
    heap: BinaryHeap<Reverse<(Instant, usize)>>,
}

impl Timers {
    pub fn push(&mut self, at: Instant, token: usize) {
        self.heap.push(Reverse((at, token)));
    }

    /// The earliest entry (possibly stale: then the loop wakes early, never late).
    #[inline]
    pub fn earliest(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((at, _))| *at)
    }

    /// Takes the earliest entry if it is due at `now`.
    #[inline]
    pub fn pop_due(&mut self, now: Instant) -> Option<(Instant, usize)> {
        match self.heap.peek() {
            Some(Reverse((at, _))) if *at <= now => self.heap.pop().map(|Reverse(e)| e),
            _ => None,
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    pub fn clear(&mut self) {
        self.heap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn pops_in_time_order_only_when_due() {
        let t0 = Instant::now();
        let mut t = Timers::default();
        t.push(t0 + Duration::from_secs(3), 3);
        t.push(t0 + Duration::from_secs(1), 1);
        t.push(t0 + Duration::from_secs(2), 2);
        assert_eq!(t.earliest(), Some(t0 + Duration::from_secs(1)));
        assert_eq!(t.pop_due(t0), None);
        let now = t0 + Duration::from_secs(2);
        assert_eq!(t.pop_due(now).map(|e| e.1), Some(1));
        assert_eq!(t.pop_due(now).map(|e| e.1), Some(2));
        assert_eq!(t.pop_due(now), None);
        assert_eq!(t.earliest(), Some(t0 + Duration::from_secs(3)));
    }
}
