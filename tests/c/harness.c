/* Shared test harness implementation (see harness.h). */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

int hx_checks = 0;
int hx_failed = 0;
const char *hx_current_case = "";

void
hx_check_ (int ok, const char *expr, const char *file, int line,
           const char *fmt, ...)
{
  hx_checks++;
  if (ok)
    return;
  hx_failed++;
  fprintf (stderr, "CHECK FAILED [%s] %s:%d: %s: ", hx_current_case, file,
           line, expr);
  va_list ap;
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
}

static void
print_escaped (FILE *f, const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
  {
    unsigned char c = (unsigned char) s[i];
    if (c == '\r')
      fputs ("\\r", f);
    else if (c == '\n')
      fputs ("\\n\n    ", f);
    else if (c == '\\')
      fputs ("\\\\", f);
    else if (c < 32 || c >= 127)
      fprintf (f, "\\x%02x", c);
    else
      fputc (c, f);
  }
}

int
hx_expect_bytes (const char *what, const char *got, size_t got_len,
                 const char *expected, size_t exp_len)
{
  hx_checks++;
  if ((got_len == exp_len) && (0 == memcmp (got, expected, exp_len)))
    return 1;
  hx_failed++;
  size_t i = 0;
  while (i < got_len && i < exp_len && got[i] == expected[i])
    i++;
  fprintf (stderr, "BYTES MISMATCH [%s] %s: first difference at offset %zu "
           "(got %zu bytes, expected %zu)\n", hx_current_case, what, i,
           got_len, exp_len);
  fputs ("  expected:\n    ", stderr);
  print_escaped (stderr, expected, exp_len);
  fputs ("\n  got:\n    ", stderr);
  print_escaped (stderr, got, got_len);
  fputs ("\n", stderr);
  return 0;
}

int
hx_done (void)
{
  fprintf (stderr, "%d checks, %d failed\n", hx_checks, hx_failed);
  return hx_failed ? 1 : 0;
}

void
hx_msleep (int ms)
{
  struct timespec ts = { ms / 1000, (long) (ms % 1000) * 1000000L };
  while (nanosleep (&ts, &ts) != 0 && errno == EINTR)
    ;
}

long long
hx_now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------- threading mode ---------------- */

static const char *const threading_names[] = {
  "external", "external-epoll", "internal-select", "internal-poll",
  "internal-epoll", "pool4", "pool4-poll", "tpc"
};

enum hx_threading
hx_threading (void)
{
  static int cached = -1;
  if (cached >= 0)
    return (enum hx_threading) cached;
  const char *e = getenv ("HX_THREADING");
  cached = HX_T_EXTERNAL;
  if (e && *e)
  {
    int found = 0;
    for (size_t i = 0; i < sizeof (threading_names) / sizeof (*threading_names);
         i++)
      if (0 == strcmp (e, threading_names[i]))
      {
        cached = (int) i;
        found = 1;
      }
    if (! found)
    {
      fprintf (stderr, "harness: unknown HX_THREADING '%s'\n", e);
      exit (2);
    }
  }
  return (enum hx_threading) cached;
}

const char *
hx_threading_name (void)
{
  return threading_names[hx_threading ()];
}

int
hx_threading_internal (void)
{
  enum hx_threading t = hx_threading ();
  return (t != HX_T_EXTERNAL) && (t != HX_T_EXTERNAL_EPOLL);
}

unsigned int
hx_threading_flags (unsigned int flags)
{
  if (flags & (MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION))
    return flags;                 /* the test asked for a specific model */
  switch (hx_threading ())
  {
  case HX_T_EXTERNAL:
    return flags;
  case HX_T_EXTERNAL_EPOLL:
    return flags | MHD_USE_EPOLL;
  case HX_T_INTERNAL_SELECT:
    return flags | MHD_USE_INTERNAL_POLLING_THREAD;
  case HX_T_INTERNAL_POLL:
  case HX_T_POOL4_POLL:
    return flags | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
  case HX_T_INTERNAL_EPOLL:
    return flags | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  case HX_T_POOL4:
    /* debuginfod's flags.  Without MHD_USE_ITC the real 0.9.75 hangs in
     * MHD_stop_daemon (a worker stays in epoll_wait(-1)) when a
     * connection is open; t_limits checks that case on ours only. */
    return flags | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
           | MHD_USE_ITC;
  case HX_T_TPC:
    return flags | MHD_USE_INTERNAL_POLLING_THREAD
           | MHD_USE_THREAD_PER_CONNECTION;
  }
  return flags;
}

