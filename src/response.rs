//! Responses: status-independent header list plus a body source. Shared (`Arc`) because
//! the C API lets one response be queued to many connections; it is freed (and the
//! application's free callback runs) when the last holder lets go.

use std::sync::Mutex;

use crate::http::head::kind;
use crate::wake::Inbox;

/// What a content reader produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadResult {
    /// `n > 0` bytes were written into the buffer.
    Data(usize),
    /// Nothing yet: ask again later (MHD: the callback returned 0).
    Pause,
    /// End of the body (`MHD_CONTENT_READER_END_OF_STREAM`).
    End,
    /// Abort: close the connection (`MHD_CONTENT_READER_END_WITH_ERROR`).
    Error,
}

/// A body produced on demand (callback, file descriptor, pipe, iovec...).
pub trait ContentReader: Send + Sync {
    fn read(&self, pos: u64, buf: &mut [u8]) -> ReadResult;
}

/// A body read from a file (at an offset, with `pread`, so one response can be sent to
/// several connections at once) or from a pipe (sequentially); the descriptor is closed
/// with the response.
pub struct FdReader {
    file: std::fs::File,
    offset: u64,
    pipe: bool,
}

impl FdReader {
    pub fn new(fd: std::os::fd::OwnedFd, offset: u64, pipe: bool) -> Self {
        FdReader {
            file: fd.into(),
            offset,
            pipe,
        }
    }
}

impl ContentReader for FdReader {
    fn read(&self, pos: u64, buf: &mut [u8]) -> ReadResult {
        use std::io::Read;
        use std::os::unix::fs::FileExt;
        let result = if self.pipe {
            (&self.file).read(buf)
        } else {
            match self.offset.checked_add(pos) {
                Some(at) if i64::try_from(at).is_ok() => self.file.read_at(buf, at),
                _ => return ReadResult::Error,
            }
        };
        match result {
            Ok(0) => ReadResult::End,
            Ok(n) => ReadResult::Data(n),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => ReadResult::Pause,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => ReadResult::Pause,
            Err(_) => ReadResult::Error,
        }
    }
}

/// A body that is already in memory. The application's free callback, if any, runs on drop.
pub trait StaticBody: Send + Sync {
    fn bytes(&self) -> &[u8];
}

pub enum Body {
    Static(Box<dyn StaticBody>),
    Owned(Vec<u8>),
    Reader {
        reader: Box<dyn ContentReader>,
        /// `None`: unknown size, sent chunked (HTTP/1.1) or close-delimited (HTTP/1.0).
        size: Option<u64>,
        block_size: usize,
    },
    /// A 101 response whose connection is handed to the application afterwards.
    Upgrade(Box<dyn UpgradeHandler>),
}

/// Called once a 101 response is sent: the application takes over the raw socket.
/// `connection` is the connection that was upgraded (opaque here: responses are values
/// that know nothing of connections; the embedding that made the handler knows its type),
/// `extra` holds bytes the client sent after the request head, already read by us.
pub trait UpgradeHandler: Send + Sync {
    fn upgraded(
        &self,
        connection: &dyn std::any::Any,
        con_cls: usize,
        extra: &[u8],
        fd: i32,
        handle: UpgradeHandle,
    );
}

/// Lets the application end an upgraded connection (`MHD_upgrade_action(CLOSE)`), from any
/// thread: the owning loop then closes the socket and reports the request complete.
pub struct UpgradeHandle {
    inbox: std::sync::Arc<Inbox>,
    token: usize,
    pub fd: i32,
}

impl UpgradeHandle {
    pub fn new(inbox: std::sync::Arc<Inbox>, token: usize, fd: i32) -> Self {
        UpgradeHandle { inbox, token, fd }
    }

    pub fn close(self) {
        self.inbox.close_upgraded(self.token);
    }
}

/// One header or footer: name and value, each stored with a trailing NUL for the C API.
pub struct Entry {
    pub kind: u32,
    name: Box<[u8]>,
    value: Box<[u8]>,
}

