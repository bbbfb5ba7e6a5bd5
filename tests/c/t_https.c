/* HTTPS (MHD_USE_TLS): the same exact bytes as the plain tests, over a
 * GnuTLS client, in every threading mode; connection info of TLS
 * sessions; client certificates; key password; priorities; ALPN; curl.
 * Certificates come from gen-certs.sh (HX_TLS_DIR, see harness_tls.h). */
#define _GNU_SOURCE
#include "harness_tls.h"
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <curl/curl.h>

#define FILE_SIZE 200000
static char file_path[256];
static char file_data[FILE_SIZE];

struct conn_state
{
  int calls;
  size_t len;
  unsigned int sum;
  char head[65];
};

/* suspend case */
static struct MHD_Connection *volatile pending;
static volatile long long resume_at_ms;
static volatile int resumed;

static ssize_t
chunk_reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls; (void) max;
  static const char *const parts[] = { "part1", "second part", "3" };
  size_t off = 0;
  for (int i = 0; i < 3; i++)
  {
    size_t l = strlen (parts[i]);
    if (pos == off)
    {
      memcpy (buf, parts[i], l);
      return (ssize_t) l;
    }
    off += l;
  }
  return MHD_CONTENT_READER_END_OF_STREAM;
}

#define BIG_SIZE (8u * 1024 * 1024)
static char
big_byte (uint64_t i)
{
  return (char) ('a' + (i * 7 + i / 4093) % 26);
}

static ssize_t
big_reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls;
  size_t n = max;
  if (n > BIG_SIZE - pos)
    n = (size_t) (BIG_SIZE - pos);
  for (size_t i = 0; i < n; i++)
    buf[i] = big_byte (pos + i);
  return (ssize_t) n;
}

static enum MHD_Result
reply_fmt (struct MHD_Connection *c, const char *fmt, ...)
{
  char b[512];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (b, sizeof (b), fmt, ap);
  va_end (ap);
  return hx_reply (c, 200, b);
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver;
  struct conn_state *st = *con_cls;
  if (NULL == st)
  {
    *con_cls = st = calloc (1, sizeof (*st));
    return MHD_YES;
  }
  st->calls++;
  if (*uds)
  {
    for (size_t i = 0; i < *uds; i++)
    {
      st->sum = st->sum * 31 + (unsigned char) ud[i];
      if (st->len + i < 64)
        st->head[st->len + i] = ud[i];
    }
    st->len += *uds;
    *uds = 0;
    return MHD_YES;
  }
  if (0 == strcmp (url, "/hello"))
    return hx_reply (c, 200, "hello");
  if (0 == strcmp (url, "/echo"))
  {
    if (st->len <= 64)
      return reply_fmt (c, "got %zu: %s", st->len, st->head);
    return reply_fmt (c, "got %zu sum=%u", st->len, st->sum);
  }
  if (0 == strcmp (url, "/chunked"))
  {
    struct MHD_Response *r =
      MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 64, chunk_reader,
                                         NULL, NULL);
    enum MHD_Result q = MHD_queue_response (c, 200, r);
    MHD_destroy_response (r);
    return q;
  }
  if (0 == strcmp (url, "/big"))
  {
    struct MHD_Response *r =
      MHD_create_response_from_callback (BIG_SIZE, 32 * 1024, big_reader,
                                         NULL, NULL);
    enum MHD_Result q = MHD_queue_response (c, 200, r);
    MHD_destroy_response (r);
    return q;
  }
  if (0 == strcmp (url, "/file"))
  {
    int fd = open (file_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return MHD_NO;
    struct MHD_Response *r = MHD_create_response_from_fd (FILE_SIZE, fd);
    enum MHD_Result q = MHD_queue_response (c, 200, r);
    MHD_destroy_response (r);
    return q;
  }
  if (0 == strcmp (url, "/info"))
  {
    const union MHD_ConnectionInfo *p =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_PROTOCOL);
    const union MHD_ConnectionInfo *a =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_CIPHER_ALGO);
    const union MHD_ConnectionInfo *s =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    int sp = -1;
    if (s && s->tls_session)
      sp = (int) gnutls_protocol_get_version ((gnutls_session_t)
                                              s->tls_session);
    /* deprecated, never implemented: NULL */
    const union MHD_ConnectionInfo *cc =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_GNUTLS_CLIENT_CERT);
    return reply_fmt (c, "proto=%d cipher=%d session=%s sessproto=%d%s",
                      p ? p->protocol : -1, a ? a->cipher_algorithm : -1,
                      (s && s->tls_session) ? "yes" : "no", sp,
                      cc ? " CLIENT_CERT-not-NULL" : "");
  }
  if (0 == strcmp (url, "/peer"))
  {
    const union MHD_ConnectionInfo *s =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (! s || ! s->tls_session)
      return reply_fmt (c, "no session");
    gnutls_session_t gs = (gnutls_session_t) s->tls_session;
    unsigned int status = 12345;
    int rc = gnutls_certificate_verify_peers2 (gs, &status);
    unsigned int n = 0;
    const gnutls_datum_t *peers = gnutls_certificate_get_peers (gs, &n);
    return reply_fmt (c, "verify=%d status=%u peers=%s n=%u", rc,
                      rc == 0 ? status : 0u, peers ? "yes" : "no", n);
  }
  if (0 == strcmp (url, "/susp"))
  {
    if (st->calls == 1)
    {
      resume_at_ms = hx_now_ms () + 200;
      pending = c;
      MHD_suspend_connection (c);
      return MHD_YES;
    }
    return hx_reply (c, 200, "resumed");
  }
  return hx_reply (c, 404, "nope");
}

