//! Whole exchanges through the state machine over the in-memory transport: no sockets, no
//! event loop. Each test plays the client and the loop: it sends bytes, reports readiness,
//! runs `process` and compares what came back byte for byte.

use std::sync::{Arc, Mutex};

use super::*;
use crate::response::{Body, ContentReader, ReadResult};
use crate::transport::memory::{self, MemoryPeer};
use crate::transport::AnyTransport;

/// Echoes `METHOD URL body`; `/suspend` suspends on its first call, `/stream` answers
/// with a reader of unknown size (sent chunked), `/no` answers `MHD_NO`.
#[derive(Default)]
struct Echo {
    completed: Mutex<Vec<Termination>>,
    body: Mutex<Vec<u8>>,
    calls: Mutex<usize>,
}

struct Countdown;

impl ContentReader for Countdown {
    fn read(&self, pos: u64, buf: &mut [u8]) -> ReadResult {
        let chunks: [&[u8]; 2] = [b"abc", b"defgh"];
        let chunk = match pos {
            0 => chunks[0],
            3 => chunks[1],
            _ => return ReadResult::End,
        };
        buf[..chunk.len()].copy_from_slice(chunk);
        ReadResult::Data(chunk.len())
    }
}

impl Application for Echo {
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool {
        *self.calls.lock().unwrap() += 1;
        let url = call.url.to_bytes().to_vec();
        if url == b"/no" {
            return false;
        }
        if url == b"/early" {
            // Answers on the first call, before any body is read.
            let response = Response::new(Body::Owned(b"early".to_vec()));
            return conn.queue_response(200, Arc::new(response)).is_ok();
        }
        if call.con_cls == 0 {
            call.con_cls = 1;
            self.body.lock().unwrap().clear();
            if url == b"/suspend" {
                assert!(conn.suspend());
            }
            return true;
        }
        if !call.upload.is_empty() {
            self.body.lock().unwrap().extend_from_slice(call.upload);
            call.upload_left = 0;
            return true;
        }
        if url == b"/suspend" {
            // Still waiting for whoever resumes us to queue the answer.
            return true;
        }
        let response = if url == b"/stream" {
            Response::new(Body::Reader {
                reader: Box::new(Countdown),
                size: None,
                block_size: 1024,
            })
        } else {
            let mut reply = call.method.to_bytes().to_vec();
            reply.push(b' ');
            reply.extend_from_slice(&url);
            reply.push(b' ');
            reply.extend_from_slice(&self.body.lock().unwrap());
            Response::new(Body::Owned(reply))
        };
        conn.queue_response(200, Arc::new(response)).is_ok()
    }

    fn completed(&self, _conn: &Connection, _con_cls: &mut usize, why: Termination) {
        self.completed.lock().unwrap().push(why);
    }
}

/// The application is shared between the connection's environment and the test.
struct Shared(Arc<Echo>);

impl Application for Shared {
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool {
        self.0.access(conn, call)
    }
    fn completed(&self, conn: &Connection, con_cls: &mut usize, why: Termination) {
        self.0.completed(conn, con_cls, why)
    }
}

struct Harness {
    app: Arc<Echo>,
    conn: Connection,
    peer: MemoryPeer,
}

fn harness() -> Harness {
    let app = Arc::new(Echo::default());
    let settings = Settings {
        date_header: false,
        suspend_resume: true,
        ..Settings::default()
    };
    let digest = crate::auth::DigestState::new(4, &[], None);
    let env = Arc::new(Env::new(settings, Box::new(Shared(app.clone())), digest));
    let (transport, peer) = memory::pair();
    let peer_addr = socket2::SockAddr::from(std::net::SocketAddr::from(([127, 0, 0, 1], 1)));
    let inbox = Inbox::new().expect("eventfd");
    let conn = Connection::new(env, AnyTransport::Memory(transport), peer_addr, inbox, 0);
    Harness { app, conn, peer }
}

impl Harness {
    /// Sends `bytes`, reports readiness, runs the state machine once.
    fn send(&self, bytes: &[u8]) -> Outcome {
        self.peer.send(bytes);
        self.run()
    }

    fn run(&self) -> Outcome {
        self.conn.set_ready(true, true);
        self.conn.process()
    }

    fn received(&self) -> String {
        String::from_utf8_lossy(&self.peer.received()).into_owned()
    }

    fn completed(&self) -> Vec<Termination> {
        self.app.completed.lock().unwrap().clone()
    }
}

const OK_GET_A: &str = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nGET /a ";

