/* Limits and lifecycle, in every threading mode (HX_THREADING):
 * CONNECTION_LIMIT, PER_IP_CONNECTION_LIMIT, CONNECTION_TIMEOUT (idle and
 * trickling), MHD_set_connection_option(TIMEOUT), CONNECTION_MEMORY_LIMIT,
 * MHD_quiesce_daemon, MHD_add_connection + NO_LISTEN_SOCKET, ACCEPT_POLICY,
 * MHD_stop_daemon from another thread with open / mid-upload / suspended /
 * mid-response connections (callbacks balanced). */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
#include <arpa/inet.h>

/* ---------------- shared counters ---------------- */
static volatile int n_req_started;   /* handler first calls */
static volatile int n_completed[8];  /* per termination code */
static volatile int n_completed_total;
static volatile int n_completed_null_ctx; /* completed with *con_cls NULL */
static volatile int n_conn_started, n_conn_closed;
static volatile int n_resp_created, n_resp_freed;
static volatile int n_apc, apc_refuse;
static volatile int n_log;
static volatile int n_suspended;
static volatile size_t post_bytes, post_maxchunk;
static volatile int reader_calls;
static struct MHD_Connection *volatile suspended_conn;

static void
reset_counters (void)
{
  n_req_started = 0;
  memset ((void *) n_completed, 0, sizeof (n_completed));
  n_completed_total = 0;
  n_completed_null_ctx = 0;
  n_conn_started = n_conn_closed = 0;
  n_resp_created = n_resp_freed = 0;
  n_apc = 0;
  apc_refuse = 0;
  n_log = 0;
  n_suspended = 0;
  post_bytes = post_maxchunk = 0;
  reader_calls = 0;
}

#define INC(x) __atomic_add_fetch (&(x), 1, __ATOMIC_SEQ_CST)

struct req
{
  int magic;
  int done;
};

static void
completed (void *cls, struct MHD_Connection *c, void **con_cls,
           enum MHD_RequestTerminationCode toe)
{
  (void) cls; (void) c;
  struct req *r = *con_cls;
  if (NULL == r)
  {
    INC (n_completed_null_ctx);
    return;
  }
  if (r->magic != 0x5eed || r->done == 1)
    fprintf (stderr, "completed twice or bad ctx!\n");
  r->done = 1;
  if ((unsigned) toe < 8)
    INC (n_completed[toe]);
  INC (n_completed_total);
  free (r);
  *con_cls = NULL;
}

static void
notify_conn (void *cls, struct MHD_Connection *c, void **socket_context,
             enum MHD_ConnectionNotificationCode toe)
{
  (void) cls; (void) c; (void) socket_context;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED)
    INC (n_conn_started);
  else
    INC (n_conn_closed);
}

static void
logger (void *cls, const char *fm, va_list ap)
{
  (void) cls;
  INC (n_log);
  if (getenv ("HX_SHOWLOG"))
    vfprintf (stderr, fm, ap);
}

static enum MHD_Result
apc (void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
  (void) cls; (void) addrlen;
  INC (n_apc);
  if (addr->sa_family != AF_INET)
    return MHD_NO;
  if (apc_refuse)
    return MHD_NO;
  return MHD_YES;
}

static void
counted_free (void *p)
{
  INC (n_resp_freed);
  free (p);
}

static void
reader_free (void *p)
{
  (void) p;
  INC (n_resp_freed);
}

static ssize_t
big_reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls; (void) pos;
  INC (reader_calls);
  memset (buf, 'x', max);
  return (ssize_t) max;
}