static void
completed (void *cls, struct MHD_Connection *c, void **con_cls,
           enum MHD_RequestTerminationCode toe)
{
  (void) cls; (void) c; (void) toe;
  free (*con_cls);
  *con_cls = NULL;
}

static void
on_iter (struct hx_server *s, void *cls)
{
  (void) s; (void) cls;
  struct MHD_Connection *c = pending;
  if (c && hx_now_ms () >= resume_at_ms)
  {
    pending = NULL;
    resumed++;
    MHD_resume_connection (c);
  }
}

static const struct MHD_OptionItem base_opts[] = {
  { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t) completed, NULL },
  { MHD_OPTION_END, 0, NULL }
};

/* expected "200 OK" keep-alive response with body (rotating buffers) */
static const char *
ok (const char *body)
{
  static char bufs[8][512];
  static int i;
  char *b = bufs[i++ % 8];
  snprintf (b, 512, "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: %zu\r\n"
            "\r\n%s", strlen (body), body);
  return b;
}

#define HELLO_RESP \
  "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n\r\nhello"
#define GET_HELLO "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n"

/* start a TLS daemon with base_opts + extra (may be NULL) */
static int
start (struct hx_server *s, unsigned int flags, unsigned int tls_flags,
       const struct MHD_OptionItem *extra)
{
  struct MHD_OptionItem o[16];
  size_t k = 0;
  for (const struct MHD_OptionItem *p = base_opts; p->option; p++)
    o[k++] = *p;
  if (extra)
    for (const struct MHD_OptionItem *p = extra; p->option; p++)
      o[k++] = *p;
  o[k].option = MHD_OPTION_END;
  memset (s, 0, sizeof (*s));
  s->on_iter = on_iter;
  int rc = hx_start_tls (s, flags | MHD_USE_ERROR_LOG, HX_SELECT, handler,
                         NULL, o, tls_flags);
  HX_CHECK (rc == 0, "TLS daemon started");
  return rc;
}

/* ---------------- curl ---------------- */

struct sink { char data[8192]; size_t len; };
static size_t
write_cb (char *p, size_t sz, size_t n, void *cls)
{
  struct sink *k = cls;
  size_t l = sz * n;
  if (k->len + l < sizeof (k->data))
  {
    memcpy (k->data + k->len, p, l);
    k->len += l;
    k->data[k->len] = 0;
  }
  return l;
}

struct src { const char *p; size_t left; };
static size_t
read_cb (char *buf, size_t sz, size_t n, void *cls)
{
  struct src *s = cls;
  size_t max = sz * n;
  if (max > 1000)
    max = 1000;
  if (max > s->left)
    max = s->left;
  memcpy (buf, s->p, max);
  s->p += max;
  s->left -= max;
  return max;
}

