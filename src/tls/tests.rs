//! TLS sessions against a real GnuTLS client over a non-blocking socket pair, with keys
//! and certificates generated at test time (nothing secret is committed).

use std::ffi::{c_int, CString};
use std::io::{self, IoSlice};
use std::mem::MaybeUninit;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::{
    CredentialKind, Credentials, CredentialsBuilder, HandshakeStep, RetrieveKind, Session,
};
use crate::sys::gnutls::testing::{
    ffdhe2048_pem, refusing_retrieve_calls, refusing_retrieve_function, PskClientCredentials,
    X509Cert, X509Key,
};
use crate::sys::gnutls::{self, CertCredentials, Priority};

const GNUTLS_TLS1_2: i32 = 4;
const GNUTLS_TLS1_3: i32 = 5;
const E_UNEXPECTED_PACKET: c_int = -15;
/// How often a pump loop retries before a test declares a hang.
const SPINS: usize = 10_000;

/// A CA, a server certificate and a client certificate, all PEM.
struct Pki {
    ca_cert: Vec<u8>,
    server_key: X509Key,
    server_cert: Vec<u8>,
    client_key: Vec<u8>,
    client_cert: Vec<u8>,
}

fn cs(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn pki() -> Pki {
    let ca_key = X509Key::generate();
    let ca = X509Cert::new(&ca_key, &cs("CN=Test CA"), 1, true, None);
    let server_key = X509Key::generate();
    let server = X509Cert::new(
        &server_key,
        &cs("CN=localhost"),
        2,
        false,
        Some((&ca, &ca_key)),
    );
    let client_key = X509Key::generate();
    let client = X509Cert::new(
        &client_key,
        &cs("CN=Test Client"),
        3,
        false,
        Some((&ca, &ca_key)),
    );
    Pki {
        ca_cert: ca.pem(),
        server_cert: server.pem(),
        server_key,
        client_key: client_key.pem(),
        client_cert: client.pem(),
    }
}

fn server_builder(p: &Pki) -> CredentialsBuilder {
    let mut b = Credentials::builder();
    b.key_pem(&p.server_key.pem()).cert_pem(&p.server_cert);
    b
}

fn server_creds(p: &Pki) -> Arc<Credentials> {
    Arc::new(server_builder(p).build().expect("server credentials"))
}

/// A non-blocking socket pair: (server end, client end).
fn pair() -> (UnixStream, UnixStream) {
    let (a, b) = UnixStream::pair().unwrap();
    a.set_nonblocking(true).unwrap();
    b.set_nonblocking(true).unwrap();
    (a, b)
}

/// Options of the GnuTLS client the tests talk to.
#[derive(Default)]
struct ClientOpts<'a> {
    priorities: Option<&'a str>,
    cert: Option<(&'a [u8], &'a [u8])>,
    alpn: &'a [&'a [u8]],
    psk: Option<(&'a str, &'a [u8])>,
}

fn client(sock: &UnixStream, o: ClientOpts<'_>) -> gnutls::Session {
    let flags = gnutls::INIT_CLIENT | gnutls::INIT_NONBLOCK | gnutls::INIT_NO_SIGNAL;
    let mut s = gnutls::Session::new(flags).unwrap();
    let prio = Priority::new(&cs(o.priorities.unwrap_or("NORMAL"))).unwrap();
    s.set_priority(&Arc::new(prio)).unwrap();
    let mut cred = CertCredentials::new().unwrap();
    if let Some((cert, key)) = o.cert {
        cred.set_x509_key_mem(cert, key, None).unwrap();
    }
    s.set_certificate_credentials(&Arc::new(cred)).unwrap();
    if let Some((user, key)) = o.psk {
        let psk = PskClientCredentials::new(&cs(user), key).unwrap();
        s.set_psk_client_credentials(&Arc::new(psk)).unwrap();
    }
    if !o.alpn.is_empty() {
        s.set_alpn_protocols(o.alpn).unwrap();
    }
    s.set_server_name("localhost").unwrap();
    s.set_transport_fd(sock.as_raw_fd());
    s
}

