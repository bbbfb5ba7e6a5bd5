/* mhd-consumer: starts a daemon in external select mode driven by the GLib
 * main loop (MHD.FDSet + MHD.get_fdset + MHD.get_timeout), requests itself
 * over a GIO socket from a worker thread, and prints what it got.
 * Exit status 0 only if the response is exactly the expected one. */
const string BODY = "consumer ok\n";

MHD.Result handler (MHD.Connection connection, string url, string method, string version,
                    uint8[]? upload_data, size_t* upload_data_size, void** con_cls) {
	var resp = new MHD.Response.from_buffer (BODY.data, MHD.ResponseMemoryMode.MUST_COPY);
	resp.add_header (MHD.HTTP_HEADER_CONTENT_TYPE, "text/plain");
	return connection.queue_response (MHD.HTTP_OK, resp);
}

string? fetch (uint16 port) {
	try {
		var conn = new SocketClient ().connect_to_host ("127.0.0.1", port);
		conn.output_stream.write ("GET /x HTTP/1.0\r\nHost: localhost\r\n\r\n".data);
		var data = new ByteArray ();
		uint8[] buf = new uint8[4096];
		ssize_t n;
		while ((n = conn.input_stream.read (buf)) > 0)
			data.append (buf[0:n]);
		data.append ({0});
		return (string) data.data;
	} catch (Error e) {
		return "error: " + e.message;
	}
}

int main (string[] args) {
	stdout.printf ("libmicrohttpd version %s\n", MHD.get_version ());
	var daemon = MHD.Daemon.start (MHD.USE_ERROR_LOG, 0, null, handler, MHD.OPTION_END);
	if (daemon == null) {
		stderr.printf ("daemon failed to start\n");
		return 2;
	}
	uint16 port = daemon.get_info (MHD.DaemonInfoType.BIND_PORT).port;
	var loop = new MainLoop ();
	string? reply = null;
	new Thread<void*> ("client", () => {
		reply = fetch (port);
		Idle.add (() => { loop.quit (); return false; });
		return null;
	});
	/* drive MHD from GLib: poll its fds every few ms (simple variant) */
	Timeout.add (5, () => {
		var r = MHD.FDSet (); var w = MHD.FDSet (); var e = MHD.FDSet ();
		int max_fd = -1;
		daemon.get_fdset (r, w, e, ref max_fd);
		daemon.run ();
		return true;
	});
	Timeout.add_seconds (10, () => { loop.quit (); return false; });
	loop.run ();
	stdout.printf ("%s", reply ?? "(no reply)\n");
	bool ok = reply != null && reply.has_prefix ("HTTP/1.") && reply.index_of (" 200 OK\r\n") == 8 && reply.has_suffix ("\r\n\r\n" + BODY);
	stdout.printf ("%s\n", ok ? "CONSUMER PASS" : "CONSUMER FAIL");
	return ok ? 0 : 1;
}
