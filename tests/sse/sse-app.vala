/* sse-app.vala - the app behind nginx for tests/sse/run.sh and bench/resume.
 *
 * usage: sse-app MODE PORT
 *   MODE select  the integration plan's Server + SocketMonitor
 *                (tests/vala/seed/*.vala, compiled in unchanged: external
 *                select mode, per-fd GLib watches, 50 ms timer)
 *   MODE epoll   MHD.USE_EPOLL, no internal thread; the epoll fd
 *                (DAEMON_INFO_EPOLL_FD) is watched by ONE GLib source, a
 *                timeout is re-armed from MHD.get_timeout, and a resume
 *                queues an idle MHD.run
 *   MODE thread  MHD.USE_SELECT_INTERNALLY | MHD.ALLOW_SUSPEND_RESUME: the
 *                access handler and content readers run on MHD's thread,
 *                timers and MHD.resume_connection on the GLib main thread
 *                (the setup that hung in production)
 *
 * routes (every body names the request so the client can check it):
 *   GET /hello?id=N                    "hello N\n"
 *   GET /async?id=N&delay=MS           suspended; a GLib timeout resumes it
 *                                      after MS ms; "async N T\n" where T is
 *                                      g_get_real_time() (us) taken right
 *                                      before MHD_resume_connection
 *   GET /events?id=N&count=C&interval=MS
 *                                      SSE: C events "data: N SEQ T\n\n"
 *                                      (T = real time in us when the event's
 *                                      GLib timer fired), then end of stream;
 *                                      the content reader suspends and
 *                                      returns 0 while no event is queued,
 *                                      each event resumes the connection
 *
 * build (see tests/sse/run.sh):
 *   valac --vapidir vapi --pkg libmicrohttpd --pkg gio-2.0 -X -Ivapi -X -lmicrohttpd \
 *     tests/vala/invercargill/Invercargill.vala tests/vala/seed/*.vala tests/sse/sse-app.vala
 */
using Astralis;

/* ------------------------------------------------ mode "select": seed Server */

class SseHello : Endpoint {
	public override HttpResult handle (RequestContext ctx) {
		return new HttpResult.text (200, "hello %d\n".printf (ctx.query_int ("id", 0)));
	}
}

class SseDelayed : Endpoint {
	public override bool is_async { get { return true; } }
	public override async HttpResult handle_async (RequestContext ctx) {
		int delay = ctx.query_int ("delay", 20);
		int id = ctx.query_int ("id", 0);
		Timeout.add (delay, () => {
			handle_async.callback ();
			return false;
		});
		yield;
		/* the seed Server resumes the connection as soon as this returns */
		return new HttpResult.text (200, "async %d %lld\n".printf (id, get_real_time ()));
	}
}

class SseEvents : Endpoint {
	public override HttpResult handle (RequestContext ctx) {
		int id = ctx.query_int ("id", 0);
		int count = ctx.query_int ("count", 3);
		int interval = ctx.query_int ("interval", 100);
		var stream = new EventStream ();
		int sent = 0;
		Timeout.add (interval, () => {
			if (stream.closed)
				return false;
			sent++;
			/* push() emits `changed`, the seed Server resumes the connection */
			stream.push ("%d %d %lld".printf (id, sent, get_real_time ()));
			if (sent >= count) {
				stream.finish ();
				return false;
			}
			return true;
		});
		return new HttpResult.events (stream);
	}
}

/* ------------------------------------- modes "epoll" and "thread": own server */

class GlibServer : Object {
	private MHD.Daemon daemon;
	private bool threaded;
	private uint timeout_id = 0;
	private IOChannel? epoll_channel = null;
	/* protects every Request field shared between MHD's thread and the GLib
	 * thread (thread mode); MHD suspend/resume are called under it so that a
	 * resume can never overtake the suspend it answers */
	private Mutex mutex = Mutex ();

	class Request : Object {
		public unowned MHD.Connection connection;
		public string url;
		public bool answered = false;
		public bool suspended = false;
		public bool done = false;
		public string? result = null;
		public Queue<string> events = new Queue<string> ();
		public bool events_finished = false;
	}
	/* keeps Requests alive while MHD holds them in *con_cls (MHD thread only
	 * in thread mode, GLib thread only in epoll mode) */
	private GenericArray<Request> requests = new GenericArray<Request> ();

	public bool start (bool threaded, uint16 port) {
		this.threaded = threaded;
		uint flags = MHD.ALLOW_SUSPEND_RESUME | MHD.USE_ERROR_LOG;
		flags |= threaded ? MHD.USE_SELECT_INTERNALLY : MHD.USE_EPOLL;
		daemon = MHD.Daemon.start (flags, port, null, access_handler,
		                           MHD.OPTION_NOTIFY_COMPLETED, (void*) completed, (void*) this,
		                           MHD.OPTION_CONNECTION_TIMEOUT, (uint) 30,
		                           MHD.OPTION_END);
		if (daemon == null)
			return false;
		if (!threaded) {
			int epoll_fd = daemon.get_info (MHD.DaemonInfoType.EPOLL_FD).epoll_fd;
			epoll_channel = new IOChannel.unix_new (epoll_fd);
			epoll_channel.add_watch (IOCondition.IN, (source, cond) => {
				drive ();
				return Source.CONTINUE;
			});
			drive ();
		}
		return true;
	}

	/* epoll mode: run MHD, then re-arm the timeout it asks for */
	private void drive () {
		daemon.run ();
		if (timeout_id != 0) {
			Source.remove (timeout_id);
			timeout_id = 0;
		}
		uint64 ms;
		if (daemon.get_timeout (out ms) == MHD.Result.YES) {
			timeout_id = Timeout.add ((uint) uint64.min (ms, 1000), () => {
				timeout_id = 0;
				drive ();
				return Source.REMOVE;
			});
		}
	}

