/* Callbacks and info: NOTIFY_COMPLETED codes, NOTIFY_CONNECTION,
 * URI_LOG_CALLBACK, EXTERNAL_LOGGER, CONNECTION_TIMEOUT, CONNECTION_LIMIT,
 * MHD_get_connection_info, MHD_get_daemon_info. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static char ev[2048];   /* event log, written only in the loop thread */
static void
evf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  size_t l = strlen (ev);
  vsnprintf (ev + l, sizeof (ev) - l, fmt, ap);
  va_end (ap);
}

static int sock_ctx_obj;
static int uri_obj;
static char info_out[1024];
static struct MHD_Daemon *the_daemon;
static unsigned int completed_status = 12345;

static void
completed (void *cls, struct MHD_Connection *c, void **con_cls,
           enum MHD_RequestTerminationCode toe)
{
  (void) cls;
  const union MHD_ConnectionInfo *ci =
    MHD_get_connection_info (c, MHD_CONNECTION_INFO_HTTP_STATUS);
  completed_status = ci ? ci->http_status : 99999;
  evf ("done(%d,%s);", (int) toe,
       *con_cls == &uri_obj ? "uri" : *con_cls ? "set" : "null");
}

static void
notify_conn (void *cls, struct MHD_Connection *c, void **socket_context,
             enum MHD_ConnectionNotificationCode toe)
{
  (void) cls; (void) c;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED)
  {
    evf ("start(%s);", *socket_context ? "set" : "null");
    *socket_context = &sock_ctx_obj;
  }
  else if (toe == MHD_CONNECTION_NOTIFY_CLOSED)
    evf ("closed(%s);", *socket_context == &sock_ctx_obj ? "ctx" : "other");
  else
    evf ("notify?%d;", (int) toe);
}

static void *
uri_log (void *cls, const char *uri, struct MHD_Connection *c)
{
  (void) cls; (void) c;
  evf ("uri(%s);", uri);
  return &uri_obj;
}

static int log_calls;
static void
logger (void *cls, const char *fmt, va_list ap)
{
  (void) cls; (void) fmt; (void) ap;
  log_calls++;
}

static ssize_t
err_reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls; (void) max;
  if (pos == 0)
  {
    memcpy (buf, "x", 1);
    return 1;
  }
  return MHD_CONTENT_READER_END_WITH_ERROR;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver; (void) ud;
  static int marker;
  if (*con_cls != &marker)
  {
    evf ("h1(%s);", *con_cls == &uri_obj ? "uri" : *con_cls ? "?" : "null");
    *con_cls = &marker;
    if (0 == strcmp (url, "/no"))
      return MHD_NO;
    return MHD_YES;
  }
  if (*uds)
  {
    *uds = 0;
    return MHD_YES;
  }
  if (0 == strcmp (url, "/info"))
  {
    const union MHD_ConnectionInfo *ca, *cf, *sc, *dm, *to, *hs, *st;
    ca = MHD_get_connection_info (c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    cf = MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_FD);
    sc = MHD_get_connection_info (c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    dm = MHD_get_connection_info (c, MHD_CONNECTION_INFO_DAEMON);
    to = MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_TIMEOUT);
    hs = MHD_get_connection_info (c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    st = MHD_get_connection_info (c, MHD_CONNECTION_INFO_HTTP_STATUS);
    char addr[64] = "?";
    unsigned int cport = 0;
    if (ca && ca->client_addr && ca->client_addr->sa_family == AF_INET)
    {
      struct sockaddr_in *sin = (struct sockaddr_in *) ca->client_addr;
      inet_ntop (AF_INET, &sin->sin_addr, addr, sizeof (addr));
      cport = ntohs (sin->sin_port);
    }
    unsigned int fdport = 0;
    if (cf)
    {
      struct sockaddr_in p;
      socklen_t pl = sizeof (p);
      if (0 == getpeername (cf->connect_fd, (struct sockaddr *) &p, &pl))
        fdport = ntohs (p.sin_port);
    }
    snprintf (info_out, sizeof (info_out),
              "addr=%s port=%u fdport=%u ctx=%d daemon=%d timeout=%u "
              "hdrsize=%zu status=%u",
              addr, cport, fdport,
              sc && sc->socket_context == &sock_ctx_obj,
              /* with a thread pool the real 0.9.75 gives the worker
               * daemon that handles the connection, not the one the app
               * started: only non-NULL is checked there */
              dm && (dm->daemon == the_daemon
                     || ((hx_threading () == HX_T_POOL4
                          || hx_threading () == HX_T_POOL4_POLL)
                         && dm->daemon != NULL)),
              to ? to->connection_timeout : 9999,
              hs ? hs->header_size : 0,
              st ? st->http_status : 9999);
    return hx_reply (c, 200, "info");
  }
  if (0 == strcmp (url, "/err"))
  {
    struct MHD_Response *r =
      MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 32, err_reader,
                                         NULL, NULL);
    enum MHD_Result q = MHD_queue_response (c, 200, r);
    MHD_destroy_response (r);
    return q;
  }
  return hx_reply (c, 200, "ok");
}

