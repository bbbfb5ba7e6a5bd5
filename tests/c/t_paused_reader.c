/* A content reader that returns 0 ("no data yet") without suspending, in external select
 * mode with a loop that does NOT follow MHD_get_timeout (like the Astralis seed's fixed
 * timer): ours puts a timer descriptor in the read set while such a reader waits, so the
 * stream continues at once instead of at the loop's next tick.  Deliberate difference
 * (README): the real 0.9.75 only retries when something else wakes the loop. */
#include "harness.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

static int reader_calls;
static volatile int stop_loop;

static ssize_t
reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls; (void) max;
  reader_calls++;
  if (reader_calls <= 3)
    return 0;                           /* nothing yet, try again later */
  if (pos >= 5)
    return MHD_CONTENT_READER_END_OF_STREAM;
  memcpy (buf, "ready", 5);
  return 5;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **con_cls)
{
  (void) cls; (void) url; (void) method; (void) version; (void) upload_data;
  (void) upload_data_size;
  if (NULL == *con_cls)
  {
    *con_cls = c;
    return MHD_YES;
  }
  struct MHD_Response *r =
    MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 1024, reader, NULL, NULL);
  enum MHD_Result ret = MHD_queue_response (c, 200, r);
  MHD_destroy_response (r);
  return ret;
}

/* The loop of the seed's design: watch the fd set, wake up every 2 s regardless. */
static void *
fixed_tick_loop (void *arg)
{
  struct MHD_Daemon *d = arg;
  while (! stop_loop)
  {
    fd_set rs, ws, es;
    MHD_socket maxfd = -1;
    FD_ZERO (&rs);
    FD_ZERO (&ws);
    FD_ZERO (&es);
    MHD_get_fdset (d, &rs, &ws, &es, &maxfd);
    struct timeval tv = { 2, 0 };
    if (select (maxfd + 1, &rs, &ws, &es, &tv) < 0)
    {
      FD_ZERO (&rs);
      FD_ZERO (&ws);
    }
    MHD_run_from_select (d, &rs, &ws, &es);
  }
  return NULL;
}

int
main (void)
{
  hx_only_modes ("external", "drives its own fixed-tick select loop");
  if (hx_is_real ())
  {
    fprintf (stderr, "(skipped on real: 0.9.75 waits for the loop's next tick)\n");
    return hx_done ();
  }
  struct MHD_Daemon *d = MHD_start_daemon (MHD_USE_ERROR_LOG, 0, NULL, NULL, handler, NULL,
                                           MHD_OPTION_SOCK_ADDR, NULL, MHD_OPTION_END);
  HX_CHECK (NULL != d, "daemon");
  const union MHD_DaemonInfo *di = MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT);
  pthread_t th;
  pthread_create (&th, NULL, fixed_tick_loop, d);

  HX_CASE ("paused-reader-resumes-without-a-tick");
  {
    long long t0 = hx_now_ms ();
    hx_exchange ("stream", di->port, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n",
                 "HTTP/1.1 200 OK\r\nDate: <D>\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "5\r\nready\r\n0\r\n\r\n", 0);
    long long dt = hx_now_ms () - t0;
    /* three "not yet" answers: with only the 2 s tick this would take 6 s */
    HX_CHECK (dt < 1500, "stream finished after %lld ms", dt);
    HX_CHECK (reader_calls >= 4, "reader asked again (%d calls)", reader_calls);
  }
  stop_loop = 1;
  pthread_join (th, NULL);
  MHD_stop_daemon (d);
  return hx_done ();
}
