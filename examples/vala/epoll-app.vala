/* epoll-app.vala - libmicrohttpd in external epoll mode inside the GLib main
 * loop with ONE descriptor: the daemon is started with MHD.USE_EPOLL (no
 * internal thread), its epoll fd (MHD.get_daemon_info (EPOLL_FD)) is watched
 * by a single GLib IOChannel watch which calls MHD.run, and a timeout
 * source is re-armed from MHD.get_timeout after every run.
 *   GET /hello                       sync answer
 *   GET /async?delay=MS              suspended, resumed from a GLib timeout
 *   GET /events?count=N&interval=MS  server-sent events
 * usage: epoll-app [port]   (default 8080)
 * build: valac --vapidir vapi --pkg libmicrohttpd -X -Ivapi -X -lmicrohttpd examples/vala/epoll-app.vala
 */

class EpollServer : Object {
	private MHD.Daemon daemon;
	private uint timeout_id = 0;
	private uint fd_watch_id = 0;
	private IOChannel epoll_channel;

	/* per request state, kept alive through *con_cls by the `requests` list */
	class Request : Object {
		public unowned MHD.Connection connection;
		public bool answered = false;
		public bool suspended = false;
		public bool done = false;       /* connection finished (completed callback) */
		public string? result = null;   /* async result */
		public Queue<string> events = new Queue<string> ();
		public bool events_finished = false;
	}
	private GenericArray<Request> requests = new GenericArray<Request> ();

	public bool start (uint16 port) {
		daemon = MHD.Daemon.start (MHD.USE_EPOLL | MHD.ALLOW_SUSPEND_RESUME | MHD.USE_ERROR_LOG, port, null,
		                           access_handler,
		                           MHD.OPTION_NOTIFY_COMPLETED, (void*) completed, (void*) this,
		                           MHD.OPTION_END);
		if (daemon == null)
			return false;
		int epoll_fd = daemon.get_info (MHD.DaemonInfoType.EPOLL_FD).epoll_fd;
		/* (valac 0.56's glib-2.0.vapi has no GLib.Unix.fd_add: use an IOChannel) */
		epoll_channel = new IOChannel.unix_new (epoll_fd);
		fd_watch_id = epoll_channel.add_watch (IOCondition.IN, (source, cond) => {
			drive ();
			return Source.CONTINUE;
		});
		drive ();
		return true;
	}

	public uint16 port {
		get { return daemon.get_info (MHD.DaemonInfoType.BIND_PORT).port; }
	}

	/* run MHD, then re-arm the timeout it asks for */
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

	/* called from GLib callbacks: resume, then let MHD process it right away */
	private void resume (Request req) {
		if (req.suspended && !req.done) {
			req.suspended = false;
			req.connection.resume ();
			Idle.add (() => { drive (); return Source.REMOVE; });
		}
	}

	private MHD.Result access_handler (MHD.Connection connection, string url, string method, string version,
	                                   uint8[]? upload_data, size_t* upload_data_size, void** con_cls) {
		if (*con_cls == null) {
			var r = new Request ();
			r.connection = connection;
			requests.add (r);
			*con_cls = (void*) r;
			return MHD.Result.YES;
		}
		unowned Request req = (Request) (*con_cls);
		if (*upload_data_size != 0) {
			*upload_data_size = 0;
			return MHD.Result.YES;
		}
		if (req.result != null)
			return reply (connection, 200, req.result, "text/plain");
		if (req.answered)
			return MHD.Result.YES;
		req.answered = true;
		switch (url) {
		case "/hello":
			return reply (connection, 200, "Hello from epoll\n", "text/plain");
		case "/async":
			unowned string? d = connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "delay");
			int delay = d != null ? int.parse (d) : 100;
			req.suspended = true;
			connection.suspend ();
			Request held = req;
			Timeout.add (delay, () => {
				held.result = "async done after %d ms\n".printf (delay);
				resume (held);
				return Source.REMOVE;
			});
			return MHD.Result.YES;
		case "/events":
			return start_events (req);
		default:
			return reply (connection, 404, "not found\n", "text/plain");
		}
	}

	private MHD.Result start_events (Request req) {
		unowned string? c = req.connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "count");
		unowned string? i = req.connection.lookup_value (MHD.ValueKind.GET_ARGUMENT_KIND, "interval");
		int count = c != null ? int.parse (c) : 3;
		int interval = i != null ? int.parse (i) : 100;
		Request held = req;
		int sent = 0;
		Timeout.add (interval, () => {
			if (held.done)
				return Source.REMOVE;
			sent++;
			held.events.push_tail ("data: event %d\n\n".printf (sent));
			if (sent >= count)
				held.events_finished = true;
			resume (held);
			return sent < count ? Source.CONTINUE : Source.REMOVE;
		});
		var resp = new MHD.Response.from_callback (MHD.SIZE_UNKNOWN, 1024, (pos, buf) => {
			if (held.done)
				return MHD.CONTENT_READER_END_WITH_ERROR;
			if (held.events.length == 0) {
				if (held.events_finished)
					return MHD.CONTENT_READER_END_OF_STREAM;
				if (!held.suspended) {
					held.suspended = true;
					held.connection.suspend ();
				}
				return 0;
			}
			string ev = held.events.peek_head ();
			if (ev.length > buf.length)
				return MHD.CONTENT_READER_END_WITH_ERROR;
			held.events.pop_head ();
			Memory.copy (buf, ev.data, ev.length);
			return ev.length;
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
		unowned EpollServer self = (EpollServer) cls;
		unowned Request req = (Request) (*con_cls);
		*con_cls = null;
		req.done = true;
		self.requests.remove (req);
	}
}

int main (string[] args) {
	uint16 port = (uint16) (args.length > 1 ? int.parse (args[1]) : 8080);
	var server = new EpollServer ();
	if (!server.start (port)) {
		stderr.printf ("failed to start the daemon (USE_EPOLL) on port %u\n", port);
		return 1;
	}
	stdout.printf ("listening on http://127.0.0.1:%u/ (epoll fd driven)\n", server.port);
	new MainLoop ().run ();
	return 0;
}
