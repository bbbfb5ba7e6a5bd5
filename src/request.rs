//! The values of the current request, as the application reads them.

use crate::http::head::{Field, Head, Span};

/// Strings of the current request: headers, cookies and GET arguments in `arena`,
/// footers (trailer fields, arriving after the body) in `footer_arena`.
#[derive(Default)]
pub struct RequestData {
    pub arena: Vec<u8>,
    pub fields: Vec<Field>,
    pub footer_arena: Vec<u8>,
    pub footers: Vec<Field>,
    pub head: Option<Head>,
    pub header_size: usize,
}

/// One value as handed to C: key and value with their lengths (value may be absent).
#[derive(Debug, Clone, Copy)]
pub struct ValueRef<'a> {
    pub kind: u32,
    /// Includes the trailing NUL.
    pub key: &'a [u8],
    /// Includes the trailing NUL.
    pub value: Option<&'a [u8]>,
}

impl ValueRef<'_> {
    pub fn key_str(&self) -> &[u8] {
        &self.key[..self.key.len() - 1]
    }
    pub fn value_str(&self) -> Option<&[u8]> {
        self.value.map(|v| &v[..v.len() - 1])
    }
}

/// A request string as C sees it: its bytes followed by a NUL (the arena keeps one after
/// every value). Made only from slices that end with a NUL, checked in O(1), so its
/// address can go to C as is; nothing is scanned unless Rust code asks for the bytes.
#[derive(Debug, Clone, Copy)]
pub struct NulStr<'a>(&'a [u8]);

impl<'a> NulStr<'a> {
    pub fn new(with_nul: &'a [u8]) -> Option<Self> {
        (with_nul.last() == Some(&0)).then_some(NulStr(with_nul))
    }

    /// The string in the arena at `span`.
    pub fn at(arena: &'a [u8], span: Span) -> Option<Self> {
        let start = span.start as usize;
        NulStr::new(arena.get(start..start + span.len as usize + 1)?)
    }

    /// The address of the first byte; a NUL follows the string.
    pub fn as_ptr(&self) -> *const u8 {
        self.0.as_ptr()
    }

    /// The bytes C reads: up to the first NUL (a decoded `%00` ends the string early).
    pub fn to_bytes(&self) -> &'a [u8] {
        let end = memchr::memchr(0, self.0).unwrap_or(self.0.len());
        &self.0[..end]
    }

    pub fn to_cstr(&self) -> &'a std::ffi::CStr {
        std::ffi::CStr::from_bytes_until_nul(self.0).unwrap_or_default()
    }
}

fn with_nul(arena: &[u8], span: Span) -> &[u8] {
    &arena[span.start as usize..=(span.start + span.len) as usize]
}

/// A value added by `MHD_set_connection_value` (copied, NUL-terminated).
pub struct UserValue {
    kind: u32,
    key: Box<[u8]>,
    value: Option<Box<[u8]>>,
}

impl UserValue {
    pub fn new(kind: u32, key: &[u8], value: Option<&[u8]>) -> Self {
        let nul = |s: &[u8]| {
            let mut v = Vec::with_capacity(s.len() + 1);
            v.extend_from_slice(s);
            v.push(0);
            v.into_boxed_slice()
        };
        UserValue {
            kind,
            key: nul(key),
            value: value.map(nul),
        }
    }

    pub fn as_ref(&self) -> ValueRef<'_> {
        ValueRef {
            kind: self.kind,
            key: &self.key,
            value: self.value.as_deref(),
        }
    }
}

impl RequestData {
    /// All values of the request, in MHD's order: GET arguments, headers, cookies,
    /// footers (user-added values are appended by the caller).
    pub fn values(&self) -> impl Iterator<Item = ValueRef<'_>> {
        let fields = self.fields.iter().map(move |f| (f, &self.arena));
        let footers = self.footers.iter().map(move |f| (f, &self.footer_arena));
        fields.chain(footers).map(|(f, arena)| ValueRef {
            kind: f.kind,
            key: with_nul(arena, f.key),
            value: f.value.map(|v| with_nul(arena, v)),
        })
    }

    /// A NUL-terminated head string (method, URL or version).
    pub fn head_str(&self, pick: impl Fn(&Head) -> Span) -> Option<&[u8]> {
        self.head.as_ref().map(|h| with_nul(&self.arena, pick(h)))
    }

    pub fn clear(&mut self) {
        self.arena.clear();
        self.fields.clear();
        self.footer_arena.clear();
        self.footers.clear();
        self.head = None;
        self.header_size = 0;
    }
}
