/* Example app for the GLib integration plan: the plan's Server +
 * SocketMonitor (tests/vala/seed/) in external select mode, driven by the
 * GLib main loop.
 *   GET /hello                       sync answer
 *   GET /async?delay=MS              async endpoint: connection suspended,
 *                                    resumed from a GLib timeout
 *   GET /events?count=N&interval=MS  server-sent events (text/event-stream)
 * usage: socket-monitor-app [port]   (default 8080)
 */
using Astralis;

class HelloEndpoint : Endpoint {
	public override HttpResult handle (RequestContext ctx) {
		return new HttpResult.text (200, "Hello from Astralis\n");
	}
}

class DelayedEndpoint : Endpoint {
	public override bool is_async { get { return true; } }
	public override async HttpResult handle_async (RequestContext ctx) {
		int delay = ctx.query_int ("delay", 100);
		Timeout.add (delay, () => {
			handle_async.callback ();
			return false;
		});
		yield;
		return new HttpResult.text (200, "async done after %d ms\n".printf (delay));
	}
}

class EventsEndpoint : Endpoint {
	public override HttpResult handle (RequestContext ctx) {
		int count = ctx.query_int ("count", 3);
		int interval = ctx.query_int ("interval", 100);
		var stream = new EventStream ();
		int sent = 0;
		Timeout.add (interval, () => {
			if (stream.closed)
				return false;
			sent++;
			stream.push ("event %d".printf (sent));
			if (sent >= count) {
				stream.finish ();
				return false;
			}
			return true;
		});
		return new HttpResult.events (stream);
	}
}

int main (string[] args) {
	int port = args.length > 1 ? int.parse (args[1]) : 8080;
	var pipeline = new Pipeline ();
	pipeline.add ("/hello", new HelloEndpoint ())
	        .add ("/async", new DelayedEndpoint ())
	        .add ("/events", new EventsEndpoint ());
	var server = new Astralis.Server (port, pipeline);
	server.run ();
	return 0;
}
