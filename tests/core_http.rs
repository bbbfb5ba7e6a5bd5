//! Integration tests of the safe core (no C ABI): a Rust `Application` served by internal
//! worker threads, driven by raw TCP clients. They assert the bytes a client sees.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use microhttpd::connection::{AccessCall, Application, Connection, Remote, Termination};
use microhttpd::daemon::{Config, Daemon};
use microhttpd::driver::Threading;
use microhttpd::response::{Body, Response};

/// Echoes the method, URL and uploaded body; `/suspend` suspends and is resumed by the test.
#[derive(Default)]
struct Echo {
    body: Mutex<Vec<u8>>,
    completed: Mutex<Vec<Termination>>,
    suspended: Mutex<Option<Arc<Remote>>>,
    calls: AtomicUsize,
}

fn text(s: microhttpd::request::NulStr<'_>) -> String {
    String::from_utf8_lossy(s.to_bytes()).into_owned()
}

/// What a test changes in an internal-thread daemon's configuration on 127.0.0.1.
#[derive(Clone, Copy, Default)]
struct Opts {
    suspend_resume: bool,
    no_date: bool,
}

fn config(opts: Opts) -> Config {
    let mut config = Config::default();
    config.driver.threading = Threading::Internal { pool: 1 };
    config.connection.suspend_resume = opts.suspend_resume;
    config.connection.date_header = !opts.no_date;
    config.listen.sock_addr = Some("127.0.0.1:0".parse().unwrap());
    config
}

impl Application for Echo {
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let url = text(call.url);
        if call.con_cls == 0 {
            call.con_cls = 1;
            self.body.lock().unwrap().clear();
            return true;
        }
        if !call.upload.is_empty() {
            self.body.lock().unwrap().extend_from_slice(call.upload);
            call.upload_left = 0;
            return true;
        }
        if url == "/suspend" && call.con_cls == 1 {
            call.con_cls = 2;
            assert!(conn.suspend());
            *self.suspended.lock().unwrap() = Some(conn.remote_handle());
            return true;
        }
        let reply = format!(
            "{} {} {}",
            text(call.method),
            url,
            String::from_utf8_lossy(&self.body.lock().unwrap())
        );
        conn.queue_response(
            200,
            Arc::new(Response::new(Body::Owned(reply.into_bytes()))),
        )
        .is_ok()
    }

    fn completed(&self, _conn: &Connection, _con_cls: &mut usize, why: Termination) {
        self.completed.lock().unwrap().push(why);
    }
}

fn start(app: Arc<Echo>, opts: Opts) -> (Daemon, u16) {
    struct Shared(Arc<Echo>);
    impl Application for Shared {
        fn access(&self, c: &Connection, call: &mut AccessCall<'_>) -> bool {
            self.0.access(c, call)
        }
        fn completed(&self, c: &Connection, cls: &mut usize, why: Termination) {
            self.0.completed(c, cls, why)
        }
    }
    let daemon = Daemon::start(config(opts), Box::new(Shared(app)), None).expect("daemon starts");
    let port = daemon.bind_port().expect("bound");
    (daemon, port)
}

/// Sends `request`, reads until `n` responses' worth of `marker` appear or the peer closes.
fn exchange(port: u16, request: &[u8], until: impl Fn(&str) -> bool) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => {
                out.extend_from_slice(b"<EOF>");
                break;
            }
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
        if until(&String::from_utf8_lossy(&out)) {
            break;
        }
    }
    strip_date(&String::from_utf8_lossy(&out))
}