static enum MHD_Result
reply_counted (struct MHD_Connection *c, unsigned int status, const char *body)
{
  size_t l = strlen (body);
  char *copy = malloc (l + 1);
  memcpy (copy, body, l + 1);
  struct MHD_Response *r =
    MHD_create_response_from_buffer_with_free_callback (l, copy, counted_free);
  if (NULL == r)
  {
    free (copy);
    return MHD_NO;
  }
  INC (n_resp_created);
  enum MHD_Result ret = MHD_queue_response (c, status, r);
  MHD_destroy_response (r);
  return ret;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver; (void) ud;
  if (NULL == *con_cls)
  {
    struct req *r = calloc (1, sizeof (*r));
    r->magic = 0x5eed;
    *con_cls = r;
    INC (n_req_started);
    return MHD_YES;
  }
  if (*uds)
  {
    post_bytes += *uds;
    if (*uds > post_maxchunk)
      post_maxchunk = *uds;
    *uds = 0;
    return MHD_YES;
  }
  if (0 == strcmp (url, "/settimeout"))
  {
    if (MHD_YES != MHD_set_connection_option (c, MHD_CONNECTION_OPTION_TIMEOUT,
                                              (unsigned int) 1))
      return reply_counted (c, 500, "set failed");
    const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_TIMEOUT);
    char b[64];
    snprintf (b, sizeof (b), "timeout=%u", ci ? ci->connection_timeout : 999);
    return reply_counted (c, 200, b);
  }
  if ((0 == strcmp (url, "/suspend")) && ! ((struct req *) *con_cls)->done)
  {
    /* first time: suspend; after the resume: a big response */
    ((struct req *) *con_cls)->done = 2;
    suspended_conn = c;
    INC (n_suspended);
    MHD_suspend_connection (c);
    return MHD_YES;
  }
  if ((0 == strcmp (url, "/big")) || (0 == strcmp (url, "/suspend")))
  {
    struct MHD_Response *r =
      MHD_create_response_from_callback (64 * 1024 * 1024, 16384, big_reader,
                                         NULL, reader_free);
    INC (n_resp_created);
    enum MHD_Result ret = MHD_queue_response (c, 200, r);
    MHD_destroy_response (r);
    return ret;
  }
  if (0 == strcmp (url, "/post"))
  {
    char b[64];
    snprintf (b, sizeof (b), "n=%zu", (size_t) post_bytes);
    return reply_counted (c, 200, b);
  }
  return reply_counted (c, 200, "ok");
}

static const char *OK =
  "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 2\r\n\r\nok";
static const char *GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

static int
start (struct hx_server *s, unsigned int flags,
       const struct MHD_OptionItem *extra)
{
  struct MHD_OptionItem o[16];
  int n = 0;
  o[n++] = (struct MHD_OptionItem) { MHD_OPTION_NOTIFY_COMPLETED,
                                     (intptr_t) completed, NULL };
  o[n++] = (struct MHD_OptionItem) { MHD_OPTION_NOTIFY_CONNECTION,
                                     (intptr_t) notify_conn, NULL };
  o[n++] = (struct MHD_OptionItem) { MHD_OPTION_EXTERNAL_LOGGER,
                                     (intptr_t) logger, NULL };
  for (; extra && extra->option != MHD_OPTION_END; extra++)
    o[n++] = *extra;
  o[n] = (struct MHD_OptionItem) { MHD_OPTION_END, 0, NULL };
  memset (s, 0, sizeof (*s));
  return hx_start (s, flags | MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o);
}

/* read one full "ok" response within ms; 1 if got it */
static int
got_ok (int fd, int ms)
{
  struct hx_buf b = { 0 };
  size_t want = strlen (OK);
  hx_read (fd, &b, want, ms);
  size_t nl;
  char *n = hx_norm_date (b.data ? b.data : "", b.len, &nl);
  int ok = (nl == want) && 0 == memcmp (n, OK, want);
  free (n);
  hx_buf_free (&b);
  return ok;
}

/* 0 = open+silent, 1 = closed with no bytes, 2 = got bytes */
static int
outcome (int fd, int ms, size_t *len)
{
  struct hx_buf b = { 0 };
  hx_read (fd, &b, 1, ms);
  int r = b.len ? 2 : (b.closed ? 1 : 0);
  if (len)
    *len = b.len;
  hx_buf_free (&b);
  return r;
}

static int
wait_for (volatile int *v, int want, int ms)
{
  long long end = hx_now_ms () + ms;
  while (*v < want && hx_now_ms () < end)
    hx_msleep (5);
  return *v >= want;
}

static int
connect_from (const char *src, uint16_t port)
{
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in a = { 0 };
  a.sin_family = AF_INET;
  inet_pton (AF_INET, src, &a.sin_addr);
  if (0 != bind (fd, (struct sockaddr *) &a, sizeof (a)))
  {
    close (fd);
    return -1;
  }
  struct timeval tv = { 5, 0 };
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof (tv));
  a.sin_port = htons (port);
  inet_pton (AF_INET, "127.0.0.1", &a.sin_addr);
  if (0 != connect (fd, (struct sockaddr *) &a, sizeof (a)))
  {
    close (fd);
    return -1;
  }
  return fd;
}