#define OK "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 2\r\n\r\nok"

/* The real 0.9.75 with an internal select thread may report a closed
 * connection only at the next event of its loop (i.e. when the next test
 * connection arrives), so closed(ctx) moves around in the event log.
 * Only there (real, internal-select) the closed(ctx) and done(5) (client
 * abort) entries are ignored;
 * ours is always compared exactly. */
static void
strip_closed (char *s)
{
  char *p;
  while (NULL != (p = strstr (s, "closed(ctx);")))
    memmove (p, p + 12, strlen (p + 12) + 1);
  /* a client abort is noticed at the same late point */
  while (NULL != (p = strstr (s, "done(5,set);")))
    memmove (p, p + 12, strlen (p + 12) + 1);
}

static int
expect_ev (const char *got, const char *exp)
{
  if (hx_is_real () && hx_threading () == HX_T_INTERNAL_SELECT)
  {
    /* The real 0.9.75's internal select loop reports a client's close (and so the
     * completion after it) only when another event wakes it: how much of the tail has
     * arrived when we look is a race.  Compare what precedes the last completion. */
    char g[4096], e[4096];
    snprintf (g, sizeof (g), "%s", got);
    snprintf (e, sizeof (e), "%s", exp);
    strip_closed (g);
    strip_closed (e);
    char *last = strstr (e, "done(");
    while (last && strstr (last + 1, "done("))
      last = strstr (last + 1, "done(");
    if (last)
    {
      *last = 0;
      g[strlen (e) < sizeof (g) ? strlen (e) : sizeof (g) - 1] = 0;
    }
    return HX_EXPECT_STR ("events before the last completion (closed() ignored)", g, e);
  }
  return HX_EXPECT_STR ("events", got, exp);
}

/* wait (in the main thread) until ev contains needle */
static int
wait_ev (const char *needle, int ms)
{
  long long end = hx_now_ms () + ms;
  while (hx_now_ms () < end)
  {
    if (strstr (ev, needle))
      return 1;
    hx_msleep (5);
  }
  return strstr (ev, needle) != NULL;
}

