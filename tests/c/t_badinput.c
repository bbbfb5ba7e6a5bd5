/* Malformed / oversized requests: exact error responses, connection
 * closing, and the daemon keeps serving other connections. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>

static int body_calls;

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) url; (void) method; (void) ver; (void) ud;
  static int marker;
  static char body[256];
  static size_t blen;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    blen = 0;
    return MHD_YES;
  }
  if (*uds)
  {
    body_calls++;
    size_t n = *uds < sizeof (body) - blen ? *uds : sizeof (body) - blen;
    memcpy (body + blen, ud, n);
    blen += n;
    *uds = 0;
    return MHD_YES;
  }
  char resp[300];
  snprintf (resp, sizeof (resp), "ok:%.*s", (int) blen, body);
  return hx_reply (c, 200, resp);
}

#define E400_SYNTAX \
  "HTTP/1.1 400 Bad Request\r\nDate: <D>\r\nConnection: close\r\n" \
  "Content-Length: 117\r\n\r\n<html><head><title>Request malformed</title>" \
  "</head><body>Your HTTP request was syntactically incorrect.</body></html>"
#define E400_CHUNK \
  "HTTP/1.1 400 Bad Request\r\nDate: <D>\r\nConnection: close\r\n" \
  "Content-Length: 126\r\n\r\n<html><head><title>Request malformed</title>" \
  "</head><body>Your HTTP chunked encoding was syntactically incorrect." \
  "</body></html>"
#define E400_CLEN \
  "HTTP/1.1 400 Bad Request\r\nDate: <D>\r\nConnection: close\r\n" \
  "Content-Length: 138\r\n\r\n<html><head><title>Request malformed</title>" \
  "</head><body>Your HTTP request has wrong value for <b>Content-Length</b> " \
  "header.</body></html>"
#define E505 \
  "HTTP/1.1 505 HTTP Version Not Supported\r\nDate: <D>\r\n" \
  "Connection: close\r\nContent-Length: 133\r\n\r\n<html><head><title>" \
  "Requested HTTP version is not supported</title></head><body>Requested " \
  "HTTP version is not supported.</body></html>"
#define TOO_BIG_BODY \
  "<html><head><title>Request too big</title></head><body>Your HTTP header " \
  "was too big for the memory constraints of this webserver.</body></html>"
#define E414 \
  "HTTP/1.1 414 URI Too Long\r\nDate: <D>\r\nConnection: close\r\n" \
  "Content-Length: 143\r\n\r\n" TOO_BIG_BODY
#define E431 \
  "HTTP/1.1 431 Request Header Fields Too Large\r\nDate: <D>\r\n" \
  "Connection: close\r\nContent-Length: 143\r\n\r\n" TOO_BIG_BODY

/* read everything until close (or timeout) and return normalised copy */
static char *
read_all (int fd, int *closed)
{
  struct hx_buf b = { 0 };
  hx_read (fd, &b, 0, 3000);
  *closed = b.closed;
  char *n = hx_norm_date (b.data, b.len, NULL);
  hx_buf_free (&b);
  return n;
}

static char *
big_request (const char *pre, size_t n, const char *post)
{
  size_t lp = strlen (pre), lq = strlen (post);
  char *r = malloc (lp + n + lq + 1);
  memcpy (r, pre, lp);
  memset (r + lp, 'a', n);
  memcpy (r + lp + n, post, lq + 1);
  return r;
}