static int
is_pool (void)
{
  return hx_threading () == HX_T_POOL4 || hx_threading () == HX_T_POOL4_POLL;
}

/* ---------------- cases ---------------- */

static void
case_connection_limit (void)
{
  HX_CASE ("connection-limit");
  struct hx_server s;
  struct MHD_OptionItem ex[] = {
    { MHD_OPTION_CONNECTION_LIMIT, 3, NULL }, { MHD_OPTION_END, 0, NULL } };
  reset_counters ();
  if (0 != start (&s, 0, ex))
  {
    HX_CHECK (0, "start");
    return;
  }
  int fds[5];
  for (int i = 0; i < 3; i++)
  {
    fds[i] = hx_connect (s.port);
    HX_CHECK (0 == hx_sends (fds[i], GET) && got_ok (fds[i], 2000),
              "connection %d within the limit served", i);
  }
  const union MHD_DaemonInfo *di =
    MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
  HX_CHECK (di && di->num_connections == 3, "CURRENT_CONNECTIONS %u",
            di ? di->num_connections : 0);
  int logs_before = n_log;
  fds[3] = hx_connect (s.port);
  HX_CHECK (fds[3] >= 0, "4th: TCP connect completes (backlog)");
  hx_sends (fds[3], GET);
  size_t len = 0;
  int oc = outcome (fds[3], 700, &len);
  fprintf (stderr, "  4th connection outcome=%d len=%zu logs=%d\n", oc, len,
           n_log - logs_before);
  /* the 4th gets no response while 3 are open: either closed at once
   * (select-based accept loop: accepted, over the limit, closed, logged)
   * or left in the kernel backlog until a slot frees */
  HX_CHECK (oc != 2, "4th connection: no response while at the limit");
  /* measured on 0.9.75: select-based loops (external fdset, internal
   * select) accept it, log and close it; poll, epoll, the epoll pool and
   * thread-per-connection stop accepting (it waits in the backlog) */
  int sel = hx_threading () == HX_T_EXTERNAL
            || hx_threading () == HX_T_INTERNAL_SELECT;
  HX_CHECK (oc == (sel ? 1 : 0), "4th connection %s in mode %s (got %s)",
            sel ? "closed" : "left in the backlog", hx_threading_name (),
            oc == 1 ? "closed" : oc == 0 ? "pending" : "a response");
  /* one closes -> a new one is served */
  close (fds[0]);
  hx_msleep (100);
  if (oc == 0)
    HX_CHECK (got_ok (fds[3], 2000),
              "4th connection served after a slot freed");
  else
  {
    HX_CHECK (n_log > logs_before, "limit reached logged");
    close (fds[3]);
    fds[3] = hx_connect (s.port);
    HX_CHECK (0 == hx_sends (fds[3], GET) && got_ok (fds[3], 2000),
              "new connection served after a slot freed");
  }
  /* the two others still work (keep-alive) */
  for (int i = 1; i < 3; i++)
    HX_CHECK (0 == hx_sends (fds[i], GET) && got_ok (fds[i], 2000),
              "connection %d still served", i);
  for (int i = 1; i < 4; i++)
    close (fds[i]);
  hx_stop (&s);
  HX_CHECK (n_conn_started == n_conn_closed, "notify connection balanced "
            "%d/%d", n_conn_started, n_conn_closed);
  HX_CHECK (n_resp_created == n_resp_freed, "responses freed %d/%d",
            n_resp_freed, n_resp_created);
}

static void
case_per_ip_limit (void)
{
  HX_CASE ("per-ip-connection-limit");
  struct hx_server s;
  struct MHD_OptionItem ex[] = {
    { MHD_OPTION_PER_IP_CONNECTION_LIMIT, 2, NULL },
    { MHD_OPTION_END, 0, NULL } };
  reset_counters ();
  if (0 != start (&s, 0, ex))
  {
    HX_CHECK (0, "start");
    return;
  }
  int a = hx_connect (s.port), b = hx_connect (s.port);
  HX_CHECK (0 == hx_sends (a, GET) && got_ok (a, 2000), "1st from .1");
  HX_CHECK (0 == hx_sends (b, GET) && got_ok (b, 2000), "2nd from .1");
  int c = hx_connect (s.port);
  hx_sends (c, GET);
  size_t len = 0;
  int oc = outcome (c, 1500, &len);
  fprintf (stderr, "  3rd from 127.0.0.1 outcome=%d len=%zu\n", oc, len);
  HX_CHECK (oc == 1, "3rd from 127.0.0.1 closed without a response "
            "(outcome %d, %zu bytes)", oc, len);
  int d = connect_from ("127.0.0.2", s.port);
  HX_CHECK (d >= 0, "connect from 127.0.0.2");
  if (d >= 0)
  {
    HX_CHECK (0 == hx_sends (d, GET) && got_ok (d, 2000),
              "other source address served");
    close (d);
  }
  close (c);
  close (a);
  hx_msleep (150);
  c = hx_connect (s.port);
  HX_CHECK (0 == hx_sends (c, GET) && got_ok (c, 2000),
            "served again after one from .1 closed");
  close (c);
  close (b);
  hx_stop (&s);
  HX_CHECK (n_conn_started == n_conn_closed, "notify connection balanced");
  HX_CHECK (n_resp_created == n_resp_freed, "responses freed");
}