impl Entry {
    pub fn name(&self) -> &[u8] {
        &self.name[..self.name.len() - 1]
    }
    pub fn value(&self) -> &[u8] {
        &self.value[..self.value.len() - 1]
    }
    pub fn name_with_nul(&self) -> &[u8] {
        &self.name
    }
    pub fn value_with_nul(&self) -> &[u8] {
        &self.value
    }
}

fn with_nul(s: &[u8]) -> Box<[u8]> {
    let mut v = Vec::with_capacity(s.len() + 1);
    v.extend_from_slice(s);
    v.push(0);
    v.into_boxed_slice()
}

/// `MHD_set_response_options` flags, decoded at the boundary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// `MHD_RF_HTTP_1_0_COMPATIBLE_STRICT`: close after it, no chunking.
    pub http10_only: bool,
    /// `MHD_RF_HTTP_1_0_SERVER`: status line `HTTP/1.0`.
    pub http10_response: bool,
    /// `MHD_RF_INSANITY_HEADER_CONTENT_LENGTH`: the application may set `Content-Length`.
    pub own_content_length: bool,
    /// `MHD_RF_SEND_KEEP_ALIVE_HEADER`: `Connection: Keep-Alive` even for HTTP/1.1.
    pub keep_alive_header: bool,
}

#[derive(Default)]
pub struct Meta {
    pub entries: Vec<Entry>,
    pub flags: Flags,
    /// The application set `Connection: close`.
    pub close: bool,
    /// The application supplied its own `Date`.
    pub has_date: bool,
    /// The application supplied its own `Connection` header (ours is then not added).
    pub has_connection: bool,
    /// The application added `Transfer-Encoding: chunked`: send chunked whatever the size.
    pub chunked: bool,
}

pub struct Response {
    pub meta: Mutex<Meta>,
    pub body: Body,
    /// Anything that must live (and be dropped) with the response, e.g. a free callback.
    guard: Option<Box<dyn std::any::Any + Send + Sync>>,
}

/// Why a header was refused by [`Response::add`].
#[derive(Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// Not a valid field name or value (control characters, separators).
    Invalid,
    /// A header the library sets itself (`Content-Length` without
    /// `MHD_RF_INSANITY_HEADER_CONTENT_LENGTH`, `Connection: keep-alive`), as libmicrohttpd.
    Reserved,
}

impl Response {
    pub fn new(body: Body) -> Self {
        Response {
            meta: Mutex::new(Meta::default()),
            body,
            guard: None,
        }
    }

    /// Attaches `guard`, dropped when the response is.
    pub fn with_guard<G: std::any::Any + Send + Sync>(mut self, guard: Option<G>) -> Self {
        self.guard = guard.map(|g| Box::new(g) as Box<dyn std::any::Any + Send + Sync>);
        self
    }

    /// Known body length, `None` when unknown (chunked) or for upgrades.
    pub fn is_upgrade(&self) -> bool {
        matches!(self.body, Body::Upgrade(_))
    }

    pub fn size(&self) -> Option<u64> {
        match &self.body {
            Body::Static(b) => Some(b.bytes().len() as u64),
            Body::Owned(v) => Some(v.len() as u64),
            Body::Reader { size, .. } => *size,
            Body::Upgrade(_) => None,
        }
    }