fn strip_date(s: &str) -> String {
    s.split("\r\n")
        .map(|l| {
            if l.starts_with("Date: ") {
                "Date: <D>"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn keep_alive_and_pipelining() {
    let app = Arc::new(Echo::default());
    let (daemon, port) = start(app.clone(), Opts::default());
    let got = exchange(
        port,
        b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n",
        |s| s.matches("HTTP/1.1 200").count() == 2 && s.ends_with("/b "),
    );
    assert_eq!(
        got,
        "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 7\r\n\r\nGET /a HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 7\r\n\r\nGET /b "
    );
    daemon.stop();
    assert_eq!(
        *app.completed.lock().unwrap(),
        vec![Termination::CompletedOk, Termination::CompletedOk]
    );
}

#[test]
fn chunked_upload_is_decoded() {
    let app = Arc::new(Echo::default());
    let (daemon, port) = start(app, Opts::default());
    let got = exchange(port, b"POST /u HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nX-T: 1\r\n\r\n", |s| s.ends_with("abcde"));
    assert!(
        got.ends_with("Content-Length: 13\r\n\r\nPOST /u abcde"),
        "{got}"
    );
    daemon.stop();
}

#[test]
fn smuggling_attempts_are_refused_and_closed() {
    let app = Arc::new(Echo::default());
    let (daemon, port) = start(app.clone(), Opts::default());
    for req in [
        &b"POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"[..],
        b"POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    ] {
        let got = exchange(port, req, |s| s.ends_with("<EOF>"));
        assert!(got.starts_with("HTTP/1.1 400 Bad Request\r\nDate: <D>\r\nConnection: close\r\n"), "{got}");
        assert!(got.ends_with("</html><EOF>"), "{got}");
    }
    // The server still serves other requests.
    let got = exchange(port, b"GET /ok HTTP/1.1\r\n\r\n", |s| s.ends_with("/ok "));
    assert!(got.ends_with("GET /ok "));
    daemon.stop();
}

#[test]
fn resume_from_another_thread_wakes_the_loop() {
    let app = Arc::new(Echo::default());
    let opts = Opts {
        suspend_resume: true,
        ..Opts::default()
    };
    let (daemon, port) = start(app.clone(), opts);
    let resumer = {
        let app = app.clone();
        std::thread::spawn(move || {
            for _ in 0..500 {
                if let Some(remote) = app.suspended.lock().unwrap().take() {
                    std::thread::sleep(Duration::from_millis(20));
                    remote.request_resume();
                    return true;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            false
        })
    };
    // Nothing else happens on the daemon: only the resume's wake-up can deliver this.
    let got = exchange(port, b"GET /suspend HTTP/1.1\r\n\r\n", |s| {
        s.ends_with("/suspend ")
    });
    assert!(resumer.join().unwrap(), "handler suspended");
    assert!(
        got.ends_with("Content-Length: 13\r\n\r\nGET /suspend "),
        "{got}"
    );
    daemon.stop();
}

#[test]
fn stop_reports_open_requests_as_shutdown() {
    let app = Arc::new(Echo::default());
    let (daemon, port) = start(app.clone(), Opts::default());
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        .unwrap();
    for _ in 0..200 {
        if app.calls.load(Ordering::SeqCst) >= 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    daemon.stop();
    assert_eq!(
        *app.completed.lock().unwrap(),
        vec![Termination::DaemonShutdown]
    );
}

/// Consumes upload data only once 20 ms have passed since it was first offered.
#[derive(Default)]
struct Reluctant {
    offers: AtomicUsize,
    first_offer: Mutex<Option<std::time::Instant>>,
    body: Mutex<Vec<u8>>,
}

impl Application for Reluctant {
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool {
        if call.con_cls == 0 {
            call.con_cls = 1;
            return true;
        }
        if !call.upload.is_empty() {
            self.offers.fetch_add(1, Ordering::SeqCst);
            let first = *self
                .first_offer
                .lock()
                .unwrap()
                .get_or_insert_with(std::time::Instant::now);
            if first.elapsed() >= Duration::from_millis(20) {
                self.body.lock().unwrap().extend_from_slice(call.upload);
                call.upload_left = 0;
            }
            return true;
        }
        let body = self.body.lock().unwrap().clone();
        conn.queue_response(200, Arc::new(Response::new(Body::Owned(body))))
            .is_ok()
    }
}

#[test]
fn unconsumed_upload_is_offered_again_without_spinning() {
    struct Shared(Arc<Reluctant>);
    impl Application for Shared {
        fn access(&self, c: &Connection, call: &mut AccessCall<'_>) -> bool {
            self.0.access(c, call)
        }
    }
    let app = Arc::new(Reluctant::default());
    let daemon =
        Daemon::start(config(Opts::default()), Box::new(Shared(app.clone())), None).unwrap();
    let port = daemon.bind_port().unwrap();
    let got = exchange(
        port,
        b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
        |s| s.ends_with("hello"),
    );
    assert!(got.ends_with("Content-Length: 5\r\n\r\nhello"), "{got}");
    // Offered again after a pause each time (about every 5 ms), not in a busy loop.
    let offers = app.offers.load(Ordering::SeqCst);
    assert!(
        (2..=10).contains(&offers),
        "offered {offers} times in 20 ms"
    );
    daemon.stop();
}

#[test]
fn suppress_date_flag_omits_the_date_header() {
    let app = Arc::new(Echo::default());
    let opts = Opts {
        no_date: true,
        ..Opts::default()
    };
    let (daemon, port) = start(app, opts);
    let got = exchange(port, b"GET /d HTTP/1.1\r\n\r\n", |s| s.ends_with("/d "));
    assert_eq!(got, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nGET /d ");
    daemon.stop();
}

/// Suspends every request; another thread queues the response and resumes.
#[derive(Default)]
struct QueueFromOutside {
    suspended: Mutex<Option<Arc<Remote>>>,
}

impl Application for QueueFromOutside {
    fn access(&self, conn: &Connection, call: &mut AccessCall<'_>) -> bool {
        if call.con_cls == 0 {
            call.con_cls = 1;
            assert!(conn.suspend());
            *self.suspended.lock().unwrap() = Some(conn.remote_handle());
        }
        true
    }
}

#[test]
fn response_queued_from_another_thread_while_suspended() {
    struct Shared(Arc<QueueFromOutside>);
    impl Application for Shared {
        fn access(&self, c: &Connection, call: &mut AccessCall<'_>) -> bool {
            self.0.access(c, call)
        }
    }
    let app = Arc::new(QueueFromOutside::default());
    let opts = Opts {
        suspend_resume: true,
        ..Opts::default()
    };
    let daemon = Daemon::start(config(opts), Box::new(Shared(app.clone())), None).unwrap();
    let port = daemon.bind_port().unwrap();
    let worker = {
        let app = app.clone();
        std::thread::spawn(move || {
            for _ in 0..500 {
                if let Some(remote) = app.suspended.lock().unwrap().take() {
                    let queued =
                        remote.queue(202, Arc::new(Response::new(Body::Owned(b"later".to_vec()))));
                    remote.request_resume();
                    return queued.is_ok();
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            false
        })
    };
    let got = exchange(port, b"GET /x HTTP/1.1\r\n\r\n", |s| s.ends_with("later"));
    assert!(worker.join().unwrap(), "queued from the other thread");
    assert_eq!(
        got,
        "HTTP/1.1 202 Accepted\r\nDate: <D>\r\nContent-Length: 5\r\n\r\nlater"
    );
    daemon.stop();
}