static void
case_timeouts (void)
{
  HX_CASE ("connection-timeout-idle");
  struct hx_server s;
  struct MHD_OptionItem ex[] = {
    { MHD_OPTION_CONNECTION_TIMEOUT, 1, NULL }, { MHD_OPTION_END, 0, NULL } };
  reset_counters ();
  if (0 != start (&s, 0, ex))
  {
    HX_CHECK (0, "start");
    return;
  }
  {
    long long t0 = hx_now_ms ();
    int fd = hx_connect (s.port);
    size_t len;
    int oc = outcome (fd, 4000, &len);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (oc == 1, "idle connection closed without bytes (oc=%d)", oc);
    HX_CHECK (dt >= 900 && dt <= 2600, "closed after %lld ms (1 s timeout)",
              dt);
    close (fd);
  }
  HX_CASE ("connection-timeout-after-keepalive-request");
  {
    int fd = hx_connect (s.port);
    HX_CHECK (0 == hx_sends (fd, GET) && got_ok (fd, 2000), "served");
    long long t0 = hx_now_ms ();
    size_t len;
    int oc = outcome (fd, 4000, &len);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (oc == 1 && dt >= 900 && dt <= 2600,
              "idle keep-alive closed after %lld ms (oc=%d)", dt, oc);
    close (fd);
  }
  HX_CASE ("connection-timeout-trickle-fast");
  {
    /* a byte every 250 ms: activity keeps the connection alive */
    int fd = hx_connect (s.port);
    const char *req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    long long t0 = hx_now_ms ();
    int sent_all = 1;
    for (size_t i = 0; i < 10; i++)
    {
      if (0 != hx_send (fd, req + i, 1))
        sent_all = 0;
      hx_msleep (250);
    }
    if (0 != hx_sends (fd, req + 10))
      sent_all = 0;
    HX_CHECK (sent_all && got_ok (fd, 2000),
              "trickled request (%lld ms > timeout) served",
              hx_now_ms () - t0);
    close (fd);
  }
  HX_CASE ("connection-timeout-trickle-slow");
  {
    /* pauses longer than the timeout: closed mid-request, no response */
    int fd = hx_connect (s.port);
    hx_sends (fd, "GET / HT");
    hx_msleep (400);
    hx_sends (fd, "TP/1.1\r\n");
    long long t0 = hx_now_ms ();
    size_t len;
    int oc = outcome (fd, 4000, &len);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (oc == 1 && dt >= 900 && dt <= 2600,
              "slow request closed after %lld ms, no bytes (oc=%d len=%zu)",
              dt, oc, len);
    close (fd);
  }
  HX_CASE ("connection-timeout-mid-body");
  {
    int before = n_completed[MHD_REQUEST_TERMINATED_TIMEOUT_REACHED];
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
    size_t len;
    int oc = outcome (fd, 4000, &len);
    HX_CHECK (oc == 1, "closed without bytes (oc=%d len=%zu)", oc, len);
    wait_for (&n_completed[MHD_REQUEST_TERMINATED_TIMEOUT_REACHED],
              before + 1, 500);
    HX_CHECK (n_completed[MHD_REQUEST_TERMINATED_TIMEOUT_REACHED]
              == before + 1, "NOTIFY_COMPLETED TIMEOUT_REACHED once");
    close (fd);
  }
  hx_stop (&s);
  HX_CHECK (n_req_started == n_completed_total,
            "requests started %d == completed %d", n_req_started,
            n_completed_total);
  HX_CHECK (n_conn_started == n_conn_closed, "notify connection balanced");
  HX_CHECK (n_resp_created == n_resp_freed, "responses freed");

  HX_CASE ("set-connection-option-timeout");
  reset_counters ();
  if (0 != start (&s, 0, NULL))
  {
    HX_CHECK (0, "start");
    return;
  }
  {
    int fd = hx_connect (s.port);
    int plain = hx_connect (s.port);
    hx_exchange_fd ("settimeout", fd,
                    "GET /settimeout HTTP/1.1\r\nHost: x\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 9\r\n\r\n"
                    "timeout=1", 0);
    HX_CHECK (0 == hx_sends (plain, GET) && got_ok (plain, 2000), "plain");
    long long t0 = hx_now_ms ();
    size_t len;
    int oc = outcome (fd, 4000, &len);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (oc == 1 && dt >= 800 && dt <= 2600,
              "connection with its own 1 s timeout closed after %lld ms "
              "(oc=%d)", dt, oc);
    /* the daemon has no timeout: the other connection stays open */
    HX_CHECK (0 == outcome (plain, 300, &len), "other connection still open");
    HX_CHECK (0 == hx_sends (plain, GET) && got_ok (plain, 2000),
              "other connection still served");
    close (fd);
    close (plain);
  }
  hx_stop (&s);
}

