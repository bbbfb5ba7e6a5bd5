/*
 * bench/server.c -- benchmark server for microhttpd-rs.
 *
 * Written only against the public <microhttpd.h> API, so the same binary can
 * run with GNU libmicrohttpd (/usr/lib/.../libmicrohttpd.so.12) or with our
 * Rust re-implementation (LD_LIBRARY_PATH=<dir containing our .so.12>).
 *
 * Every request gets the same tiny response: "hello world\n" with one custom
 * header (X-Bench: 1).  Nothing is printed per request.
 *
 * Usage:
 *   server [--mode MODE] [--port N] [--suspend-resume[=USEC]] [--epoll]
 *          [--turbo] [--rusage FILE] [--conn-limit N]
 *
 * MODE:
 *   external-select      MHD_get_fdset + pselect + MHD_get_timeout
 *                        + MHD_run_from_select       (default)
 *   external-epoll       MHD_USE_EPOLL, MHD_DAEMON_INFO_EPOLL_FD nested in
 *                        our own epoll set, epoll_pwait + MHD_run
 *   internal             MHD_USE_INTERNAL_POLLING_THREAD (select)
 *   internal-poll        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL
 *   internal-epoll       MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
 *   thread-pool=N        internal polling thread + MHD_OPTION_THREAD_POOL_SIZE
 *                        (select; add --epoll for epoll)
 *   thread-per-connection  MHD_USE_THREAD_PER_CONNECTION
 *
 * --suspend-resume[=USEC]: the handler suspends every request; a separate
 *   "resumer" thread resumes it (after USEC microseconds, default 0), and the
 *   handler answers on the call that follows the resume.
 *
 * On SIGTERM/SIGINT the daemon is stopped, and if --rusage FILE was given the
 * process writes one line "user_s sys_s requests" (getrusage(RUSAGE_SELF),
 * all threads, plus the number of responses queued by the handler) to FILE.
 * "ready" is printed on stdout once the daemon listens.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

static const char BODY[] = "hello world\n";

static struct MHD_Response *g_response;
static volatile sig_atomic_t g_stop;
static unsigned long long g_requests; /* atomically updated */

/* ---- suspend / resume machinery ---------------------------------------- */
static int g_suspend;            /* --suspend-resume given */
static long g_resume_delay_us;   /* delay before resuming */
static pthread_mutex_t g_qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_qcond = PTHREAD_COND_INITIALIZER;
static struct MHD_Connection **g_queue;
static size_t g_qlen, g_qcap;
static int g_resumer_quit;
/* External polling modes: MHD does not wake our event loop when another
   thread resumes a connection, so the resumer pokes this eventfd. */
static int g_wake_fd = -1;

static void
drain_wake_fd (void)
{
  uint64_t v;
  if ((g_wake_fd >= 0) && (sizeof (v) != read (g_wake_fd, &v, sizeof (v))))
  {
    /* EAGAIN: nothing pending */
  }
}

/* markers stored in *req_cls: their address is the state */
static char st_seen;      /* headers processed, not yet suspended */
static char st_suspended; /* suspended once, answer on next call */

static void
enqueue_resume (struct MHD_Connection *c)
{
  pthread_mutex_lock (&g_qlock);
  if (g_qlen == g_qcap)
  {
    size_t ncap = g_qcap ? g_qcap * 2 : 1024;
    struct MHD_Connection **n = realloc (g_queue, ncap * sizeof (*n));
    if (NULL == n)
    {
      fprintf (stderr, "server: out of memory\n");
      abort ();
    }
    g_queue = n;
    g_qcap = ncap;
  }
  g_queue[g_qlen++] = c;
  pthread_cond_signal (&g_qcond);
  pthread_mutex_unlock (&g_qlock);
}

static void *
resumer_main (void *arg)
{
  struct MHD_Connection **batch = NULL;
  size_t bcap = 0;
  (void) arg;
  for (;;)
  {
    size_t n;
    pthread_mutex_lock (&g_qlock);
    while ((0 == g_qlen) && (! g_resumer_quit))
      pthread_cond_wait (&g_qcond, &g_qlock);
    if (g_resumer_quit && (0 == g_qlen))
    {
      pthread_mutex_unlock (&g_qlock);
      break;
    }
    n = g_qlen;
    if (n > bcap)
    {
      free (batch);
      bcap = g_qcap;
      batch = malloc (bcap * sizeof (*batch));
      if (NULL == batch)
        abort ();
    }
    memcpy (batch, g_queue, n * sizeof (*batch));
    g_qlen = 0;
    pthread_mutex_unlock (&g_qlock);
    if (g_resume_delay_us > 0)
    {
      struct timespec ts;
      ts.tv_sec = g_resume_delay_us / 1000000;
      ts.tv_nsec = (g_resume_delay_us % 1000000) * 1000;
      nanosleep (&ts, NULL);
    }
    for (size_t i = 0; i < n; i++)
      MHD_resume_connection (batch[i]);
    if (g_wake_fd >= 0)
    {
      uint64_t one = 1;
      if (sizeof (one) != write (g_wake_fd, &one, sizeof (one)))
      {
        /* counter overflow is impossible here; ignore */
      }
    }
  }
  free (batch);
  return NULL;
}