/// Runs both handshakes to completion, one step each in turn.
fn pump(server: &mut Session, client: &mut gnutls::Session) {
    let (mut s_done, mut c_done) = (false, false);
    for _ in 0..SPINS {
        if !s_done {
            match server.handshake() {
                HandshakeStep::Done => s_done = true,
                HandshakeStep::Failed(m) => panic!("server handshake failed: {m}"),
                HandshakeStep::WantRead | HandshakeStep::WantWrite => {}
            }
        }
        if !c_done {
            let rc = client.handshake();
            if rc == 0 {
                c_done = true;
            } else if gnutls::error_is_fatal(rc) {
                panic!("client handshake failed: {}", gnutls::strerror(rc));
            }
        }
        if s_done && c_done {
            return;
        }
    }
    panic!("handshake did not finish");
}

/// Runs both handshakes until the server's gives up; returns its message and the client's
/// last result.
fn pump_until_server_fails(server: &mut Session, client: &mut gnutls::Session) -> String {
    for _ in 0..SPINS {
        if let HandshakeStep::Failed(m) = server.handshake() {
            let _ = client.handshake();
            return m;
        }
        let rc = client.handshake();
        assert_ne!(rc, 0, "client handshake unexpectedly succeeded");
    }
    panic!("server handshake neither failed nor finished");
}

fn client_send_all(c: &mut gnutls::Session, mut data: &[u8]) {
    for _ in 0..SPINS {
        if data.is_empty() {
            return;
        }
        let n = c.record_send(data);
        if n > 0 {
            data = &data[n as usize..];
        } else {
            assert!(matches!(
                n as c_int,
                gnutls::E_AGAIN | gnutls::E_INTERRUPTED
            ));
            // The same data again (GnuTLS's retry rule).
            while c.record_send_resume() < 0 {}
        }
    }
    panic!("client could not send");
}

fn client_recv_exact(c: &mut gnutls::Session, len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    for _ in 0..SPINS {
        if out.len() >= len {
            break;
        }
        let n = c.record_recv(&mut buf[..(len - out.len()).min(4096)]);
        if n > 0 {
            out.extend_from_slice(&buf[..n as usize]);
        } else {
            assert_ne!(n, 0, "client saw EOF after {} bytes", out.len());
            assert!(
                !gnutls::error_is_fatal(n as c_int),
                "{}",
                gnutls::strerror(n as c_int)
            );
        }
    }
    assert_eq!(out.len(), len, "client received too little");
    out
}

fn server_read_exact(s: &mut Session, len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    let mut got = 0;
    for _ in 0..SPINS {
        if got == len {
            return out;
        }
        match s.read(&mut out[got..]) {
            Ok(0) => panic!("server saw EOF after {got} bytes"),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => panic!("server read: {e}"),
        }
    }
    panic!("server read only {got} of {len} bytes");
}

fn server_write_all(s: &mut Session, mut data: &[u8]) {
    for _ in 0..SPINS {
        if data.is_empty() {
            return;
        }
        match s.write_vectored(&[IoSlice::new(data)]) {
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => panic!("server write: {e}"),
        }
    }
    panic!("server could not write");
}

/// An established pair with the default server credentials.
fn established(p: &Pki, o: ClientOpts<'_>) -> (Session, gnutls::Session, UnixStream, UnixStream) {
    let (ss, cs_) = pair();
    let mut server = Session::server(&server_creds(p), ss.as_raw_fd(), true).unwrap();
    let mut client = client(&cs_, o);
    pump(&mut server, &mut client);
    (server, client, ss, cs_)
}

#[test]
fn types_are_thread_safe_as_documented() {
    fn send<T: Send>() {}
    fn send_sync<T: Send + Sync>() {}
    send::<Session>();
    send_sync::<Credentials>();
    send_sync::<Arc<Credentials>>();
}