static void
case_memory_limit (void)
{
  HX_CASE ("connection-memory-limit");
  struct hx_server s;
  struct MHD_OptionItem ex[] = {
    { MHD_OPTION_CONNECTION_MEMORY_LIMIT, 4096, NULL },
    { MHD_OPTION_END, 0, NULL } };
  reset_counters ();
  if (0 != start (&s, 0, ex))
  {
    HX_CHECK (0, "start");
    return;
  }
  {
    char req[8192];
    char pad[6001];
    memset (pad, 'a', 6000);
    pad[6000] = 0;
    snprintf (req, sizeof (req), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n",
              pad);
    hx_exchange ("header bigger than the pool", s.port, req,
                 "HTTP/1.1 431 Request Header Fields Too Large\r\n"
                 "Date: <D>\r\nConnection: close\r\nContent-Length: 143\r\n\r\n"
                 "<html><head><title>Request too big</title></head><body>"
                 "Your HTTP header was too big for the memory constraints of "
                 "this webserver.</body></html>", 1);
  }
  {
    /* a body far bigger than the pool is streamed through */
    int fd = hx_connect (s.port);
    size_t n = 100000;
    char *body = malloc (n);
    memset (body, 'b', n);
    char hdr[128];
    snprintf (hdr, sizeof (hdr), "POST /post HTTP/1.1\r\nHost: x\r\n"
              "Content-Length: %zu\r\n\r\n", n);
    post_bytes = post_maxchunk = 0;
    hx_sends (fd, hdr);
    hx_send (fd, body, n);
    hx_exchange_fd ("100 kB body with a 4 KiB pool", fd, NULL,
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 8\r\n\r\n"
                    "n=100000", 0);
    HX_CHECK (post_maxchunk > 0 && post_maxchunk < 4096,
              "upload pieces fit in the pool (max %zu)",
              (size_t) post_maxchunk);
    free (body);
    close (fd);
  }
  hx_stop (&s);
  HX_CHECK (n_req_started == n_completed_total, "started == completed");
}

static void
case_quiesce (void)
{
  HX_CASE ("quiesce");
  struct hx_server s;
  reset_counters ();
  if (0 != start (&s, MHD_USE_ITC, NULL))
  {
    HX_CHECK (0, "start");
    return;
  }
  int ka = hx_connect (s.port);
  HX_CHECK (0 == hx_sends (ka, GET) && got_ok (ka, 2000), "before quiesce");
  const union MHD_DaemonInfo *di =
    MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_LISTEN_FD);
  int lfd_info = di ? di->listen_fd : -1;
  MHD_socket lfd = MHD_quiesce_daemon (s.d);
  HX_CHECK (lfd != MHD_INVALID_SOCKET && lfd == lfd_info,
            "quiesce returns the listen fd (%d, info %d)", lfd, lfd_info);
  hx_msleep (100);
  /* the open keep-alive connection still works */
  HX_CHECK (0 == hx_sends (ka, GET) && got_ok (ka, 2000),
            "open connection still served after quiesce");
  /* listen fd still open: TCP connect completes, but nobody serves it */
  int n1 = hx_connect (s.port);
  if (n1 >= 0)
  {
    hx_sends (n1, GET);
    size_t len;
    HX_CHECK (0 == outcome (n1, 500, &len),
              "new connection after quiesce not served");
    close (n1);
  }
  {
    MHD_socket again = MHD_quiesce_daemon (s.d);
    /* 0.9.75 returns the same fd again */
    HX_CHECK (again == lfd, "second quiesce -> %d (first %d)", again, lfd);
  }
  if (lfd != MHD_INVALID_SOCKET)
    close (lfd);
  int n2 = hx_connect (s.port);
  HX_CHECK (n2 < 0 && errno == ECONNREFUSED,
            "connect refused after the app closed the listen fd");
  if (n2 >= 0)
    close (n2);
  HX_CHECK (0 == hx_sends (ka, GET) && got_ok (ka, 2000),
            "open connection still served after the listen fd closed");
  close (ka);
  hx_stop (&s);
  HX_CHECK (n_conn_started == n_conn_closed, "notify connection balanced");
}