#[test]
fn keep_alive_serves_requests_one_after_another() {
    let h = harness();
    assert_eq!(h.send(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"), Outcome::Idle);
    assert_eq!(h.received(), OK_GET_A);
    assert_eq!(
        h.send(b"GET /bb HTTP/1.1\r\nHost: x\r\n\r\n"),
        Outcome::Idle
    );
    assert_eq!(
        h.received(),
        "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nGET /bb "
    );
    assert_eq!(h.completed(), [Termination::CompletedOk; 2]);
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let h = harness();
    let out = h.send(b"GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
    assert_eq!(out, Outcome::Idle);
    assert_eq!(
        h.received(),
        format!("{OK_GET_A}HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nPOST /b hi")
    );
}

#[test]
fn chunked_upload_reaches_the_handler_decoded() {
    let h = harness();
    h.send(b"PUT /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    assert_eq!(h.received(), "", "no answer before the last chunk");
    h.send(b"6\r\n world\r\n0\r\n\r\n");
    assert_eq!(
        h.received(),
        "HTTP/1.1 200 OK\r\nContent-Length: 19\r\n\r\nPUT /up hello world"
    );
}

#[test]
fn body_of_unknown_size_is_sent_chunked() {
    let h = harness();
    h.send(b"GET /stream HTTP/1.1\r\n\r\n");
    assert_eq!(
        h.received(),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n5\r\ndefgh\r\n0\r\n\r\n"
    );
    // HTTP/1.0 cannot chunk: the body ends with the connection.
    let h = harness();
    let out = h.send(b"GET /stream HTTP/1.0\r\n\r\n");
    assert_eq!(out, Outcome::Close(Termination::CompletedOk));
    assert_eq!(
        h.received(),
        "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabcdefgh"
    );
}

#[test]
fn suspended_request_is_answered_after_resume_from_another_thread() {
    let h = harness();
    assert_eq!(h.send(b"GET /suspend HTTP/1.1\r\n\r\n"), Outcome::Idle);
    assert!(h.conn.is_suspended());
    assert_eq!(h.run(), Outcome::Idle, "suspended: nothing happens");
    assert_eq!(h.received(), "");
    let remote = h.conn.remote_handle();
    std::thread::spawn(move || {
        let response = Response::new(Body::Owned(b"late".to_vec()));
        remote.queue(202, Arc::new(response)).unwrap();
        remote.request_resume();
    })
    .join()
    .unwrap();
    assert!(h.conn.take_resume(), "the loop sees the resume request");
    assert_eq!(h.run(), Outcome::Idle);
    assert_eq!(
        h.received(),
        "HTTP/1.1 202 Accepted\r\nContent-Length: 4\r\n\r\nlate"
    );
    assert_eq!(h.completed(), [Termination::CompletedOk]);
}

#[test]
fn response_waits_for_a_writable_transport() {
    let h = harness();
    h.peer.limit_writes(Some(0));
    assert_eq!(h.send(b"GET /a HTTP/1.1\r\n\r\n"), Outcome::Idle);
    assert_eq!(h.received(), "");
    assert_eq!(h.conn.interest(), (false, true), "asks for write readiness");
    // The client reads a few bytes at a time from now on.
    h.peer.limit_writes(Some(5));
    assert_eq!(h.run(), Outcome::Idle);
    assert_eq!(h.received(), OK_GET_A);
    assert_eq!(h.conn.interest(), (true, false), "back to reading");
}

#[test]
fn malformed_chunk_gets_400_and_close() {
    let h = harness();
    let out = h.send(b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    // The body was not read to its end: the client may still send, so the close lingers.
    assert!(matches!(out, Outcome::RetryAt(_)), "{out:?}");
    assert!(h.peer.is_shut());
    let got = h.received();
    assert!(got.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{got}");
    assert!(got.contains("Connection: close\r\n"), "{got}");
}

#[test]
fn http10_without_keep_alive_closes_after_the_response() {
    let h = harness();
    let out = h.send(b"GET /a HTTP/1.0\r\n\r\n");
    assert_eq!(out, Outcome::Close(Termination::CompletedOk));
    assert_eq!(
        h.received(),
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 7\r\n\r\nGET /a "
    );
}

#[test]
fn client_gone_mid_body_is_a_client_abort() {
    let h = harness();
    h.send(b"POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    h.peer.close();
    assert_eq!(h.run(), Outcome::Close(Termination::ClientAbort));
    assert_eq!(h.received(), "");
}

#[test]
fn handler_refusal_closes_without_a_response() {
    let h = harness();
    assert_eq!(
        h.send(b"GET /no HTTP/1.1\r\n\r\n"),
        Outcome::Close(Termination::WithError)
    );
    assert_eq!(h.received(), "");
}

#[test]
fn idle_client_closing_between_requests_is_a_clean_end() {
    let h = harness();
    h.send(b"GET /a HTTP/1.1\r\n\r\n");
    assert_eq!(h.received(), OK_GET_A);
    h.peer.close();
    assert_eq!(h.run(), Outcome::Close(Termination::CompletedOk));
}

#[test]
fn close_after_unread_input_lingers_with_the_sending_side_shut() {
    let h = harness();
    // 2 KiB of a 10 KiB body arrive; the application answers without reading it.
    let mut req = b"POST /early HTTP/1.1\r\nContent-Length: 10240\r\n\r\n".to_vec();
    req.extend_from_slice(&[b'x'; 2048]);
    let out = h.send(&req);
    assert!(matches!(out, Outcome::RetryAt(_)), "{out:?}");
    assert!(h.peer.is_shut(), "FIN after the response");
    assert!(h
        .received()
        .starts_with("HTTP/1.1 200 OK\r\nConnection: close\r\n"));
    assert_eq!(
        h.completed(),
        [Termination::CompletedOk],
        "reported before lingering"
    );
    // The client still sends: discarded, still open.
    assert!(matches!(h.send(&[b'y'; 4096]), Outcome::RetryAt(_)));
    h.peer.close();
    assert_eq!(h.run(), Outcome::Close(Termination::CompletedOk));
    assert_eq!(h.completed().len(), 1);
}

#[test]
fn close_with_nothing_unread_is_immediate() {
    let h = harness();
    let out = h.send(b"GET /a HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(out, Outcome::Close(Termination::CompletedOk));
    assert!(h.peer.is_shut());
}

#[test]
fn lingering_ends_after_a_bounded_amount_of_input() {
    let h = harness();
    let mut req = b"POST /early HTTP/1.1\r\nContent-Length: 999999\r\n\r\n".to_vec();
    req.extend_from_slice(&[b'x'; 100]);
    assert!(matches!(h.send(&req), Outcome::RetryAt(_)));
    assert_eq!(
        h.send(&vec![b'z'; 70 * 1024]),
        Outcome::Close(Termination::CompletedOk)
    );
}