int
main (void)
{
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;
  /* a keep-alive connection opened before all the bad ones */
  int keep = hx_connect (s.port);
  hx_exchange_fd ("keep #1", keep, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                  "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 3\r\n\r\n"
                  "ok:", 0);

  HX_CASE ("malformed-chunk-size");
  body_calls = 0;
  hx_exchange ("zz chunk", s.port,
               "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "zz\r\nabc\r\n0\r\n\r\n", E400_CHUNK, 1);
  HX_CHECK (body_calls == 0, "no body delivered (%d)", body_calls);

  HX_CASE ("missing-http-version");
  hx_exchange ("no version", s.port, "GET /hello\r\n\r\n", E400_SYNTAX, 1);

  HX_CASE ("header-without-colon");
  hx_exchange ("no colon", s.port,
               "GET / HTTP/1.1\r\nHost: x\r\nBadHeaderNoColon\r\n\r\n",
               E400_SYNTAX, 1);

  HX_CASE ("unsupported-version");
  hx_exchange ("HTTP/2.0", s.port, "GET / HTTP/2.0\r\nHost: x\r\n\r\n", E505, 1);

  HX_CASE ("garbage-request-line");
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "garbage\r\n\r\n");
    int closed;
    char *got = read_all (fd, &closed);
    HX_CHECK (closed, "connection closed");
    /* real 0.9.75 closes without any response.  Deliberate difference (README):
     * ours answers 400 so the client learns why. */
    if (hx_is_real ())
      HX_CHECK (got[0] == 0, "got %s", got);
    else
      HX_CHECK (0 == strncmp (got, "HTTP/1.1 400 Bad Request\r\n", 26),
                "got %s", got);
    free (got);
    close (fd);
  }

  HX_CASE ("content-length-not-a-number");
  /* BUG in real 0.9.75: the 400 header block is sent twice. */
  if (hx_is_real ())
    fprintf (stderr, "(skipped on real: known bug, duplicated 400 header)\n");
  else
    hx_exchange ("CL abc", s.port,
                 "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                 E400_CLEN, 1);

  HX_CASE ("two-different-content-length");
  /* BUG in real 0.9.75: accepted using the first value (the rest of the
   * body becomes the next "request": smuggling).  Must be 400 + close. */
  if (hx_is_real ())
    fprintf (stderr, "(skipped on real: known bug, conflicting CL accepted)\n");
  else
  {
    body_calls = 0;
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
              "Content-Length: 4\r\n\r\nabcd");
    int closed;
    char *got = read_all (fd, &closed);
    HX_CHECK (closed, "connection closed");
    HX_CHECK (0 == strncmp (got, "HTTP/1.1 400 Bad Request\r\n", 26),
              "got %s", got);
    HX_CHECK (body_calls == 0, "body not delivered (%d)", body_calls);
    free (got);
    close (fd);
  }

  HX_CASE ("content-length-and-chunked");
  /* real 0.9.75: Transfer-Encoding wins, body decoded as chunked, the
   * connection is kept alive.  RFC 9112 6.3 requires closing after the
   * response: a "Connection: close" variant is accepted too. */
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
              "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    struct hx_buf b = { 0 };
    hx_read (fd, &b, 0, 700);
    char *got = hx_norm_date (b.data, b.len, NULL);
    const char *keepv = "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 6\r\n"
                        "\r\nok:abc";
    const char *closev = "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
                         "Content-Length: 6\r\n\r\nok:abc";
    const char *closev400 = "HTTP/1.1 400 Bad Request\r\n";
    (void) closev;
    if (hx_is_real ())
      /* real 0.9.75 decodes chunked and keeps the connection (smuggling risk) */
      HX_EXPECT_STR ("CL+TE (real: keep-alive)", got, keepv);
    else
    {
      /* Deliberate difference (README): ours refuses the ambiguous framing. */
      HX_CHECK (b.closed, "CL+TE: connection closed");
      HX_CHECK (0 == strncmp (got, closev400, strlen (closev400)),
                "CL+TE: 400 (got %s)", got);
    }
    free (got);
    hx_buf_free (&b);
    close (fd);
  }

  HX_CASE ("uri-64k-default-pool");
  {
    char *req = big_request ("GET /", 65536, " HTTP/1.1\r\nHost: x\r\n\r\n");
    hx_exchange ("64k URI", s.port, req, E414, 1);
    free (req);
  }

  HX_CASE ("other-connection-still-works");
  hx_exchange_fd ("keep #2", keep, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                  "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 3\r\n\r\n"
                  "ok:", 0);
  close (keep);
  hx_exchange ("new conn", s.port,
               "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n\r\nok:hi",
               0);
  hx_stop (&s);

  /* small memory pool */
  struct MHD_OptionItem o[] = {
    { MHD_OPTION_CONNECTION_MEMORY_LIMIT, 4096, NULL },
    { MHD_OPTION_END, 0, NULL }
  };
  struct hx_server s2 = { 0 };
  if (0 != hx_start (&s2, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o))
    return 1;

  HX_CASE ("small-pool-ok-request");
  hx_exchange ("small ok", s2.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 3\r\n\r\nok:", 0);

  HX_CASE ("small-pool-414");
  {
    char *req = big_request ("GET /", 8192, " HTTP/1.1\r\nHost: x\r\n\r\n");
    hx_exchange ("8k URI", s2.port, req, E414, 1);
    free (req);
  }
  HX_CASE ("small-pool-414-query");
  {
    char *req = big_request ("GET /x?a=", 8192, " HTTP/1.1\r\nHost: x\r\n\r\n");
    hx_exchange ("8k query", s2.port, req, E414, 1);
    free (req);
  }
  HX_CASE ("small-pool-431");
  {
    char *req = big_request ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: ", 8192,
                             "\r\n\r\n");
    hx_exchange ("8k header", s2.port, req, E431, 1);
    free (req);
  }
  HX_CASE ("small-pool-431-many-headers");
  {
    char req[12000];
    strcpy (req, "GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 300; i++)
      sprintf (req + strlen (req), "X-H%03d: v\r\n", i);
    strcat (req, "\r\n");
    hx_exchange ("many headers", s2.port, req, E431, 1);
  }
  HX_CASE ("small-pool-still-serving");
  hx_exchange ("small ok 2", s2.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 3\r\n\r\nok:", 0);
  hx_stop (&s2);
  return hx_done ();
}