static void
case_add_connection (void)
{
  HX_CASE ("add-connection-no-listen-socket");
  struct hx_server s;
  reset_counters ();
  if (0 != start (&s, MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC, NULL))
  {
    HX_CHECK (0, "start");
    return;
  }
  const union MHD_DaemonInfo *di =
    MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_LISTEN_FD);
  HX_CHECK (NULL == di || di->listen_fd == MHD_INVALID_SOCKET,
            "no listen fd");
  /* an accepted TCP socket */
  int l = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in a = { 0 };
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  socklen_t al = sizeof (a);
  bind (l, (struct sockaddr *) &a, sizeof (a));
  listen (l, 4);
  getsockname (l, (struct sockaddr *) &a, &al);
  int cl = hx_connect (ntohs (a.sin_port));
  struct sockaddr_in peer;
  socklen_t pl = sizeof (peer);
  int acc = accept (l, (struct sockaddr *) &peer, &pl);
  close (l);
  HX_CHECK (acc >= 0, "accept");
  HX_CHECK (MHD_YES == MHD_add_connection (s.d, acc, (struct sockaddr *) &peer,
                                           pl), "add_connection (TCP)");
  HX_CHECK (0 == hx_sends (cl, GET) && got_ok (cl, 2000),
            "request on the added TCP connection");
  HX_CHECK (0 == hx_sends (cl, GET) && got_ok (cl, 2000), "keep-alive");
  close (cl);
  /* a socketpair with a made-up peer address */
  int sv[2];
  socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
  struct timeval tv = { 5, 0 };
  setsockopt (sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof (tv));
  struct sockaddr_in fake = { 0 };
  fake.sin_family = AF_INET;
  fake.sin_port = htons (1234);
  fake.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  HX_CHECK (MHD_YES == MHD_add_connection (s.d, sv[0],
                                           (struct sockaddr *) &fake,
                                           sizeof (fake)),
            "add_connection (socketpair)");
  /* the real 0.9.75 with the external epoll fd never serves the added
   * socketpair (the request is never read); checked on ours only there */
  int sp_skip = hx_is_real () && hx_threading () == HX_T_EXTERNAL_EPOLL;
  int sp_ok = 0 == hx_sends (sv[1], GET) && got_ok (sv[1], 2000);
  HX_CHECK (sp_ok || sp_skip, "request on the socketpair");
  close (sv[1]);
  wait_for (&n_conn_closed, 2, 1000);
  hx_stop (&s);
  HX_CHECK (n_conn_started == 2 && n_conn_closed == 2,
            "two connections started/closed %d/%d", n_conn_started,
            n_conn_closed);
  HX_CHECK (sp_skip || (n_req_started == 3 && n_completed_total == 3),
            "3 requests completed (%d/%d)", n_req_started, n_completed_total);
}