	/* GLib thread, mutex held */
	private void resume_locked (Request req) {
		if (req.suspended && !req.done) {
			req.suspended = false;
			req.connection.resume ();
			if (!threaded)
				Idle.add (() => { drive (); return Source.REMOVE; });
		}
	}

	private MHD.Result access_handler (MHD.Connection connection, string url, string method, string version,
	                                   uint8[]? upload_data, size_t* upload_data_size, void** con_cls) {
		if (*con_cls == null) {
			var r = new Request ();
			r.connection = connection;
			r.url = url;
			requests.add (r);
			*con_cls = (void*) r;
			return MHD.Result.YES;
		}
		unowned Request req = (Request) (*con_cls);
		if (*upload_data_size != 0) {
			*upload_data_size = 0;
			return MHD.Result.YES;
		}
		mutex.lock ();
		string? result = req.result;
		bool answered = req.answered;
		req.answered = true;
		mutex.unlock ();
		if (result != null)
			return reply (connection, 200, result, "text/plain");
		if (answered)
			return MHD.Result.YES;
		unowned string? s = connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "id");
		int id = s != null ? int.parse (s) : 0;
		switch (url) {
		case "/hello":
			return reply (connection, 200, "hello %d\n".printf (id), "text/plain");
		case "/async":
			s = connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "delay");
			int delay = s != null ? int.parse (s) : 20;
			mutex.lock ();
			req.suspended = true;
			connection.suspend ();
			mutex.unlock ();
			Request held = req;
			/* g_timeout_add is thread safe: the callback runs on the GLib thread */
			Timeout.add (delay, () => {
				mutex.lock ();
				if (!held.done) {
					held.result = "async %d %lld\n".printf (id, get_real_time ());
					resume_locked (held);
				}
				mutex.unlock ();
				return Source.REMOVE;
			});
			return MHD.Result.YES;
		case "/events":
			return start_events (req, id);
		default:
			return reply (connection, 404, "not found\n", "text/plain");
		}
	}

	private MHD.Result start_events (Request req, int id) {
		unowned string? c = req.connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "count");
		unowned string? i = req.connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "interval");
		int count = c != null ? int.parse (c) : 3;
		int interval = i != null ? int.parse (i) : 100;
		Request held = req;
		int sent = 0;
		Timeout.add (interval, () => {
			mutex.lock ();
			if (held.done) {
				mutex.unlock ();
				return Source.REMOVE;
			}
			sent++;
			held.events.push_tail ("data: %d %d %lld\n\n".printf (id, sent, get_real_time ()));
			if (sent >= count)
				held.events_finished = true;
			resume_locked (held);
			mutex.unlock ();
			return sent < count ? Source.CONTINUE : Source.REMOVE;
		});
		var resp = new MHD.Response.from_callback (MHD.SIZE_UNKNOWN, 1024, (pos, buf) => {
			mutex.lock ();
			ssize_t ret;
			if (held.done) {
				ret = MHD.CONTENT_READER_END_WITH_ERROR;
			} else if (held.events.length == 0) {
				if (held.events_finished) {
					ret = MHD.CONTENT_READER_END_OF_STREAM;
				} else {
					if (!held.suspended) {
						held.suspended = true;
						held.connection.suspend ();
					}
					ret = 0;
				}
			} else {
				string ev = held.events.peek_head ();
				if (ev.length > buf.length) {
					ret = MHD.CONTENT_READER_END_WITH_ERROR;
				} else {
					held.events.pop_head ();
					Memory.copy (buf, ev.data, ev.length);
					ret = ev.length;
				}
			}
			mutex.unlock ();
			return ret;
		});
		resp.add_header (MHD.HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
		resp.add_header (MHD.HTTP_HEADER_CACHE_CONTROL, "no-cache");
		return req.connection.queue_response (MHD.HTTP_OK, resp);
	}

	private static MHD.Result reply (MHD.Connection connection, uint status, string body, string type) {
		var resp = new MHD.Response.from_buffer (body.data, MHD.ResponseMemoryMode.MUST_COPY);
		resp.add_header (MHD.HTTP_HEADER_CONTENT_TYPE, type);
		return connection.queue_response (status, resp);
	}

	private static void completed (void* cls, MHD.Connection connection, void** con_cls,
	                               MHD.RequestTerminationCode toe) {
		if (*con_cls == null)
			return;
		unowned GlibServer self = (GlibServer) cls;
		unowned Request req = (Request) (*con_cls);
		*con_cls = null;
		self.mutex.lock ();
		req.done = true;
		self.mutex.unlock ();
		self.requests.remove (req);
	}
}

int main (string[] args) {
	if (args.length < 3) {
		stderr.printf ("usage: %s select|epoll|thread PORT\n", args[0]);
		return 2;
	}
	string mode = args[1];
	uint16 port = (uint16) int.parse (args[2]);
	Posix.signal (Posix.Signal.PIPE, Posix.SIG_IGN);
	if (mode == "select") {
		var pipeline = new Pipeline ();
		pipeline.add ("/hello", new SseHello ())
		        .add ("/async", new SseDelayed ())
		        .add ("/events", new SseEvents ());
		var server = new Astralis.Server (port, pipeline);
		server.run ();     /* the plan's run(): SocketMonitor + MainLoop.run() */
		return 0;
	}
	if (mode != "epoll" && mode != "thread") {
		stderr.printf ("unknown mode %s\n", mode);
		return 2;
	}
	var server = new GlibServer ();
	if (!server.start (mode == "thread", port)) {
		stderr.printf ("failed to start the daemon (%s) on port %u\n", mode, port);
		return 1;
	}
	new MainLoop ().run ();
	return 0;
}
