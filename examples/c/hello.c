/* hello.c - minimal libmicrohttpd demo server driven by an external select()
 * loop (no threads inside the library).
 *
 *   cc -o hello examples/c/hello.c -lmicrohttpd          # real or ours
 *   ./hello [port]                                        # default 8080
 *   curl http://127.0.0.1:8080/                           # -> Hello, World!
 *
 * Run against microhttpd-rs without relinking:
 *   LD_LIBRARY_PATH=target/release ./hello 8080
 * Stops on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <microhttpd.h>

static volatile sig_atomic_t stop_requested = 0;

static void
on_signal (int sig)
{
  (void) sig;
  stop_requested = 1;
}

static enum MHD_Result
answer (void *cls, struct MHD_Connection *connection, const char *url,
        const char *method, const char *version, const char *upload_data,
        size_t *upload_data_size, void **con_cls)
{
  static const char body[] = "Hello, World!\n";
  struct MHD_Response *response;
  enum MHD_Result ret;
  (void) cls; (void) url; (void) version; (void) upload_data;

  if (NULL == *con_cls)
  {
    /* first call: headers only; answer on the next call */
    *con_cls = (void *) &stop_requested;
    return MHD_YES;
  }
  if (0 != *upload_data_size)
  {
    *upload_data_size = 0;           /* ignore request bodies */
    return MHD_YES;
  }
  if ((0 != strcmp (method, MHD_HTTP_METHOD_GET)) &&
      (0 != strcmp (method, MHD_HTTP_METHOD_HEAD)))
    return MHD_NO;
  response = MHD_create_response_from_buffer (sizeof (body) - 1, (void *) body,
                                              MHD_RESPMEM_PERSISTENT);
  if (NULL == response)
    return MHD_NO;
  MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE,
                           "text/plain; charset=utf-8");
  ret = MHD_queue_response (connection, MHD_HTTP_OK, response);
  MHD_destroy_response (response);
  return ret;
}

int
main (int argc, char **argv)
{
  struct MHD_Daemon *daemon;
  unsigned long port = 8080;
  struct sigaction sa;

  if (argc > 1)
  {
    char *end;
    port = strtoul (argv[1], &end, 10);
    if (('\0' != *end) || (port > 65535))
    {
      fprintf (stderr, "usage: %s [port]\n", argv[0]);
      return 2;
    }
  }
  memset (&sa, 0, sizeof (sa));
  sa.sa_handler = on_signal;
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);

  daemon = MHD_start_daemon (MHD_USE_ERROR_LOG, (uint16_t) port, NULL, NULL,
                             &answer, NULL,
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 30,
                             MHD_OPTION_END);
  if (NULL == daemon)
  {
    fprintf (stderr, "failed to start the daemon on port %lu\n", port);
    return 1;
  }
  printf ("listening on http://127.0.0.1:%u/ (%s)\n",
          (unsigned int) MHD_get_daemon_info (daemon,
                                              MHD_DAEMON_INFO_BIND_PORT)->port,
          MHD_get_version ());
  fflush (stdout);

  while (! stop_requested)
  {
    fd_set rs, ws, es;
    MHD_socket max_fd = -1;
    MHD_UNSIGNED_LONG_LONG timeout_ms;
    struct timeval tv;
    struct timeval *tvp = NULL;

    FD_ZERO (&rs);
    FD_ZERO (&ws);
    FD_ZERO (&es);
    if (MHD_YES != MHD_get_fdset (daemon, &rs, &ws, &es, &max_fd))
      break;
    if (MHD_YES == MHD_get_timeout (daemon, &timeout_ms))
    {
      if (timeout_ms > 1000)
        timeout_ms = 1000;
      tv.tv_sec = (time_t) (timeout_ms / 1000);
      tv.tv_usec = (suseconds_t) ((timeout_ms % 1000) * 1000);
      tvp = &tv;
    }
    else
    {
      tv.tv_sec = 1;               /* wake up now and then to see signals */
      tv.tv_usec = 0;
      tvp = &tv;
    }
    if (-1 == select (max_fd + 1, &rs, &ws, &es, tvp))
    {
      if (EINTR == errno)
        continue;                  /* sets are undefined now; re-check the flag */
      perror ("select");
      break;
    }
    MHD_run_from_select (daemon, &rs, &ws, &es);
  }
  MHD_stop_daemon (daemon);
  return 0;
}
