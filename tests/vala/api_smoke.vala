/* Compiles a use of (nearly) every binding of vapi/libmicrohttpd.vapi and
 * exercises a few at run time against whichever libmicrohttpd.so.12 is loaded.
 * Prints "api_smoke OK" on success, exits 1 on the first failed check. */
int failures = 0;
void check (bool ok, string what) {
	if (!ok) { failures++; stderr.printf ("FAIL: %s\n", what); }
}

class Handler : Object {
	public int completed = 0;
	public MHD.Result access (MHD.Connection connection, string url, string method, string version,
	                          uint8[]? upload_data, size_t* upload_data_size, void** con_cls) {
		unowned string? ua = connection.lookup_value (MHD.ValueKind.HEADER_KIND, MHD.HTTP_HEADER_USER_AGENT);
		unowned string? q = MHD.lookup_connection_value (connection, MHD.GET_ARGUMENT_KIND, "q");
		int n = connection.get_values (MHD.ValueKind.HEADER_KIND | MHD.ValueKind.GET_ARGUMENT_KIND, (kind, key, value) => {
			return MHD.Result.YES;
		});
		MHD.get_connection_values (connection, MHD.HEADER_KIND, null);
		unowned MHD.ConnectionInfo? info = connection.get_info (MHD.ConnectionInfoType.CONNECTION_FD);
		int cfd = info != null ? info.connect_fd : -1;
		unowned MHD.ConnectionInfo? dinfo = MHD.get_connection_info (connection, MHD.CONNECTION_INFO_DAEMON);
		unowned MHD.Daemon? d = dinfo.daemon;
		string? pw;
		string? user = connection.basic_auth_get_username_password (out pw);
		string body = "url=%s method=%s ua=%s q=%s n=%d fd=%s user=%s d=%s".printf (
			url, method, ua ?? "-", q ?? "-", n, (cfd >= 0).to_string (), user ?? "-", (d != null).to_string ());
		var resp = new MHD.Response.from_buffer (body.data, MHD.ResponseMemoryMode.MUST_COPY);
		resp.add_header (MHD.HTTP_HEADER_CONTENT_TYPE, "text/plain");
		resp.add_footer ("X-F", "1");
		resp.del_header ("X-F", "1");
		unowned string? ct = resp.get_header (MHD.HTTP_HEADER_CONTENT_TYPE);
		check (ct == "text/plain", "get_header");
		return connection.queue_response (MHD.HTTP_OK, resp);
	}
	public static void completed_cb (void* cls, MHD.Connection connection, void** con_cls, MHD.RequestTerminationCode toe) {
		((Handler) cls).completed++;
	}
}

void compile_only_uses (MHD.Daemon daemon, MHD.Connection c) {
	/* never called: only checks that these bindings produce valid C */
	MHD.suspend_connection (c); MHD.resume_connection (c);
	c.suspend (); c.resume ();
	var r1 = MHD.create_response_from_buffer (3, "abc", MHD.RESPMEM_PERSISTENT);
	MHD.queue_response (c, MHD.HTTP_NOT_FOUND, r1);
	var r2 = new MHD.Response.from_callback (MHD.SIZE_UNKNOWN, 1024, (pos, buf) => {
		if (pos > 0) return MHD.CONTENT_READER_END_OF_STREAM;
		buf[0] = 'x'; return 1;
	});
	r2.set_options (MHD.ResponseFlags.HTTP_1_0_SERVER);
	var r3 = new MHD.Response.from_fd64 (10, 0);
	var r4 = new MHD.Response.from_pipe (0);
	var r5 = MHD.create_response_from_fd_at_offset64 (1, 0, 0);
	MHD.IoVec[] iov = { MHD.IoVec () { iov_base = "a", iov_len = 1 } };
	var r6 = new MHD.Response.from_iovec (iov, null, null);
	var r7 = new MHD.Response.for_upgrade ((conn, con_cls, extra, extra_size, sock, urh) => {
		urh.action (MHD.UpgradeAction.CLOSE);
	});
	r7.get_headers ((k, key, value) => MHD.Result.YES);
	c.queue_basic_auth_fail_response ("realm", r3);
	MHD.queue_auth_fail_response2 (c, "realm", "opaque", r4, false, MHD.DigestAuthAlgorithm.SHA256);
	string? u = MHD.digest_auth_get_username (c);
	int ok = c.digest_auth_check2 ("realm", u ?? "", "pw", 300, MHD.DigestAuthAlgorithm.AUTO);
	uint8[] dg = new uint8[16];
	ok += MHD.digest_auth_check_digest (c, "realm", "u", dg, 300);
	ok += c.digest_auth_check_digest2 ("realm", "u", dg, 300, MHD.DigestAuthAlgorithm.MD5);
	var pp = new MHD.PostProcessor (c, 1024, (kind, key, filename, ctype, enc, data, off, size) => MHD.Result.YES);
	pp.process ("a=b".data);
	var pp2 = MHD.create_post_processor (c, 1024, (kind, key, filename, ctype, enc, data, off, size) => MHD.Result.NO);
	MHD.post_process (pp2, "a=b", 3);
	MHD.destroy_post_processor ((owned) pp2);
	c.set_option (MHD.ConnectionOption.TIMEOUT, (uint) 5);
	MHD.set_connection_value (c, MHD.HEADER_KIND, "k", "v");
	unowned string? vv; size_t vs;
	c.lookup_value_n (MHD.HEADER_KIND, "k", 1, out vv, out vs);
	MHD.quiesce_daemon (daemon);
	daemon.add_connection (-1, null, 0);
	MHD.run_wait (daemon, 10);
	var fr = MHD.FDSet (); var fw = MHD.FDSet (); var fe = MHD.FDSet ();
	MHD.run_from_select (daemon, fr, fw, fe);
	ok += (int) r5 + (int) r6 + ok;
}

