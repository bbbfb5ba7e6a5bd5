/* Values API: headers, cookies, GET arguments, lookups, set, unescape. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>

static char out[8192];

static void
outf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  size_t l = strlen (out);
  vsnprintf (out + l, sizeof (out) - l, fmt, ap);
  va_end (ap);
}

static const char *
kname (enum MHD_ValueKind k)
{
  switch (k)
  {
  case MHD_HEADER_KIND: return "H";
  case MHD_COOKIE_KIND: return "C";
  case MHD_GET_ARGUMENT_KIND: return "G";
  case MHD_POSTDATA_KIND: return "P";
  case MHD_FOOTER_KIND: return "F";
  default: return "?";
  }
}

static enum MHD_Result
it (void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
  int *stop_after = cls;
  outf ("%s[%s]=[%s];", kname (kind), k, v ? v : "(null)");
  if (stop_after && --*stop_after == 0)
    return MHD_NO;
  return MHD_YES;
}

static enum MHD_Result
it_n (void *cls, enum MHD_ValueKind kind, const char *k, size_t kl,
      const char *v, size_t vl)
{
  (void) cls;
  outf ("%s[%s/%zu]=[%s/%zu];", kname (kind), k, kl, v ? v : "(null)", vl);
  return MHD_YES;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) ud;
  static int marker;
  if (NULL == *con_cls)
  {
    *con_cls = &marker;
    return MHD_YES;
  }
  *uds = 0;
  out[0] = 0;
  outf ("url=[%s] method=[%s] ver=[%s]\n", url, method, ver);
  int n;
  n = MHD_get_connection_values (c, MHD_HEADER_KIND, it, NULL);
  outf (" n=%d\n", n);
  n = MHD_get_connection_values (c, MHD_COOKIE_KIND, it, NULL);
  outf (" n=%d\n", n);
  n = MHD_get_connection_values (c, MHD_GET_ARGUMENT_KIND, it, NULL);
  outf (" n=%d\n", n);
  n = MHD_get_connection_values (c, MHD_COOKIE_KIND | MHD_GET_ARGUMENT_KIND,
                                 it, NULL);
  outf (" n=%d\n", n);
  n = MHD_get_connection_values (c, MHD_GET_ARGUMENT_KIND, NULL, NULL);
  outf ("count-only=%d\n", n);
  int stop = 2;
  n = MHD_get_connection_values (c, MHD_GET_ARGUMENT_KIND, it, &stop);
  outf (" stopped n=%d\n", n);
  n = MHD_get_connection_values_n (c, MHD_GET_ARGUMENT_KIND, it_n, NULL);
  outf (" n=%d\n", n);
  const char *v;
#define L(kind, key) \
  v = MHD_lookup_connection_value (c, kind, key); \
  outf ("lookup %s %s=[%s]\n", kname (kind), key, v ? v : "(null)");
  L (MHD_HEADER_KIND, "Host");
  L (MHD_HEADER_KIND, "host");
  L (MHD_HEADER_KIND, "X-Multi");
  L (MHD_HEADER_KIND, "Missing");
  L (MHD_COOKIE_KIND, "b");
  L (MHD_COOKIE_KIND, "a");
  L (MHD_GET_ARGUMENT_KIND, "a");
  L (MHD_GET_ARGUMENT_KIND, "b");
  L (MHD_GET_ARGUMENT_KIND, "c");
  L (MHD_GET_ARGUMENT_KIND, "novalue");
  L (MHD_GET_ARGUMENT_KIND, "e");
  L (MHD_GET_ARGUMENT_KIND, "sp ace");
  L (MHD_HEADER_KIND | MHD_COOKIE_KIND, "b");
  L (MHD_HEADER_KIND, NULL);
  const char *vn = NULL;
  size_t vl = 99;
  enum MHD_Result r = MHD_lookup_connection_value_n (c, MHD_GET_ARGUMENT_KIND,
                                                     "b", 1, &vn, &vl);
  outf ("lookup_n b r=%d [%s/%zu]\n", r == MHD_YES, vn ? vn : "(null)", vl);
  vn = (const char *) 1;
  vl = 99;
  r = MHD_lookup_connection_value_n (c, MHD_GET_ARGUMENT_KIND, "novalue", 7,
                                     &vn, &vl);
  outf ("lookup_n novalue r=%d [%s/%zu]\n", r == MHD_YES,
        vn ? vn : "(null)", vl);
  r = MHD_lookup_connection_value_n (c, MHD_GET_ARGUMENT_KIND, "zzz", 3,
                                     &vn, &vl);
  outf ("lookup_n zzz r=%d\n", r == MHD_YES);
  r = MHD_lookup_connection_value_n (c, MHD_HEADER_KIND, "HOSTX", 4,
                                     NULL, NULL);
  outf ("lookup_n HOST(4) r=%d\n", r == MHD_YES);
  r = MHD_set_connection_value (c, MHD_HEADER_KIND, "X-Set", "val");
  outf ("set r=%d\n", r == MHD_YES);
  L (MHD_HEADER_KIND, "X-Set");
  L (MHD_HEADER_KIND, "x-set");
  r = MHD_set_connection_value_n (c, MHD_GET_ARGUMENT_KIND, "k2", 2,
                                  "v\0z", 3);
  outf ("set_n r=%d\n", r == MHD_YES);
  L (MHD_GET_ARGUMENT_KIND, "k2");
  vl = 0;
  MHD_lookup_connection_value_n (c, MHD_GET_ARGUMENT_KIND, "k2", 2, &vn, &vl);
  outf ("k2 len=%zu\n", vl);
  n = MHD_get_connection_values (c, MHD_GET_ARGUMENT_KIND, NULL, NULL);
  outf ("count after set=%d\n", n);
  return hx_reply (c, 200, out);
}

static void
check_body (const char *what, uint16_t port, const char *req,
            const char *exp_body)
{
  int fd = hx_connect (port);
  hx_sends (fd, req);
  struct hx_buf b = { 0 };
  hx_read (fd, &b, 0, 800);
  const char *body = strstr (b.data, "\r\n\r\n");
  body = body ? body + 4 : "";
  HX_EXPECT_STR (what, body, exp_body);
  hx_buf_free (&b);
  close (fd);
}

int
main (void)
{
  HX_CASE ("http_unescape");
  {
    char s1[] = "a%20b+c%41%zz%4";
    size_t n = MHD_http_unescape (s1);
    HX_EXPECT_STR ("unescape", s1, "a b+cA%zz%4");
    HX_CHECK (n == strlen ("a b+cA%zz%4"), "len %zu", n);
    char s2[] = "%2f%2F%00x";
    n = MHD_http_unescape (s2);
    HX_CHECK (n == 4 && 0 == memcmp (s2, "//\0x", 5), "n=%zu", n);
    char s3[] = "";
    HX_CHECK (0 == MHD_http_unescape (s3), "empty");
  }

  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;
  HX_CASE ("values");
  check_body ("values", s.port,
              "GET /p%20q/r?a=1&b=hello%20world&c=x+y&a=2&novalue&e=&sp+ace=%3D"
              " HTTP/1.1\r\nHost: example\r\nCookie: a=1; b=2\r\n"
              "X-Multi: one\r\nX-Multi: two\r\nX-Empty:\r\n"
              "X-Spaces:   padded\r\n\r\n",
              "url=[/p q/r] method=[GET] ver=[HTTP/1.1]\n"
              "H[Host]=[example];H[Cookie]=[a=1; b=2];H[X-Multi]=[one];H[X-Multi]=[two];H[X-Empty]=[];H[X-Spaces]=[padded]; n=6\n"
              "C[a]=[1];C[b]=[2]; n=2\n"
              "G[a]=[1];G[b]=[hello world];G[c]=[x y];G[a]=[2];G[novalue]=[(null)];G[e]=[];G[sp ace]=[=]; n=7\n"
              "G[a]=[1];G[b]=[hello world];G[c]=[x y];G[a]=[2];G[novalue]=[(null)];G[e]=[];G[sp ace]=[=];C[a]=[1];C[b]=[2]; n=9\n"
              "count-only=7\n"
              "G[a]=[1];G[b]=[hello world]; stopped n=2\n"
              "G[a/1]=[1/1];G[b/1]=[hello world/11];G[c/1]=[x y/3];G[a/1]=[2/1];G[novalue/7]=[(null)/0];G[e/1]=[/0];G[sp ace/6]=[=/1]; n=7\n"
              "lookup H Host=[example]\n"
              "lookup H host=[example]\n"
              "lookup H X-Multi=[one]\n"
              "lookup H Missing=[(null)]\n"
              "lookup C b=[2]\n"
              "lookup C a=[1]\n"
              "lookup G a=[1]\n"
              "lookup G b=[hello world]\n"
              "lookup G c=[x y]\n"
              "lookup G novalue=[(null)]\n"
              "lookup G e=[]\n"
              "lookup G sp ace=[=]\n"
              "lookup ? b=[2]\n"
              "lookup H (null)=[(null)]\n"
              "lookup_n b r=1 [hello world/11]\n"
              "lookup_n novalue r=1 [(null)/0]\n"
              "lookup_n zzz r=0\n"
              "lookup_n HOST(4) r=1\n"
              "set r=1\n"
              "lookup H X-Set=[val]\n"
              "lookup H x-set=[val]\n"
              "set_n r=1\n"
              "lookup G k2=[v]\n"
              "k2 len=3\n"
              "count after set=8\n"
);
  hx_stop (&s);
  return hx_done ();
}