static int
mode_in_list (const char *modes)
{
  const char *me = hx_threading_name ();
  size_t ml = strlen (me);
  const char *p = modes;
  while (*p)
  {
    while (*p == ' ' || *p == ',')
      p++;
    size_t l = strcspn (p, " ,");
    if (l == ml && 0 == strncmp (p, me, l))
      return 1;
    p += l;
  }
  return 0;
}

void
hx_only_modes (const char *modes, const char *why)
{
  if (mode_in_list (modes))
    return;
  printf ("SKIP (%s): %s\n", hx_threading_name (), why);
  fprintf (stderr, "SKIP (%s): %s\n", hx_threading_name (), why);
  exit (hx_failed ? 1 : HX_SKIP);
}

int
hx_case_only_modes (const char *modes, const char *why)
{
  if (mode_in_list (modes))
    return 0;
  fprintf (stderr, "SKIP case %s (%s): %s\n", hx_current_case,
           hx_threading_name (), why);
  return 1;
}

/* ---------------- server loop ---------------- */

/* internal modes: MHD drives itself; only tick on_iter */
static void
tick_loop (struct hx_server *s)
{
  while (! s->stop)
  {
    if (s->on_iter)
      s->on_iter (s, s->iter_cls);
    s->iters++;
    struct pollfd p = { s->wake[0], POLLIN, 0 };
    if (poll (&p, 1, 2) > 0)
    {
      char tmp[64];
      (void) ! read (s->wake[0], tmp, sizeof (tmp));
    }
  }
}

/* external epoll: watch MHD's epoll fd (journal-remote / sd-event style) */
static void
epoll_fd_loop (struct hx_server *s)
{
  const union MHD_DaemonInfo *di =
    MHD_get_daemon_info (s->d, MHD_DAEMON_INFO_EPOLL_FD);
  int efd = di ? di->epoll_fd : -1;
  if (efd < 0)
    fprintf (stderr, "harness: no MHD_DAEMON_INFO_EPOLL_FD\n");
  while (! s->stop)
  {
    if (s->on_iter)
      s->on_iter (s, s->iter_cls);
    s->iters++;
    MHD_UNSIGNED_LONG_LONG to;
    long wait_ms = s->max_wait_ms;
    if (MHD_YES == MHD_get_timeout (s->d, &to))
    {
      if (to < (MHD_UNSIGNED_LONG_LONG) wait_ms)
        wait_ms = (long) to;
    }
    struct pollfd p[2] = { { s->wake[0], POLLIN, 0 }, { efd, POLLIN, 0 } };
    int r = poll (p, efd >= 0 ? 2 : 1, (int) wait_ms);
    if ((r > 0) && (p[0].revents & POLLIN))
    {
      char tmp[64];
      (void) ! read (s->wake[0], tmp, sizeof (tmp));
    }
    if (MHD_YES != MHD_run (s->d))
    {
      fprintf (stderr, "harness: MHD_run failed\n");
      hx_msleep (5);
    }
  }
}

static void *
loop_thread (void *arg)
{
  struct hx_server *s = arg;
  if (s->internal)
  {
    tick_loop (s);
    return NULL;
  }
  if (s->use_epoll_fd)
  {
    epoll_fd_loop (s);
    return NULL;
  }
  while (! s->stop)
  {
    if (s->on_iter)
      s->on_iter (s, s->iter_cls);
    s->iters++;
    if (s->mode == HX_SELECT)
    {
      fd_set rs, ws, es;
      MHD_socket maxfd = -1;
      FD_ZERO (&rs);
      FD_ZERO (&ws);
      FD_ZERO (&es);
      if (MHD_YES != MHD_get_fdset (s->d, &rs, &ws, &es, &maxfd))
      {
        fprintf (stderr, "harness: MHD_get_fdset failed\n");
        hx_msleep (5);
        continue;
      }
      FD_SET (s->wake[0], &rs);
      if (s->wake[0] > maxfd)
        maxfd = s->wake[0];
      MHD_UNSIGNED_LONG_LONG to;
      long wait_ms = s->max_wait_ms;
      if (MHD_YES == MHD_get_timeout (s->d, &to))
      {
        if (to < (MHD_UNSIGNED_LONG_LONG) wait_ms)
          wait_ms = (long) to;
      }
      struct timeval tv = { wait_ms / 1000, (wait_ms % 1000) * 1000 };
      int r = select (maxfd + 1, &rs, &ws, &es, &tv);
      if (r < 0)
      {
        if (errno != EINTR)
          perror ("harness: select");
        FD_ZERO (&rs);
        FD_ZERO (&ws);
        FD_ZERO (&es);
      }
      if ((r > 0) && FD_ISSET (s->wake[0], &rs))
      {
        char tmp[64];
        (void) ! read (s->wake[0], tmp, sizeof (tmp));
      }
      MHD_run_from_select (s->d, &rs, &ws, &es);
    }
    else if (s->mode == HX_RUN)
    {
      MHD_run (s->d);
      hx_msleep (1);
    }
    else
    {
      MHD_run_wait (s->d, s->max_wait_ms);
    }
  }
  return NULL;
}

