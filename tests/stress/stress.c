/* Stress test for a libmicrohttpd drop-in (run by tests/stress/run.sh).
 *
 * Server: one MHD daemon in the chosen threading mode with
 * MHD_ALLOW_SUSPEND_RESUME; about half the requests are suspended in the
 * handler and resumed by one of 4 resumer threads after a random short
 * delay; responses are buffers with a counted free callback or (every
 * 4th) a 20000-byte callback response with a counted free callback.
 * Clients: CLIENT_THREADS threads drive -c keep-alive connections with
 * non-blocking sockets and poll(); every response body is checked
 * against the request id.
 * Phase 1: -n requests, all must be answered correctly.
 * Phase 2 (-s): the same load again, and MHD_stop_daemon is called
 * while it is busy (suspended connections are resumed first, as MHD
 * requires); every request is then answered or its connection closed.
 * After each phase: handler first calls == NOTIFY_COMPLETED calls,
 * NOTIFY_CONNECTION started == closed, responses created == freed.
 * Bounded by -t seconds (alarm).  Prints "PASS ..."/"FAIL ..." lines. */
#define _GNU_SOURCE
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdarg.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <signal.h>
#include <pthread.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#define CLIENT_THREADS 4
#define RESUMERS 4
#define BIG 20000

static int opt_conns = 200, opt_reqs = 20000, opt_secs = 60, opt_stop = 1;
static const char *opt_mode = "internal-epoll";
static int failures;

#define ADD(x, v) __atomic_add_fetch (&(x), (v), __ATOMIC_SEQ_CST)
#define LOAD(x) __atomic_load_n (&(x), __ATOMIC_SEQ_CST)

/* server-side counters */
static int s_req_started, s_completed, s_completed_codes[8];
static int s_conn_started, s_conn_closed, s_resp_created, s_resp_freed;
static int s_suspended_total, s_outstanding;

/* client-side counters */
static int c_next_id, c_answered, c_aborted, c_bad, c_sent;

static void
fail (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  printf ("FAIL ");
  vprintf (fmt, ap);
  printf ("\n");
  fflush (stdout);
  va_end (ap);
  ADD (failures, 1);
}

static void
msleep (int ms)
{
  struct timespec ts = { ms / 1000, (long) (ms % 1000) * 1000000L };
  while (nanosleep (&ts, &ts) != 0 && errno == EINTR)
    ;
}

static long long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------- resume queue ---------------- */
struct qitem
{
  struct MHD_Connection *c;
  long long due;
  struct qitem *next;
};
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cond = PTHREAD_COND_INITIALIZER;
static struct qitem *q_head;
static int q_stopping;   /* no more suspends */
static int q_quit;       /* resumers exit */

static void *
resumer (void *cls)
{
  unsigned int seed = (unsigned int) (uintptr_t) cls;
  pthread_mutex_lock (&q_lock);
  while (1)
  {
    while (! q_head && ! q_quit)
      pthread_cond_wait (&q_cond, &q_lock);
    if (! q_head && q_quit)
      break;
    struct qitem *it = q_head;
    q_head = it->next;
    int stopping = q_stopping;
    pthread_mutex_unlock (&q_lock);
    long long wait = it->due - now_ms ();
    if (wait > 0 && ! stopping)
      msleep ((int) wait);
    (void) rand_r (&seed);
    MHD_resume_connection (it->c);
    ADD (s_outstanding, -1);
    free (it);
    pthread_mutex_lock (&q_lock);
  }
  pthread_mutex_unlock (&q_lock);
  return NULL;
}

/* ---------------- server ---------------- */
struct req
{
  int magic;
  int state;       /* 0 new, 1 suspended once */
  int id;
};

static void
completed (void *cls, struct MHD_Connection *c, void **con_cls,
           enum MHD_RequestTerminationCode toe)
{
  (void) cls; (void) c;
  struct req *r = *con_cls;
  if (! r)
    return;
  if (r->magic != 0xabcd)
    fail ("NOTIFY_COMPLETED with a bad or reused context");
  r->magic = 0;
  ADD (s_completed, 1);
  if ((unsigned) toe < 8)
    ADD (s_completed_codes[toe], 1);
  free (r);
  *con_cls = NULL;
}

