/* Server.vala - the plan's Server (section "3. Server") with the lost
 * generic type arguments restored (Series<RequestContext>,
 * Series<ResponseContext>); everything above the "rest of the class" marker
 * is the document's text unchanged, the remainder completes the class. */
using MHD;
using Invercargill;
using Invercargill.DataStructures;
namespace Astralis {
    public class Server : Object {
        private Daemon daemon;
        private Pipeline pipeline;
        private int port;
        private Series<RequestContext> request_contexts;
        private Series<ResponseContext> response_contexts;
        private SocketMonitor? socket_monitor;
        public Server(int port, Pipeline pipeline) {
            this.port = port;
            this.pipeline = pipeline;
            this.request_contexts = new Series<RequestContext>();
            this.response_contexts = new Series<ResponseContext>();
        }
        public void run() {
            // External select mode: no USE_SELECT_INTERNALLY flag
            // This means MHD creates no threads - we drive it from GLib
            daemon = Daemon.start( MHD.ALLOW_SUSPEND_RESUME | MHD.USE_DEBUG, (uint16) this.port, null, (connection, url, method, version, upload_data, upload_data_size, con_cls) => {
                return this.access_handler(connection, url, method, version, upload_data, upload_data_size, con_cls);
            }, MHD.OPTION_NOTIFY_COMPLETED, (void*) request_completed_callback, null, MHD.OPTION_END );
            if (daemon == null) {
                error("Failed to start daemon");
            }
            // Start socket monitoring integrated with GLib main loop
            socket_monitor = new SocketMonitor(daemon);
            socket_monitor.start();
            // Run GLib main loop
            new MainLoop().run();
        }
        public void stop() {
            if (socket_monitor != null) {
                socket_monitor.stop();
            }
            // MHD_stop_daemon is called by Daemon's destructor
        }
        // ---- below: the rest of the class, written for this project ----
        public int active_requests { get { return request_contexts.length; } }

        private MHD.Result access_handler(Connection connection, string url, string method, string version,
                                          uint8[]? upload_data, size_t* upload_data_size, void** con_cls) {
            RequestContext ctx;
            if (*con_cls == null) {
                // first call for this request: remember a context, answer later
                ctx = new RequestContext(this, connection, url, method);
                request_contexts.add(ctx);
                *con_cls = (void*) ctx;
                return MHD.Result.YES;
            }
            ctx = (RequestContext) (*con_cls);
            if (*upload_data_size != 0) {
                *upload_data_size = 0;      // request bodies are ignored here
                return MHD.Result.YES;
            }
            if (ctx.result != null) {
                // an async endpoint finished and resumed us
                return send_result(ctx);
            }
            if (ctx.dispatched) {
                return MHD.Result.YES;
            }
            ctx.dispatched = true;
            var endpoint = pipeline.find(url);
            if (endpoint == null || !endpoint.is_async) {
                ctx.result = endpoint == null ? new HttpResult.text(404, "not found\n") : endpoint.handle(ctx);
                return send_result(ctx);
            }
            // async: suspend, run the pipeline in the GLib main loop, resume
            MHD.suspend_connection(connection);
            ctx.suspended = true;
            pipeline.run.begin(ctx, (obj, res) => {
                ctx.result = pipeline.run.end(res);
                if (!ctx.completed && ctx.suspended) {
                    ctx.suspended = false;
                    MHD.resume_connection(ctx.connection);
                }
            });
            return MHD.Result.YES;
        }

        private MHD.Result send_result(RequestContext ctx) {
            var result = ctx.result;
            Response response;
            if (result.stream != null) {
                response = create_event_response(ctx, result.stream);
            } else {
                response = new Response.from_buffer(result.body.data, ResponseMemoryMode.MUST_COPY);
            }
            response.add_header(MHD.HTTP_HEADER_CONTENT_TYPE, result.content_type);
            if (result.stream != null) {
                response.add_header(MHD.HTTP_HEADER_CACHE_CONTROL, "no-cache");
            }
            return MHD.queue_response(ctx.connection, result.status, response);
        }

        // SSE: chunked response whose reader returns 0 (and suspends) while no
        // event is queued; the stream's `changed` signal resumes the connection.
        private Response create_event_response(RequestContext ctx, EventStream stream) {
            ctx.stream = stream;
            response_contexts.add(new ResponseContext(ctx));
            stream.changed.connect(() => {
                if (ctx.suspended && !ctx.completed) {
                    ctx.suspended = false;
                    MHD.resume_connection(ctx.connection);
                }
            });
            return new Response.from_callback(MHD.SIZE_UNKNOWN, 1024, (pos, buf) => {
                if (stream.closed) {
                    return MHD.CONTENT_READER_END_WITH_ERROR;
                }
                if (!stream.has_pending()) {
                    if (stream.finished) {
                        return MHD.CONTENT_READER_END_OF_STREAM;
                    }
                    if (!ctx.suspended) {
                        ctx.suspended = true;
                        MHD.suspend_connection(ctx.connection);
                    }
                    return 0;
                }
                size_t n = 0;
                while (stream.has_pending() && n < buf.length) {
                    string ev = stream.pop();
                    size_t take = size_t.min(ev.length, buf.length - n);
                    Memory.copy(&buf[n], ev.data, take);
                    n += take;
                    if (take < ev.length) {
                        stream.unpop(ev.substring((long) take));
                    }
                }
                return (ssize_t) n;
            });
        }

        private static void request_completed_callback(void* cls, Connection connection, void** con_cls,
                                                       RequestTerminationCode toe) {
            if (*con_cls == null) {
                return;
            }
            unowned RequestContext ctx = (RequestContext) (*con_cls);
            *con_cls = null;
            ctx.completed = true;
            if (ctx.stream != null) {
                ctx.stream.closed = true;
                ctx.stream = null;          // breaks ctx -> stream -> handler -> ctx
            }
            var server = ctx.server;
            foreach (var rc in server.response_contexts) {
                if (rc.request == ctx) {
                    server.response_contexts.remove(rc);
                    break;
                }
            }
            server.request_contexts.remove(ctx);   // drops the last reference
        }
    }
}