// (a) A full non-blocking handshake, then a request and a response with exact bytes.
#[test]
fn handshake_then_request_and_response() {
    let p = pki();
    let (ss, cs_) = pair();
    let creds = server_creds(&p);
    let mut server = Session::server(&creds, ss.as_raw_fd(), true).unwrap();
    assert!(!server.is_established());
    assert_eq!(server.pending(), 0);
    assert_eq!(server.fd(), Some(ss.as_raw_fd()));
    assert!(!server.raw_session().is_null());
    // Nothing arrived yet: the handshake waits for the ClientHello.
    assert_eq!(server.handshake(), HandshakeStep::WantRead);
    assert!(!server.wants_write());
    let mut buf = [0u8; 16];
    assert_eq!(
        server.read(&mut buf).unwrap_err().kind(),
        io::ErrorKind::WouldBlock
    );

    let mut client = client(&cs_, ClientOpts::default());
    pump(&mut server, &mut client);
    assert!(server.is_established());
    assert_eq!(server.handshake(), HandshakeStep::Done);
    assert_eq!(server.protocol(), GNUTLS_TLS1_3);
    assert_eq!(server.protocol(), client.protocol());
    assert_eq!(server.cipher_algorithm(), client.cipher());
    assert!(server.cipher_algorithm() > 0);
    assert!(server.client_cert_raw().is_null());
    assert!(server.peer_certificate_der().is_none());
    assert!(!server.wants_write());

    let request = b"GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n";
    client_send_all(&mut client, request);
    assert_eq!(server_read_exact(&mut server, request.len()), request);
    assert_eq!(
        server.read(&mut buf).unwrap_err().kind(),
        io::ErrorKind::WouldBlock
    );

    // Small slices are coalesced into one record: all of it is taken at once.
    let parts: [&[u8]; 3] = [
        b"HTTP/1.1 200 OK\r\n",
        b"Content-Length: 5\r\n\r\n",
        b"hello",
    ];
    let slices: Vec<IoSlice<'_>> = parts.iter().map(|p| IoSlice::new(p)).collect();
    let total: usize = parts.iter().map(|p| p.len()).sum();
    assert_eq!(server.write_vectored(&slices).unwrap(), total);
    assert_eq!(
        client_recv_exact(&mut client, total),
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    );
    assert_eq!(server.write_vectored(&[]).unwrap(), 0);
    assert_eq!(server.write_vectored(&[IoSlice::new(b"")]).unwrap(), 0);
    assert_eq!(server.read(&mut []).unwrap(), 0);

    // More than a record: one write takes at most 16 KiB; the whole body arrives intact.
    let body: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
    let n = server.write_vectored(&[IoSlice::new(&body)]).unwrap();
    assert_eq!(n, 16384);
    server_write_all(&mut server, &body[n..]);
    assert_eq!(client_recv_exact(&mut client, body.len()), body);

    // A vectored write whose first slice is large is sent from that slice alone.
    let big = vec![7u8; 20_000];
    let tail = b"tail";
    let n = server
        .write_vectored(&[IoSlice::new(&big), IoSlice::new(tail)])
        .unwrap();
    assert_eq!(n, 16384);
    drop(client_recv_exact(&mut client, n));
}

// (b) Decrypted bytes left inside GnuTLS are reported, although the socket is drained.
#[test]
fn pending_reports_buffered_plaintext() {
    let p = pki();
    let (mut server, mut client, ss, _cs) = established(&p, ClientOpts::default());
    let record: Vec<u8> = (0..100u8).collect();
    assert_eq!(client.record_send(&record), 100);
    let mut one = [0u8; 1];
    assert_eq!(server.read(&mut one).unwrap(), 1);
    assert_eq!(one[0], 0);
    assert_eq!(server.pending(), 99);
    // The socket has nothing left: only `pending` tells the event loop to read again.
    let mut peek = [MaybeUninit::<u8>::uninit(); 1];
    let sock = socket2::SockRef::from(&ss);
    assert_eq!(
        sock.peek(&mut peek).unwrap_err().kind(),
        io::ErrorKind::WouldBlock
    );
    assert_eq!(server_read_exact(&mut server, 99), &record[1..]);
    assert_eq!(server.pending(), 0);

    // Two records: after a 1-byte read the rest of the first is pending.
    assert_eq!(client.record_send(&record), 100);
    assert_eq!(client.record_send(&record[..50]), 50);
    assert_eq!(server.read(&mut one).unwrap(), 1);
    assert_eq!(server.pending(), 99);
    let rest = server_read_exact(&mut server, 149);
    assert_eq!(&rest[..99], &record[1..]);
    assert_eq!(&rest[99..], &record[..50]);
    assert_eq!(server.pending(), 0);
}

