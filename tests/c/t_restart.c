/* MHD_stop_daemon releases the port before it returns: start, serve one
 * request, stop, and start again on the same fixed port, 200 times. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) url; (void) method; (void) ver; (void) ud;
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    return MHD_YES;
  }
  *uds = 0;
  return hx_reply (c, 200, "hi");
}

int
main (void)
{
  struct sockaddr_in sa;
  memset (&sa, 0, sizeof (sa));
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  struct MHD_OptionItem o[] = {
    { MHD_OPTION_SOCK_ADDR, 0, &sa },
    { MHD_OPTION_END, 0, NULL }
  };
  struct hx_server s;
  HX_CASE ("restart-same-port");
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o))
    return 1;
  sa.sin_port = htons (s.port);        /* from now on: this fixed port */
  hx_stop (&s);
  int failed_at = -1;
  for (int i = 0; i < 200 && failed_at < 0; i++)
  {
    if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o))
    {
      failed_at = i;
      break;
    }
    /* one keep-alive request, so that thread-per-connection has a thread
       (still open when stop is called) */
    int fd = hx_connect (s.port);
    if (! hx_exchange_fd ("request", fd,
                          "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
                          "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                          "Content-Length: 2\r\n\r\nhi", 0))
      failed_at = i;
    hx_stop (&s);
    close (fd);
  }
  HX_CHECK (failed_at < 0, "start %d on port %u failed", failed_at,
            (unsigned) ntohs (sa.sin_port));
  return hx_done ();
}