int
hx_start_daemon (struct hx_server *s, struct MHD_Daemon *d,
                 enum hx_mode mode)
{
  s->d = d;
  s->mode = mode;
  s->stop = 0;
  s->iters = 0;
  if (s->max_wait_ms <= 0)
    s->max_wait_ms = 20;
  if (NULL == d)
    return -1;
  const union MHD_DaemonInfo *di =
    MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT);
  s->port = di ? di->port : 0;
  di = MHD_get_daemon_info (d, MHD_DAEMON_INFO_FLAGS);
  unsigned int df = di ? (unsigned int) di->flags : 0;
  s->internal = (0 != (df & (MHD_USE_INTERNAL_POLLING_THREAD
                             | MHD_USE_THREAD_PER_CONNECTION)));
  s->use_epoll_fd = (! s->internal) && (0 != (df & MHD_USE_EPOLL))
                    && (mode == HX_SELECT)
                    && (hx_threading () == HX_T_EXTERNAL_EPOLL);
  if (0 != pipe2 (s->wake, O_NONBLOCK | O_CLOEXEC))
    return -1;
  if (0 != pthread_create (&s->th, NULL, loop_thread, s))
    return -1;
  s->running = 1;
  return 0;
}

static int
start_impl (struct hx_server *s, unsigned int flags, enum hx_mode mode,
            MHD_AccessHandlerCallback h, void *h_cls,
            const struct MHD_OptionItem *opts, MHD_LogCallback logger,
            void *logger_cls);

int
hx_start (struct hx_server *s, unsigned int flags, enum hx_mode mode,
          MHD_AccessHandlerCallback h, void *h_cls,
          const struct MHD_OptionItem *opts)
{
  return start_impl (s, flags, mode, h, h_cls, opts, NULL, NULL);
}

int
hx_start_logged (struct hx_server *s, unsigned int flags, enum hx_mode mode,
                 MHD_AccessHandlerCallback h, void *h_cls,
                 const struct MHD_OptionItem *opts, MHD_LogCallback logger,
                 void *logger_cls)
{
  return start_impl (s, flags, mode, h, h_cls, opts, logger, logger_cls);
}

static int
start_impl (struct hx_server *s, unsigned int flags, enum hx_mode mode,
            MHD_AccessHandlerCallback h, void *h_cls,
            const struct MHD_OptionItem *opts, MHD_LogCallback logger,
            void *logger_cls)
{
  static const struct MHD_OptionItem none[] = { { MHD_OPTION_END, 0, NULL } };
  struct sockaddr_in sa;
  memset (&sa, 0, sizeof (sa));
  sa.sin_family = AF_INET;
  sa.sin_port = 0;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  int has_addr = 0;
  if (opts)
    for (const struct MHD_OptionItem *o = opts; o->option != MHD_OPTION_END;
         o++)
      if (o->option == MHD_OPTION_SOCK_ADDR
          || o->option == MHD_OPTION_LISTEN_SOCKET)
        has_addr = 1;
  struct MHD_Daemon *d;
  unsigned int tflags = hx_threading_flags (flags);
  if ((tflags & MHD_USE_THREAD_PER_CONNECTION)
      && ((flags & MHD_ALLOW_SUSPEND_RESUME) == MHD_ALLOW_SUSPEND_RESUME)
      && ! (flags & MHD_USE_THREAD_PER_CONNECTION))
  {
    /* MHD refuses suspend/resume with thread-per-connection */
    hx_only_modes ("", "suspend/resume is not allowed with "
                   "thread-per-connection");
  }
  struct MHD_OptionItem extra[2] = { { MHD_OPTION_END, 0, NULL },
                                     { MHD_OPTION_END, 0, NULL } };
  int has_pool = 0;
  if (opts)
    for (const struct MHD_OptionItem *o = opts; o->option != MHD_OPTION_END;
         o++)
      if (o->option == MHD_OPTION_THREAD_POOL_SIZE)
        has_pool = 1;
  if (((hx_threading () == HX_T_POOL4) || (hx_threading () == HX_T_POOL4_POLL))
      && ! has_pool && ! (flags & (MHD_USE_INTERNAL_POLLING_THREAD
                                   | MHD_USE_THREAD_PER_CONNECTION))
      && ! (flags & MHD_USE_NO_LISTEN_SOCKET))
  {
    extra[0].option = MHD_OPTION_THREAD_POOL_SIZE;
    extra[0].value = 4;
  }
  if (logger && (has_addr || (flags & MHD_USE_IPv6)))
    d = MHD_start_daemon (tflags, 0, NULL, NULL, h, h_cls,
                          MHD_OPTION_EXTERNAL_LOGGER, logger, logger_cls,
                          MHD_OPTION_ARRAY, extra,
                          MHD_OPTION_ARRAY, opts ? opts : none,
                          MHD_OPTION_END);
  else if (logger)
    d = MHD_start_daemon (tflags, 0, NULL, NULL, h, h_cls,
                          MHD_OPTION_EXTERNAL_LOGGER, logger, logger_cls,
                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &sa,
                          MHD_OPTION_ARRAY, extra,
                          MHD_OPTION_ARRAY, opts ? opts : none,
                          MHD_OPTION_END);
  else if (has_addr || (flags & MHD_USE_IPv6))
    d = MHD_start_daemon (tflags, 0, NULL, NULL, h, h_cls,
                          MHD_OPTION_ARRAY, extra,
                          MHD_OPTION_ARRAY, opts ? opts : none,
                          MHD_OPTION_END);
  else
    d = MHD_start_daemon (tflags, 0, NULL, NULL, h, h_cls,
                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &sa,
                          MHD_OPTION_ARRAY, extra,
                          MHD_OPTION_ARRAY, opts ? opts : none,
                          MHD_OPTION_END);
  if (NULL == d)
  {
    fprintf (stderr, "harness: MHD_start_daemon failed\n");
    s->d = NULL;
    return -1;
  }
  return hx_start_daemon (s, d, mode);
}