/* ---- request handler ------------------------------------------------------ */
static enum MHD_Result
handler (void *cls, struct MHD_Connection *connection, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **req_cls)
{
  (void) cls; (void) url; (void) method; (void) version; (void) upload_data;
  if (NULL == *req_cls)
  {
    /* first call: headers only */
    *req_cls = &st_seen;
    return MHD_YES;
  }
  if (0 != *upload_data_size)
  {
    *upload_data_size = 0; /* discard any body */
    return MHD_YES;
  }
  if (g_suspend && (&st_seen == *req_cls))
  {
    *req_cls = &st_suspended;
    MHD_suspend_connection (connection);
    enqueue_resume (connection);
    return MHD_YES;
  }
  __atomic_fetch_add (&g_requests, 1, __ATOMIC_RELAXED);
  return MHD_queue_response (connection, MHD_HTTP_OK, g_response);
}

static void
on_signal (int sig)
{
  (void) sig;
  g_stop = 1;
}

static void
usage (const char *argv0)
{
  fprintf (stderr,
           "usage: %s [--mode external-select|external-epoll|internal|"
           "internal-poll|internal-epoll|thread-pool=N|thread-per-connection]\n"
           "          [--port N] [--suspend-resume[=USEC]] [--epoll] [--turbo]\n"
           "          [--conn-limit N] [--rusage FILE]\n", argv0);
  exit (2);
}

/* ---- external event loops ---------------------------------------------------- */
static int
loop_select (struct MHD_Daemon *d, const sigset_t *waitmask)
{
  int warned = 0;
  while (! g_stop)
  {
    fd_set rs, ws, es;
    MHD_socket maxfd = 0;
    MHD_UNSIGNED_LONG_LONG to;
    struct timespec ts, *tsp = NULL;
    int r;

    FD_ZERO (&rs);
    FD_ZERO (&ws);
    FD_ZERO (&es);
    if (MHD_YES != MHD_get_fdset (d, &rs, &ws, &es, &maxfd))
    {
      if (! warned)
        fprintf (stderr, "server: MHD_get_fdset failed (fd >= FD_SETSIZE?)\n");
      warned = 1;
    }
    if (g_wake_fd >= 0)
    {
      FD_SET (g_wake_fd, &rs);
      if (g_wake_fd > maxfd)
        maxfd = g_wake_fd;
    }
    if (MHD_YES == MHD_get_timeout (d, &to))
    {
      ts.tv_sec = (time_t) (to / 1000);
      ts.tv_nsec = (long) ((to % 1000) * 1000000);
      tsp = &ts;
    }
    /* signals are blocked outside pselect: no lost wake-up */
    r = pselect (maxfd + 1, &rs, &ws, &es, tsp, waitmask);
    if (r < 0)
    {
      if (EINTR == errno)
        continue;
      perror ("server: pselect");
      return 1;
    }
    if (0 == r)
    {
      FD_ZERO (&rs);
      FD_ZERO (&ws);
      FD_ZERO (&es);
    }
    if ((g_wake_fd >= 0) && FD_ISSET (g_wake_fd, &rs))
    {
      drain_wake_fd ();
      FD_CLR (g_wake_fd, &rs);
    }
    MHD_run_from_select (d, &rs, &ws, &es);
  }
  return 0;
}