static void
case_accept_policy (void)
{
  HX_CASE ("accept-policy");
  struct hx_server s;
  reset_counters ();
  memset (&s, 0, sizeof (s));
  struct MHD_OptionItem o[] = {
    { MHD_OPTION_NOTIFY_CONNECTION, (intptr_t) notify_conn, NULL },
    { MHD_OPTION_END, 0, NULL } };
  struct sockaddr_in sa = { 0 };
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  unsigned int fl = hx_threading_flags (MHD_USE_ERROR_LOG);
  struct MHD_OptionItem pool[] = {
    { is_pool () ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, 4, NULL },
    { MHD_OPTION_END, 0, NULL } };
  struct MHD_Daemon *d =
    MHD_start_daemon (fl, 0, apc, NULL, handler, NULL,
                      MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &sa,
                      MHD_OPTION_ARRAY, o, MHD_OPTION_ARRAY, pool,
                      MHD_OPTION_END);
  if (0 != hx_start_daemon (&s, d, HX_SELECT))
  {
    HX_CHECK (0, "start");
    return;
  }
  int fd = hx_connect (s.port);
  HX_CHECK (0 == hx_sends (fd, GET) && got_ok (fd, 2000), "accepted");
  HX_CHECK (n_apc == 1, "apc called once (%d)", n_apc);
  close (fd);
  apc_refuse = 1;
  fd = hx_connect (s.port);
  hx_sends (fd, GET);
  size_t len;
  int oc = outcome (fd, 1500, &len);
  HX_CHECK (oc == 1, "refused by apc: closed without bytes (oc=%d)", oc);
  HX_CHECK (n_apc == 2, "apc called again (%d)", n_apc);
  close (fd);
  apc_refuse = 0;
  fd = hx_connect (s.port);
  HX_CHECK (0 == hx_sends (fd, GET) && got_ok (fd, 2000), "accepted again");
  close (fd);
  wait_for (&n_conn_closed, 2, 1000);
  hx_stop (&s);
  HX_CHECK (n_conn_started == 2 && n_conn_closed == 2,
            "refused connection never reaches NOTIFY_CONNECTION (%d/%d)",
            n_conn_started, n_conn_closed);
}

struct stopper
{
  struct MHD_Daemon *d;
  volatile int done;
};

static void *
stop_thread (void *cls)
{
  struct stopper *st = cls;
  MHD_stop_daemon (st->d);
  st->done = 1;
  return NULL;
}

/* stop the daemon from another thread; wait at most ms */
static int
stop_from_thread (struct hx_server *s, int ms)
{
  hx_stop_loop (s);
  /* MHD requires the app to resume every suspended connection before
   * MHD_stop_daemon (0.9.75 panics otherwise) */
  if (suspended_conn)
  {
    MHD_resume_connection (suspended_conn);
    suspended_conn = NULL;
  }
  struct stopper st = { s->d, 0 };
  pthread_t th;
  pthread_create (&th, NULL, stop_thread, &st);
  long long end = hx_now_ms () + ms;
  while (! st.done && hx_now_ms () < end)
    hx_msleep (5);
  if (! st.done)
  {
    fprintf (stderr, "MHD_stop_daemon did not return within %d ms\n", ms);
    hx_check_ (0, "stop", __FILE__, __LINE__, "MHD_stop_daemon hangs");
    hx_done ();
    _exit (1);
  }
  pthread_join (th, NULL);
  s->d = NULL;
  return 1;
}