    pub fn meta(&self) -> std::sync::MutexGuard<'_, Meta> {
        // A panic while the lock was held cannot leave Meta inconsistent (plain pushes).
        self.meta.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a header (`kind::RESPONSE_HEADER`) or footer (`kind::FOOTER`).
    pub fn add(&self, kind_bits: u32, name: &[u8], value: &[u8]) -> Result<(), HeaderError> {
        let bad_name = name.is_empty()
            || name
                .iter()
                .any(|b| matches!(b, b'\r' | b'\n' | b'\t' | b' ' | b':' | 0));
        let bad_value = value.iter().any(|b| matches!(b, b'\r' | b'\n' | 0));
        if bad_name || bad_value {
            return Err(HeaderError::Invalid);
        }
        let mut meta = self.meta();
        if kind_bits == kind::RESPONSE_HEADER {
            let reserved = (name.eq_ignore_ascii_case(b"Content-Length")
                && !meta.flags.own_content_length)
                || (name.eq_ignore_ascii_case(b"Connection")
                    && value.eq_ignore_ascii_case(b"keep-alive"));
            if reserved {
                return Err(HeaderError::Reserved);
            }
            if name.eq_ignore_ascii_case(b"Connection") {
                meta.has_connection = true;
                meta.close |= value
                    .split(|&b| b == b',')
                    .any(|t| crate::http::head::trim_spaces(t).eq_ignore_ascii_case(b"close"));
            } else if name.eq_ignore_ascii_case(b"Date") {
                meta.has_date = true;
            } else if name.eq_ignore_ascii_case(b"Transfer-Encoding") {
                if !value.eq_ignore_ascii_case(b"chunked") {
                    return Err(HeaderError::Invalid);
                }
                meta.chunked = true;
            }
        }
        meta.entries.push(Entry {
            kind: kind_bits,
            name: with_nul(name),
            value: with_nul(value),
        });
        Ok(())
    }

    /// Removes the first entry of `kind_bits` matching name and value exactly.
    pub fn remove(&self, kind_bits: u32, name: &[u8], value: &[u8]) -> bool {
        let mut meta = self.meta();
        let Some(pos) = meta.entries.iter().position(|e| {
            e.kind == kind_bits && e.name().eq_ignore_ascii_case(name) && e.value() == value
        }) else {
            return false;
        };
        meta.entries.remove(pos);
        let headers = || {
            meta.entries
                .iter()
                .filter(|e| e.kind == kind::RESPONSE_HEADER)
        };
        let has_connection = headers().any(|e| e.name().eq_ignore_ascii_case(b"Connection"));
        let close = headers().any(|e| {
            e.name().eq_ignore_ascii_case(b"Connection") && e.value().eq_ignore_ascii_case(b"close")
        });
        let has_date = headers().any(|e| e.name().eq_ignore_ascii_case(b"Date"));
        let chunked = headers().any(|e| e.name().eq_ignore_ascii_case(b"Transfer-Encoding"));
        meta.has_connection = has_connection;
        meta.close = close;
        meta.has_date = has_date;
        meta.chunked = chunked;
        true
    }
}

impl StaticBody for &'static str {
    fn bytes(&self) -> &[u8] {
        str::as_bytes(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_add_remove() {
        let r = Response::new(Body::Owned(b"hi".to_vec()));
        assert_eq!(r.size(), Some(2));
        r.add(kind::RESPONSE_HEADER, b"X-A", b"1").unwrap();
        r.add(kind::RESPONSE_HEADER, b"Connection", b"close")
            .unwrap();
        assert!(r.meta().close && r.meta().has_connection);
        assert_eq!(
            r.add(kind::RESPONSE_HEADER, b"Bad:Name", b"1"),
            Err(HeaderError::Invalid)
        );
        assert_eq!(
            r.add(kind::RESPONSE_HEADER, b"X-B", b"a\r\nb"),
            Err(HeaderError::Invalid)
        );
        assert_eq!(
            r.add(kind::RESPONSE_HEADER, b"Content-Length", b"5"),
            Err(HeaderError::Reserved)
        );
        assert_eq!(
            r.add(kind::RESPONSE_HEADER, b"Connection", b"Keep-Alive"),
            Err(HeaderError::Reserved)
        );
        r.meta().flags.own_content_length = true;
        r.add(kind::RESPONSE_HEADER, b"Content-Length", b"5")
            .unwrap();
        assert!(r.remove(kind::RESPONSE_HEADER, b"Content-Length", b"5"));
        assert!(r.remove(kind::RESPONSE_HEADER, b"connection", b"close"));
        assert!(!r.meta().close);
        assert!(!r.remove(kind::RESPONSE_HEADER, b"X-A", b"2"));
        assert_eq!(r.meta().entries.len(), 1);
        assert_eq!(r.meta().entries[0].name_with_nul(), b"X-A\0");
    }
}