static void
notify_conn (void *cls, struct MHD_Connection *c, void **sc,
             enum MHD_ConnectionNotificationCode toe)
{
  (void) cls; (void) c; (void) sc;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED)
    ADD (s_conn_started, 1);
  else
    ADD (s_conn_closed, 1);
}

static void
free_buf (void *p)
{
  ADD (s_resp_freed, 1);
  free (p);
}

struct big
{
  char head[32];
  size_t hl;
};

static ssize_t
big_reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  struct big *b = cls;
  size_t n = 0;
  while (n < max && pos + n < BIG)
  {
    uint64_t p = pos + n;
    buf[n++] = p < b->hl ? b->head[p] : (char) ('a' + p % 26);
  }
  return (ssize_t) n;
}

static void
big_free (void *cls)
{
  ADD (s_resp_freed, 1);
  free (cls);
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) url; (void) method; (void) ver; (void) ud;
  struct req *r = *con_cls;
  if (! r)
  {
    r = calloc (1, sizeof (*r));
    r->magic = 0xabcd;
    const char *id = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND,
                                                  "id");
    r->id = id ? atoi (id) : -1;
    *con_cls = r;
    ADD (s_req_started, 1);
    return MHD_YES;
  }
  if (*uds)
  {
    *uds = 0;
    return MHD_YES;
  }
  const char *sus = MHD_lookup_connection_value (c, MHD_GET_ARGUMENT_KIND,
                                                 "s");
  if (r->state == 0 && sus && sus[0] == '1')
  {
    pthread_mutex_lock (&q_lock);
    if (! q_stopping)
    {
      r->state = 1;
      struct qitem *it = malloc (sizeof (*it));
      it->c = c;
      it->due = now_ms () + (r->id * 7919) % 6;
      it->next = q_head;
      ADD (s_outstanding, 1);
      ADD (s_suspended_total, 1);
      MHD_suspend_connection (c);
      q_head = it;
      pthread_cond_signal (&q_cond);
      pthread_mutex_unlock (&q_lock);
      return MHD_YES;
    }
    pthread_mutex_unlock (&q_lock);
  }
  struct MHD_Response *resp;
  if (r->id % 4 == 0)
  {
    struct big *b = malloc (sizeof (*b));
    b->hl = (size_t) snprintf (b->head, sizeof (b->head), "id=%d;", r->id);
    resp = MHD_create_response_from_callback (BIG, 4096, big_reader, b,
                                              big_free);
  }
  else
  {
    char *body = malloc (64);
    int l = snprintf (body, 64, "id=%d;small", r->id);
    resp = MHD_create_response_from_buffer_with_free_callback ((size_t) l,
                                                               body,
                                                               free_buf);
  }
  ADD (s_resp_created, 1);
  enum MHD_Result ret = MHD_queue_response (c, 200, resp);
  MHD_destroy_response (resp);
  return ret;
}

/* ---------------- clients ---------------- */
struct conn
{
  int fd;
  int id;          /* request in flight, -1 none */
  char buf[BIG + 512];
  size_t len;
};

static uint16_t port;
static volatile int phase_stop_mode;  /* aborts are allowed */

static int
connect_nb (void)
{
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in sa = { 0 };
  sa.sin_family = AF_INET;
  sa.sin_port = htons (port);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  int one = 1;
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof (one));
  if (0 != connect (fd, (struct sockaddr *) &sa, sizeof (sa)))
  {
    close (fd);
    return -1;
  }
  fcntl (fd, F_SETFL, O_NONBLOCK);
  return fd;
}

static int
send_next (struct conn *k)
{
  int id = ADD (c_next_id, 1) - 1;
  if (id >= opt_reqs)
    return 0;
  char req[128];
  int l = snprintf (req, sizeof (req),
                    "GET /r?id=%d&s=%d HTTP/1.1\r\nHost: x\r\n\r\n", id,
                    (id % 2));
  if (send (k->fd, req, (size_t) l, MSG_NOSIGNAL) != l)
    return -1;   /* tiny request: a partial send only happens when broken */
  ADD (c_sent, 1);
  k->id = id;
  k->len = 0;
  return 1;
}

