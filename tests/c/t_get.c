/* Basic GET/HEAD, HTTP/1.0 vs 1.1, keep-alive, pipelining, callback
 * responses (chunked / known size / error), free callback. */
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>

static int free_count;
static int reader_calls_after_error;
static int created;

static void
free_cb (void *cls)
{
  (void) cls;
  __atomic_add_fetch (&free_count, 1, __ATOMIC_SEQ_CST);
}

static ssize_t
reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  const char *kind = cls;
  if (0 == strcmp (kind, "err"))
  {
    if (pos == 0)
    {
      memcpy (buf, "abc", 3);
      return 3;
    }
    if (pos > 3)
      reader_calls_after_error++;
    return MHD_CONTENT_READER_END_WITH_ERROR;
  }
  if (pos == 0)
  {
    memcpy (buf, "abc", 3);
    return 3;
  }
  if (pos == 3)
  {
    memcpy (buf, "defgh", 5);
    return 5;
  }
  if (0 == strcmp (kind, "known") && pos == 8)
  {
    if (max < 2)
      return 0;
    memcpy (buf, "XY", 2);
    return 2;
  }
  return MHD_CONTENT_READER_END_OF_STREAM;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver; (void) ud;
  if (NULL == *con_cls)
  {
    *con_cls = (void *) 1;
    return MHD_YES;
  }
  if (*uds)
  {
    *uds = 0;
    return MHD_YES;
  }
  struct MHD_Response *r;
  r = NULL;
  if (0 == strcmp (url, "/chunked"))
    r = MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 64, reader,
                                           "chunked", free_cb);
  else if (0 == strcmp (url, "/known"))
    r = MHD_create_response_from_callback (10, 64, reader, "known", free_cb);
  else if (0 == strcmp (url, "/err"))
    r = MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 64, reader,
                                           "err", free_cb);
  else if (0 == strcmp (url, "/errk"))
    r = MHD_create_response_from_callback (100, 64, reader, "err", free_cb);
  if (NULL != r)
    created++;
  else
    r = MHD_create_response_from_buffer (5, (void *) "Hello",
                                         MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header (r, "X-Custom", "abc");
  if (0 == strcmp (url, "/ct"))
    MHD_add_response_header (r, "Content-Type", "text/plain");
  unsigned int st = 200;
  if (0 == strcmp (url, "/404"))
    st = 404;
  enum MHD_Result ret = MHD_queue_response (c, st, r);
  MHD_destroy_response (r);
  return ret;
}

#define HELLO_11 \
  "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\nContent-Length: 5\r\n\r\nHello"

int
main (void)
{
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;

  HX_CASE ("get-1.1");
  hx_exchange ("GET 1.1", s.port,
               "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", HELLO_11, 0);

  HX_CASE ("get-404-reason");
  hx_exchange ("GET 404", s.port,
               "GET /404 HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 404 Not Found\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Content-Length: 5\r\n\r\nHello", 0);

  HX_CASE ("head");
  hx_exchange ("HEAD", s.port,
               "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Content-Length: 5\r\n\r\n", 0);

  HX_CASE ("http-1.0-close");
  hx_exchange ("GET 1.0", s.port, "GET /hello HTTP/1.0\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "X-Custom: abc\r\nContent-Length: 5\r\n\r\nHello", 1);

  HX_CASE ("http-1.0-keep-alive");
  {
    int fd = hx_connect (s.port);
    hx_exchange_fd ("GET 1.0 keep-alive #1", fd,
                    "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: Keep-Alive\r\n"
                    "X-Custom: abc\r\nContent-Length: 5\r\n\r\nHello", 0);
    hx_exchange_fd ("GET 1.0 keep-alive #2 (no keep-alive asked)", fd,
                    "GET /hello HTTP/1.0\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
                    "X-Custom: abc\r\nContent-Length: 5\r\n\r\nHello", 1);
    close (fd);
  }

  HX_CASE ("connection-close-request");
  hx_exchange ("Connection: close", s.port,
               "GET /ct HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "X-Custom: abc\r\nContent-Type: text/plain\r\n"
               "Content-Length: 5\r\n\r\nHello", 1);

  HX_CASE ("keep-alive-two-requests");
  {
    int fd = hx_connect (s.port);
    hx_exchange_fd ("keep-alive #1", fd,
                    "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", HELLO_11, 0);
    hx_exchange_fd ("keep-alive #2", fd,
                    "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", HELLO_11, 0);
    close (fd);
  }

  HX_CASE ("pipelining");
  {
    int fd = hx_connect (s.port);
    hx_exchange_fd ("pipelined x3", fd,
                    "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                    "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /404 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    HELLO_11
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
                    "Content-Length: 5\r\n\r\n"
                    "HTTP/1.1 404 Not Found\r\nDate: <D>\r\nConnection: close\r\n"
                    "X-Custom: abc\r\nContent-Length: 5\r\n\r\nHello", 1);
    close (fd);
  }

  HX_CASE ("request-in-pieces");
  {
    int fd = hx_connect (s.port);
    hx_send_pieces (fd, 30, "GE", "T /hel", "lo HTTP/1.1\r", "\nHost: x\r\n",
                    "\r\n", NULL);
    hx_exchange_fd ("pieces", fd, NULL, HELLO_11, 0);
    close (fd);
  }

  int fc0 = free_count;
  created = 0;
  HX_CASE ("chunked-unknown-size");
  hx_exchange ("chunked", s.port, "GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Transfer-Encoding: chunked\r\n\r\n"
               "3\r\nabc\r\n5\r\ndefgh\r\n0\r\n\r\n", 0);

  HX_CASE ("chunked-head");
  /* BUG in real 0.9.75: it sends the "0\r\n\r\n" terminator as a body of a
   * HEAD response.  A HEAD response must not carry a body. */
  if (hx_is_real ())
    fprintf (stderr, "(skipped on real: known bug, HEAD gets chunk terminator)\n");
  else
  hx_exchange ("HEAD chunked", s.port,
               "HEAD /chunked HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Transfer-Encoding: chunked\r\n\r\n", 0);

  HX_CASE ("unknown-size-http-1.0-close-delimited");
  hx_exchange ("1.0 unknown size", s.port, "GET /chunked HTTP/1.0\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "X-Custom: abc\r\n\r\nabcdefgh", 1);

  HX_CASE ("callback-known-size");
  hx_exchange ("known", s.port, "GET /known HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Content-Length: 10\r\n\r\nabcdefghXY", 0);

  HX_CASE ("callback-end-with-error-chunked");
  hx_exchange ("err chunked", s.port, "GET /err HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", 1);

  HX_CASE ("callback-end-with-error-known-size");
  hx_exchange ("err known", s.port, "GET /errk HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-Custom: abc\r\n"
               "Content-Length: 100\r\n\r\nabc", 1);

  hx_msleep (50);
  HX_CASE ("free-callback-once-each");
  HX_CHECK (created >= 5, "created %d", created);
  HX_CHECK (free_count - fc0 == created, "free_cb called %d times, expected %d",
            free_count - fc0, created);
  hx_stop (&s);
  HX_CHECK (free_count - fc0 == created, "after stop: free_cb %d times",
            free_count - fc0);
  return hx_done ();
}