static void
case_stop_busy (void)
{
  HX_CASE ("stop-while-busy");
  int tpc = hx_threading () == HX_T_TPC;
  struct hx_server s;
  reset_counters ();
  if (0 != start (&s, tpc ? 0 : MHD_ALLOW_SUSPEND_RESUME, NULL))
  {
    HX_CHECK (0, "start");
    return;
  }
  int idle = hx_connect (s.port);                    /* no request */
  int upl = hx_connect (s.port);                     /* mid-upload */
  hx_sends (upl, "POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
  int big = hx_connect (s.port);                     /* mid-response */
  hx_sends (big, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
  int sus = -1;
  if (! tpc)
  {
    sus = hx_connect (s.port);                       /* suspended */
    hx_sends (sus, "GET /suspend HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  int ka = hx_connect (s.port);                      /* served, idle ka */
  HX_CHECK (0 == hx_sends (ka, GET) && got_ok (ka, 2000), "keep-alive served");
  /* read a little of the big response so it is really mid-response */
  {
    struct hx_buf b = { 0 };
    hx_read (big, &b, 1000, 2000);
    HX_CHECK (b.len >= 1000, "big response started (%zu bytes)", b.len);
    hx_buf_free (&b);
  }
  wait_for (&n_req_started, tpc ? 3 : 4, 2000);
  if (! tpc)
    wait_for (&n_suspended, 1, 2000);
  wait_for (&n_conn_started, tpc ? 4 : 5, 2000);
  HX_CHECK (n_req_started == (tpc ? 3 : 4), "requests started %d",
            n_req_started);
  hx_msleep (100);
  stop_from_thread (&s, 5000);
  fprintf (stderr, "  completed codes: ok=%d err=%d timeout=%d shutdown=%d "
           "read_err=%d abort=%d total=%d; conn %d/%d; resp %d/%d\n",
           n_completed[0], n_completed[1], n_completed[2], n_completed[3],
           n_completed[4], n_completed[5], n_completed_total, n_conn_started,
           n_conn_closed, n_resp_created, n_resp_freed);
  HX_CHECK (n_completed_total == n_req_started,
            "every started request completed once (%d/%d)",
            n_completed_total, n_req_started);
  HX_CHECK (n_completed[0] == 1, "the served request: COMPLETED_OK (%d)",
            n_completed[0]);
  /* upload, big (and suspended): DAEMON_SHUTDOWN; with thread-per-
   * connection the real 0.9.75 may report CLIENT_ABORT or READ_ERROR for
   * connections whose socket it shut down */
  int others = n_completed_total - n_completed[0];
  if (tpc)
    HX_CHECK (n_completed[2] == 0,
              "tpc: aborted requests end with a non-OK code (the real "
              "0.9.75 mixes WITH_ERROR, CLIENT_ABORT and DAEMON_SHUTDOWN)");
  else
    HX_CHECK (n_completed[3] == others,
              "aborted requests end with DAEMON_SHUTDOWN (%d of %d)",
              n_completed[3], others);
  HX_CHECK (n_conn_started == n_conn_closed && n_conn_started == (tpc ? 4 : 5),
            "NOTIFY_CONNECTION started/closed %d/%d", n_conn_started,
            n_conn_closed);
  HX_CHECK (n_resp_created == n_resp_freed && n_resp_created >= 2,
            "free callbacks once per response %d/%d", n_resp_freed,
            n_resp_created);
  HX_CHECK (n_completed_null_ctx == 0, "no completion without a request");
  /* all client sockets see the close */
  int fds[] = { idle, upl, big, sus, ka };
  for (int i = 0; i < 5; i++)
  {
    if (fds[i] < 0)
      continue;
    struct hx_buf b = { 0 };
    hx_read (fds[i], &b, 0, 3000);
    HX_CHECK (b.closed, "client %d sees the close", i);
    hx_buf_free (&b);
    close (fds[i]);
  }
}

static void
case_stop_pool_epoll_no_itc (void)
{
  HX_CASE ("stop-pool-epoll-without-itc");
  /* The real 0.9.75 hangs in MHD_stop_daemon here (a worker stays in
   * epoll_wait(-1)); ours must return.  Checked on ours only. */
  if (hx_is_real ())
  {
    fprintf (stderr, "SKIP case on real (known hang)\n");
    return;
  }
  if (hx_case_only_modes ("pool4", "only in pool4 mode"))
    return;
  reset_counters ();
  struct hx_server s;
  memset (&s, 0, sizeof (s));
  struct sockaddr_in sa = { 0 };
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  struct MHD_Daemon *d =
    MHD_start_daemon (MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0,
                      NULL, NULL, handler, NULL,
                      MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &sa,
                      MHD_OPTION_THREAD_POOL_SIZE, (unsigned int) 4,
                      MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
                      MHD_OPTION_END);
  if (0 != hx_start_daemon (&s, d, HX_SELECT))
  {
    HX_CHECK (0, "start");
    return;
  }
  int fd = hx_connect (s.port);
  hx_sends (fd, "POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
  wait_for (&n_req_started, 1, 2000);
  stop_from_thread (&s, 5000);
  HX_CHECK (n_completed[3] == 1, "DAEMON_SHUTDOWN once");
  close (fd);
}

int
main (int argc, char **argv)
{
  const char *only = argc > 1 ? argv[1] : NULL;
#define RUN(n, f) do { if (! only || strstr (n, only)) f (); } while (0)
  RUN ("connection-limit", case_connection_limit);
  RUN ("per-ip", case_per_ip_limit);
  RUN ("timeouts", case_timeouts);
  RUN ("memory", case_memory_limit);
  RUN ("quiesce", case_quiesce);
  RUN ("add-connection", case_add_connection);
  RUN ("accept-policy", case_accept_policy);
  RUN ("stop-busy", case_stop_busy);
  RUN ("stop-pool", case_stop_pool_epoll_no_itc);
  return hx_done ();
}