int main (string[] args) {
	unowned string v = MHD.get_version ();
	check (v.length > 0, "get_version");
	check (MHD.get_reason_phrase_for (404) == "Not Found", "reason phrase 404");
	check (MHD.is_feature_supported (MHD.Feature.MESSAGES) == MHD.Result.YES || true, "feature");
	check (MHD.HTTP_OK == 200 && MHD.HTTP_NOT_FOUND == 404, "status constants");
	check (MHD.HTTP_METHOD_GET == "GET" && MHD.HTTP_HEADER_CONTENT_TYPE == "Content-Type", "string constants");
	check (MHD.USE_SELECT_INTERNALLY == MHD.USE_INTERNAL_POLLING_THREAD, "flag aliases");
	char[] esc = "a%20b".to_utf8 ();
	esc += '\0';
	size_t l = MHD.http_unescape ((char*) esc);
	check (l == 3 && (string) esc == "a b", "http_unescape");
	MHD.set_panic_func ((file, line, reason) => { stderr.printf ("panic %s:%u %s\n", file, line, reason ?? ""); });

	/* FDSet semantics */
	var s = MHD.FDSet ();
	check (s.size >= 1024, "FDSet size >= FD_SETSIZE");
	check (!s.is_set (5), "FDSet zeroed");
	s.set (5); s.set (1500 < (int) s.size ? 1500 : 1000);
	var alias = s;               /* copies share the set */
	check (alias.is_set (5), "FDSet copy shares");
	s.clr (5);
	check (!alias.is_set (5), "FDSet clr");
	check (!s.is_set (-1) && !s.is_set (int.MAX), "FDSet out of range");
	s.zero ();
	check (!alias.is_set (1000), "FDSet zero");

	var h = new Handler ();
	MHD.Daemon? d = MHD.Daemon.start (MHD.USE_ERROR_LOG, 0, null, h.access,
		MHD.OPTION_NOTIFY_COMPLETED, (void*) Handler.completed_cb, (void*) h,
		MHD.Option.CONNECTION_TIMEOUT, (uint) 10,
		MHD.OPTION_END);
	check (d != null, "Daemon.start");
	if (d == null) return 1;
	unowned MHD.DaemonInfo? di = d.get_info (MHD.DaemonInfoType.BIND_PORT);
	check (di != null && di.port != 0, "DAEMON_INFO_BIND_PORT");
	unowned MHD.DaemonInfo? lf = MHD.get_daemon_info (d, MHD.LISTEN_FD);
	check (lf != null && lf.listen_fd >= 0, "DAEMON_INFO_LISTEN_FD");
	uint64 t = 7;
	MHD.get_timeout (d, &t);
	uint64 t2;
	d.get_timeout (out t2);
	MHD.Daemon extra = d;       /* second reference (ref_function) */
	int maxfd = -1;
	var r = MHD.FDSet (); var w = MHD.FDSet (); var e = MHD.FDSet ();
	check (extra.get_fdset (r, w, e, ref maxfd) == MHD.Result.YES, "Daemon.get_fdset");
	check (r.is_set (lf.listen_fd) && maxfd >= lf.listen_fd, "listen fd in read set");
	extra = null;               /* drops the extra reference: daemon must still work */
	check (MHD.run (d) == MHD.Result.YES, "run after extra ref dropped");
	if (args.length > 1 && args[1] == "--compile-only") compile_only_uses (d, (MHD.Connection) null);
	MHD.stop_daemon ((owned) d);
	if (failures == 0) stdout.printf ("api_smoke OK\n");
	return failures == 0 ? 0 : 1;
}
