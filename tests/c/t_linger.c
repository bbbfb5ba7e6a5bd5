/* Lingering close: a client that is still sending when the server answers
 * with an error (or an early Connection: close response) and closes must
 * still receive the whole response (FIN after the response, not an RST
 * that destroys it in the client's receive queue). */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <fcntl.h>

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver; (void) ud; (void) uds;
  (void) con_cls;
  if (0 == strcmp (url, "/early"))
    return hx_reply (c, 200, "early");   /* first call: close, body unread */
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    return MHD_YES;
  }
  if (*uds)
  {
    *uds = 0;
    return MHD_YES;
  }
  return hx_reply (c, 200, "ok");
}

#define TOO_BIG_BODY \
  "<html><head><title>Request too big</title></head><body>Your HTTP header " \
  "was too big for the memory constraints of this webserver.</body></html>"
#define E414 \
  "HTTP/1.1 414 URI Too Long\r\nDate: <D>\r\nConnection: close\r\n" \
  "Content-Length: 143\r\n\r\n" TOO_BIG_BODY
#define E431 \
  "HTTP/1.1 431 Request Header Fields Too Large\r\nDate: <D>\r\n" \
  "Connection: close\r\nContent-Length: 143\r\n\r\n" TOO_BIG_BODY

/* Sends head, then fill bytes of 'a' in 1 KiB pieces (pause_ms between
 * them, ignoring errors: the server may already have answered), then
 * tail; then reads until close and compares. */
static void
sending_client (const char *what, uint16_t port, const char *head,
                size_t fill, int pause_ms, const char *tail,
                const char *expected)
{
  int fd = hx_connect (port);
  HX_CHECK (fd >= 0, "%s: connect", what);
  if (fd < 0)
    return;
  send (fd, head, strlen (head), MSG_NOSIGNAL);
  char piece[1024];
  memset (piece, 'a', sizeof (piece));
  size_t sent = 0;
  while (sent < fill)
  {
    size_t n = fill - sent < sizeof (piece) ? fill - sent : sizeof (piece);
    if (send (fd, piece, n, MSG_NOSIGNAL) < 0)
      break;
    sent += n;
    if (pause_ms)
      hx_msleep (pause_ms);
  }
  if (tail)
    send (fd, tail, strlen (tail), MSG_NOSIGNAL);
  struct hx_buf b = { 0 };
  hx_read (fd, &b, 0, 5000);
  size_t nl;
  char *n = hx_norm_date (b.data, b.len, &nl);
  hx_expect_bytes (what, n, nl, expected, strlen (expected));
  HX_CHECK (b.closed, "%s: closed", what);
  HX_CHECK (! b.reset, "%s: closed with FIN, not reset", what);
  free (n);
  hx_buf_free (&b);
  close (fd);
}

int
main (void)
{
  struct hx_server s;
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;

  HX_CASE ("431-header-line-40k-at-once");
  sending_client ("431 at once", s.port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ",
                  40 * 1024, 0, "\r\n\r\n", E431);
  HX_CASE ("431-header-line-40k-trickled");
  sending_client ("431 trickled", s.port,
                  "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ", 40 * 1024, 1,
                  "\r\n\r\n", E431);
  HX_CASE ("431-header-line-300k");
  sending_client ("431 300k", s.port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ",
                  300 * 1024, 0, "\r\n\r\n", E431);
  HX_CASE ("414-uri-40k");
  sending_client ("414", s.port, "GET /", 40 * 1024, 1,
                  " HTTP/1.1\r\nHost: x\r\n\r\n", E414);
  HX_CASE ("early-response-unread-body");
  sending_client ("early", s.port,
                  "POST /early HTTP/1.1\r\nHost: x\r\n"
                  "Content-Length: 100000\r\n\r\n", 100000, 0, NULL,
                  "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
                  "Content-Length: 5\r\n\r\nearly");
  HX_CASE ("still-serving");
  hx_exchange ("after", s.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 2\r\n\r\nok",
               0);
  hx_stop (&s);
  return hx_done ();
}
