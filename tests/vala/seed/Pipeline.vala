/* Pipeline.vala - a tiny stand-in for the Astralis request pipeline, enough
 * to drive the plan's Server: routes map a path to an Endpoint; an endpoint
 * answers synchronously (handle) or asynchronously (handle_async, the server
 * suspends the MHD connection meanwhile), or returns an EventStream (SSE). */
namespace Astralis {

	public class HttpResult : Object {
		public uint status = 200;
		public string content_type = "text/plain";
		public string body = "";
		public EventStream? stream = null;

		public HttpResult.text (uint status, string body) {
			this.status = status;
			this.body = body;
		}
		public HttpResult.events (EventStream stream) {
			this.status = 200;
			this.content_type = "text/event-stream";
			this.stream = stream;
		}
	}

	/* Server-sent events: push() queues an event, finish() ends the stream.
	 * `changed` tells the server that data is available (it resumes the
	 * suspended connection from the GLib main loop). */
	public class EventStream : Object {
		private Queue<string> pending = new Queue<string> ();
		public bool finished { get; private set; default = false; }
		public bool closed = false;   /* set by the server when the client is gone */
		public signal void changed ();

		public void push (string data) {
			if (finished || closed)
				return;
			pending.push_tail ("data: " + data + "\n\n");
			changed ();
		}
		public void finish () {
			finished = true;
			changed ();
		}
		public bool has_pending () {
			return pending.length > 0;
		}
		public string? pop () {
			return pending.pop_head ();
		}
		public void unpop (string rest) {
			pending.push_head (rest);
		}
	}

	public class RequestContext : Object {
		public unowned MHD.Connection connection;
		public string url;
		public string method;
		public bool dispatched = false;
		public bool suspended = false;
		public bool completed = false;
		public HttpResult? result = null;
		public EventStream? stream = null;
		public unowned Server server;

		public RequestContext (Server server, MHD.Connection connection, string url, string method) {
			this.server = server;
			this.connection = connection;
			this.url = url;
			this.method = method;
		}
		public unowned string? query (string key) {
			return MHD.lookup_connection_value (connection, MHD.ValueKind.GET_ARGUMENT_KIND, key);
		}
		public int query_int (string key, int def) {
			unowned string? v = query (key);
			return v != null ? int.parse (v) : def;
		}
	}

	public class ResponseContext : Object {
		public RequestContext request;
		public ResponseContext (RequestContext request) {
			this.request = request;
		}
	}

	public abstract class Endpoint : Object {
		public virtual bool is_async { get { return false; } }
		public virtual HttpResult handle (RequestContext ctx) {
			return new HttpResult.text (500, "no sync handler\n");
		}
		public virtual async HttpResult handle_async (RequestContext ctx) {
			return handle (ctx);
		}
	}

	public delegate HttpResult HandlerFunc (RequestContext ctx);

	public class FuncEndpoint : Endpoint {
		private HandlerFunc func;
		public FuncEndpoint (owned HandlerFunc func) {
			this.func = (owned) func;
		}
		public override HttpResult handle (RequestContext ctx) {
			return func (ctx);
		}
	}

	public class Pipeline : Object {
		private HashTable<string, Endpoint> routes = new HashTable<string, Endpoint> (str_hash, str_equal);

		public Pipeline add (string path, Endpoint endpoint) {
			routes[path] = endpoint;
			return this;
		}
		public Pipeline route (string path, owned HandlerFunc func) {
			return add (path, new FuncEndpoint ((owned) func));
		}
		public Endpoint? find (string path) {
			return routes[path];
		}
		/* Runs the endpoint for ctx; completes in a later main loop iteration
		 * when the endpoint yields. */
		public async HttpResult run (RequestContext ctx) {
			var ep = find (ctx.url);
			if (ep == null)
				return new HttpResult.text (404, "not found\n");
			return yield ep.handle_async (ctx);
		}
	}
}