void
hx_stop_loop (struct hx_server *s)
{
  if (! s->running)
    return;
  s->stop = 1;
  (void) ! write (s->wake[1], "x", 1);
  pthread_join (s->th, NULL);
  close (s->wake[0]);
  close (s->wake[1]);
  s->running = 0;
}

void
hx_stop (struct hx_server *s)
{
  hx_stop_loop (s);
  if (s->d)
    MHD_stop_daemon (s->d);
  s->d = NULL;
}

/* ---------------- client ---------------- */

int
hx_connect_addr (const struct sockaddr *sa, socklen_t len)
{
  int fd = socket (sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  struct timeval tv = { 5, 0 };
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof (tv));
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof (tv));
  int one = 1;
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof (one));
  if (0 != connect (fd, sa, len))
  {
    close (fd);
    return -1;
  }
  return fd;
}

int
hx_connect (uint16_t port)
{
  struct sockaddr_in sa;
  memset (&sa, 0, sizeof (sa));
  sa.sin_family = AF_INET;
  sa.sin_port = htons (port);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  return hx_connect_addr ((struct sockaddr *) &sa, sizeof (sa));
}

int
hx_send (int fd, const void *data, size_t len)
{
  const char *p = data;
  while (len > 0)
  {
    ssize_t n = send (fd, p, len, MSG_NOSIGNAL);
    if (n < 0)
    {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += n;
    len -= (size_t) n;
  }
  return 0;
}

int
hx_sends (int fd, const char *s)
{
  return hx_send (fd, s, strlen (s));
}

int
hx_send_pieces (int fd, int pause_ms, ...)
{
  va_list ap;
  va_start (ap, pause_ms);
  const char *p;
  int first = 1;
  int rc = 0;
  while (NULL != (p = va_arg (ap, const char *)))
  {
    if (! first)
      hx_msleep (pause_ms);
    first = 0;
    if (0 != hx_sends (fd, p))
    {
      rc = -1;
      break;
    }
  }
  va_end (ap);
  return rc;
}

void
hx_buf_free (struct hx_buf *b)
{
  free (b->data);
  memset (b, 0, sizeof (*b));
}

static void
buf_append (struct hx_buf *b, const char *d, size_t n)
{
  b->data = realloc (b->data, b->len + n + 1);
  memcpy (b->data + b->len, d, n);
  b->len += n;
  b->data[b->len] = 0;
}

char *
hx_norm_date (const char *in, size_t len, size_t *out_len)
{
  char *out = malloc (len + 1);
  size_t o = 0;
  size_t i = 0;
  int line_start = 1;
  /* only normalise inside the header block(s): any line beginning with
   * "Date: " is rewritten */
  while (i < len)
  {
    if (line_start && (len - i >= 6) && (0 == memcmp (in + i, "Date: ", 6)))
    {
      size_t j = i + 6;
      while (j < len && in[j] != '\r' && in[j] != '\n')
        j++;
      memcpy (out + o, "Date: <D>", 9);
      o += 9;
      i = j;
      line_start = 0;
      continue;
    }
    out[o++] = in[i];
    line_start = (in[i] == '\n');
    i++;
  }
  out[o] = 0;
  if (out_len)
    *out_len = o;
  return out;
}

static size_t
norm_len (const struct hx_buf *b)
{
  size_t l;
  char *n = hx_norm_date (b->data ? b->data : "", b->len, &l);
  free (n);
  return l;
}

void
hx_read (int fd, struct hx_buf *b, size_t want, int timeout_ms)
{
  long long end = hx_now_ms () + timeout_ms;
  char tmp[16384];
  if (NULL == b->data)
    buf_append (b, "", 0);
  while (! b->closed)
  {
    if (want > 0 && norm_len (b) >= want)
      break;
    long long left = end - hx_now_ms ();
    if (left <= 0)
      break;
    struct pollfd p = { fd, POLLIN, 0 };
    int r = poll (&p, 1, (int) left);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    ssize_t n = recv (fd, tmp, sizeof (tmp), 0);
    if (n > 0)
      buf_append (b, tmp, (size_t) n);
    else if (n == 0)
      b->closed = 1;
    else if (errno != EINTR && errno != EAGAIN)
    {
      b->closed = 1;
      if (errno == ECONNRESET)
        b->reset = 1;
    }
  }
}

int
hx_wait_closed (int fd, int wait_ms, struct hx_buf *b)
{
  struct pollfd p = { fd, POLLIN, 0 };
  int r = poll (&p, 1, wait_ms);
  if (r <= 0)
    return 0;
  char tmp[4096];
  ssize_t n = recv (fd, tmp, sizeof (tmp), MSG_DONTWAIT);
  if (n == 0)
    return 1;
  if (n < 0)
    return (errno == EAGAIN) ? 0 : 1;
  if (b)
    buf_append (b, tmp, (size_t) n);
  return 2;
}

int
hx_exchange_fd (const char *what, int fd, const char *req,
                const char *expected, int expect_close)
{
  int ok = 1;
  if (req && 0 != hx_sends (fd, req))
  {
    HX_CHECK (0, "%s: send failed", what);
    return 0;
  }
  struct hx_buf b = { 0 };
  size_t exp_len = strlen (expected);
  hx_read (fd, &b, expect_close == 1 ? 0 : exp_len,
           expect_close == 1 ? 3000 : 3000);
  if (! b.closed && expect_close != 0)
  {
    /* collect a bit more to see if anything extra or a close follows */
    int w = hx_wait_closed (fd, expect_close == 1 ? 1500 : 50, &b);
    if (w == 1)
      b.closed = 1;
  }
  else if (! b.closed && expect_close == 0)
  {
    int w = hx_wait_closed (fd, 50, &b);
    if (w == 1)
      b.closed = 1;
  }
  size_t nl;
  char *n = hx_norm_date (b.data, b.len, &nl);
  if (! hx_expect_bytes (what, n, nl, expected, exp_len))
    ok = 0;
  if (expect_close == 1 && ! b.closed)
  {
    HX_CHECK (0, "%s: connection expected to be closed", what);
    ok = 0;
  }
  if (expect_close == 0 && b.closed)
  {
    HX_CHECK (0, "%s: connection expected to stay open", what);
    ok = 0;
  }
  free (n);
  hx_buf_free (&b);
  return ok;
}

int
hx_exchange (const char *what, uint16_t port, const char *req,
             const char *expected, int expect_close)
{
  int fd = hx_connect (port);
  if (fd < 0)
  {
    HX_CHECK (0, "%s: connect failed", what);
    return 0;
  }
  int ok = hx_exchange_fd (what, fd, req, expected, expect_close);
  close (fd);
  return ok;
}

enum MHD_Result
hx_reply (struct MHD_Connection *c, unsigned int status, const char *body)
{
  struct MHD_Response *r =
    MHD_create_response_from_buffer (strlen (body), (void *) body,
                                     MHD_RESPMEM_MUST_COPY);
  enum MHD_Result ret = MHD_queue_response (c, status, r);
  MHD_destroy_response (r);
  return ret;
}

int
hx_is_real (void)
{
  const char *e = getenv ("HX_LIB");
  return e && 0 == strcmp (e, "real");
}

__attribute__((constructor)) static void
hx_init (void)
{
  signal (SIGPIPE, SIG_IGN);
}
