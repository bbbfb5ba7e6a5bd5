/* Proves that the plan's exact lines fill the CALLER's fd sets:
 *     MHD.FDSet read_fds = MHD.FDSet(); ... MHD.get_fdset(daemon, read_fds, write_fds, error_fds, &max_fd);
 * Prints one "ok"/"not ok" line per check; exit status = number of failures. */
int failures = 0;
void check (bool ok, string what) {
	stdout.printf ("%s - %s\n", ok ? "ok" : "not ok", what);
	if (!ok) failures++;
}

int count_set (MHD.FDSet s, int max_fd) {
	int n = 0;
	for (int fd = 0; fd <= max_fd; fd++)
		if (s.is_set (fd)) n++;
	return n;
}

class Probe : Object {
	public MHD.Daemon daemon;

	public int fill (out MHD.FDSet r, out MHD.FDSet w) {
		// ---- the plan's lines, verbatim ----
		MHD.FDSet read_fds = MHD.FDSet();
		MHD.FDSet write_fds = MHD.FDSet();
		MHD.FDSet error_fds = MHD.FDSet();
		int max_fd = 0;
		MHD.get_fdset(daemon, read_fds, write_fds, error_fds, &max_fd);
		// ------------------------------------
		r = read_fds;
		w = write_fds;
		return max_fd;
	}
}

int main (string[] args) {
	var probe = new Probe ();
	probe.daemon = MHD.Daemon.start (MHD.ALLOW_SUSPEND_RESUME | MHD.USE_DEBUG, 0, null,
		(connection, url, method, version, upload_data, upload_data_size, con_cls) => MHD.Result.NO,
		MHD.OPTION_END);
	check (probe.daemon != null, "daemon started in external select mode");
	if (probe.daemon == null) return 1;
	int listen_fd = MHD.get_daemon_info (probe.daemon, MHD.DaemonInfoType.LISTEN_FD).listen_fd;
	uint16 port = MHD.get_daemon_info (probe.daemon, MHD.BIND_PORT).port;
	check (listen_fd >= 0 && port != 0, "listen fd %d, port %u".printf (listen_fd, port));

	MHD.FDSet r, w;
	int max_fd = probe.fill (out r, out w);
	check (r.is_set (listen_fd), "listen fd is set in the caller's read_fds");
	check (!w.is_set (listen_fd), "listen fd not in write_fds");
	check (max_fd >= listen_fd, "max_fd (%d) >= listen fd".printf (max_fd));
	int idle_reads = count_set (r, max_fd);
	/* informational: libmicrohttpd 0.9.75 puts no inter-thread (ITC) fd in the
	 * set in external mode, so resume is picked up by the next MHD.run (the
	 * plan's timeout watcher). */
	stdout.printf ("# read fds while idle: %d\n", idle_reads);
	check (idle_reads >= 1, "at least the listen fd while idle");

	/* a client connection shows up in the set after MHD.run accepts it */
	var client = new SocketClient ();
	SocketConnection? conn = null;
	try {
		conn = client.connect_to_host ("127.0.0.1", port);
	} catch (Error e) {
		check (false, "connect: " + e.message);
	}
	for (int i = 0; i < 20; i++) {
		MHD.run (probe.daemon);
		unowned MHD.DaemonInfo? ci = MHD.get_daemon_info (probe.daemon, MHD.CURRENT_CONNECTIONS);
		if (ci != null && ci.num_connections > 0) break;
		Thread.usleep (10000);
	}
	max_fd = probe.fill (out r, out w);
	check (count_set (r, max_fd) == idle_reads + 1, "accepted connection fd added to read_fds");

	/* sets sized by RLIMIT_NOFILE, bit ops past FD_SETSIZE do not abort */
	var big = MHD.FDSet ();
	int hi = (int) big.size - 1;
	stdout.printf ("# FDSet capacity %u descriptors\n", big.size);
	big.set (hi);
	check (big.is_set (hi) && !big.is_set (hi - 1), "set/is_set at fd %d".printf (hi));
	big.clr (hi);
	check (!big.is_set (hi), "clr at fd %d".printf (hi));
	if (args.length > 1) {
		int want = int.parse (args[1]);
		check (big.size >= want, "capacity >= RLIMIT_NOFILE %d".printf (want));
		if (want > 1100) {
			big.set (1100);
			check (big.is_set (1100), "fd 1100 (> FD_SETSIZE) round-trips");
		}
	}
	conn = null;
	return failures;
}