int
main (void)
{
  struct MHD_OptionItem opts[] = {
    { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t) completed, NULL },
    { MHD_OPTION_NOTIFY_CONNECTION, (intptr_t) notify_conn, NULL },
    { MHD_OPTION_URI_LOG_CALLBACK, (intptr_t) uri_log, NULL },
    { MHD_OPTION_EXTERNAL_LOGGER, (intptr_t) logger, NULL },
    { MHD_OPTION_CONNECTION_TIMEOUT, 1, NULL },
    { MHD_OPTION_CONNECTION_LIMIT, 3, NULL },
    { MHD_OPTION_END, 0, NULL }
  };
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, opts))
    return 1;
  the_daemon = s.d;

  HX_CASE ("completed-ok-and-notify-connection");
  ev[0] = 0;
  {
    int fd = hx_connect (s.port);
    hx_exchange_fd ("ok", fd, "GET /a?x=1 HTTP/1.1\r\nHost: x\r\n\r\n", OK, 0);
    hx_exchange_fd ("ok2", fd, "GET /b HTTP/1.1\r\nHost: x\r\n\r\n", OK, 0);
    close (fd);
    wait_ev ("closed(", 1000);
    expect_ev (ev,
                   "start(null);uri(/a?x=1);h1(uri);done(0,set);"
                   "uri(/b);h1(uri);done(0,set);closed(ctx);");
    HX_CHECK (completed_status == 200, "HTTP_STATUS in completed %u",
              completed_status);
  }

  HX_CASE ("completed-with-error-handler-no");
  ev[0] = 0;
  hx_exchange ("no", s.port, "GET /no HTTP/1.1\r\nHost: x\r\n\r\n", "", 1);
  wait_ev ("closed(", 1000);
  expect_ev (ev,
                 "start(null);uri(/no);h1(uri);done(1,set);closed(ctx);");

  HX_CASE ("completed-with-error-reader");
  ev[0] = 0;
  hx_exchange ("err", s.port, "GET /err HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nTransfer-Encoding: chunked\r\n"
               "\r\n1\r\nx\r\n", 1);
  wait_ev ("closed(", 1000);
  expect_ev (ev,
                 "start(null);uri(/err);h1(uri);done(1,set);closed(ctx);");

  HX_CASE ("completed-client-abort");
  ev[0] = 0;
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    wait_ev ("h1(", 1000);
    hx_msleep (30);
    close (fd);
    wait_ev ("closed(", 1000);
    expect_ev (ev,
                   "start(null);uri(/p);h1(uri);done(5,set);closed(ctx);");
  }

  HX_CASE ("connection-timeout");
  ev[0] = 0;
  {
    int fd = hx_connect (s.port);
    long long t0 = hx_now_ms ();
    hx_sends (fd, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    struct hx_buf b = { 0 };
    hx_read (fd, &b, 0, 3000);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (b.closed && b.len == 0, "closed without response");
    HX_CHECK (dt >= 900 && dt <= 2500, "closed after %lld ms (1 s timeout)",
              dt);
    hx_buf_free (&b);
    close (fd);
    wait_ev ("closed(", 1000);
    expect_ev (ev,
                   "start(null);uri(/p);h1(uri);done(2,set);closed(ctx);");
  }

  HX_CASE ("idle-connection-timeout");
  ev[0] = 0;
  {
    int fd = hx_connect (s.port);
    long long t0 = hx_now_ms ();
    HX_CHECK (1 == hx_wait_closed (fd, 3000, NULL), "idle closed");
    long long dt = hx_now_ms () - t0;
    HX_CHECK (dt >= 900 && dt <= 2500, "idle closed after %lld ms", dt);
    close (fd);
    wait_ev ("closed(", 1000);
    expect_ev (ev,
                   "start(null);closed(ctx);");
  }

  HX_CASE ("connection-info");
  ev[0] = 0;
  {
    int fd = hx_connect (s.port);
    struct sockaddr_in me;
    socklen_t ml = sizeof (me);
    getsockname (fd, (struct sockaddr *) &me, &ml);
    const char *req = "GET /info HTTP/1.1\r\nHost: x\r\nX-Pad: 0123456789\r\n\r\n";
    hx_exchange_fd ("info", fd, req,
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 4\r\n\r\n"
                    "info", 0);
    /* HTTP_STATUS before a response is queued: info is NULL (9999) */
    char exp[256];
    snprintf (exp, sizeof (exp),
              "addr=127.0.0.1 port=%u fdport=%u ctx=1 daemon=1 timeout=1 "
              "hdrsize=%zu status=9999", ntohs (me.sin_port), ntohs (me.sin_port),
              strlen (req));
    HX_EXPECT_STR ("info", info_out, exp);
    close (fd);
  }

  HX_CASE ("connection-limit");
  /* accept-and-close at the limit is what 0.9.75 does with select in an
   * external loop; with epoll or internal threads it stops accepting
   * (the connection waits in the backlog).  t_limits covers all modes. */
  if (! hx_case_only_modes ("external", "limit behaviour differs by mode "
                            "(see t_limits)"))
  {
    hx_stop_loop (&s);
    hx_start_daemon (&s, s.d, HX_SELECT);
    hx_msleep (100);
    int fds[4];
    for (int i = 0; i < 3; i++)
    {
      fds[i] = hx_connect (s.port);
      hx_exchange_fd ("within limit", fds[i],
                      "GET / HTTP/1.1\r\nHost: x\r\n\r\n", OK, 0);
    }
    hx_stop_loop (&s);
    const union MHD_DaemonInfo *di =
      MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    HX_CHECK (di && di->num_connections == 3, "current connections %u",
              di ? di->num_connections : 0);
    hx_start_daemon (&s, s.d, HX_SELECT);
    log_calls = 0;
    fds[3] = hx_connect (s.port);
    HX_CHECK (fds[3] >= 0, "TCP connect completes (kernel backlog)");
    hx_sends (fds[3], "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    struct hx_buf b = { 0 };
    hx_read (fds[3], &b, 0, 1500);
    HX_CHECK (b.closed && b.len == 0, "4th connection closed, no response "
              "(closed=%d len=%zu)", b.closed, b.len);
    HX_CHECK (log_calls > 0, "limit reached is logged (%d)", log_calls);
    hx_buf_free (&b);
    for (int i = 0; i < 4; i++)
      close (fds[i]);
  }

  HX_CASE ("daemon-info");
  {
    hx_msleep (100);
    hx_stop_loop (&s);
    const union MHD_DaemonInfo *di;
    di = MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_FLAGS);
    HX_CHECK (di && (di->flags & MHD_USE_ERROR_LOG), "flags has ERROR_LOG");
    HX_CHECK (di && (! (di->flags & MHD_USE_INTERNAL_POLLING_THREAD))
              == ! hx_threading_internal (), "flags: threading bit");
    di = MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_BIND_PORT);
    HX_CHECK (di && di->port == s.port, "bind port");
    di = MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_LISTEN_FD);
    HX_CHECK (di && di->listen_fd > 2, "listen fd");
    di = MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    HX_CHECK (di && di->num_connections == 0, "connections after close %u",
              di ? di->num_connections : 99);
    hx_start_daemon (&s, s.d, HX_SELECT);
  }

  HX_CASE ("daemon-shutdown");
  ev[0] = 0;
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    wait_ev ("h1(", 1000);
    hx_stop (&s);
    /* thread-per-connection: the real 0.9.75 shuts the sockets down and
     * the connection thread reports CLIENT_ABORT (5), not
     * DAEMON_SHUTDOWN (3); both are accepted in that mode only */
    if ((hx_threading () == HX_T_TPC)
        && (0 == strcmp (ev, "start(null);uri(/p);h1(uri);done(5,set);"
                         "closed(ctx);")))
      HX_CHECK (1, "tpc: done(5)");
    else
      expect_ev (ev,
                     "start(null);uri(/p);h1(uri);done(3,set);closed(ctx);");
    close (fd);
  }
  return hx_done ();
}
