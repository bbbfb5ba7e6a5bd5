/* Daemon start/stop and listen-socket options. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) url; (void) method; (void) ver; (void) ud; (void) uds;
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    return MHD_YES;
  }
  return hx_reply (c, 200, cls ? (const char *) cls : "hi");
}

#define RESP(body, len) "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: " \
  len "\r\n\r\n" body

static void
serve_check (const char *what, struct MHD_Daemon *d, uint16_t port)
{
  struct hx_server s = { 0 };
  if (0 != hx_start_daemon (&s, d, HX_SELECT))
  {
    HX_CHECK (0, "%s: start", what);
    return;
  }
  HX_CHECK (s.port == port || port == 0, "%s: port %u vs %u", what, s.port,
            port);
  hx_exchange (what, s.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
               RESP ("hi", "2"), 0);
  hx_stop_loop (&s);
}

static struct MHD_Daemon *
start_va_wrapper (unsigned int flags, ...)
{
  va_list ap;
  va_start (ap, flags);
  struct MHD_Daemon *d = MHD_start_daemon_va (flags, 0, NULL, NULL, handler,
                                              "va", ap);
  va_end (ap);
  return d;
}

static int
connect6 (uint16_t port)
{
  struct sockaddr_in6 sa;
  memset (&sa, 0, sizeof (sa));
  sa.sin6_family = AF_INET6;
  sa.sin6_port = htons (port);
  sa.sin6_addr = in6addr_loopback;
  return hx_connect_addr ((struct sockaddr *) &sa, sizeof (sa));
}

static int log_calls;
static void
logger (void *cls, const char *fmt, va_list ap)
{
  (void) cls; (void) fmt; (void) ap;
  log_calls++;
}

int
main (void)
{
  struct sockaddr_in lo;
  memset (&lo, 0, sizeof (lo));
  lo.sin_family = AF_INET;
  lo.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  HX_CASE ("port0-bind-port");
  {
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      const union MHD_DaemonInfo *i =
        MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT);
      HX_CHECK (i && i->port != 0, "bind port");
      const union MHD_DaemonInfo *lf =
        MHD_get_daemon_info (d, MHD_DAEMON_INFO_LISTEN_FD);
      HX_CHECK (lf && lf->listen_fd >= 0, "listen fd");
      const union MHD_DaemonInfo *fl =
        MHD_get_daemon_info (d, MHD_DAEMON_INFO_FLAGS);
      HX_CHECK (fl != NULL, "flags info");
      serve_check ("port0", d, i ? i->port : 0);
      MHD_stop_daemon (d);
    }
  }

  HX_CASE ("sock-addr");
  {
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_SOCK_ADDR, &lo,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      serve_check ("sock_addr", d, 0);
      MHD_stop_daemon (d);
    }
  }

  HX_CASE ("listen-socket");
  {
    int ls = socket (AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = lo;
    socklen_t al = sizeof (a);
    HX_CHECK (0 == bind (ls, (struct sockaddr *) &a, sizeof (a)), "bind");
    HX_CHECK (0 == listen (ls, 16), "listen");
    getsockname (ls, (struct sockaddr *) &a, &al);
    uint16_t port = ntohs (a.sin_port);
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_LISTEN_SOCKET, ls,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      const union MHD_DaemonInfo *lf =
        MHD_get_daemon_info (d, MHD_DAEMON_INFO_LISTEN_FD);
      HX_CHECK (lf && lf->listen_fd == ls, "listen fd is ours");
      const union MHD_DaemonInfo *bp =
        MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT);
      HX_CHECK (bp && bp->port == port, "bind port %u vs %u",
                bp ? bp->port : 0, port);
      serve_check ("listen_socket", d, port);
      MHD_stop_daemon (d);
      /* MHD owns (and closes) the listen socket on stop */
      errno = 0;
      HX_CHECK (-1 == fcntl (ls, F_GETFD) && errno == EBADF,
                "listen socket closed by MHD_stop_daemon");
    }
  }

  HX_CASE ("address-reuse");
  {
    struct MHD_Daemon *d1 = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                              MHD_OPTION_SOCK_ADDR, &lo,
                                              MHD_OPTION_LISTENING_ADDRESS_REUSE,
                                              (unsigned int) 1,
                                              MHD_OPTION_END);
    HX_CHECK (d1 != NULL, "start d1");
    if (d1)
    {
      struct sockaddr_in a = lo;
      a.sin_port = htons (MHD_get_daemon_info (d1, MHD_DAEMON_INFO_BIND_PORT)
                          ->port);
      struct MHD_Daemon *d2 =
        MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                          MHD_OPTION_SOCK_ADDR, &a,
                          MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int) 1,
                          MHD_OPTION_END);
      HX_CHECK (d2 != NULL, "second daemon on same port with reuse");
      if (d2)
        MHD_stop_daemon (d2);
      /* without reuse: port busy -> NULL, logger gets told */
      log_calls = 0;
      struct MHD_Daemon *d3 =
        MHD_start_daemon (MHD_USE_ERROR_LOG, 0, NULL, NULL, handler, NULL,
                          MHD_OPTION_SOCK_ADDR, &a,
                          MHD_OPTION_EXTERNAL_LOGGER, logger, NULL,
                          MHD_OPTION_END);
      HX_CHECK (d3 == NULL, "port in use -> NULL");
      HX_CHECK (log_calls > 0, "external logger called (%d)", log_calls);
      if (d3)
        MHD_stop_daemon (d3);
      MHD_stop_daemon (d1);
    }
  }

  HX_CASE ("backlog-size");
  {
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_SOCK_ADDR, &lo,
                                             MHD_OPTION_LISTEN_BACKLOG_SIZE,
                                             (unsigned int) 8,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      serve_check ("backlog", d, 0);
      MHD_stop_daemon (d);
    }
  }

  HX_CASE ("ipv6-only");
  {
    struct MHD_Daemon *d = MHD_start_daemon (MHD_USE_IPv6, 0, NULL, NULL,
                                             handler, NULL, MHD_OPTION_END);
    HX_CHECK (d != NULL, "start v6");
    if (d)
    {
      struct hx_server s = { 0 };
      hx_start_daemon (&s, d, HX_SELECT);
      int fd = connect6 (s.port);
      HX_CHECK (fd >= 0, "connect ::1");
      if (fd >= 0)
      {
        hx_exchange_fd ("v6", fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                        RESP ("hi", "2"), 0);
        close (fd);
      }
      fd = hx_connect (s.port);
      HX_CHECK (fd < 0, "IPv4 refused on v6-only socket");
      if (fd >= 0)
        close (fd);
      hx_stop (&s);
    }
  }

  HX_CASE ("dual-stack");
  {
    struct MHD_Daemon *d = MHD_start_daemon (MHD_USE_DUAL_STACK, 0, NULL, NULL,
                                             handler, NULL, MHD_OPTION_END);
    HX_CHECK (d != NULL, "start dual");
    if (d)
    {
      struct hx_server s = { 0 };
      hx_start_daemon (&s, d, HX_SELECT);
      int fd = connect6 (s.port);
      HX_CHECK (fd >= 0, "connect ::1");
      if (fd >= 0)
      {
        hx_exchange_fd ("dual v6", fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                        RESP ("hi", "2"), 0);
        close (fd);
      }
      hx_exchange ("dual v4", s.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                   RESP ("hi", "2"), 0);
      hx_stop (&s);
    }
  }

  HX_CASE ("option-array");
  {
    struct MHD_OptionItem ops[] = {
      { MHD_OPTION_SOCK_ADDR, 0, &lo },
      { MHD_OPTION_CONNECTION_LIMIT, 10, NULL },
      { MHD_OPTION_CONNECTION_TIMEOUT, 5, NULL },
      { MHD_OPTION_END, 0, NULL }
    };
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_ARRAY, ops,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      serve_check ("array", d, 0);
      MHD_stop_daemon (d);
    }
  }

  HX_CASE ("start-daemon-va");
  {
    struct MHD_Daemon *d = start_va_wrapper (0, MHD_OPTION_SOCK_ADDR, &lo,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      struct hx_server s = { 0 };
      hx_start_daemon (&s, d, HX_SELECT);
      hx_exchange ("va", s.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                   RESP ("va", "2"), 0);
      hx_stop (&s);
    }
  }

  HX_CASE ("unknown-option");
  {
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_SOCK_ADDR, &lo,
                                             (enum MHD_OPTION) 9999, 0,
                                             MHD_OPTION_END);
    HX_CHECK (d == NULL, "unknown option -> NULL");
    if (d)
      MHD_stop_daemon (d);
    struct MHD_OptionItem ops[] = {
      { (enum MHD_OPTION) 9999, 0, NULL },
      { MHD_OPTION_END, 0, NULL }
    };
    d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                          MHD_OPTION_SOCK_ADDR, &lo,
                          MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
    HX_CHECK (d == NULL, "unknown option in array -> NULL");
    if (d)
      MHD_stop_daemon (d);
  }

  HX_CASE ("no-handler");
  {
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, NULL, NULL,
                                             MHD_OPTION_SOCK_ADDR, &lo,
                                             MHD_OPTION_END);
    HX_CHECK (d == NULL, "NULL access handler -> NULL");
    if (d)
      MHD_stop_daemon (d);
  }

  HX_CASE ("get-fdset2-small-setsize");
  {
    int ls = socket (AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = lo;
    bind (ls, (struct sockaddr *) &a, sizeof (a));
    listen (ls, 16);
    int high = fcntl (ls, F_DUPFD_CLOEXEC, 200);
    close (ls);
    HX_CHECK (high >= 200, "dup high %d", high);
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_LISTEN_SOCKET, high,
                                             MHD_OPTION_END);
    HX_CHECK (d != NULL, "start");
    if (d)
    {
      fd_set rs, ws, es;
      FD_ZERO (&rs); FD_ZERO (&ws); FD_ZERO (&es);
      MHD_socket mx = -1;
      HX_CHECK (MHD_NO == MHD_get_fdset2 (d, &rs, &ws, &es, &mx, 100),
                "fd 200 does not fit setsize 100");
      FD_ZERO (&rs); FD_ZERO (&ws); FD_ZERO (&es);
      mx = -1;
      HX_CHECK (MHD_YES == MHD_get_fdset2 (d, &rs, &ws, &es, &mx, FD_SETSIZE),
                "fits FD_SETSIZE");
      HX_CHECK (FD_ISSET (high, &rs), "listen fd in read set");
      HX_CHECK (mx >= high, "max_fd %d >= %d", mx, high);
      FD_ZERO (&rs); FD_ZERO (&ws); FD_ZERO (&es);
      mx = -1;
      HX_CHECK (MHD_YES == MHD_get_fdset (d, &rs, &ws, &es, &mx), "get_fdset");
      HX_CHECK (MHD_YES == MHD_get_fdset (d, &rs, &ws, &es, NULL),
                "get_fdset max NULL");
      MHD_stop_daemon (d);
    }
  }

  HX_CASE ("stop-with-open-connection");
  {
    struct MHD_Daemon *d = MHD_start_daemon (0, 0, NULL, NULL, handler, NULL,
                                             MHD_OPTION_SOCK_ADDR, &lo,
                                             MHD_OPTION_END);
    struct hx_server s = { 0 };
    hx_start_daemon (&s, d, HX_SELECT);
    int fd = hx_connect (s.port);
    hx_exchange_fd ("before stop", fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                    RESP ("hi", "2"), 0);
    hx_stop (&s);
    HX_CHECK (1 == hx_wait_closed (fd, 1000, NULL), "closed on stop");
    close (fd);
    HX_CHECK (hx_connect (s.port) < 0, "no longer listening");
  }
  return hx_done ();
}