/* 1 complete+ok, 0 need more, -1 bad */
static int
check_response (struct conn *k)
{
  k->buf[k->len] = 0;
  char *end = strstr (k->buf, "\r\n\r\n");
  if (! end)
    return k->len > 1024 ? -1 : 0;
  if (0 != strncmp (k->buf, "HTTP/1.1 200 OK\r\n", 17))
    return -1;
  char *cl = strcasestr (k->buf, "\r\nContent-Length: ");
  if (! cl || cl > end)
    return -1;
  size_t want = strtoul (cl + 18, NULL, 10);
  size_t hl = (size_t) (end + 4 - k->buf);
  if (k->len < hl + want)
    return 0;
  if (k->len > hl + want)
    return -1;   /* extra bytes: nothing was pipelined */
  char exp[64];
  int el = snprintf (exp, sizeof (exp), "id=%d;", k->id);
  if (0 != memcmp (end + 4, exp, (size_t) el))
    return -1;
  if (want != (k->id % 4 == 0 ? BIG : (size_t) el + 5))
    return -1;
  return 1;
}

static void *
client_thread (void *cls)
{
  int n = (int) (intptr_t) cls;
  struct conn *ks = calloc ((size_t) n, sizeof (*ks));
  struct pollfd *pf = calloc ((size_t) n, sizeof (*pf));
  int live = 0;
  for (int i = 0; i < n; i++)
  {
    ks[i].fd = connect_nb ();
    ks[i].id = -1;
    if (ks[i].fd < 0)
    {
      if (! phase_stop_mode)
        fail ("client connect failed: %s", strerror (errno));
      continue;
    }
    int r = send_next (&ks[i]);
    if (r <= 0)
    {
      close (ks[i].fd);
      ks[i].fd = -1;
      continue;
    }
    live++;
  }
  while (live > 0)
  {
    for (int i = 0; i < n; i++)
    {
      pf[i].fd = ks[i].fd;
      pf[i].events = POLLIN;
      pf[i].revents = 0;
    }
    int pr = poll (pf, (nfds_t) n, 5000);
    if (pr == 0)
    {
      fail ("client: no progress for 5 s (%d connections waiting)", live);
      break;
    }
    for (int i = 0; i < n; i++)
    {
      struct conn *k = &ks[i];
      if (k->fd < 0 || ! pf[i].revents)
        continue;
      ssize_t got = recv (k->fd, k->buf + k->len, sizeof (k->buf) - 1 - k->len,
                          0);
      if (got > 0)
      {
        k->len += (size_t) got;
        int cr = check_response (k);
        if (cr == 0)
          continue;
        if (cr < 0)
        {
          ADD (c_bad, 1);
          k->buf[k->len < 200 ? k->len : 200] = 0;
          fail ("bad response for id %d: %s", k->id, k->buf);
        }
        else
          ADD (c_answered, 1);
        int r = send_next (k);
        if (r > 0)
          continue;
        if (r < 0 && ! phase_stop_mode)
          fail ("send failed");
        close (k->fd);
        k->fd = -1;
        live--;
        continue;
      }
      if (got < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      /* closed by the server */
      if (k->id >= 0)
      {
        ADD (c_aborted, 1);
        if (! phase_stop_mode)
          fail ("connection closed with request %d unanswered", k->id);
      }
      close (k->fd);
      k->fd = -1;
      live--;
    }
  }
  for (int i = 0; i < n; i++)
    if (ks[i].fd >= 0)
      close (ks[i].fd);
  free (ks);
  free (pf);
  return NULL;
}

/* ---------------- daemon ---------------- */
static unsigned int
mode_flags (int *pool)
{
  *pool = 0;
  unsigned int f = MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
  if (0 == strcmp (opt_mode, "internal-select"))
    return f | MHD_USE_INTERNAL_POLLING_THREAD;
  if (0 == strcmp (opt_mode, "internal-poll"))
    return f | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
  if (0 == strcmp (opt_mode, "internal-epoll"))
    return f | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  if (0 == strcmp (opt_mode, "pool4"))
  {
    *pool = 4;
    return f | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  }
  if (0 == strcmp (opt_mode, "external-epoll"))
    return f | MHD_USE_EPOLL;
  fprintf (stderr, "unknown mode %s\n", opt_mode);
  exit (2);
}

static struct MHD_Daemon *daemon_;
static volatile int ext_quit;
static int ext_wake[2];

static void *
ext_loop (void *cls)
{
  (void) cls;
  const union MHD_DaemonInfo *di =
    MHD_get_daemon_info (daemon_, MHD_DAEMON_INFO_EPOLL_FD);
  struct pollfd p[2] = { { di->epoll_fd, POLLIN, 0 },
                         { ext_wake[0], POLLIN, 0 } };
  while (! ext_quit)
  {
    MHD_UNSIGNED_LONG_LONG to;
    int w = 50;
    if (MHD_YES == MHD_get_timeout (daemon_, &to) && to < 50)
      w = (int) to;
    poll (p, 2, w);
    MHD_run (daemon_);
  }
  return NULL;
}

static pthread_t ext_th;

static void
start_daemon (void)
{
  int pool;
  unsigned int f = mode_flags (&pool);
  struct sockaddr_in sa = { 0 };
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  daemon_ = MHD_start_daemon (f, 0, NULL, NULL, handler, NULL,
                              MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &sa,
                              MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
                              MHD_OPTION_NOTIFY_CONNECTION, notify_conn, NULL,
                              MHD_OPTION_CONNECTION_LIMIT,
                              (unsigned int) (opt_conns + 64),
                              MHD_OPTION_LISTEN_BACKLOG_SIZE,
                              (unsigned int) 1024,
                              pool ? MHD_OPTION_THREAD_POOL_SIZE
                              : MHD_OPTION_END, (unsigned int) pool,
                              MHD_OPTION_END);
  if (! daemon_)
  {
    fail ("MHD_start_daemon (%s)", opt_mode);
    exit (1);
  }
  port = MHD_get_daemon_info (daemon_, MHD_DAEMON_INFO_BIND_PORT)->port;
  if (! (f & MHD_USE_INTERNAL_POLLING_THREAD))
  {
    ext_quit = 0;
    if (pipe (ext_wake))
      exit (1);
    pthread_create (&ext_th, NULL, ext_loop, NULL);
  }
}

static void
stop_daemon (void)
{
  /* MHD requires every suspended connection to be resumed first */
  pthread_mutex_lock (&q_lock);
  q_stopping = 1;
  pthread_cond_broadcast (&q_cond);
  pthread_mutex_unlock (&q_lock);
  long long end = now_ms () + 5000;
  while (LOAD (s_outstanding) > 0 && now_ms () < end)
    msleep (1);
  if (LOAD (s_outstanding) > 0)
    fail ("suspended connections not resumed in 5 s (%d)",
          LOAD (s_outstanding));
  if (ext_th)
  {
    ext_quit = 1;
    (void) ! write (ext_wake[1], "x", 1);
    pthread_join (ext_th, NULL);
    ext_th = 0;
    close (ext_wake[0]);
    close (ext_wake[1]);
  }
  MHD_stop_daemon (daemon_);
  daemon_ = NULL;
  pthread_mutex_lock (&q_lock);
  q_stopping = 0;
  pthread_mutex_unlock (&q_lock);
}

static void
reset_counts (void)
{
  s_req_started = s_completed = 0;
  memset (s_completed_codes, 0, sizeof (s_completed_codes));
  s_conn_started = s_conn_closed = s_resp_created = s_resp_freed = 0;
  s_suspended_total = 0;
  c_next_id = c_answered = c_aborted = c_bad = c_sent = 0;
}

static void
check_balance (const char *phase)
{
  int ok = 1;
  if (s_req_started != s_completed)
  {
    fail ("%s: requests started %d != completed %d", phase, s_req_started,
          s_completed);
    ok = 0;
  }
  if (s_conn_started != s_conn_closed)
  {
    fail ("%s: connections started %d != closed %d", phase, s_conn_started,
          s_conn_closed);
    ok = 0;
  }
  if (s_resp_created != s_resp_freed)
  {
    fail ("%s: responses created %d != freed %d", phase, s_resp_created,
          s_resp_freed);
    ok = 0;
  }
  if (ok)
    printf ("PASS %s balance: requests %d/%d, connections %d/%d, "
            "responses %d/%d\n", phase, s_req_started, s_completed,
            s_conn_started, s_conn_closed, s_resp_created, s_resp_freed);
}

static void
run_clients (pthread_t *th)
{
  int per = opt_conns / CLIENT_THREADS;
  for (int i = 0; i < CLIENT_THREADS; i++)
    pthread_create (&th[i], NULL, client_thread,
                    (void *) (intptr_t) (i == CLIENT_THREADS - 1
                                         ? opt_conns - per * i : per));
}

static void
on_alarm (int sig)
{
  (void) sig;
  static const char m[] = "FAIL time limit exceeded\n";
  (void) ! write (1, m, sizeof (m) - 1);
  _exit (3);
}

int
main (int argc, char **argv)
{
  int o;
  while ((o = getopt (argc, argv, "c:n:t:m:S")) != -1)
  {
    switch (o)
    {
    case 'c': opt_conns = atoi (optarg); break;
    case 'n': opt_reqs = atoi (optarg); break;
    case 't': opt_secs = atoi (optarg); break;
    case 'm': opt_mode = optarg; break;
    case 'S': opt_stop = 0; break;
    default:
      fprintf (stderr, "usage: %s [-c conns] [-n requests] [-t secs] "
               "[-m mode] [-S (no stop phase)]\n", argv[0]);
      return 2;
    }
  }
  if (opt_conns < CLIENT_THREADS)
    opt_conns = CLIENT_THREADS;
  signal (SIGPIPE, SIG_IGN);
  signal (SIGALRM, on_alarm);
  alarm ((unsigned int) opt_secs);
  pthread_t rs[RESUMERS];
  for (int i = 0; i < RESUMERS; i++)
    pthread_create (&rs[i], NULL, resumer, (void *) (uintptr_t) (i + 1));

  /* phase 1: full load, everything answered */
  reset_counts ();
  start_daemon ();
  long long t0 = now_ms ();
  pthread_t th[CLIENT_THREADS];
  run_clients (th);
  for (int i = 0; i < CLIENT_THREADS; i++)
    pthread_join (th[i], NULL);
  long long dt = now_ms () - t0;
  stop_daemon ();
  if (c_answered == opt_reqs && c_bad == 0)
    printf ("PASS load [%s]: %d requests on %d connections answered in "
            "%lld ms (%d suspended+resumed)\n", opt_mode, c_answered,
            opt_conns, dt, s_suspended_total);
  else
    fail ("load [%s]: answered %d of %d (bad %d, aborted %d)", opt_mode,
          c_answered, opt_reqs, c_bad, c_aborted);
  check_balance ("load");

  /* phase 2: stop while busy */
  if (opt_stop)
  {
    reset_counts ();
    phase_stop_mode = 1;
    start_daemon ();
    run_clients (th);
    /* let it get busy, then stop in the middle */
    long long until = now_ms () + 3000;
    while (LOAD (c_answered) < opt_reqs / 4 && now_ms () < until)
      msleep (2);
    int at_stop = LOAD (c_answered);
    int susp = LOAD (s_outstanding);
    stop_daemon ();
    for (int i = 0; i < CLIENT_THREADS; i++)
      pthread_join (th[i], NULL);
    int unanswered = c_sent - c_answered;
    if (c_bad == 0 && c_answered >= at_stop && c_aborted == unanswered)
      printf ("PASS stop-while-busy [%s]: stopped after %d answers with %d "
              "suspended; %d answered, %d aborted cleanly, completion "
              "codes ok=%d shutdown=%d other=%d\n", opt_mode, at_stop, susp,
              c_answered, c_aborted, s_completed_codes[0],
              s_completed_codes[3],
              s_completed - s_completed_codes[0] - s_completed_codes[3]);
    else
      fail ("stop-while-busy [%s]: bad %d, answered %d, aborted %d, "
            "sent %d", opt_mode, c_bad, c_answered, c_aborted, c_sent);
    check_balance ("stop-while-busy");
  }

  pthread_mutex_lock (&q_lock);
  q_quit = 1;
  pthread_cond_broadcast (&q_cond);
  pthread_mutex_unlock (&q_lock);
  for (int i = 0; i < RESUMERS; i++)
    pthread_join (rs[i], NULL);
  return failures ? 1 : 0;
}
