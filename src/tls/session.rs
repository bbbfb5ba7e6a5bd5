//! One connection's non-blocking GnuTLS server session.

use std::ffi::{c_int, c_void};
use std::io::{self, IoSlice};
use std::os::fd::RawFd;
use std::ptr;
use std::sync::Arc;

use super::credentials::{Auth, Credentials};
use super::TlsError;
use crate::sys::gnutls;

/// ALPN protocols offered when ALPN is on (HTTP/2 is not spoken, so not offered).
const ALPN_PROTOCOLS: [&[u8]; 2] = [b"http/1.1", b"http/1.0"];

/// The largest plaintext of one TLS record: the most one `write_vectored` takes.
const MAX_RECORD: usize = 16384;

/// How many non-fatal GnuTLS results (warning alerts, refused renegotiations) one call
/// absorbs before reporting an error: each of them consumed peer input, so a peer can only
/// keep a call looping by flooding it.
const MAX_NON_FATAL: usize = 64;

/// Progress of [`Session::handshake`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandshakeStep {
    /// The handshake is complete; application data can flow.
    Done,
    /// Call again when the socket is readable.
    WantRead,
    /// Call again when the socket is writable.
    WantWrite,
    /// The handshake failed for good; the connection must be closed. The text is
    /// GnuTLS's (`gnutls_strerror`, plus the alert's name when the peer sent one): plain
    /// HTTP sent to the port gives "An unexpected TLS packet was received.".
    /// libmicrohttpd itself logs one fixed line for every handshake failure, "Error:
    /// received handshake message out of context.", which the connection layer can keep
    /// for the daemon's log.
    Failed(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Handshaking,
    Open,
    Failed(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bye {
    NotSent,
    /// `gnutls_bye` returned `E_AGAIN`: the close_notify is partly sent.
    Sending,
    Sent,
}

/// A non-blocking TLS server session on a connection's socket.
///
/// # Writes that would block
///
/// GnuTLS encrypts a record before it tries to send it, and after `E_AGAIN` it keeps the
/// encrypted record queued and insists on finishing it before anything else. This type
/// keeps `std::io::Write`'s meaning of `WouldBlock` ("nothing taken, offer it again"): when
/// `write_vectored` returns `WouldBlock`, the next `write_vectored` must start with the same
/// bytes (more may follow, as a connection's unsent buffer does). That call finishes the
/// queued record (`gnutls_record_send(NULL, 0)`) and returns its length, ignoring what was
/// passed. Corking was the alternative, but `gnutls_record_uncork` in non-blocking mode has
/// the same retry rule and adds a second buffer of plaintext.
pub struct Session {
    gs: gnutls::Session,
    /// Keeps the GnuTLS credentials and priorities alive (the GnuTLS session holds its
    /// own Arcs to them too; this one is for callers asking what the session uses).
    creds: Arc<Credentials>,
    fd: RawFd,
    state: State,
    /// The last `E_AGAIN` was for writing.
    want_write: bool,
    /// A record `gnutls_record_send` queued after `E_AGAIN` (its plaintext length).
    send_queued: Option<usize>,
    /// A refusal alert queued after `E_AGAIN`: it must go out before any data record.
    alert_queued: bool,
    bye: Bye,
    /// Coalesces small slices of a vectored write into one record.
    scratch: Vec<u8>,
}

impl Session {
    /// A server session on `fd` (non-blocking; never closed by the session) with the
    /// daemon's credentials and priorities. `alpn` offers "http/1.1" and "http/1.0".
    pub fn server(creds: &Arc<Credentials>, fd: RawFd, alpn: bool) -> Result<Self, TlsError> {
        let flags = gnutls::INIT_SERVER | gnutls::INIT_NONBLOCK | gnutls::INIT_NO_SIGNAL;
        let mut gs = gnutls::Session::new(flags)
            .map_err(|rc| TlsError::gnutls("Failed to initialise the TLS session", rc))?;
        gs.set_priority(&creds.priority)
            .map_err(|rc| TlsError::gnutls("Failed to set the TLS priorities", rc))?;
        match &creds.auth {
            Auth::Certificate(c) => gs.set_certificate_credentials(c),
            Auth::Psk(c) => gs.set_psk_server_credentials(c),
        }
        .map_err(|rc| TlsError::gnutls("Failed to set the TLS credentials", rc))?;
        if creds.requests_client_certificate() {
            gs.request_client_certificate();
        }
        if alpn {
            gs.set_alpn_protocols(&ALPN_PROTOCOLS)
                .map_err(|rc| TlsError::gnutls("Failed to set the ALPN protocols", rc))?;
        }
        // The daemon's connection timeout bounds a slow handshake, as for any request.
        gs.set_handshake_timeout_ms(0);
        gs.set_transport_fd(fd);
        Ok(Session {
            gs,
            creds: Arc::clone(creds),
            fd,
            state: State::Handshaking,
            want_write: false,
            send_queued: None,
            alert_queued: false,
            bye: Bye::NotSent,
            scratch: Vec::new(),
        })
    }

    /// Advances the handshake as far as the socket allows.
    pub fn handshake(&mut self) -> HandshakeStep {
        match &self.state {
            State::Open => return HandshakeStep::Done,
            State::Failed(m) => return HandshakeStep::Failed(m.clone()),
            State::Handshaking => {}
        }
        let mut non_fatal = 0;
        loop {
            let rc = self.gs.handshake();
            match rc {
                gnutls::E_SUCCESS => {
                    self.state = State::Open;
                    self.want_write = false;
                    return HandshakeStep::Done;
                }
                gnutls::E_AGAIN => {
                    self.want_write = self.gs.record_get_direction() == gnutls::DIRECTION_WRITE;
                    return if self.want_write {
                        HandshakeStep::WantWrite
                    } else {
                        HandshakeStep::WantRead
                    };
                }
                gnutls::E_INTERRUPTED => continue,
                rc if !gnutls::error_is_fatal(rc) && non_fatal < MAX_NON_FATAL => {
                    non_fatal += 1;
                }
                rc => {
                    let message = self.describe(rc);
                    self.state = State::Failed(message.clone());
                    self.want_write = false;
                    return HandshakeStep::Failed(message);
                }
            }
        }
    }

    /// Whether the handshake has completed.
    pub fn is_established(&self) -> bool {
        self.state == State::Open
    }

    /// Drives the handshake; `Ok` once application data can flow.
    fn ensure_open(&mut self) -> io::Result<()> {
        match self.handshake() {
            HandshakeStep::Done => Ok(()),
            HandshakeStep::WantRead | HandshakeStep::WantWrite => {
                Err(io::ErrorKind::WouldBlock.into())
            }
            HandshakeStep::Failed(m) => Err(io::Error::new(io::ErrorKind::InvalidData, m)),
        }
    }

    /// Decrypted application data into `buf`. Drives the handshake first.
    ///
    /// `Ok(0)` is the end of the stream: a close_notify, and also a peer that closed the TCP
    /// connection without one (`E_PREMATURE_TERMINATION`). HTTP/1.x frames its messages
    /// itself (Content-Length, chunked), and most clients do not send close_notify before
    /// closing, so a truncation is detected by the HTTP layer just as for plain HTTP; what
    /// matters to the connection is that the peer is gone.
    ///
    /// Client-initiated renegotiation (TLS 1.2) is refused: GnuTLS 3.7 answers it with a
    /// no_renegotiation warning itself and reports an unexpected packet, an error here (the
    /// connection ends, as with libmicrohttpd); a GnuTLS that reports `E_REHANDSHAKE`
    /// instead gets the warning from this method, and reading goes on.
    pub fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.ensure_open()?;
        if buf.is_empty() {
            return Ok(0);
        }
        // A refusal queued earlier goes out first; reading need not wait for it.
        match self.flush_alert() {
            Err(e) if e.kind() != io::ErrorKind::WouldBlock => return Err(e),
            _ => {}
        }
        let mut non_fatal = 0;
        loop {
            let n = self.gs.record_recv(buf);
            if n >= 0 {
                return Ok(n as usize);
            }
            let rc = n as c_int;
            match rc {
                gnutls::E_AGAIN => {
                    self.want_write = self.gs.record_get_direction() == gnutls::DIRECTION_WRITE;
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                gnutls::E_INTERRUPTED => continue,
                gnutls::E_PREMATURE_TERMINATION => return Ok(0),
                _ if non_fatal >= MAX_NON_FATAL => return Err(self.io_error(rc)),
                gnutls::E_REHANDSHAKE => {
                    non_fatal += 1;
                    self.alert_queued = true;
                    match self.flush_alert() {
                        Err(e) if e.kind() != io::ErrorKind::WouldBlock => return Err(e),
                        _ => {}
                    }
                }
                rc if !gnutls::error_is_fatal(rc) => non_fatal += 1,
                rc => return Err(self.io_error(rc)),
            }
        }
    }

    /// Encrypts and sends up to one record's worth of `bufs` (small slices are coalesced).
    /// See the type's documentation for what `WouldBlock` requires of the next call.
    pub fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.ensure_open()?;
        if self.bye != Bye::NotSent {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the TLS session was shut down",
            ));
        }
        self.flush_alert()?;
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        if let Some(queued) = self.send_queued {
            debug_assert!(
                total >= queued,
                "after WouldBlock the same {queued} bytes must be offered again"
            );
            return self.resume_send();
        }
        let Some(first) = bufs.iter().find(|b| !b.is_empty()) else {
            return Ok(0);
        };
        let data: &[u8] = if first.len() >= MAX_RECORD || first.len() == total {
            first
        } else {
            self.scratch.clear();
            for b in bufs {
                let room = MAX_RECORD - self.scratch.len();
                if room == 0 {
                    break;
                }
                self.scratch.extend_from_slice(&b[..b.len().min(room)]);
            }
            &self.scratch
        };
        let n = self.gs.record_send(data);
        if n >= 0 {
            self.want_write = false;
            return Ok(n as usize);
        }
        match n as c_int {
            gnutls::E_AGAIN | gnutls::E_INTERRUPTED => {
                self.send_queued = Some(data.len().min(MAX_RECORD));
                if n as c_int == gnutls::E_INTERRUPTED {
                    return self.resume_send();
                }
                self.want_write = true;
                Err(io::ErrorKind::WouldBlock.into())
            }
            rc => Err(self.io_error(rc)),
        }
    }

    /// Finishes the record queued by an interrupted `gnutls_record_send`.
    fn resume_send(&mut self) -> io::Result<usize> {
        loop {
            let n = self.gs.record_send_resume();
            if n >= 0 {
                self.send_queued = None;
                self.want_write = false;
                return Ok(n as usize);
            }
            match n as c_int {
                gnutls::E_AGAIN => {
                    self.want_write = true;
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                gnutls::E_INTERRUPTED => continue,
                rc => {
                    self.send_queued = None;
                    return Err(self.io_error(rc));
                }
            }
        }
    }

    /// Sends (or finishes sending) a queued no_renegotiation warning.
    fn flush_alert(&mut self) -> io::Result<()> {
        while self.alert_queued {
            match self
                .gs
                .alert_send(gnutls::AL_WARNING, gnutls::A_NO_RENEGOTIATION)
            {
                gnutls::E_SUCCESS => self.alert_queued = false,
                gnutls::E_AGAIN => {
                    self.want_write = true;
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                gnutls::E_INTERRUPTED => {}
                rc => {
                    self.alert_queued = false;
                    return Err(self.io_error(rc));
                }
            }
        }
        Ok(())
    }

    /// Sends close_notify (`gnutls_bye(GNUTLS_SHUT_WR)`), without waiting for the peer's.
    /// `WouldBlock` means call again when writable; before the handshake completed there
    /// is nothing to close and this is `Ok`. The socket itself is left to the caller.
    pub fn shutdown(&mut self) -> io::Result<()> {
        if self.state != State::Open || self.bye == Bye::Sent {
            return Ok(());
        }
        if self.send_queued.is_some() {
            self.resume_send()?;
        }
        self.flush_alert()?;
        loop {
            match self.gs.bye(gnutls::SHUT_WR) {
                gnutls::E_SUCCESS => {
                    self.bye = Bye::Sent;
                    self.want_write = false;
                    return Ok(());
                }
                gnutls::E_AGAIN => {
                    self.bye = Bye::Sending;
                    self.want_write = true;
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                gnutls::E_INTERRUPTED => continue,
                rc => {
                    self.bye = Bye::Sent;
                    self.want_write = false;
                    return Err(self.io_error(rc));
                }
            }
        }
    }

    /// Gives up a handshake still in progress (a timeout): a close_notify alert, best
    /// effort and never waiting, as libmicrohttpd sends one before closing.
    pub fn abandon_handshake(&mut self) {
        if self.state == State::Handshaking {
            let _ = self
                .gs
                .alert_send(gnutls::AL_WARNING, gnutls::A_CLOSE_NOTIFY);
        }
    }

    /// Decrypted bytes buffered inside GnuTLS: the event loop must read these even when
    /// the socket is not readable (the records have already left the socket).
    pub fn pending(&self) -> usize {
        if self.state == State::Open {
            self.gs.record_check_pending()
        } else {
            0
        }
    }

    /// Whether progress waits for the socket to become writable (handshake, a queued
    /// record, an alert or a close_notify blocked on write).
    pub fn wants_write(&self) -> bool {
        self.want_write
            || self.send_queued.is_some()
            || self.alert_queued
            || self.bye == Bye::Sending
    }

    /// The connection's socket (never closed by the session).
    pub fn fd(&self) -> Option<RawFd> {
        Some(self.fd)
    }

    /// The real `gnutls_session_t` (MHD_CONNECTION_INFO_GNUTLS_SESSION).
    pub fn raw_session(&self) -> *mut c_void {
        self.gs.as_raw()
    }

    /// MHD_CONNECTION_INFO_GNUTLS_CLIENT_CERT: always NULL. libmicrohttpd 0.9.75 documents
    /// it as dysfunctional (never implemented, deprecated) and points applications to the
    /// session and `gnutls_certificate_get_peers()`; returning anything else (a datum where
    /// a `gnutls_x509_crt_t` is expected) would crash applications that trust the type.
    pub fn client_cert_raw(&self) -> *mut c_void {
        ptr::null_mut()
    }

    /// The peer's (client's) certificate, DER, if it sent one.
    pub fn peer_certificate_der(&self) -> Option<Vec<u8>> {
        self.gs.peer_certificates().into_iter().next()
    }

    /// The negotiated `gnutls_cipher_algorithm_t` (MHD_CONNECTION_INFO_CIPHER_ALGO).
    pub fn cipher_algorithm(&self) -> i32 {
        self.gs.cipher()
    }

    /// The negotiated `gnutls_protocol_t` (MHD_CONNECTION_INFO_PROTOCOL).
    pub fn protocol(&self) -> i32 {
        self.gs.protocol()
    }

    /// The protocol ALPN settled on, if any.
    pub fn alpn_protocol(&self) -> Option<Vec<u8>> {
        self.gs.alpn_selected()
    }

    /// Stores `ptr` as the session's `gnutls_session_set_ptr` value, which applications'
    /// GnuTLS callbacks read back and the PSK lookup receives (see
    /// `CredentialsBuilder::psk_with_user_ptr`). Never dereferenced here.
    pub fn set_user_ptr(&mut self, ptr: *mut c_void) {
        self.gs.set_user_ptr(ptr);
    }

    /// The credentials this session was created with.
    pub fn credentials(&self) -> &Arc<Credentials> {
        &self.creds
    }

    /// GnuTLS's text for `rc`, with the alert's name when the peer sent one.
    fn describe(&self, rc: c_int) -> String {
        let text = gnutls::strerror(rc);
        if rc == gnutls::E_FATAL_ALERT_RECEIVED || rc == gnutls::E_WARNING_ALERT_RECEIVED {
            format!("{text} ({})", gnutls::alert_name(self.gs.alert_get()))
        } else {
            text
        }
    }

    fn io_error(&self, rc: c_int) -> io::Error {
        let kind = match rc {
            gnutls::E_PUSH_ERROR => io::ErrorKind::BrokenPipe,
            gnutls::E_PULL_ERROR => io::ErrorKind::ConnectionReset,
            _ => io::ErrorKind::InvalidData,
        };
        io::Error::new(kind, self.describe(rc))
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("fd", &self.fd)
            .field("state", &self.state)
            .field("wants_write", &self.wants_write())
            .finish()
    }
}
