/* Access-handler calling convention: con_cls, upload_data delivery,
 * partial consumption, queue-on-first-call, MHD_NO, chunked request bodies
 * with footers, Expect: 100-continue. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>

static char log_buf[8192];
static char body_buf[8192];
static size_t body_len;
static int bad_redelivery;
static int calls;

static void
logf_ (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  size_t l = strlen (log_buf);
  vsnprintf (log_buf + l, sizeof (log_buf) - l, fmt, ap);
  va_end (ap);
}

static void
reset (void)
{
  log_buf[0] = 0;
  body_len = 0;
  bad_redelivery = 0;
  calls = 0;
}

static int marker;

static enum MHD_Result
footer_it (void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
  (void) cls;
  logf_ ("[%s%s=%s]", kind == MHD_FOOTER_KIND ? "F:" : "?:", k, v ? v : "(null)");
  return MHD_YES;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) ver;
  calls++;
  if (NULL == *con_cls)
  {
    logf_ ("first(%s %s uds=%zu)", method, url, *uds);
    *con_cls = &marker;
    if (0 == strcmp (url, "/no"))
      return MHD_NO;
    if (0 == strncmp (url, "/first", 6))
      return hx_reply (c, 200, "early");
    return MHD_YES;
  }
  if (*con_cls != &marker)
    logf_ ("BADCLS");
  if (*uds)
  {
    size_t n = *uds;
    /* partial consumption: the unconsumed tail must come back first */
    size_t take = n;
    if (0 == strcmp (url, "/partial3"))
      take = n < 3 ? n : 3;
    logf_ ("data(%zu,take %zu)", n, take);
    memcpy (body_buf + body_len, ud, take);
    body_len += take;
    *uds = n - take;
    if (0 == strcmp (url, "/nolater"))
      return MHD_NO;
    return MHD_YES;
  }
  logf_ ("final");
  if (0 == strcmp (url, "/footers"))
    MHD_get_connection_values (c, MHD_FOOTER_KIND, footer_it, NULL);
  char resp[9000];
  snprintf (resp, sizeof (resp), "got:%.*s", (int) body_len, body_buf);
  return hx_reply (c, 200, resp);
}

int
main (void)
{
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;

  HX_CASE ("get-convention");
  reset ();
  hx_exchange ("GET", s.port, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 4\r\n\r\ngot:",
               0);
  HX_EXPECT_STR ("call log", log_buf, "first(GET /a uds=0)final");

  HX_CASE ("post-body-one-piece");
  reset ();
  hx_exchange ("POST", s.port,
               "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
               "0123456789",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 14\r\n\r\n"
               "got:0123456789", 0);
  HX_EXPECT_STR ("call log", log_buf,
                 "first(POST /p uds=0)data(10,take 10)final");

  HX_CASE ("post-body-pieces");
  reset ();
  {
    int fd = hx_connect (s.port);
    hx_send_pieces (fd, 60,
                    "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n",
                    "0123", "456789", NULL);
    hx_exchange_fd ("POST pieces", fd, NULL,
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 14\r\n\r\n"
                    "got:0123456789", 0);
    close (fd);
  }
  HX_EXPECT_STR ("call log", log_buf,
                 "first(POST /p uds=0)data(4,take 4)data(6,take 6)final");

  HX_CASE ("partial-consumption");
  /* The real 0.9.75 re-calls the handler for left-over upload data only
   * when the app's loop calls MHD again (select loop with a short wait);
   * with an internal thread or the epoll fd it logs "incomplete upload
   * processing ... may result in hung connection" and waits for socket
   * events that never come. */
  if (! hx_case_only_modes ("external", "unconsumed upload data is only "
                            "re-offered by a polling external loop"))
  {
    reset ();
    hx_exchange ("POST partial", s.port,
                 "POST /partial3 HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
                 "0123456789",
                 "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 14\r\n\r\n"
                 "got:0123456789", 0);
    HX_EXPECT_STR ("call log", log_buf,
                   "first(POST /partial3 uds=0)data(10,take 3)data(7,take 3)"
                   "data(4,take 3)data(1,take 1)final");
  }

  HX_CASE ("queue-on-first-call-get");
  reset ();
  hx_exchange ("first GET", s.port, "GET /first HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "Content-Length: 5\r\n\r\nearly", 1);
  HX_EXPECT_STR ("call log", log_buf, "first(GET /first uds=0)");

  HX_CASE ("queue-on-first-call-post");
  reset ();
  hx_exchange ("first POST", s.port,
               "POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "Content-Length: 5\r\n\r\nearly", 1);
  HX_EXPECT_STR ("call log", log_buf, "first(POST /first uds=0)");

  HX_CASE ("handler-returns-no-first");
  reset ();
  hx_exchange ("MHD_NO", s.port, "GET /no HTTP/1.1\r\nHost: x\r\n\r\n", "", 1);

  HX_CASE ("handler-returns-no-on-data");
  reset ();
  hx_exchange ("MHD_NO data", s.port,
               "POST /nolater HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
               "", 1);

  HX_CASE ("chunked-request");
  reset ();
  hx_exchange ("chunked POST", s.port,
               "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 13\r\n\r\n"
               "got:Wikipedia", 0);
  HX_CHECK (strstr (log_buf, "final") != NULL, "log %s", log_buf);

  HX_CASE ("chunked-request-with-footers");
  reset ();
  hx_exchange ("chunked POST footers", s.port,
               "POST /footers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "a;ext=1\r\n0123456789\r\n0\r\nX-Foot: bar\r\nX-Two: 2\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 14\r\n\r\n"
               "got:0123456789", 0);
  HX_CHECK (strstr (log_buf, "final[F:X-Foot=bar][F:X-Two=2]") != NULL,
            "log %s", log_buf);

  HX_CASE ("expect-100-continue");
  reset ();
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
              "Expect: 100-continue\r\n\r\n");
    struct hx_buf b = { 0 };
    hx_read (fd, &b, 25, 2000);
    HX_EXPECT_STR ("100 continue", b.data, "HTTP/1.1 100 Continue\r\n\r\n");
    hx_buf_free (&b);
    hx_exchange_fd ("after 100", fd, "xyz",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 7\r\n\r\n"
                    "got:xyz", 0);
    close (fd);
  }

  HX_CASE ("expect-100-continue-http-1.0-ignored");
  reset ();
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "POST /p HTTP/1.0\r\nContent-Length: 3\r\n"
              "Expect: 100-continue\r\n\r\n");
    HX_CHECK (0 == hx_wait_closed (fd, 300, NULL), "no interim response for 1.0");
    hx_exchange_fd ("1.0 body", fd, "xyz",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
                    "Content-Length: 7\r\n\r\ngot:xyz", 1);
    close (fd);
  }

  hx_stop (&s);
  return hx_done ();
}