static int
loop_epoll (struct MHD_Daemon *d, const sigset_t *waitmask)
{
  const union MHD_DaemonInfo *info;
  int outer, mhd_fd;
  struct epoll_event ev;

  info = MHD_get_daemon_info (d, MHD_DAEMON_INFO_EPOLL_FD);
  if (NULL == info)
  {
    fprintf (stderr, "server: MHD_DAEMON_INFO_EPOLL_FD not available\n");
    return 1;
  }
  mhd_fd = info->epoll_fd;
  /* MHD uses edge-triggered registrations in its own epoll set: never
     epoll_wait() on it directly, nest it in our own set instead. */
  outer = epoll_create1 (EPOLL_CLOEXEC);
  if (outer < 0)
  {
    perror ("server: epoll_create1");
    return 1;
  }
  memset (&ev, 0, sizeof (ev));
  ev.events = EPOLLIN;
  ev.data.fd = mhd_fd;
  if (0 != epoll_ctl (outer, EPOLL_CTL_ADD, mhd_fd, &ev))
  {
    perror ("server: epoll_ctl");
    close (outer);
    return 1;
  }
  if (g_wake_fd >= 0)
  {
    ev.events = EPOLLIN;
    ev.data.fd = g_wake_fd;
    if (0 != epoll_ctl (outer, EPOLL_CTL_ADD, g_wake_fd, &ev))
    {
      perror ("server: epoll_ctl wake fd");
      close (outer);
      return 1;
    }
  }
  while (! g_stop)
  {
    MHD_UNSIGNED_LONG_LONG to;
    int timeout_ms = -1;
    int r;
    if (MHD_YES == MHD_get_timeout (d, &to))
      timeout_ms = (to > 0x7fffffffULL) ? 0x7fffffff : (int) to;
    struct epoll_event evs[2];
    r = epoll_pwait (outer, evs, 2, timeout_ms, waitmask);
    if ((r < 0) && (EINTR != errno))
    {
      perror ("server: epoll_pwait");
      close (outer);
      return 1;
    }
    if (r < 0)
      continue;
    for (int i = 0; i < r; i++)
      if (evs[i].data.fd == g_wake_fd)
        drain_wake_fd ();
    MHD_run (d);
  }
  close (outer);
  return 0;
}

