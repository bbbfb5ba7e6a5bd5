/* libcurl client: chunked upload, Expect: 100-continue, connection reuse. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <curl/curl.h>

static char body[70000];
static size_t body_len;
static int data_calls;

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) url; (void) ver;
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    body_len = 0;
    data_calls = 0;
    return MHD_YES;
  }
  if (*uds)
  {
    data_calls++;
    size_t n = *uds;
    if (body_len + n > sizeof (body))
      n = sizeof (body) - body_len;
    memcpy (body + body_len, ud, n);
    body_len += n;
    *uds = 0;
    return MHD_YES;
  }
  char resp[128];
  const char *te = MHD_lookup_connection_value (c, MHD_HEADER_KIND,
                                                "Transfer-Encoding");
  snprintf (resp, sizeof (resp), "%s %zu te=%s", method, body_len,
            te ? te : "-");
  return hx_reply (c, 200, resp);
}

struct src { const char *p; size_t left; size_t piece; };
static size_t
read_cb (char *buf, size_t sz, size_t n, void *cls)
{
  struct src *s = cls;
  size_t max = sz * n;
  if (max > s->piece)
    max = s->piece;
  if (max > s->left)
    max = s->left;
  memcpy (buf, s->p, max);
  s->p += max;
  s->left -= max;
  return max;
}

struct sink { char data[4096]; size_t len; };
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
static size_t
header_cb (char *p, size_t sz, size_t n, void *cls)
{
  return write_cb (p, sz, n, cls);
}

int
main (void)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;
  char url[64];
  snprintf (url, sizeof (url), "http://127.0.0.1:%u/up", s.port);
  static char payload[60000];
  for (size_t i = 0; i < sizeof (payload); i++)
    payload[i] = (char) ('a' + i % 26);

  HX_CASE ("chunked-upload");
  {
    CURL *c = curl_easy_init ();
    struct src src = { payload, sizeof (payload), 1000 };
    struct sink out = { .len = 0 }, hdr = { .len = 0 };
    struct curl_slist *h = curl_slist_append (NULL,
                                              "Transfer-Encoding: chunked");
    h = curl_slist_append (h, "Expect:");
    curl_easy_setopt (c, CURLOPT_URL, url);
    curl_easy_setopt (c, CURLOPT_POST, 1L);
    curl_easy_setopt (c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt (c, CURLOPT_READDATA, &src);
    curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt (c, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt (c, CURLOPT_WRITEDATA, &out);
    curl_easy_setopt (c, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt (c, CURLOPT_HEADERDATA, &hdr);
    curl_easy_setopt (c, CURLOPT_TIMEOUT, 10L);
    CURLcode rc = curl_easy_perform (c);
    long code = 0;
    curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &code);
    HX_CHECK (rc == CURLE_OK && code == 200, "rc %d code %ld", rc, code);
    HX_EXPECT_STR ("body", out.data, "POST 60000 te=chunked");
    HX_CHECK (body_len == sizeof (payload)
              && 0 == memcmp (body, payload, sizeof (payload)),
              "upload intact (%zu)", body_len);
    char *n = hx_norm_date (hdr.data, hdr.len, NULL);
    HX_EXPECT_STR ("headers", n,
                   "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 21\r\n\r\n");
    free (n);

    HX_CASE ("expect-100-continue");
    src = (struct src) { payload, 5000, 5000 };
    out.len = 0; out.data[0] = 0;
    hdr.len = 0;
    curl_slist_free_all (h);
    h = curl_slist_append (NULL, "Expect: 100-continue");
    curl_easy_setopt (c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt (c, CURLOPT_POSTFIELDSIZE, 5000L);
    rc = curl_easy_perform (c);
    curl_easy_getinfo (c, CURLINFO_RESPONSE_CODE, &code);
    HX_CHECK (rc == CURLE_OK && code == 200, "rc %d code %ld", rc, code);
    HX_EXPECT_STR ("body", out.data, "POST 5000 te=-");
    n = hx_norm_date (hdr.data, hdr.len, NULL);
    HX_EXPECT_STR ("headers incl. interim", n,
                   "HTTP/1.1 100 Continue\r\n\r\n"
                   "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 14\r\n\r\n");
    free (n);
    long conns = -1;
    curl_easy_getinfo (c, CURLINFO_NUM_CONNECTS, &conns);
    HX_CHECK (conns == 0, "connection reused (new connects: %ld)", conns);

    HX_CASE ("get-reuse");
    curl_easy_setopt (c, CURLOPT_HTTPGET, 1L);
    out.len = 0; out.data[0] = 0;
    rc = curl_easy_perform (c);
    HX_EXPECT_STR ("GET body", out.data, "GET 0 te=-");
    curl_easy_getinfo (c, CURLINFO_NUM_CONNECTS, &conns);
    HX_CHECK (conns == 0, "connection reused (new connects: %ld)", conns);
    curl_slist_free_all (h);
    curl_easy_cleanup (c);
  }
  hx_stop (&s);
  curl_global_cleanup ();
  return hx_done ();
}
