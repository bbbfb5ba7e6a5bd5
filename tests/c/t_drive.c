/* Driving functions: MHD_get_fdset, MHD_get_timeout, MHD_run,
 * MHD_run_from_select, MHD_run_wait, single-threaded. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) url; (void) method; (void) ver; (void) ud; (void) uds;
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    return MHD_YES;
  }
  return hx_reply (c, 200, "drive");
}

#define RESP "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n\r\ndrive"

static struct MHD_Daemon *
start (unsigned int flags, unsigned int timeout)
{
  struct sockaddr_in lo;
  memset (&lo, 0, sizeof (lo));
  lo.sin_family = AF_INET;
  lo.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  return MHD_start_daemon (flags, 0, NULL, NULL, handler, NULL,
                           MHD_OPTION_SOCK_ADDR, &lo,
                           MHD_OPTION_CONNECTION_TIMEOUT, timeout,
                           MHD_OPTION_END);
}

static uint16_t
port_of (struct MHD_Daemon *d)
{
  return MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT)->port;
}

int
main (void)
{
  hx_only_modes ("external external-epoll",
                 "tests the app-driven loop functions themselves");
  HX_CASE ("modes");
  {
    enum hx_mode modes[] = { HX_SELECT, HX_RUN, HX_RUN_WAIT };
    const char *names[] = { "run_from_select", "run", "run_wait" };
    for (int m = 0; m < 3; m++)
    {
      struct hx_server s = { 0 };
      if (0 != hx_start (&s, 0, modes[m], handler, NULL, NULL))
      {
        HX_CHECK (0, "start %s", names[m]);
        continue;
      }
      int fd = hx_connect (s.port);
      hx_exchange_fd (names[m], fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", RESP,
                      0);
      hx_exchange_fd (names[m], fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", RESP,
                      0);
      close (fd);
      hx_stop (&s);
    }
  }

  HX_CASE ("timeout-idle-no-connection-timeout");
  {
    struct MHD_Daemon *d = start (0, 0);
    MHD_UNSIGNED_LONG_LONG to = 12345;
    HX_CHECK (MHD_NO == MHD_get_timeout (d, &to), "no timeout when idle");
    fd_set rs, ws, es;
    FD_ZERO (&rs); FD_ZERO (&ws); FD_ZERO (&es);
    MHD_socket mx = -1;
    HX_CHECK (MHD_YES == MHD_get_fdset (d, &rs, &ws, &es, &mx), "fdset");
    int lfd = MHD_get_daemon_info (d, MHD_DAEMON_INFO_LISTEN_FD)->listen_fd;
    HX_CHECK (FD_ISSET (lfd, &rs) && mx >= lfd, "listen fd in read set");
    HX_CHECK (! FD_ISSET (lfd, &ws), "listen fd not in write set");
    /* an open idle connection without a timeout: still no timeout */
    int fd = hx_connect (port_of (d));
    for (int i = 0; i < 5; i++)
      MHD_run_wait (d, 10);
    HX_CHECK (1 == MHD_get_daemon_info (d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS)
              ->num_connections, "one connection");
    HX_CHECK (MHD_NO == MHD_get_timeout (d, &to), "still no timeout");
    close (fd);
    MHD_stop_daemon (d);
  }

  HX_CASE ("timeout-with-connection-timeout");
  {
    struct MHD_Daemon *d = start (0, 2);
    MHD_UNSIGNED_LONG_LONG to = 0;
    HX_CHECK (MHD_NO == MHD_get_timeout (d, &to), "idle daemon: no timeout");
    int fd = hx_connect (port_of (d));
    for (int i = 0; i < 5; i++)
      MHD_run_wait (d, 10);
    to = 999999;
    HX_CHECK (MHD_YES == MHD_get_timeout (d, &to), "timeout with connection");
    HX_CHECK (to <= 2000 && to >= 1000, "timeout %llu <= 2000", to);
    close (fd);
    MHD_stop_daemon (d);
  }

  HX_CASE ("single-threaded-run-wait");
  {
    struct MHD_Daemon *d = start (0, 0);
    int fd = hx_connect (port_of (d));
    hx_sends (fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    struct hx_buf b = { 0 };
    for (int i = 0; i < 50 && b.len < 60; i++)
    {
      HX_CHECK (MHD_YES == MHD_run_wait (d, 20), "run_wait");
      hx_read (fd, &b, 1000, 1);
    }
    char *n = hx_norm_date (b.data, b.len, NULL);
    HX_EXPECT_STR ("single-threaded", n, RESP);
    free (n);
    hx_buf_free (&b);
    /* run_wait returns after the wait even without activity */
    long long t0 = hx_now_ms ();
    MHD_run_wait (d, 100);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (dt >= 80 && dt < 1000, "run_wait(100) took %lld ms", dt);
    close (fd);
    MHD_stop_daemon (d);
  }

  HX_CASE ("single-threaded-run");
  {
    struct MHD_Daemon *d = start (0, 0);
    int fd = hx_connect (port_of (d));
    hx_sends (fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    struct hx_buf b = { 0 };
    for (int i = 0; i < 200 && b.len < 60; i++)
    {
      HX_CHECK (MHD_YES == MHD_run (d), "run");
      hx_read (fd, &b, 1000, 5);
    }
    char *n = hx_norm_date (b.data, b.len, NULL);
    HX_EXPECT_STR ("single-threaded run", n, RESP);
    free (n);
    hx_buf_free (&b);
    /* MHD_run never blocks */
    long long t0 = hx_now_ms ();
    MHD_run (d);
    HX_CHECK (hx_now_ms () - t0 < 50, "MHD_run does not block");
    close (fd);
    MHD_stop_daemon (d);
  }

  HX_CASE ("run-from-select-empty-sets");
  {
    struct MHD_Daemon *d = start (0, 0);
    fd_set rs, ws, es;
    FD_ZERO (&rs); FD_ZERO (&ws); FD_ZERO (&es);
    HX_CHECK (MHD_YES == MHD_run_from_select (d, &rs, &ws, &es), "empty sets");
    MHD_stop_daemon (d);
  }

  HX_CASE ("internal-thread-rejects-external-driving");
  {
    struct MHD_Daemon *d = start (MHD_USE_INTERNAL_POLLING_THREAD, 0);
    HX_CHECK (d != NULL, "start internal");
    if (d)
    {
      fd_set rs, ws, es;
      FD_ZERO (&rs); FD_ZERO (&ws); FD_ZERO (&es);
      MHD_socket mx = -1;
      HX_CHECK (MHD_NO == MHD_get_fdset (d, &rs, &ws, &es, &mx),
                "get_fdset refused");
      HX_CHECK (MHD_NO == MHD_run (d), "run refused");
      MHD_stop_daemon (d);
    }
  }
  return hx_done ();
}