int
main (int argc, char **argv)
{
  const char *mode = "external-select";
  const char *rusage_file = NULL;
  unsigned int port = 8080;
  unsigned int pool = 0;
  unsigned int conn_limit = 0;
  int use_epoll = 0, use_poll = 0, turbo = 0;
  int external = 0, ext_epoll = 0;
  unsigned int flags = 0;
  struct MHD_Daemon *d;
  struct MHD_OptionItem opts[8];
  int nopt = 0;
  sigset_t block, oldmask;
  struct sigaction sa;
  pthread_t resumer;
  int rc = 0;

  for (int i = 1; i < argc; i++)
  {
    const char *a = argv[i];
    if ((0 == strcmp (a, "--mode")) && (i + 1 < argc))
      mode = argv[++i];
    else if (0 == strncmp (a, "--mode=", 7))
      mode = a + 7;
    else if ((0 == strcmp (a, "--port")) && (i + 1 < argc))
      port = (unsigned int) atoi (argv[++i]);
    else if ((0 == strcmp (a, "--rusage")) && (i + 1 < argc))
      rusage_file = argv[++i];
    else if ((0 == strcmp (a, "--conn-limit")) && (i + 1 < argc))
      conn_limit = (unsigned int) atoi (argv[++i]);
    else if (0 == strcmp (a, "--suspend-resume"))
      g_suspend = 1;
    else if (0 == strncmp (a, "--suspend-resume=", 17))
    {
      g_suspend = 1;
      g_resume_delay_us = atol (a + 17);
    }
    else if (0 == strcmp (a, "--epoll"))
      use_epoll = 1;
    else if (0 == strcmp (a, "--turbo"))
      turbo = 1;
    else
      usage (argv[0]);
  }

  if (0 == strcmp (mode, "external-select"))
    external = 1;
  else if (0 == strcmp (mode, "external-epoll"))
    external = ext_epoll = use_epoll = 1;
  else if (0 == strcmp (mode, "internal"))
    flags |= MHD_USE_INTERNAL_POLLING_THREAD;
  else if (0 == strcmp (mode, "internal-poll"))
  {
    flags |= MHD_USE_INTERNAL_POLLING_THREAD;
    use_poll = 1;
  }
  else if (0 == strcmp (mode, "internal-epoll"))
  {
    flags |= MHD_USE_INTERNAL_POLLING_THREAD;
    use_epoll = 1;
  }
  else if (0 == strncmp (mode, "thread-pool=", 12))
  {
    flags |= MHD_USE_INTERNAL_POLLING_THREAD;
    pool = (unsigned int) atoi (mode + 12);
    if (pool < 1)
      usage (argv[0]);
  }
  else if (0 == strcmp (mode, "thread-per-connection"))
    flags |= MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
  else
    usage (argv[0]);

  if (external && use_epoll)
    ext_epoll = 1;
  if (use_epoll)
    flags |= MHD_USE_EPOLL;
  if (use_poll)
    flags |= MHD_USE_POLL;
  if (turbo)
    flags |= MHD_USE_TURBO;
  if (g_suspend)
  {
    if (0 != (flags & MHD_USE_THREAD_PER_CONNECTION))
    {
      fprintf (stderr, "server: --suspend-resume is not applicable to "
               "thread-per-connection\n");
      return 2;
    }
    flags |= MHD_ALLOW_SUSPEND_RESUME;
    if (external)
    {
      g_wake_fd = eventfd (0, EFD_NONBLOCK | EFD_CLOEXEC);
      if (g_wake_fd < 0)
      {
        perror ("server: eventfd");
        return 1;
      }
    }
  }
  flags |= MHD_USE_ERROR_LOG;

  g_response = MHD_create_response_from_buffer (sizeof (BODY) - 1,
                                                (void *) BODY,
                                                MHD_RESPMEM_PERSISTENT);
  if (NULL == g_response)
  {
    fprintf (stderr, "server: MHD_create_response_from_buffer failed\n");
    return 1;
  }
  if (MHD_YES != MHD_add_response_header (g_response, "X-Bench", "1"))
  {
    fprintf (stderr, "server: MHD_add_response_header failed\n");
    return 1;
  }

  if (0 == conn_limit)
    conn_limit = (use_epoll || use_poll) ? 10000 : 0;
  if (0 != conn_limit)
  {
    opts[nopt].option = MHD_OPTION_CONNECTION_LIMIT;
    opts[nopt].value = (intptr_t) conn_limit;
    opts[nopt].ptr_value = NULL;
    nopt++;
  }
  opts[nopt].option = MHD_OPTION_LISTEN_BACKLOG_SIZE;
  opts[nopt].value = 4096;
  opts[nopt].ptr_value = NULL;
  nopt++;
  if (0 != pool)
  {
    opts[nopt].option = MHD_OPTION_THREAD_POOL_SIZE;
    opts[nopt].value = (intptr_t) pool;
    opts[nopt].ptr_value = NULL;
    nopt++;
  }
  opts[nopt].option = MHD_OPTION_END;
  opts[nopt].value = 0;
  opts[nopt].ptr_value = NULL;

  /* Block the stop signals in every thread (MHD threads inherit the mask);
     the main thread waits for them explicitly. */
  signal (SIGPIPE, SIG_IGN);
  sigemptyset (&block);
  sigaddset (&block, SIGTERM);
  sigaddset (&block, SIGINT);
  pthread_sigmask (SIG_BLOCK, &block, &oldmask);
  memset (&sa, 0, sizeof (sa));
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART */
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);

  if (g_suspend)
  {
    if (0 != pthread_create (&resumer, NULL, resumer_main, NULL))
    {
      fprintf (stderr, "server: pthread_create failed\n");
      return 1;
    }
  }

  d = MHD_start_daemon (flags, (uint16_t) port, NULL, NULL,
                        &handler, NULL,
                        MHD_OPTION_ARRAY, opts,
                        MHD_OPTION_END);
  if (NULL == d)
  {
    fprintf (stderr, "server: MHD_start_daemon failed (mode %s, port %u)\n",
             mode, port);
    return 1;
  }
  printf ("ready\n");
  fflush (stdout);

  if (ext_epoll)
    rc = loop_epoll (d, &oldmask);
  else if (external)
    rc = loop_select (d, &oldmask);
  else
  {
    int sig;
    while (! g_stop)
    {
      if (0 == sigwait (&block, &sig))
        g_stop = 1;
    }
  }

  if (g_suspend)
  {
    /* let pending resumes go through before stopping */
    pthread_mutex_lock (&g_qlock);
    g_resumer_quit = 1;
    pthread_cond_signal (&g_qcond);
    pthread_mutex_unlock (&g_qlock);
    pthread_join (resumer, NULL);
  }
  MHD_stop_daemon (d);
  MHD_destroy_response (g_response);

  if (NULL != rusage_file)
  {
    struct rusage ru;
    FILE *f;
    getrusage (RUSAGE_SELF, &ru);
    f = fopen (rusage_file, "w");
    if (NULL == f)
    {
      perror ("server: fopen rusage file");
      return 1;
    }
    fprintf (f, "%ld.%06ld %ld.%06ld %llu\n",
             (long) ru.ru_utime.tv_sec, (long) ru.ru_utime.tv_usec,
             (long) ru.ru_stime.tv_sec, (long) ru.ru_stime.tv_usec,
             __atomic_load_n (&g_requests, __ATOMIC_RELAXED));
    fclose (f);
  }
  return rc;
}