// (c) Key passwords, key/certificate mismatch and other configuration errors.
#[test]
fn credentials_errors() {
    let p = pki();
    let encrypted = p.server_key.encrypted_pem(&cs("s3cret"));
    assert!(String::from_utf8_lossy(&encrypted).contains("ENCRYPTED PRIVATE KEY"));

    let mut b = Credentials::builder();
    b.key_pem(&encrypted).cert_pem(&p.server_cert);
    let missing = b.build().unwrap_err();
    eprintln!("no password: {missing}");
    assert!(missing
        .message()
        .starts_with("GnuTLS failed to setup x509 certificate/key: "));
    assert!(missing.code().is_some());

    let wrong = b.clone().key_password(b"wrong").build().unwrap_err();
    eprintln!("wrong password: {wrong}");
    assert!(wrong
        .message()
        .starts_with("GnuTLS failed to setup x509 certificate/key: "));

    let right = Arc::new(b.clone().key_password(b"s3cret").build().unwrap());
    assert_eq!(right.kind(), CredentialKind::Certificate);
    // ... and the decrypted key serves.
    let (ss, cs_) = pair();
    let mut server = Session::server(&right, ss.as_raw_fd(), false).unwrap();
    let mut c = client(&cs_, ClientOpts::default());
    pump(&mut server, &mut c);

    // A password with an unencrypted key is harmless.
    server_builder(&p).key_password(b"unused").build().unwrap();

    let nul = b.clone().key_password(b"s3\0cret").build().unwrap_err();
    assert!(nul.message().contains("NUL"));

    // The client's key with the server's certificate.
    let mismatch = Credentials::builder()
        .key_pem(&p.client_key)
        .cert_pem(&p.server_cert)
        .build()
        .unwrap_err();
    eprintln!("mismatch: {mismatch}");
    assert_eq!(
        mismatch.message(),
        format!(
            "GnuTLS failed to setup x509 certificate/key: {}",
            gnutls::strerror(-60)
        )
    );
    assert_eq!(mismatch.code(), Some(-60)); // GNUTLS_E_CERTIFICATE_KEY_MISMATCH

    let garbage = Credentials::builder()
        .key_pem(b"not a key")
        .cert_pem(&p.server_cert)
        .build()
        .unwrap_err();
    assert!(garbage.code().is_some());

    let no_cert = Credentials::builder()
        .key_pem(&p.server_key.pem())
        .build()
        .unwrap_err();
    assert_eq!(
        no_cert.message(),
        "You need to specify a certificate and key location."
    );
    assert_eq!(no_cert.code(), None);
    let nothing = Credentials::builder().build().unwrap_err();
    assert_eq!(
        nothing.message(),
        "You need to specify a certificate and key location."
    );

    let bad_trust = server_builder(&p).trust_pem(b"junk").build();
    // GnuTLS accepts a PEM blob without certificates (0 added); garbage inside a
    // certificate block is an error.
    assert!(bad_trust.is_ok());
    let bad_trust = server_builder(&p)
        .trust_pem(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        .build()
        .unwrap_err();
    assert!(bad_trust
        .message()
        .starts_with("Bad trust certificate format: "));
}

#[test]
fn priorities_default_explicit_and_appended() {
    let p = pki();
    let creds = server_builder(&p).build().unwrap();
    assert_eq!(creds.priority_string(), "NORMAL");

    let bad = server_builder(&p)
        .priorities("NORMAL:+BOGUS")
        .build()
        .unwrap_err();
    eprintln!("bad priorities: {bad}");
    assert!(bad
        .message()
        .starts_with("Setting priorities to 'NORMAL:+BOGUS' failed: "));
    assert!(bad.message().ends_with("(at offset 7: '+BOGUS')"));

    let both = server_builder(&p)
        .priorities("NORMAL")
        .priorities_append("%COMPAT")
        .build()
        .unwrap_err();
    assert!(both.message().contains("cannot be used together"));

    let appended = server_builder(&p)
        .priorities_append("-VERS-TLS1.3")
        .build()
        .unwrap();
    assert_eq!(appended.priority_string(), "NORMAL:-VERS-TLS1.3");
    let colon = server_builder(&p)
        .priorities_append(":%COMPAT")
        .build()
        .unwrap();
    assert_eq!(colon.priority_string(), "NORMAL:%COMPAT");

    // The appended string is in force: TLS 1.3 is off, so TLS 1.2 is negotiated.
    let (ss, cs_) = pair();
    let mut server = Session::server(&Arc::new(appended), ss.as_raw_fd(), false).unwrap();
    let mut c = client(&cs_, ClientOpts::default());
    pump(&mut server, &mut c);
    assert_eq!(server.protocol(), GNUTLS_TLS1_2);
}

#[test]
fn dh_params() {
    let p = pki();
    let dh = ffdhe2048_pem();
    assert!(String::from_utf8_lossy(&dh).contains("BEGIN DH PARAMETERS"));
    let creds = Arc::new(server_builder(&p).dh_params_pem(&dh).build().unwrap());
    // The parameters outlive nothing they are needed for: a handshake still works.
    let (ss, cs_) = pair();
    let mut server = Session::server(&creds, ss.as_raw_fd(), false).unwrap();
    let mut c = client(&cs_, ClientOpts::default());
    pump(&mut server, &mut c);

    let bad = server_builder(&p)
        .dh_params_pem(b"-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n")
        .build()
        .unwrap_err();
    assert!(bad
        .message()
        .starts_with("Bad Diffie-Hellman parameters format: "));
}

// (d) Plain HTTP sent to an HTTPS port fails the handshake with GnuTLS's message.
#[test]
fn plaintext_http_fails_the_handshake() {
    let p = pki();
    let (ss, cs_) = pair();
    let mut server = Session::server(&server_creds(&p), ss.as_raw_fd(), true).unwrap();
    (&cs_).write_all_plain(b"GET / HTTP/1.1\r\n\r\n").unwrap();
    let step = server.handshake();
    eprintln!("plaintext handshake: {step:?}");
    let HandshakeStep::Failed(message) = step else {
        panic!("expected a failure, got {step:?}");
    };
    // "GET " read as a record header: content type 'G' is no TLS record type.
    assert_eq!(message, "An unexpected TLS packet was received.");
    assert_eq!(message, gnutls::strerror(E_UNEXPECTED_PACKET));
    // The failure sticks.
    assert_eq!(server.handshake(), HandshakeStep::Failed(message.clone()));
    let mut buf = [0u8; 8];
    let err = server.read(&mut buf).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    assert_eq!(err.to_string(), message);
    assert!(server.write_vectored(&[IoSlice::new(b"x")]).is_err());
    assert!(!server.wants_write());
    assert_eq!(server.pending(), 0);
    server.shutdown().unwrap();
}

/// Writes raw bytes to a socket (the tests' plaintext client).
trait WritePlain {
    fn write_all_plain(self, data: &[u8]) -> io::Result<()>;
}

impl WritePlain for &UnixStream {
    fn write_all_plain(mut self, data: &[u8]) -> io::Result<()> {
        io::Write::write_all(&mut self, data)
    }
}

// (e) ALPN picks http/1.1 when the client offers it.
#[test]
fn alpn_selects_http11() {
    let p = pki();
    let (server, gc, _s, _c) = established(
        &p,
        ClientOpts {
            alpn: &[b"h2", b"http/1.1"],
            ..Default::default()
        },
    );
    assert_eq!(server.alpn_protocol().as_deref(), Some(&b"http/1.1"[..]));
    assert_eq!(gc.alpn_selected().as_deref(), Some(&b"http/1.1"[..]));

    let (server, _client, _s, _c) = established(
        &p,
        ClientOpts {
            alpn: &[b"http/1.0"],
            ..Default::default()
        },
    );
    assert_eq!(server.alpn_protocol().as_deref(), Some(&b"http/1.0"[..]));

    // No ALPN on the server: nothing is negotiated.
    let (ss, cs_) = pair();
    let mut server = Session::server(&server_creds(&p), ss.as_raw_fd(), false).unwrap();
    let mut c = client(
        &cs_,
        ClientOpts {
            alpn: &[b"http/1.1"],
            ..Default::default()
        },
    );
    pump(&mut server, &mut c);
    assert_eq!(server.alpn_protocol(), None);
}

// (f) With a trust list, client certificates are requested, not required.
#[test]
fn client_certificates_requested_with_trust() {
    let p = pki();
    let creds = Arc::new(server_builder(&p).trust_pem(&p.ca_cert).build().unwrap());
    assert!(creds.requests_client_certificate());

    let (ss, cs_) = pair();
    let mut server = Session::server(&creds, ss.as_raw_fd(), true).unwrap();
    let mut c = client(
        &cs_,
        ClientOpts {
            cert: Some((&p.client_cert, &p.client_key)),
            ..Default::default()
        },
    );
    pump(&mut server, &mut c);
    let der = server
        .peer_certificate_der()
        .expect("the client's certificate");
    assert_eq!(X509Cert::subject_of_der(&der), "CN=Test Client");
    // Still NULL, as in libmicrohttpd 0.9.75 (see `client_cert_raw`).
    assert!(server.client_cert_raw().is_null());
    client_send_all(&mut c, b"ping");
    assert_eq!(server_read_exact(&mut server, 4), b"ping");

    // A client without a certificate still gets in.
    let (ss, cs_) = pair();
    let mut server = Session::server(&creds, ss.as_raw_fd(), true).unwrap();
    let mut c = client(&cs_, ClientOpts::default());
    pump(&mut server, &mut c);
    assert!(server.peer_certificate_der().is_none());

    // Without a trust list nothing is requested, so nothing is sent.
    let plain = server_creds(&p);
    assert!(!plain.requests_client_certificate());
    let (ss, cs_) = pair();
    let mut server = Session::server(&plain, ss.as_raw_fd(), true).unwrap();
    let mut c = client(
        &cs_,
        ClientOpts {
            cert: Some((&p.client_cert, &p.client_key)),
            ..Default::default()
        },
    );
    pump(&mut server, &mut c);
    assert!(server.peer_certificate_der().is_none());
}

// (g) shutdown sends close_notify: the peer reads end-of-stream.
#[test]
fn shutdown_sends_close_notify() {
    let p = pki();
    let (mut server, mut client, _s, _c) = established(&p, ClientOpts::default());
    server_write_all(&mut server, b"bye");
    server.shutdown().unwrap();
    assert!(!server.wants_write());
    // Idempotent.
    server.shutdown().unwrap();
    assert_eq!(client_recv_exact(&mut client, 3), b"bye");
    let mut buf = [0u8; 8];
    let mut rc = client.record_recv(&mut buf);
    for _ in 0..SPINS {
        if rc != gnutls::E_AGAIN as isize {
            break;
        }
        rc = client.record_recv(&mut buf);
    }
    assert_eq!(rc, 0, "{}", gnutls::strerror(rc as c_int));
    let err = server.write_vectored(&[IoSlice::new(b"x")]).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);

    // The client's close_notify is end-of-stream for the server.
    assert_eq!(client.bye(gnutls::SHUT_WR), 0);
    let mut got = server.read(&mut buf);
    for _ in 0..SPINS {
        if !matches!(&got, Err(e) if e.kind() == io::ErrorKind::WouldBlock) {
            break;
        }
        got = server.read(&mut buf);
    }
    assert_eq!(got.unwrap(), 0);
}