static CURL *
curl_for (uint16_t port, const char *path, struct sink *out,
          struct sink *hdr, struct curl_slist **resolve)
{
  CURL *c = curl_easy_init ();
  char url[128], res[64];
  snprintf (url, sizeof (url), "https://localhost:%u%s", port, path);
  snprintf (res, sizeof (res), "localhost:%u:127.0.0.1", port);
  *resolve = curl_slist_append (NULL, res);
  curl_easy_setopt (c, CURLOPT_URL, url);
  curl_easy_setopt (c, CURLOPT_RESOLVE, *resolve);
  curl_easy_setopt (c, CURLOPT_CAINFO, hx_tls_path ("ca.crt"));
  curl_easy_setopt (c, CURLOPT_CAPATH, NULL);
  curl_easy_setopt (c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (c, CURLOPT_WRITEDATA, out);
  curl_easy_setopt (c, CURLOPT_HEADERFUNCTION, write_cb);
  curl_easy_setopt (c, CURLOPT_HEADERDATA, hdr);
  curl_easy_setopt (c, CURLOPT_TIMEOUT, 10L);
  return c;
}

static void
curl_cases (uint16_t port, uint16_t trust_port)
{
  struct sink out = { .len = 0 }, hdr = { .len = 0 };
  struct curl_slist *res;

  HX_CASE ("curl-get-reuse");
  {
    CURL *c = curl_for (port, "/hello", &out, &hdr, &res);
    CURLcode rc = curl_easy_perform (c);
    long code = 0, ver = 0;
    curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo (c, CURLINFO_HTTP_VERSION, &ver);
    HX_CHECK (rc == CURLE_OK && code == 200, "rc %d (%s) code %ld", rc,
              curl_easy_strerror (rc), code);
    HX_CHECK (ver == CURL_HTTP_VERSION_1_1, "curl used HTTP/1.1 (%ld)", ver);
    HX_EXPECT_STR ("body", out.data, "hello");
    char *n = hx_norm_date (hdr.data, hdr.len, NULL);
    HX_EXPECT_STR ("headers", n,
                   "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n\r\n");
    free (n);
    out.len = 0; out.data[0] = 0;
    rc = curl_easy_perform (c);
    long conns = -1;
    curl_easy_getinfo (c, CURLINFO_NUM_CONNECTS, &conns);
    HX_CHECK (rc == CURLE_OK, "second rc %d", rc);
    HX_EXPECT_STR ("second body", out.data, "hello");
    HX_CHECK (conns == 0, "TLS connection reused (new connects: %ld)", conns);
    curl_easy_cleanup (c);
    curl_slist_free_all (res);
  }

  HX_CASE ("curl-chunked-upload");
  {
    static char payload[60000];
    unsigned int sum = 0;
    for (size_t i = 0; i < sizeof (payload); i++)
    {
      payload[i] = (char) ('a' + (i * 7) % 26);
      sum = sum * 31 + (unsigned char) payload[i];
    }
    out.len = 0; out.data[0] = 0;
    hdr.len = 0;
    CURL *c = curl_for (port, "/echo", &out, &hdr, &res);
    struct src src = { payload, sizeof (payload) };
    struct curl_slist *h = curl_slist_append (NULL,
                                              "Transfer-Encoding: chunked");
    h = curl_slist_append (h, "Expect:");
    curl_easy_setopt (c, CURLOPT_POST, 1L);
    curl_easy_setopt (c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt (c, CURLOPT_READDATA, &src);
    curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
    CURLcode rc = curl_easy_perform (c);
    HX_CHECK (rc == CURLE_OK, "rc %d (%s)", rc, curl_easy_strerror (rc));
    char exp[64];
    snprintf (exp, sizeof (exp), "got 60000 sum=%u", sum);
    HX_EXPECT_STR ("body", out.data, exp);
    curl_easy_cleanup (c);
    curl_slist_free_all (h);
    curl_slist_free_all (res);
  }

  HX_CASE ("curl-client-cert");
  {
    out.len = 0; out.data[0] = 0;
    hdr.len = 0;
    CURL *c = curl_for (trust_port, "/peer", &out, &hdr, &res);
    curl_easy_setopt (c, CURLOPT_SSLCERT, hx_tls_path ("client.crt"));
    curl_easy_setopt (c, CURLOPT_SSLKEY, hx_tls_path ("client.key"));
    CURLcode rc = curl_easy_perform (c);
    HX_CHECK (rc == CURLE_OK, "rc %d (%s)", rc, curl_easy_strerror (rc));
    HX_EXPECT_STR ("body", out.data, "verify=0 status=0 peers=yes n=1");
    curl_easy_cleanup (c);
    curl_slist_free_all (res);
  }
}

/* ---------------- daemon start failures ---------------- */

static void
expect_start_fails (const char *what, const char *key, const char *cert,
                    const char *password, const char *log1,
                    const char *log2)
{
  struct MHD_OptionItem o[6];
  size_t k = 0;
  if (key)
    o[k++] = (struct MHD_OptionItem) { MHD_OPTION_HTTPS_MEM_KEY, 0,
                                       (void *) key };
  if (cert)
    o[k++] = (struct MHD_OptionItem) { MHD_OPTION_HTTPS_MEM_CERT, 0,
                                       (void *) cert };
  if (password)
    o[k++] = (struct MHD_OptionItem) { MHD_OPTION_HTTPS_KEY_PASSWORD, 0,
                                       (void *) password };
  o[k].option = MHD_OPTION_END;
  free (hx_log_take ());
  struct hx_server s = { 0 };
  int rc = hx_start_logged (&s, MHD_USE_TLS | MHD_USE_ERROR_LOG, HX_SELECT,
                            handler, NULL, o, hx_log_cb, NULL);
  HX_CHECK (rc != 0 && s.d == NULL, "%s: MHD_start_daemon returned NULL",
            what);
  if (rc == 0)
    hx_stop (&s);
  char *log = hx_log_take ();
  /* the exact lines of the real 0.9.75 (GnuTLS error text included) */
  HX_LOG_HAS (log, log1);
  HX_LOG_HAS (log, log2);
  free (log);
}

int
main (void)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  snprintf (file_path, sizeof (file_path), "/tmp/hx-https-file.XXXXXX");
  int ffd = mkstemp (file_path);
  for (size_t i = 0; i < FILE_SIZE; i++)
    file_data[i] = (char) ('A' + (i * 13 + i / 997) % 57);
  if (ffd < 0 || FILE_SIZE != write (ffd, file_data, FILE_SIZE))
  {
    perror ("temp file");
    return 1;
  }
  close (ffd);

  HX_CASE ("feature-tls");
  HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_TLS),
            "MHD_FEATURE_TLS");
  HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_HTTPS_KEY_PASSWORD),
            "MHD_FEATURE_HTTPS_KEY_PASSWORD");

  struct hx_server s;
  if (0 != start (&s, 0, 0, NULL))
    goto start_failures;
  {
    const union MHD_DaemonInfo *di =
      MHD_get_daemon_info (s.d, MHD_DAEMON_INFO_FLAGS);
    HX_CHECK (di && (di->flags & MHD_USE_TLS), "DAEMON_INFO_FLAGS has TLS");
  }

  HX_CASE ("get-keepalive");
  {
    struct hx_tls *t = hx_tls_connect ("ka", s.port, 0, NULL);
    hx_tls_exchange ("first", t, GET_HELLO, HELLO_RESP, 0);
    hx_tls_exchange ("second", t, GET_HELLO, HELLO_RESP, 0);
    hx_tls_exchange ("404", t,
                     "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n",
                     "HTTP/1.1 404 Not Found\r\nDate: <D>\r\n"
                     "Content-Length: 4\r\n\r\nnope", 0);
    hx_tls_close (t);
  }

  HX_CASE ("connection-close");
  {
    struct hx_tls *t = hx_tls_connect ("close", s.port, 0, NULL);
    hx_tls_exchange ("close", t,
                     "GET /hello HTTP/1.1\r\nHost: localhost\r\n"
                     "Connection: close\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
                     "Content-Length: 5\r\n\r\nhello", 1);
    /* 0.9.75 ends the TLS session properly before closing */
    HX_CHECK (t && t->close_notify, "close_notify received (last error %s)",
              (t && t->last_err) ? gnutls_strerror (t->last_err) : "-");
    hx_tls_close (t);
    hx_tls_exchange1 ("http/1.0", s.port, 0,
                      "GET /hello HTTP/1.0\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
                      "Content-Length: 5\r\n\r\nhello", 1);
  }

  HX_CASE ("pipelining");
  hx_tls_exchange1 ("3 pipelined", s.port, 0,
                    GET_HELLO GET_HELLO
                    "GET /chunked HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    HELLO_RESP HELLO_RESP
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n"
                    "5\r\npart1\r\nB\r\nsecond part\r\n1\r\n3\r\n0\r\n\r\n", 0);

  HX_CASE ("post-content-length");
  {
    struct hx_tls *t = hx_tls_connect ("post", s.port, 0, NULL);
    hx_tls_exchange ("post", t,
                     "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                     "Content-Length: 11\r\n\r\nhello world",
                     ok ("got 11: hello world"), 0);
    /* body in two TLS records, sent apart */
    if (t)
    {
      hx_tls_sends (t, "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                    "Content-Length: 10\r\n\r\n01234");
      hx_msleep (50);
    }
    hx_tls_exchange ("post in pieces", t, "56789",
                     ok ("got 10: 0123456789"), 0);
    hx_tls_close (t);
  }

  HX_CASE ("post-chunked");
  hx_tls_exchange1 ("chunked upload", s.port, 0,
                    "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n"
                    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                    ok ("got 11: hello world"), 0);

  HX_CASE ("post-100-continue");
  {
    struct hx_tls *t = hx_tls_connect ("100", s.port, 0, NULL);
    hx_tls_exchange ("interim", t,
                     "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                     "Content-Length: 3\r\nExpect: 100-continue\r\n\r\n",
                     "HTTP/1.1 100 Continue\r\n\r\n", 0);
    hx_tls_exchange ("final", t, "abc",
                     ok ("got 3: abc"), 0);
    hx_tls_close (t);
  }

  HX_CASE ("chunked-response");
  hx_tls_exchange1 ("chunked", s.port, 0,
                    "GET /chunked HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n"
                    "5\r\npart1\r\nB\r\nsecond part\r\n1\r\n3\r\n0\r\n\r\n", 0);

  HX_CASE ("fd-response");
  {
    static char exp[FILE_SIZE + 200];
    int hl = snprintf (exp, sizeof (exp), "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                       "Content-Length: %d\r\n\r\n", FILE_SIZE);
    memcpy (exp + hl, file_data, FILE_SIZE);
    exp[hl + FILE_SIZE] = 0;
    struct hx_tls *t = hx_tls_connect ("fd", s.port, 0, NULL);
    hx_tls_exchange ("file", t, "GET /file HTTP/1.1\r\nHost: localhost\r\n\r\n",
                     exp, 0);
    /* keep-alive after a file response */
    hx_tls_exchange ("after file", t, GET_HELLO, HELLO_RESP, 0);
    /* HEAD: headers only */
    hx_tls_exchange ("head file", t,
                     "HEAD /file HTTP/1.1\r\nHost: localhost\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 200000"
                     "\r\n\r\n", 0);
    hx_tls_close (t);
  }

  HX_CASE ("big-response-slow-reader");
  {
    /* 8 MiB: the socket buffer fills up while the client sleeps, so the
     * server's TLS writes must be resumed after EAGAIN */
    struct hx_tls *t = hx_tls_connect ("big", s.port, 0, NULL);
    if (t)
    {
      hx_tls_sends (t, "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n");
      hx_msleep (300);
      static const char head[] = "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                                 "Content-Length: 8388608\r\n\r\n";
      struct hx_buf b = { 0 };
      hx_tls_read (t, &b, sizeof (head) - 1, 3000);
      char *hdr_end = strstr (b.data, "\r\n\r\n");
      size_t hl = hdr_end ? (size_t) (hdr_end + 4 - b.data) : b.len;
      size_t nl;
      char *n = hx_norm_date (b.data, hl, &nl);
      hx_expect_bytes ("big head", n, nl, head, sizeof (head) - 1);
      free (n);
      hx_tls_read_raw (t, &b, hl + BIG_SIZE, 10000);
      size_t bad = 0;
      for (size_t i = hl; i < b.len && i - hl < BIG_SIZE; i++)
        if (b.data[i] != big_byte (i - hl))
        {
          bad = i - hl + 1;
          break;
        }
      HX_CHECK (b.len == hl + BIG_SIZE && bad == 0, "big body: %zu of %u "
                "bytes, first bad byte at %zu (1-based, 0 = none)",
                b.len - hl, BIG_SIZE, bad);
      hx_buf_free (&b);
      hx_tls_exchange ("after big", t, GET_HELLO, HELLO_RESP, 0);
    }
    hx_tls_close (t);
  }

  HX_CASE ("connection-info");
  {
    struct hx_tls *t = hx_tls_connect ("info", s.port, 0, NULL);
    if (t)
    {
      int proto = (int) gnutls_protocol_get_version (t->sess);
      int cipher = (int) gnutls_cipher_get (t->sess);
      HX_CHECK (proto != 0 && cipher != 0, "client values %d %d", proto,
                cipher);
      HX_CHECK (proto == GNUTLS_TLS1_3, "default priorities: TLS1.3 (%s)",
                gnutls_protocol_get_name ((gnutls_protocol_t) proto));
      char exp[256], body[128];
      int bl = snprintf (body, sizeof (body),
                         "proto=%d cipher=%d session=yes sessproto=%d",
                         proto, cipher, proto);
      snprintf (exp, sizeof (exp), "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                "Content-Length: %d\r\n\r\n%s", bl, body);
      hx_tls_exchange ("info", t,
                       "GET /info HTTP/1.1\r\nHost: localhost\r\n\r\n", exp,
                       0);
    }
    hx_tls_close (t);
  }

  HX_CASE ("alpn");
  {
    struct hx_tls *t = hx_tls_connect ("alpn", s.port, HX_TLS_CLI_ALPN, NULL);
    if (t)
    {
      gnutls_datum_t p = { NULL, 0 };
      int r = gnutls_alpn_get_selected_protocol (t->sess, &p);
      HX_CHECK (r == 0 && p.size == 8 && 0 == memcmp (p.data, "http/1.1", 8),
                "ALPN selected http/1.1 (rc %d, %.*s)", r, (int) p.size,
                p.data ? (const char *) p.data : "");
      hx_tls_exchange ("alpn get", t, GET_HELLO, HELLO_RESP, 0);
    }
    hx_tls_close (t);
  }

  HX_CASE ("no-client-cert-without-trust");
  hx_tls_exchange1 ("peer", s.port, HX_TLS_CLI_CERT,
                    "GET /peer HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    ok ("verify=-49 status=0 peers=no n=0"), 0);

  /* ---- daemon with MHD_OPTION_HTTPS_MEM_TRUST ---- */
  struct hx_server st;
  if (0 == start (&st, 0, HX_TLS_SRV_TRUST, NULL))
  {
    HX_CASE ("client-cert");
    hx_tls_exchange1 ("with cert", st.port, HX_TLS_CLI_CERT,
                      "GET /peer HTTP/1.1\r\nHost: localhost\r\n\r\n",
                      ok ("verify=0 status=0 peers=yes n=1"), 0);
    HX_CASE ("client-cert-requested-not-required");
    {
      struct hx_tls *t = hx_tls_connect ("without cert", st.port, 0, NULL);
      HX_CHECK (t && gnutls_certificate_client_get_request_status (t->sess),
                "HTTPS_MEM_TRUST: the server requested a certificate");
      hx_tls_exchange ("without cert", t,
                       "GET /peer HTTP/1.1\r\nHost: localhost\r\n\r\n",
                       ok ("verify=-49 status=0 peers=no n=0"), 0);
      hx_tls_close (t);
      t = hx_tls_connect ("no trust", s.port, 0, NULL);
      HX_CHECK (t && ! gnutls_certificate_client_get_request_status (t->sess),
                "without HTTPS_MEM_TRUST no certificate is requested");
      hx_tls_close (t);
    }
    HX_CASE ("client-cert-untrusted");
    /* The CertificateRequest names the trusted CA (GnuTLS default), so a
     * GnuTLS client whose only certificate is from another issuer sends
     * none: the handshake completes, the app sees no peer certificate. */
    hx_tls_exchange1 ("self-signed cert", st.port, HX_TLS_CLI_OTHER_CERT,
                      "GET /peer HTTP/1.1\r\nHost: localhost\r\n\r\n",
                      ok ("verify=-49 status=0 peers=no n=0"), 0);
    curl_cases (s.port, st.port);
    hx_stop (&st);
  }
  hx_stop (&s);

  HX_CASE ("key-password");
  if (0 == start (&s, 0, HX_TLS_SRV_ENC_KEY, NULL))
  {
    hx_tls_exchange1 ("encrypted key", s.port, 0, GET_HELLO, HELLO_RESP, 0);
    hx_stop (&s);
  }

  HX_CASE ("priorities-no-tls13");
  {
    const struct MHD_OptionItem o[] = {
      { MHD_OPTION_HTTPS_PRIORITIES, 0, (void *) "NORMAL:-VERS-TLS1.3" },
      { MHD_OPTION_END, 0, NULL }
    };
    if (0 == start (&s, 0, 0, o))
    {
      struct hx_tls *t = hx_tls_connect ("tls12", s.port, 0, NULL);
      if (t)
      {
        int proto = (int) gnutls_protocol_get_version (t->sess);
        int cipher = (int) gnutls_cipher_get (t->sess);
        HX_CHECK (proto == GNUTLS_TLS1_2, "client sees TLS1.2 (%s)",
                  gnutls_protocol_get_name ((gnutls_protocol_t) proto));
        char exp[256], body[128];
        int bl = snprintf (body, sizeof (body),
                           "proto=%d cipher=%d session=yes sessproto=%d",
                           proto, cipher, proto);
        snprintf (exp, sizeof (exp), "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                  "Content-Length: %d\r\n\r\n%s", bl, body);
        hx_tls_exchange ("info tls12", t,
                         "GET /info HTTP/1.1\r\nHost: localhost\r\n\r\n",
                         exp, 0);
        hx_tls_exchange ("keep-alive tls12", t, GET_HELLO, HELLO_RESP, 0);
      }
      hx_tls_close (t);
      /* a client that only speaks TLS 1.3 is refused */
      struct hx_tls *u =
        hx_tls_try_connect (s.port, 0, "NORMAL:-VERS-ALL:+VERS-TLS1.3", 3000);
      HX_CHECK (u && u->handshake_rc < 0, "TLS1.3-only client refused (%s)",
                u ? gnutls_strerror (u->handshake_rc) : "no connect");
      hx_tls_close (u);
      hx_stop (&s);
    }
  }

  HX_CASE ("upload-small-pool");
  {
    /* CONNECTION_MEMORY_LIMIT 4096: MHD reads less than one 16 KiB TLS
     * record at a time, the rest waits decrypted inside GnuTLS (not
     * visible to select/poll/epoll) */
    const struct MHD_OptionItem o[] = {
      { MHD_OPTION_CONNECTION_MEMORY_LIMIT, 4096, NULL },
      { MHD_OPTION_END, 0, NULL }
    };
    if (0 == start (&s, 0, 0, o))
    {
      static char up[100000];
      unsigned int sum = 0;
      for (size_t i = 0; i < sizeof (up); i++)
      {
        up[i] = (char) ('0' + (i * 11) % 43);
        sum = sum * 31 + (unsigned char) up[i];
      }
      struct hx_tls *t = hx_tls_connect ("small pool", s.port, 0, NULL);
      if (t)
      {
        hx_tls_sends (t, "POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                      "Content-Length: 100000\r\n\r\n");
        hx_tls_send (t, up, sizeof (up));
        char body[64];
        snprintf (body, sizeof (body), "got 100000 sum=%u", sum);
        hx_tls_exchange ("100 kB upload", t, NULL, ok (body), 0);
        /* two pipelined requests in one record, the pool holds one */
        hx_tls_exchange ("pipelined small pool", t,
                         GET_HELLO "POST /echo HTTP/1.1\r\nHost: localhost"
                         "\r\nContent-Length: 3\r\n\r\nxyz",
                         HELLO_RESP "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                         "Content-Length: 10\r\n\r\ngot 3: xyz", 0);
      }
      hx_tls_close (t);
      hx_stop (&s);
    }
  }

  HX_CASE ("option-tls-no-alpn");
  {
    const struct MHD_OptionItem o[] = {
      { MHD_OPTION_TLS_NO_ALPN, 1, NULL },
      { MHD_OPTION_END, 0, NULL }
    };
    if (0 == start (&s, 0, 0, o))
    {
      struct hx_tls *t = hx_tls_connect ("no alpn", s.port, HX_TLS_CLI_ALPN,
                                         NULL);
      if (t)
      {
        gnutls_datum_t p = { NULL, 0 };
        int r = gnutls_alpn_get_selected_protocol (t->sess, &p);
        HX_CHECK (r < 0, "no ALPN protocol selected (rc %d)", r);
        hx_tls_exchange ("no alpn get", t, GET_HELLO, HELLO_RESP, 0);
      }
      hx_tls_close (t);
      hx_stop (&s);
    }
  }

  HX_CASE ("suspend-resume");
  if (! hx_case_only_modes ("external external-epoll internal-select "
                            "internal-poll internal-epoll pool4 pool4-poll",
                            "MHD refuses suspend/resume with "
                            "thread-per-connection"))
  {
    if (0 == start (&s, MHD_ALLOW_SUSPEND_RESUME, 0, NULL))
    {
      resumed = 0;
      long long t0 = hx_now_ms ();
      struct hx_tls *t = hx_tls_connect ("susp", s.port, 0, NULL);
      if (t)
      {
        hx_tls_sends (t, "GET /susp HTTP/1.1\r\nHost: localhost\r\n\r\n");
        struct hx_buf b = { 0 };
        HX_CHECK (0 == hx_tls_wait_closed (t, 100, &b),
                  "nothing while suspended (%zu bytes)", b.len);
        hx_buf_free (&b);
        /* another TLS connection is served meanwhile */
        hx_tls_exchange1 ("other", s.port, 0, GET_HELLO, HELLO_RESP, 0);
        hx_tls_exchange ("resumed", t, NULL,
                         ok ("resumed"), 0);
        long long dt = hx_now_ms () - t0;
        HX_CHECK (dt >= 190, "response only after resume (%lld ms)", dt);
        HX_CHECK (resumed == 1, "resumed once (%d)", resumed);
        hx_tls_exchange ("after resume", t, GET_HELLO, HELLO_RESP, 0);
      }
      hx_tls_close (t);
      hx_stop (&s);
    }
  }

start_failures:
  HX_CASE ("start-wrong-password");
  expect_start_fails ("wrong password", hx_tls_pem ("server-enc.key"),
                      hx_tls_pem ("server.crt"), "not-the-password",
                      "GnuTLS failed to setup x509 certificate/key: "
                      "Decryption has failed.\n",
                      "Failed to initialize TLS support.\n");
  HX_CASE ("start-encrypted-key-no-password");
  expect_start_fails ("no password", hx_tls_pem ("server-enc.key"),
                      hx_tls_pem ("server.crt"), NULL,
                      "GnuTLS failed to setup x509 certificate/key: "
                      "Decryption has failed.\n",
                      "Failed to initialize TLS support.\n");
  HX_CASE ("start-key-cert-mismatch");
  expect_start_fails ("mismatch", hx_tls_pem ("other.key"),
                      hx_tls_pem ("server.crt"), NULL,
                      "GnuTLS failed to setup x509 certificate/key: "
                      "The certificate and the given key do not match.\n",
                      "Failed to initialize TLS support.\n");
  HX_CASE ("start-no-cert");
  expect_start_fails ("no key/cert", NULL, NULL, NULL,
                      "You need to specify a certificate and key location.\n",
                      "Failed to initialize TLS support.\n");

  unlink (file_path);
  curl_global_cleanup ();
  return hx_done ();
}
