/* Responses API: buffer modes, free callbacks, from_data, from_fd,
 * iovec, header add/del/get/iterate, footers, options, shared response
 * refcount, invalid status codes, reason phrases, version, features,
 * MHD_free. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>

static int free_calls;
static void *free_last_ptr;
static int cls_free_calls;
static void *cls_free_last;
static struct MHD_Response *shared;
static char qlog[512];
static char hlog[1024];

static void
free_cb_ptr (void *p)
{
  free_calls++;
  free_last_ptr = p;
  free (p);
}

static void
free_cb_cls (void *cls)
{
  cls_free_calls++;
  cls_free_last = cls;
}

static ssize_t
chunk_reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls; (void) max;
  if (pos == 0)
  {
    memcpy (buf, "data", 4);
    return 4;
  }
  return MHD_CONTENT_READER_END_OF_STREAM;
}

static enum MHD_Result
hdr_it (void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
  (void) cls;
  size_t l = strlen (hlog);
  snprintf (hlog + l, sizeof (hlog) - l, "%s%s=%s;",
            kind == MHD_HEADER_KIND ? "H:" : kind == MHD_FOOTER_KIND ? "F:"
            : "?:", k, v);
  return MHD_YES;
}

static char tmpfile_path[] = "/tmp/hx_resp_XXXXXX";

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver; (void) ud;
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    return MHD_YES;
  }
  *uds = 0;
  struct MHD_Response *r = NULL;
  unsigned int status = 200;
  if (0 == strcmp (url, "/persistent"))
    r = MHD_create_response_from_buffer (4, (void *) "pers",
                                         MHD_RESPMEM_PERSISTENT);
  else if (0 == strcmp (url, "/copy"))
  {
    char tmp[5] = "copy";
    r = MHD_create_response_from_buffer (4, tmp, MHD_RESPMEM_MUST_COPY);
    memcpy (tmp, "XXXX", 4);
  }
  else if (0 == strcmp (url, "/mustfree"))
  {
    char *p = strdup ("freeme");
    r = MHD_create_response_from_buffer (6, p, MHD_RESPMEM_MUST_FREE);
  }
  else if (0 == strcmp (url, "/empty"))
    r = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
  else if (0 == strcmp (url, "/freecb"))
  {
    char *p = strdup ("withcb");
    r = MHD_create_response_from_buffer_with_free_callback (6, p,
                                                            free_cb_ptr);
  }
  else if (0 == strcmp (url, "/freecbcls"))
    r = MHD_create_response_from_buffer_with_free_callback_cls (
      5, "clsfr", free_cb_cls, (void *) &cls_free_calls);
  else if (0 == strcmp (url, "/data"))
    r = MHD_create_response_from_data (4, (void *) "dataXXX", 0, 1);
  else if (0 == strcmp (url, "/fd"))
  {
    int fd = open (tmpfile_path, O_RDONLY);
    r = MHD_create_response_from_fd (10, fd);
  }
  else if (0 == strcmp (url, "/fdoff"))
  {
    int fd = open (tmpfile_path, O_RDONLY);
    r = MHD_create_response_from_fd_at_offset64 (5, fd, 20);
  }
  else if (0 == strcmp (url, "/iovec"))
  {
    static const struct MHD_IoVec iov[3] = {
      { "one,", 4 }, { "", 0 }, { "two,three", 9 }
    };
    r = MHD_create_response_from_iovec (iov, 3, free_cb_cls,
                                        (void *) &free_calls);
  }
  else if (0 == strcmp (url, "/headers"))
  {
    r = MHD_create_response_from_buffer (1, (void *) "h",
                                         MHD_RESPMEM_PERSISTENT);
    qlog[0] = 0;
    int a = MHD_add_response_header (r, "X-A", "1");
    int b = MHD_add_response_header (r, "X-B", "2");
    int a2 = MHD_add_response_header (r, "X-A", "3");
    int cty = MHD_add_response_header (r, "Content-Type", "text/html");
    char ga[16];
    const char *gp = MHD_get_response_header (r, "x-a");
    snprintf (ga, sizeof (ga), "%s", gp ? gp : "NULL");
    const char *gm = MHD_get_response_header (r, "X-Missing");
    int d1 = MHD_del_response_header (r, "X-A", "1");
    int d2 = MHD_del_response_header (r, "X-A", "1");
    int d3 = MHD_del_response_header (r, "X-B", "wrong");
    const char *ga2 = MHD_get_response_header (r, "X-A");
    int f = MHD_add_response_footer (r, "X-F", "foot");
    hlog[0] = 0;
    int cnt = MHD_get_response_headers (r, hdr_it, NULL);
    int cnt2 = MHD_get_response_headers (r, NULL, NULL);
    snprintf (qlog, sizeof (qlog),
              "add=%d%d%d%d get=%s,%s del=%d%d%d get2=%s footer=%d cnt=%d,%d",
              a == MHD_YES, b == MHD_YES, a2 == MHD_YES, cty == MHD_YES,
              ga, gm ? gm : "NULL", d1 == MHD_YES,
              d2 == MHD_YES, d3 == MHD_YES, ga2 ? ga2 : "NULL",
              f == MHD_YES, cnt, cnt2);
  }
  else if (0 == strcmp (url, "/footers"))
  {
    r = MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 32, chunk_reader,
                                           NULL, NULL);
    MHD_add_response_footer (r, "X-Foot", "one");
    MHD_add_response_footer (r, "X-Foot2", "two");
  }
  else if (0 == strcmp (url, "/options"))
  {
    r = MHD_create_response_from_buffer (2, (void *) "op",
                                         MHD_RESPMEM_PERSISTENT);
    HX_CHECK (MHD_YES == MHD_set_response_options (r, MHD_RF_NONE,
                                                   MHD_RO_END),
              "set_response_options");
  }
  else if (0 == strcmp (url, "/shared"))
  {
    enum MHD_Result q = MHD_queue_response (c, 200, shared);
    return q;
  }
  else if (0 == strcmp (url, "/badstatus"))
  {
    r = MHD_create_response_from_buffer (2, (void *) "bs",
                                         MHD_RESPMEM_PERSISTENT);
    enum MHD_Result q0 = MHD_queue_response (c, 0, r);
    enum MHD_Result q99 = MHD_queue_response (c, 99, r);
    enum MHD_Result q1000 = MHD_queue_response (c, 1000, r);
    snprintf (qlog, sizeof (qlog), "q0=%d q99=%d q1000=%d", q0 == MHD_YES,
              q99 == MHD_YES, q1000 == MHD_YES);
    status = 299;
  }
  else if (0 == strcmp (url, "/status999"))
  {
    r = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
    status = 999;
  }
  else if (0 == strcmp (url, "/status204"))
  {
    r = MHD_create_response_from_buffer (0, NULL, MHD_RESPMEM_PERSISTENT);
    status = 204;
  }
  else if (0 == strncmp (url, "/app", 4))
  {
    r = MHD_create_response_from_buffer (2, (void *) "ap",
                                         MHD_RESPMEM_PERSISTENT);
    int res = -1;
    if (0 == strcmp (url, "/appconn"))
      res = MHD_add_response_header (r, "Connection", "close");
    else if (0 == strcmp (url, "/appconnka"))
      res = MHD_add_response_header (r, "Connection", "Keep-Alive");
    else if (0 == strcmp (url, "/appdate"))
      res = (MHD_YES == MHD_add_response_header (r, "X-Before", "b")
             && MHD_YES == MHD_add_response_header (
               r, "Date", "Thu, 01 Jan 1970 00:00:00 GMT")) ? MHD_YES : MHD_NO;
    else if (0 == strcmp (url, "/appcl"))
      res = MHD_add_response_header (r, "Content-Length", "2");
    else if (0 == strcmp (url, "/appte"))
      res = MHD_add_response_header (r, "Transfer-Encoding", "chunked");
    snprintf (qlog, sizeof (qlog), "add=%d", res == MHD_YES);
  }
  else if (0 == strcmp (url, "/auth"))
  {
    char *pass = NULL;
    char *user = MHD_basic_auth_get_username_password (c, &pass);
    char body[128];
    snprintf (body, sizeof (body), "%s:%s", user ? user : "NULL",
              pass ? pass : "NULL");
    MHD_free (user);
    MHD_free (pass);
    return hx_reply (c, 200, body);
  }
  if (NULL == r)
    return MHD_NO;
  enum MHD_Result q = MHD_queue_response (c, status, r);
  MHD_destroy_response (r);
  return q;
}

#define OK_HDR(len) "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: " len \
  "\r\n\r\n"

int
main (void)
{
  HX_CASE ("version-and-features");
  {
    const char *v = MHD_get_version ();
    HX_CHECK (v && 0 == strcmp (v, "0.9.75"), "version %s", v ? v : "NULL");
    enum MHD_FEATURE fs[] = {
      MHD_FEATURE_MESSAGES, MHD_FEATURE_IPv6, MHD_FEATURE_POLL,
      MHD_FEATURE_EPOLL, MHD_FEATURE_BASIC_AUTH, MHD_FEATURE_DIGEST_AUTH,
      MHD_FEATURE_POSTPROCESSOR, /* no SUSPEND_RESUME feature in 0.9.75 */
      MHD_FEATURE_UPGRADE
    };
    for (size_t i = 0; i < sizeof (fs) / sizeof (fs[0]); i++)
      HX_CHECK (MHD_YES == MHD_is_feature_supported (fs[i]), "feature %d",
                (int) fs[i]);
  }

  HX_CASE ("reason-phrases");
  {
    struct { unsigned int code; const char *p; } t[] = {
      { 100, "Continue" }, { 101, "Switching Protocols" }, { 200, "OK" },
      { 201, "Created" }, { 204, "No Content" }, { 206, "Partial Content" },
      { 301, "Moved Permanently" }, { 302, "Found" }, { 304, "Not Modified" },
      { 400, "Bad Request" }, { 401, "Unauthorized" }, { 403, "Forbidden" },
      { 404, "Not Found" }, { 405, "Method Not Allowed" },
      { 413, "Content Too Large" }, { 414, "URI Too Long" },
      { 418, "Unknown" /* sic, 0.9.75 */ }, { 431, "Request Header Fields Too Large" },
      { 500, "Internal Server Error" }, { 501, "Not Implemented" },
      { 503, "Service Unavailable" }, { 505, "HTTP Version Not Supported" },
      { 299, "Unknown" }, { 999, "Unknown" }, { 0, "Unknown" },
      { 1000, "Unknown" }
    };
    for (size_t i = 0; i < sizeof (t) / sizeof (t[0]); i++)
    {
      const char *p = MHD_get_reason_phrase_for (t[i].code);
      HX_CHECK (p && 0 == strcmp (p, t[i].p), "%u -> '%s' (want '%s')",
                t[i].code, p ? p : "NULL", t[i].p);
    }
  }

  int tfd = mkstemp (tmpfile_path);
  const char *content = "0123456789abcdefghijKLMNOPQRST";
  HX_CHECK (30 == write (tfd, content, 30), "write tmp");
  close (tfd);

  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;
  HX_CASE ("persistent");
  hx_exchange ("persistent", s.port, "GET /persistent HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("4") "pers", 0);
  HX_CASE ("must-copy");
  hx_exchange ("copy", s.port, "GET /copy HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("4") "copy", 0);
  HX_CASE ("must-free");
  hx_exchange ("mustfree", s.port, "GET /mustfree HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("6") "freeme", 0);
  HX_CASE ("empty-body");
  hx_exchange ("empty", s.port, "GET /empty HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("0"), 0);
  HX_CASE ("free-callback");
  free_calls = 0;
  hx_exchange ("freecb", s.port, "GET /freecb HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("6") "withcb", 0);
  hx_msleep (30);
  HX_CHECK (free_calls == 1, "free_calls %d", free_calls);
  HX_CASE ("free-callback-cls");
  cls_free_calls = 0;
  hx_exchange ("freecbcls", s.port, "GET /freecbcls HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("5") "clsfr", 0);
  hx_msleep (30);
  HX_CHECK (cls_free_calls == 1 && cls_free_last == &cls_free_calls,
            "cls_free_calls %d", cls_free_calls);
  HX_CASE ("from-data");
  hx_exchange ("data", s.port, "GET /data HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("4") "data", 0);
  HX_CASE ("from-fd");
  hx_exchange ("fd", s.port, "GET /fd HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("10") "0123456789", 0);
  HX_CASE ("from-fd-at-offset64");
  hx_exchange ("fdoff", s.port, "GET /fdoff HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("5") "KLMNO", 0);
  HX_CASE ("from-iovec");
  cls_free_calls = 0;
  cls_free_last = NULL;
  hx_exchange ("iovec", s.port, "GET /iovec HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("13") "one,two,three", 0);
  hx_msleep (30);
  HX_CHECK (cls_free_calls == 1 && cls_free_last == &free_calls,
            "iovec free cb %d", cls_free_calls);
  HX_CASE ("headers-api");
  hx_exchange ("headers", s.port, "GET /headers HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nX-B: 2\r\nX-A: 3\r\n"
               "Content-Type: text/html\r\nContent-Length: 1\r\n\r\nh", 0);
  HX_EXPECT_STR ("header ops", qlog,
                 "add=1111 get=1,NULL del=100 get2=3 footer=1 cnt=4,4");
  HX_EXPECT_STR ("header iteration", hlog,
                 "H:X-B=2;H:X-A=3;H:Content-Type=text/html;F:X-F=foot;");
  HX_CASE ("footers");
  hx_exchange ("footers", s.port, "GET /footers HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nTransfer-Encoding: chunked\r\n"
               "\r\n4\r\ndata\r\n0\r\nX-Foot: one\r\nX-Foot2: two\r\n\r\n", 0);
  HX_CASE ("response-options");
  hx_exchange ("options", s.port, "GET /options HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("2") "op", 0);
  HX_CASE ("bad-status");
  hx_exchange ("badstatus", s.port, "GET /badstatus HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 299 Non-Standard Status\r\nDate: <D>\r\nContent-Length: 2\r\n\r\nbs",
               0);
  HX_EXPECT_STR ("queue results", qlog, "q0=0 q99=0 q1000=0");
  HX_CASE ("status-999");
  hx_exchange ("999", s.port, "GET /status999 HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 999 Non-Standard Status\r\nDate: <D>\r\nContent-Length: 0\r\n\r\n",
               0);
  HX_CASE ("status-204");
  hx_exchange ("204", s.port, "GET /status204 HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 204 No Content\r\nDate: <D>\r\n\r\n", 0);
  HX_CASE ("app-connection-close");
  hx_exchange ("appconn", s.port, "GET /appconn HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "Content-Length: 2\r\n\r\nap", 1);
  HX_EXPECT_STR ("add", qlog, "add=1");
  HX_CASE ("app-connection-keep-alive");
  hx_exchange ("appconnka", s.port, "GET /appconnka HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("2") "ap", 0);
  HX_EXPECT_STR ("add refused", qlog, "add=0");
  HX_CASE ("app-date");
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "GET /appdate HTTP/1.1\r\nHost: x\r\n\r\n");
    struct hx_buf b = { 0 };
    hx_read (fd, &b, 0, 500);
    HX_EXPECT_STR ("app date", b.data,
                   "HTTP/1.1 200 OK\r\nX-Before: b\r\n"
                   "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
                   "Content-Length: 2\r\n\r\nap");
    hx_buf_free (&b);
    close (fd);
  }
  HX_EXPECT_STR ("add", qlog, "add=1");
  HX_CASE ("app-content-length");
  hx_exchange ("appcl", s.port, "GET /appcl HTTP/1.1\r\nHost: x\r\n\r\n",
               OK_HDR ("2") "ap", 0);
  HX_EXPECT_STR ("add", qlog, "add=0");
  HX_CASE ("app-transfer-encoding");
  hx_exchange ("appte", s.port, "GET /appte HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nTransfer-Encoding: chunked\r\n"
               "\r\n2\r\nap\r\n0\r\n\r\n", 0);
  HX_EXPECT_STR ("add", qlog, "add=1");
  HX_CASE ("basic-auth-and-MHD_free");
  hx_exchange ("auth", s.port, "GET /auth HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Basic dXNlcjpwYXNz\r\n\r\n",
               OK_HDR ("9") "user:pass", 0);

  HX_CASE ("shared-response-refcount");
  {
    cls_free_calls = 0;
    shared = MHD_create_response_from_buffer_with_free_callback_cls (
      6, "shared", free_cb_cls, (void *) &cls_free_calls);
    int fds[3];
    for (int i = 0; i < 3; i++)
    {
      fds[i] = hx_connect (s.port);
      hx_exchange_fd ("shared", fds[i],
                      "GET /shared HTTP/1.1\r\nHost: x\r\n\r\n",
                      OK_HDR ("6") "shared", 0);
    }
    hx_exchange_fd ("shared again", fds[0],
                    "GET /shared HTTP/1.1\r\nHost: x\r\n\r\n",
                    OK_HDR ("6") "shared", 0);
    hx_msleep (30);
    hx_stop_loop (&s);
    HX_CHECK (cls_free_calls == 0, "not freed while referenced (%d)",
              cls_free_calls);
    MHD_destroy_response (shared);
    HX_CHECK (cls_free_calls == 1, "freed once after destroy (%d)",
              cls_free_calls);
    for (int i = 0; i < 3; i++)
      close (fds[i]);
  }
  hx_stop (&s);
  HX_CHECK (cls_free_calls == 1, "still once after stop (%d)", cls_free_calls);
  unlink (tmpfile_path);
  return hx_done ();
}