#[test]
fn peer_closing_without_close_notify_is_end_of_stream() {
    let p = pki();
    let (mut server, client, _s, c) = established(&p, ClientOpts::default());
    drop(client);
    drop(c);
    let mut buf = [0u8; 8];
    assert_eq!(server.read(&mut buf).unwrap(), 0);
}

// A write that would block keeps GnuTLS's queued record and finishes it on the next call.
#[test]
fn blocked_write_is_finished_by_the_next_call() {
    let p = pki();
    let (mut server, mut client, _s, _c) = established(&p, ClientOpts::default());
    let chunk: Vec<u8> = (0..16384u32).map(|i| (i * 7 % 256) as u8).collect();
    let mut sent = Vec::new();
    let blocked = loop {
        match server.write_vectored(&[IoSlice::new(&chunk)]) {
            Ok(n) => {
                assert_eq!(n, chunk.len());
                sent.extend_from_slice(&chunk);
                assert!(sent.len() < 64 << 20, "the socket never filled");
            }
            Err(e) => {
                assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
                break chunk.clone();
            }
        }
    };
    assert!(server.wants_write());
    // Still blocked while the client reads nothing.
    let again = server
        .write_vectored(&[IoSlice::new(&blocked)])
        .unwrap_err();
    assert_eq!(again.kind(), io::ErrorKind::WouldBlock);

    // The client drains what was sent; then the retry completes with the queued length.
    assert_eq!(client_recv_exact(&mut client, sent.len()), sent);
    let mut done = None;
    let mut received = Vec::new();
    for _ in 0..SPINS {
        match server.write_vectored(&[IoSlice::new(&blocked), IoSlice::new(b"more")]) {
            Ok(n) => {
                done = Some(n);
                break;
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                // Part of the queued record is on the socket: drain it.
                let mut buf = [0u8; 4096];
                let n = client.record_recv(&mut buf);
                if n > 0 {
                    received.extend_from_slice(&buf[..n as usize]);
                }
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(done, Some(blocked.len()));
    assert!(!server.wants_write());
    let rest = client_recv_exact(&mut client, blocked.len() - received.len());
    received.extend_from_slice(&rest);
    assert_eq!(received, blocked);
    // The stream goes on normally.
    server_write_all(&mut server, b"end");
    assert_eq!(client_recv_exact(&mut client, 3), b"end");
}

#[test]
fn psk_handshake_uses_the_lookup() {
    const PSK_PRIO: &str = "NORMAL:+ECDHE-PSK:+DHE-PSK:+PSK";
    let seen = Arc::new(AtomicUsize::new(0));
    let seen2 = Arc::clone(&seen);
    let creds = Arc::new(
        Credentials::builder()
            .kind(CredentialKind::Psk)
            .priorities(PSK_PRIO)
            .psk_with_user_ptr(move |user_ptr, name| {
                seen2.store(user_ptr, Ordering::SeqCst);
                (name == b"alice").then(|| b"0123456789abcdef".to_vec())
            })
            .build()
            .unwrap(),
    );
    assert_eq!(creds.kind(), CredentialKind::Psk);
    assert!(!creds.requests_client_certificate());

    let (ss, cs_) = pair();
    let mut server = Session::server(&creds, ss.as_raw_fd(), false).unwrap();
    server.set_user_ptr(0x1234 as *mut std::ffi::c_void);
    let mut c = client(
        &cs_,
        ClientOpts {
            priorities: Some(PSK_PRIO),
            psk: Some(("alice", b"0123456789abcdef")),
            ..Default::default()
        },
    );
    pump(&mut server, &mut c);
    assert_eq!(seen.load(Ordering::SeqCst), 0x1234);
    client_send_all(&mut c, b"psk!");
    assert_eq!(server_read_exact(&mut server, 4), b"psk!");

    // Unknown user and wrong key: the handshake fails.
    for (user, key) in [
        ("bob", &b"0123456789abcdef"[..]),
        ("alice", &b"wrong key"[..]),
    ] {
        let (ss, cs_) = pair();
        let mut server = Session::server(&creds, ss.as_raw_fd(), false).unwrap();
        let mut c = client(
            &cs_,
            ClientOpts {
                priorities: Some(PSK_PRIO),
                psk: Some((user, key)),
                ..Default::default()
            },
        );
        let m = pump_until_server_fails(&mut server, &mut c);
        eprintln!("psk {user}: {m}");
        assert!(!m.is_empty());
    }

    // The simple form, and the missing handler.
    Credentials::builder()
        .kind(CredentialKind::Psk)
        .psk(|_| None)
        .build()
        .unwrap();
    let none = Credentials::builder()
        .kind(CredentialKind::Psk)
        .build()
        .unwrap_err();
    assert_eq!(
        none.message(),
        "PSK credentials need a PSK credentials handler"
    );
    assert_eq!(
        CredentialKind::from_gnutls(1),
        Some(CredentialKind::Certificate)
    );
    assert_eq!(CredentialKind::from_gnutls(4), Some(CredentialKind::Psk));
    assert_eq!(CredentialKind::from_gnutls(2), None);
}

// A TLS 1.2 client's renegotiation: GnuTLS 3.7 answers no_renegotiation by itself and
// reports an unexpected packet, which ends the connection (as in libmicrohttpd).
#[test]
fn client_renegotiation_is_refused() {
    let p = pki();
    let (mut server, mut client, _s, _c) = established(
        &p,
        ClientOpts {
            priorities: Some("NORMAL:-VERS-ALL:+VERS-TLS1.2"),
            ..Default::default()
        },
    );
    assert_eq!(server.protocol(), GNUTLS_TLS1_2);
    client_send_all(&mut client, b"before");
    assert_eq!(server_read_exact(&mut server, 6), b"before");
    assert_eq!(client.handshake(), gnutls::E_AGAIN);
    let mut buf = [0u8; 16];
    let err = server.read(&mut buf).unwrap_err();
    eprintln!("server read after a renegotiation request: {err}");
    assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    assert_eq!(err.to_string(), gnutls::strerror(E_UNEXPECTED_PACKET));
    let mut rc = client.handshake();
    for _ in 0..SPINS {
        if rc != gnutls::E_AGAIN {
            break;
        }
        rc = client.handshake();
    }
    assert_eq!(
        rc,
        gnutls::E_WARNING_ALERT_RECEIVED,
        "{}",
        gnutls::strerror(rc)
    );
    assert_eq!(client.alert_get(), gnutls::A_NO_RENEGOTIATION);
}

// The application's certificate callback is what GnuTLS asks during the handshake; key and
// certificate are then optional.
#[test]
fn certificate_callbacks_are_passed_to_gnutls() {
    for kind in [RetrieveKind::Function2, RetrieveKind::Function3] {
        let f = refusing_retrieve_function(kind);
        assert_eq!(f.kind(), kind);
        assert!(!f.as_raw().is_null());
        let creds = Arc::new(Credentials::builder().cert_retrieve(f).build().unwrap());
        let before = refusing_retrieve_calls(kind);
        let (ss, cs_) = pair();
        let mut server = Session::server(&creds, ss.as_raw_fd(), true).unwrap();
        let mut c = client(&cs_, ClientOpts::default());
        let m = pump_until_server_fails(&mut server, &mut c);
        eprintln!("refusing {kind:?}: {m}");
        assert!(
            refusing_retrieve_calls(kind) > before,
            "{kind:?} was not called"
        );
    }
}
