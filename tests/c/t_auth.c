/* HTTP authentication: basic (decode, 401 challenge bytes) and digest
 * (challenge format, libcurl round trips with MD5 and SHA-256, wrong
 * password, replayed nonce-count, forged and expired nonces, user name). */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <ctype.h>
#include <curl/curl.h>

#define REALM "test@example.com"
#define USER "alice"
#define PASS "s3cret"
#ifndef EXP_REPLAY
#define EXP_REPLAY MHD_NO
#endif

static volatile int last_check = 99;
/* every digest check result since the last reset (one per request) */
static volatile int checks[16];
static volatile int nchecks;

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
  static char body[512];
  if (0 == strcmp (url, "/basic"))
  {
    char *pass = NULL;
    char *user = MHD_basic_auth_get_username_password (c, &pass);
    snprintf (body, sizeof (body), "u=%s p=%s", user ? user : "(null)",
              pass ? pass : "(null)");
    MHD_free (user);
    MHD_free (pass);
    return hx_reply (c, 200, body);
  }
  if (0 == strcmp (url, "/basic-nopass"))
  {
    char *user = MHD_basic_auth_get_username_password (c, NULL);
    snprintf (body, sizeof (body), "u=%s", user ? user : "(null)");
    MHD_free (user);
    return hx_reply (c, 200, body);
  }
  if (0 == strcmp (url, "/basicfail"))
  {
    struct MHD_Response *r = MHD_create_response_from_buffer (
      6, (void *) "denied", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_basic_auth_fail_response (c, "my realm", r);
    MHD_destroy_response (r);
    return ret;
  }
#ifdef MHD_DIGEST_AUTH_ALGO3_NON_SESSION
  /* 1.0 API, only in our header */
  if (0 == strcmp (url, "/basic3"))
  {
    struct MHD_BasicAuthInfo *bi = MHD_basic_auth_get_username_password3 (c);
    if (NULL == bi)
      snprintf (body, sizeof (body), "none");
    else
      snprintf (body, sizeof (body), "u=%s/%zu p=%s/%zu", bi->username,
                bi->username_len, bi->password ? bi->password : "(null)",
                bi->password_len);
    MHD_free (bi);
    return hx_reply (c, 200, body);
  }
  if (0 == strcmp (url, "/info3"))
  {
    struct MHD_DigestAuthInfo *di = MHD_digest_auth_get_request_info3 (c);
    if (NULL == di)
      snprintf (body, sizeof (body), "none");
    else
    {
      char bin[80] = "";
      for (size_t i = 0; NULL != di->userhash_bin && i < di->userhash_hex_len / 2
           && i < 39; i++)
        sprintf (bin + 2 * i, "%02x", di->userhash_bin[i]);
      snprintf (body, sizeof (body),
                "a=%d t=%d u=%s/%zu h=%s/%zu b=%s o=%s/%zu r=%s/%zu q=%d c=%zu n=%u",
                (int) di->algo3, (int) di->uname_type,
                di->username ? di->username : "(null)", di->username_len,
                di->userhash_hex ? di->userhash_hex : "(null)",
                di->userhash_hex_len, bin,
                di->opaque ? di->opaque : "(null)", di->opaque_len,
                di->realm ? di->realm : "(null)", di->realm_len,
                (int) di->qop, di->cnonce_len, (unsigned) di->nc);
    }
    MHD_free (di);
    return hx_reply (c, 200, body);
  }
  if (0 == strncmp (url, "/d3", 3))
  {
    /* 1.0 check and challenge; "/d3-2069..." allows only RFC 2069 (no qop) */
    enum MHD_DigestAuthMultiQOP mq = strstr (url, "2069")
                                     ? MHD_DIGEST_AUTH_MULT_QOP_NONE
                                     : MHD_DIGEST_AUTH_MULT_QOP_AUTH;
    enum MHD_DigestAuthResult r = MHD_digest_auth_check3 (
      c, REALM, USER, PASS, 0, 0, mq, MHD_DIGEST_AUTH_MULT_ALGO3_MD5);
    last_check = r;
    if (nchecks < 16)
      checks[nchecks++] = r;
    if (MHD_DAUTH_OK == r)
      return hx_reply (c, 200, "ok3");
    struct MHD_Response *resp = MHD_create_response_from_buffer (
      6, (void *) "denied", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result q = MHD_queue_auth_required_response3 (
      c, REALM, "0paque", NULL, resp, MHD_DAUTH_NONCE_STALE == r, mq,
      MHD_DIGEST_AUTH_MULT_ALGO3_MD5, MHD_NO, MHD_NO);
    MHD_destroy_response (resp);
    return q;
  }
  if (0 == strcmp (url, "/basic3fail"))
  {
    struct MHD_Response *r = MHD_create_response_from_buffer (
      6, (void *) "denied", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_basic_auth_required_response3 (c, "r3", 1,
                                                                   r);
    MHD_destroy_response (r);
    return ret;
  }
#endif
  if (0 == strncmp (url, "/digest", 7))
  {
    /* /digest-md5, /digest-sha256, /digest-auto, /digest-hash (precomputed) */
    enum MHD_DigestAuthAlgorithm algo = MHD_DIGEST_ALG_MD5;
    if (0 == strcmp (url, "/digest-sha256"))
      algo = MHD_DIGEST_ALG_SHA256;
    char *uname = MHD_digest_auth_get_username (c);
    int ret;
    if (NULL == uname)
      ret = MHD_NO;
    else if (0 == strcmp (url, "/digest-hash"))
    {
      /* MD5("alice:test@example.com:s3cret") */
      static const uint8_t ha1[16] = {
        0x77, 0xaa, 0xf3, 0xfb, 0x50, 0x0e, 0xcb, 0xb3,
        0x18, 0x0d, 0x72, 0xfc, 0x9c, 0xef, 0xbb, 0xa4 };
      ret = MHD_digest_auth_check_digest (c, REALM, USER, ha1, 5);
    }
    else if (0 == strcmp (url, "/digest-short"))
      ret = MHD_digest_auth_check2 (c, REALM, USER, PASS, 1, algo);
    else
      ret = MHD_digest_auth_check2 (c, REALM, USER, PASS, 300, algo);
    last_check = ret;
    if (nchecks < 16)
      checks[nchecks++] = ret;
    if (MHD_YES == ret)
    {
      snprintf (body, sizeof (body), "welcome %s", uname);
      MHD_free (uname);
      return hx_reply (c, 200, body);
    }
    MHD_free (uname);
    struct MHD_Response *r = MHD_create_response_from_buffer (
      6, (void *) "denied", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result q = MHD_queue_auth_fail_response2 (
      c, REALM, "0paque", r, (ret == MHD_INVALID_NONCE) ? MHD_YES : MHD_NO,
      algo);
    MHD_destroy_response (r);
    return q;
  }
  return hx_reply (c, 404, "no");
}

static char *
body_of (uint16_t port, const char *req, struct hx_buf *b)
{
  int fd = hx_connect (port);
  hx_sends (fd, req);
  memset (b, 0, sizeof (*b));
  hx_read (fd, b, 0, 800);
  close (fd);
  char *body = strstr (b->data, "\r\n\r\n");
  return body ? body + 4 : "";
}

static void
check_body (uint16_t port, const char *what, const char *req,
            const char *exp)
{
  struct hx_buf b = { 0 };
  HX_EXPECT_STR (what, body_of (port, req, &b), exp);
  hx_buf_free (&b);
}

/* ---- curl ---- */
static char sent_auth[1024];   /* last Authorization header curl sent */
static char got_www[1024];     /* last WWW-Authenticate seen */

static int
dbg (CURL *h, curl_infotype t, char *data, size_t n, void *u)
{
  (void) h; (void) u;
  if (t != CURLINFO_HEADER_OUT)
    return 0;
  const char *p = memmem (data, n, "Authorization: ", 15);
  if (p)
  {
    const char *e = memmem (p, n - (size_t) (p - data), "\r\n", 2);
    size_t l = e ? (size_t) (e - p) : 0;
    if (l >= sizeof (sent_auth)) l = sizeof (sent_auth) - 1;
    memcpy (sent_auth, p, l);
    sent_auth[l] = 0;
  }
  return 0;
}

static size_t
hdr_cb (char *buf, size_t sz, size_t n, void *u)
{
  (void) u;
  size_t l = sz * n;
  if (l > 18 && 0 == strncasecmp (buf, "WWW-Authenticate: ", 18))
  {
    size_t k = l < sizeof (got_www) ? l : sizeof (got_www) - 1;
    memcpy (got_www, buf, k);
    got_www[k] = 0;
    while (k && (got_www[k - 1] == '\r' || got_www[k - 1] == '\n'))
      got_www[--k] = 0;
  }
  return l;
}

struct sink { char d[512]; size_t l; };
static size_t
wr (char *p, size_t sz, size_t n, void *u)
{
  struct sink *s = u;
  size_t l = sz * n;
  size_t k = l < sizeof (s->d) - 1 - s->l ? l : sizeof (s->d) - 1 - s->l;
  memcpy (s->d + s->l, p, k);
  s->l += k;
  s->d[s->l] = 0;
  return l;
}

/* One digest exchange on handle h: curl answers the challenge and, on a
   reused handle, resends the nonce it has with the next nc. */
static long
curl_digest_on (CURL *h, uint16_t port, const char *path,
                const char *userpwd, char *body, size_t bodysz)
{
  char url[128];
  struct sink s = { .l = 0 };
  s.d[0] = 0;
  snprintf (url, sizeof (url), "http://127.0.0.1:%u%s", port, path);
  curl_easy_setopt (h, CURLOPT_URL, url);
  curl_easy_setopt (h, CURLOPT_HTTPAUTH, (long) CURLAUTH_DIGEST);
  curl_easy_setopt (h, CURLOPT_USERPWD, userpwd);
  curl_easy_setopt (h, CURLOPT_TIMEOUT, 5L);
  curl_easy_setopt (h, CURLOPT_DEBUGFUNCTION, dbg);
  curl_easy_setopt (h, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (h, CURLOPT_HEADERFUNCTION, hdr_cb);
  curl_easy_setopt (h, CURLOPT_WRITEFUNCTION, wr);
  curl_easy_setopt (h, CURLOPT_WRITEDATA, &s);
  long code = 0;
  sent_auth[0] = 0;
  got_www[0] = 0;
  if (CURLE_OK != curl_easy_perform (h))
    code = -1;
  else
    curl_easy_getinfo (h, CURLINFO_RESPONSE_CODE, &code);
  snprintf (body, bodysz, "%s", s.d);
  return code;
}

static long
curl_digest (uint16_t port, const char *path, const char *userpwd,
             char *body, size_t bodysz)
{
  CURL *h = curl_easy_init ();
  long code = curl_digest_on (h, port, path, userpwd, body, bodysz);
  curl_easy_cleanup (h);
  return code;
}

/* Checks the shape of a digest challenge:
 * Digest realm="R",qop="auth",nonce="<hex*N>",opaque="0paque"[,algorithm=..][,stale="true"] */
static void
check_challenge (const char *what, const char *www, size_t hexlen,
                 const char *algo_part, int stale)
{
  char exp_pre[256];
  snprintf (exp_pre, sizeof (exp_pre),
            "WWW-Authenticate: Digest realm=\"" REALM "\",qop=\"auth\",nonce=\"");
  HX_CHECK (0 == strncmp (www, exp_pre, strlen (exp_pre)), "%s: prefix of [%s]",
            what, www);
  if (0 != strncmp (www, exp_pre, strlen (exp_pre)))
    return;
  const char *n = www + strlen (exp_pre);
  size_t k = 0;
  while (isxdigit ((unsigned char) n[k])) k++;
  HX_CHECK (k == hexlen, "%s: nonce hex length %zu, want %zu [%s]", what, k,
            hexlen, www);
  char exp_post[256];
  snprintf (exp_post, sizeof (exp_post), "\",opaque=\"0paque\"%s%s",
            algo_part, stale ? ",stale=\"true\"" : "");
  HX_EXPECT_STR (what, n + k, exp_post);
}

/* Sends a GET with the given Authorization header line; returns the status. */
static int
raw_status (uint16_t port, const char *path, const char *auth_line,
            char *www_out, size_t www_sz)
{
  char req[2048];
  snprintf (req, sizeof (req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s\r\n\r\n",
            path, auth_line);
  int fd = hx_connect (port);
  hx_sends (fd, req);
  struct hx_buf b = { 0 };
  hx_read (fd, &b, 0, 800);
  close (fd);
  int st = 0;
  sscanf (b.data, "HTTP/1.1 %d", &st);
  if (www_out)
  {
    www_out[0] = 0;
    const char *w = strstr (b.data, "WWW-Authenticate: ");
    if (w)
    {
      const char *e = strstr (w, "\r\n");
      size_t l = e ? (size_t) (e - w) : strlen (w);
      if (l >= www_sz) l = www_sz - 1;
      memcpy (www_out, w, l);
      www_out[l] = 0;
    }
  }
  hx_buf_free (&b);
  return st;
}

int
main (void)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;
  uint16_t p = s.port;

  HX_CASE ("basic-decode");
  check_body (p, "basic-ok", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n",
              "u=Aladdin p=open sesame");
  check_body (p, "basic-empty-pass", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic dXNlcjo=\r\n\r\n", "u=user p=");
  check_body (p, "basic-colon-in-pass", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic dTpwOnE=\r\n\r\n", "u=u p=p:q");
  check_body (p, "basic-none", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
              "u=(null) p=(null)");
  check_body (p, "basic-no-colon", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic dXNlcg==\r\n\r\n", "u=(null) p=(null)");
  check_body (p, "basic-bad-b64", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic !!!!\r\n\r\n", "u=(null) p=(null)");
  check_body (p, "basic-other-scheme", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Bearer dXNlcjpwYXNz\r\n\r\n", "u=(null) p=(null)");
  check_body (p, "basic-lowercase-scheme", "GET /basic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: basic dXNlcjpwYXNz\r\n\r\n", "u=(null) p=(null)");
  check_body (p, "basic-null-password-ptr", "GET /basic-nopass HTTP/1.1\r\n"
              "Host: x\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\n", "u=user");

  HX_CASE ("basic-fail-response");
  hx_exchange ("basicfail", p, "GET /basicfail HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
               "HTTP/1.1 401 Unauthorized\r\nDate: <D>\r\nConnection: close\r\n"
               "WWW-Authenticate: Basic realm=\"my realm\"\r\n"
               "Content-Length: 6\r\n\r\ndenied", 1);

#ifdef MHD_DIGEST_AUTH_ALGO3_NON_SESSION
  HX_CASE ("basic-1.0-api");
  check_body (p, "basic3", "GET /basic3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic dXNlcjpwYXNz\r\n\r\n", "u=user/4 p=pass/4");
  check_body (p, "basic3-nocolon", "GET /basic3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
              "Authorization: Basic dXNlcg==\r\n\r\n", "u=user/4 p=(null)/0");
  check_body (p, "basic3-none", "GET /basic3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
              "none");
  hx_exchange ("basic3fail", p, "GET /basic3fail HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
               "HTTP/1.1 401 Unauthorized\r\nDate: <D>\r\nConnection: close\r\n"
               "WWW-Authenticate: Basic realm=\"r3\", charset=\"UTF-8\"\r\n"
               "Content-Length: 6\r\n\r\ndenied", 1);
  HX_CASE ("digest-request-info3");
#define INFO3(what, auth, exp) \
  check_body (p, what, "GET /info3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" \
              auth "\r\n\r\n", exp)
  INFO3 ("info3-standard", "Authorization: Digest username=\"alice\", realm=\"r\", "
         "nonce=\"n\", uri=\"/info3\", qop=auth, nc=0000000a, cnonce=\"c\\\"d\", "
         "response=\"x\", opaque=\"op\", algorithm=SHA-256",
         "a=66 t=4 u=alice/5 h=(null)/0 b= o=op/2 r=r/1 q=2 c=4 n=10");
  INFO3 ("info3-extended", "Authorization: Digest username*=UTF-8''J%C3%A4s%C3%B8n, "
         "realm=\"r\", nonce=\"n\", uri=\"/info3\", response=\"x\"",
         "a=65 t=8 u=J\xc3\xa4s\xc3\xb8n/7 h=(null)/0 b= o=(null)/0 r=r/1 q=1 c=0 n=0");
  INFO3 ("info3-userhash", "Authorization: Digest username=\"0aFf\", userhash=true, "
         "algorithm=MD5-sess, qop=auth-int, nc=zz",
         "a=129 t=2 u=(null)/0 h=0aFf/4 b=0aff o=(null)/0 r=(null)/0 q=4 c=0 n=0");
  INFO3 ("info3-invalid-name", "Authorization: Digest username=\"a\", username*=UTF-8''a, "
         "algorithm=SHA-1, qop=other",
         "a=0 t=1 u=(null)/0 h=(null)/0 b= o=(null)/0 r=(null)/0 q=0 c=0 n=0");
  INFO3 ("info3-none", "X-No: auth", "none");
  INFO3 ("info3-basic", "Authorization: Basic dXNlcjpwYXNz", "none");
#undef INFO3
  HX_CASE ("digest-1.0-pure");
  {
    /* what works is announced; auth-int and session algorithms are not */
    HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_RFC2069), "2069");
    HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_MD5), "md5");
    HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_SHA256), "sha");
    HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_SHA512_256), "512");
    HX_CHECK (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_USERHASH), "uh");
    HX_CHECK (MHD_NO == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_AUTH_INT), "int");
    HX_CHECK (MHD_NO == MHD_is_feature_supported (MHD_FEATURE_DIGEST_AUTH_ALGO_SESSION), "sess");
    HX_CHECK (16 == MHD_digest_get_hash_size (MHD_DIGEST_AUTH_ALGO3_MD5), "md5");
    HX_CHECK (32 == MHD_digest_get_hash_size (MHD_DIGEST_AUTH_ALGO3_SHA256_SESSION), "sha");
    HX_CHECK (32 == MHD_digest_get_hash_size (MHD_DIGEST_AUTH_ALGO3_SHA512_256), "s512");
    HX_CHECK (0 == MHD_digest_get_hash_size (MHD_DIGEST_AUTH_ALGO3_INVALID), "inv");
    uint8_t ud[32];
    HX_CHECK (MHD_YES == MHD_digest_auth_calc_userdigest (
                MHD_DIGEST_AUTH_ALGO3_MD5, USER, REALM, PASS, ud, sizeof (ud)),
              "userdigest");
    static const uint8_t ha1[16] = {
      0x77, 0xaa, 0xf3, 0xfb, 0x50, 0x0e, 0xcb, 0xb3,
      0x18, 0x0d, 0x72, 0xfc, 0x9c, 0xef, 0xbb, 0xa4 };
    HX_CHECK (0 == memcmp (ud, ha1, 16), "userdigest value");
    HX_CHECK (MHD_NO == MHD_digest_auth_calc_userdigest (
                MHD_DIGEST_AUTH_ALGO3_SHA256, USER, REALM, PASS, ud, 31),
              "userdigest small buffer");
    char hex[65];
    /* SHA-256("Mufasa:http-auth@example.org") (sha256sum) */
    HX_CHECK (MHD_YES == MHD_digest_auth_calc_userhash_hex (
                MHD_DIGEST_AUTH_ALGO3_SHA256, "Mufasa", "http-auth@example.org",
                hex, sizeof (hex)), "userhash_hex");
    HX_EXPECT_STR ("userhash", hex,
                   "a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6");
    HX_CHECK (MHD_NO == MHD_digest_auth_calc_userhash_hex (
                MHD_DIGEST_AUTH_ALGO3_SHA256, "a", "b", hex, 64), "hex small");
  }
#endif

  HX_CASE ("digest-challenge");
  {
    char www[1024];
    int st = raw_status (p, "/digest-md5", "X-No: auth", www, sizeof (www));
    HX_CHECK (st == 401, "status %d", st);
    check_challenge ("challenge-md5", www, 40, ",algorithm=md5", 0);
    st = raw_status (p, "/digest-sha256", "X-No: auth", www, sizeof (www));
    HX_CHECK (st == 401, "status %d", st);
    check_challenge ("challenge-sha256", www, 72, ",algorithm=sha-256", 0);
  }

  HX_CASE ("digest-curl");
  {
    char body[512];
    long code = curl_digest (p, "/digest-md5", USER ":" PASS, body, sizeof (body));
    HX_CHECK (code == 200, "md5 code %ld (%s) www=[%s]", code, body, got_www);
    HX_EXPECT_STR ("md5 body", body, "welcome alice");
    HX_CHECK (NULL != strstr (sent_auth, "qop=auth"), "qop in [%s]", sent_auth);
    char replay[1024];
    snprintf (replay, sizeof (replay), "%s", sent_auth);

    code = curl_digest (p, "/digest-md5", USER ":wrong", body, sizeof (body));
    HX_CHECK (code == 401, "wrong pass code %ld", code);
    HX_CHECK (last_check == MHD_NO, "wrong pass check %d", last_check);

    code = curl_digest (p, "/digest-md5", "bob:" PASS, body, sizeof (body));
    HX_CHECK (code == 401, "wrong user code %ld", code);

    code = curl_digest (p, "/digest-sha256", USER ":" PASS, body, sizeof (body));
    HX_CHECK (code == 200, "sha256 code %ld (%s) www=[%s] sent=[%s]", code, body,
              got_www, sent_auth);
    HX_CHECK (NULL != strstr (sent_auth, "algorithm=sha-256"), "algo in [%s]",
              sent_auth);

    code = curl_digest (p, "/digest-hash", USER ":" PASS, body, sizeof (body));
    HX_CHECK (code == 200, "precomputed code %ld", code);

    /* replay of a used nonce + nc: 0.9.75 derives nonces from a clock in
       seconds, so the challenges above re-issued this very nonce, which
       resets its count, and it accepts the replay; ours issues a unique
       nonce per challenge and refuses. Checked on a fresh daemon below. */
    char www[1024];
    fprintf (stderr, "replay hdr: %s\n", replay);
    int st = raw_status (p, "/digest-md5", replay, www, sizeof (www));
    if (! hx_is_real ())
      HX_CHECK (st == 401, "replay status %d", st);
    /* same nonce, higher nc: accepted (nonce-count tracking) -- only
       the response changes, which we cannot compute here; instead check
       that a forged nonce is refused as invalid (stale) */
    char forged[1024];
    snprintf (forged, sizeof (forged), "%s", replay);
    char *nn = strstr (forged, "nonce=\"");
    if (nn)
      nn[7] = (nn[7] == '0') ? '1' : '0';
    st = raw_status (p, "/digest-md5", forged, www, sizeof (www));
    HX_CHECK (st == 401, "forged status %d", st);
    HX_CHECK (last_check == MHD_INVALID_NONCE, "forged check %d", last_check);
    check_challenge ("stale-challenge", www, 40, ",algorithm=md5", 1);

    /* used on another URI: the nonce is bound to it */
    st = raw_status (p, "/digest-auto", replay, www, sizeof (www));
    HX_CHECK (st == 401 && last_check != MHD_YES, "other uri status %d check %d",
              st, last_check);

    /* expired nonce (timeout 1 s): replay the header curl produced */
    code = curl_digest (p, "/digest-short", USER ":" PASS, body, sizeof (body));
    HX_CHECK (code == 200, "short code %ld", code);
    snprintf (replay, sizeof (replay), "%s", sent_auth);
    /* bump nc so only the time can be the reason */
    hx_msleep (2200);
    st = raw_status (p, "/digest-short", replay, www, sizeof (www));
    HX_CHECK (st == 401 && last_check == MHD_INVALID_NONCE,
              "expired status %d check %d", st, last_check);

    /* not a digest header at all */
    st = raw_status (p, "/digest-md5", "Authorization: Basic dXNlcjpwYXNz",
                     www, sizeof (www));
    HX_CHECK (st == 401 && last_check == MHD_NO, "basic-on-digest %d %d", st,
              last_check);
  }

#ifdef MHD_DIGEST_AUTH_ALGO3_NON_SESSION
  HX_CASE ("digest3-rfc2069");
  {
    /* a challenge without qop: curl answers the RFC 2069 way */
    char body[512];
    long code = curl_digest (p, "/d3-2069", USER ":" PASS, body, sizeof (body));
    HX_CHECK (code == 200, "rfc2069 code %ld www=[%s] sent=[%s]", code, got_www,
              sent_auth);
    HX_CHECK (NULL == strstr (got_www, "qop") && NULL == strstr (sent_auth, "qop"),
              "no qop: www=[%s] sent=[%s]", got_www, sent_auth);
  }
  HX_CASE ("digest3-nonce-bind");
  {
    /* without MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE a nonce is bound to
       its URI (as in 0.9.75); with MHD_DAUTH_BIND_NONCE_NONE it is good
       for any URI */
    struct MHD_OptionItem ob[] = {
      { MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE, MHD_DAUTH_BIND_NONCE_NONE, NULL },
      { MHD_OPTION_END, 0, NULL } };
    struct hx_server f = { 0 };
    if (0 != hx_start (&f, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, ob))
      return 1;
    char body[512];
    for (int bound = 1; bound >= 0; bound--)
    {
      uint16_t port = bound ? p : f.port;
      CURL *h = curl_easy_init ();
      long code = curl_digest_on (h, port, "/d3-a", USER ":" PASS, body,
                                  sizeof (body));
      HX_CHECK (code == 200, "bound %d: first code %ld", bound, code);
      nchecks = 0;
      code = curl_digest_on (h, port, "/d3-b", USER ":" PASS, body,
                             sizeof (body));
      HX_CHECK (NULL != strstr (sent_auth, "nc=00000002"), "bound %d: reused in [%s]",
                bound, sent_auth);
      HX_CHECK (nchecks >= 1 && checks[0] == (bound ? MHD_DAUTH_NONCE_OTHER_COND
                                                    : MHD_DAUTH_OK),
                "bound %d: other uri check %d (%d checks)", bound, checks[0],
                nchecks);
      HX_CHECK (bound || code == 200, "unbound: other uri code %ld", code);
      curl_easy_cleanup (h);
    }
    hx_stop (&f);
  }
#endif
  hx_stop (&s);

  HX_CASE ("digest-nonce-nc-table");
  {
    struct MHD_OptionItem o[] = {
      { MHD_OPTION_NONCE_NC_SIZE, 4, NULL },
      { MHD_OPTION_END, 0, NULL } };
    if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o))
      return 1;
    char body[512], replay[1024], www[1024];
    long code = curl_digest (s.port, "/digest-md5", USER ":" PASS, body,
                             sizeof (body));
    HX_CHECK (code == 200, "code %ld", code);
    snprintf (replay, sizeof (replay), "%s", sent_auth);
    int st = raw_status (s.port, "/digest-md5", replay, www, sizeof (www));
    HX_CHECK (st == 401, "replay status %d", st);
    HX_CHECK (last_check == EXP_REPLAY, "replay check %d", last_check);
    /* a fresh exchange still works */
    code = curl_digest (s.port, "/digest-sha256", USER ":" PASS, body,
                        sizeof (body));
    HX_CHECK (code == 200, "code %ld", code);
    hx_stop (&s);
  }

  HX_CASE ("digest-nonce-table-per-daemon");
  {
    /* Two daemons, each with a one-slot nonce table: issuing a nonce on
       one must not evict the other's, and a second nonce on the same
       daemon evicts the first (which then is stale). */
    struct MHD_OptionItem o1[] = {
      { MHD_OPTION_NONCE_NC_SIZE, 1, NULL },
      { MHD_OPTION_END, 0, NULL } };
    struct hx_server a = { 0 }, b = { 0 };
    if (0 != hx_start (&a, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o1)
        || 0 != hx_start (&b, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o1))
      return 1;
    char body[512];
    nchecks = 0;
    CURL *h1 = curl_easy_init ();
    long code = curl_digest_on (h1, a.port, "/digest-md5", USER ":" PASS,
                                body, sizeof (body));
    HX_CHECK (code == 200, "first code %ld", code);
    nchecks = 0;
    code = curl_digest_on (h1, a.port, "/digest-md5", USER ":" PASS, body,
                           sizeof (body));
    HX_CHECK (code == 200 && nchecks == 1 && checks[0] == MHD_YES,
              "nonce reused: code %ld, %d checks, first %d", code, nchecks,
              checks[0]);
    HX_CHECK (NULL != strstr (sent_auth, "nc=00000002"), "nc 2 in [%s]",
              sent_auth);
    /* a nonce issued by daemon b leaves a's table alone */
    code = curl_digest (b.port, "/digest-md5", USER ":" PASS, body,
                        sizeof (body));
    HX_CHECK (code == 200, "b code %ld", code);
    nchecks = 0;
    code = curl_digest_on (h1, a.port, "/digest-md5", USER ":" PASS, body,
                           sizeof (body));
    HX_CHECK (code == 200 && nchecks == 1 && checks[0] == MHD_YES,
              "after b: code %ld, %d checks, first %d", code, nchecks,
              checks[0]);
    /* a second nonce on a evicts the first (0.9.75 derives nonces from a
       clock in seconds: wait for a different one); the evicted nonce is
       refused as wrong (MHD_NO: no stale flag, so curl gives up) */
    hx_msleep (1100);
    code = curl_digest (a.port, "/digest-md5", USER ":" PASS, body,
                        sizeof (body));
    HX_CHECK (code == 200, "second client code %ld", code);
    nchecks = 0;
    code = curl_digest_on (h1, a.port, "/digest-md5", USER ":" PASS, body,
                           sizeof (body));
    HX_CHECK (code == 401 && nchecks == 1 && checks[0] == MHD_NO,
              "evicted: code %ld, %d checks, first %d", code, nchecks,
              checks[0]);
    curl_easy_cleanup (h1);
    hx_stop (&a);
    hx_stop (&b);
  }
  HX_CASE ("digest-nonce-nc-size-0");
  {
    /* no slot for a nonce: the challenge cannot be queued (MHD_NO), so the
       connection is closed without a response */
    struct MHD_OptionItem o0[] = {
      { MHD_OPTION_NONCE_NC_SIZE, 0, NULL },
      { MHD_OPTION_END, 0, NULL } };
    struct hx_server z = { 0 };
    if (0 != hx_start (&z, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o0))
      return 1;
    char www[1024];
    int st = raw_status (z.port, "/digest-md5", "X-No: auth", www, sizeof (www));
    HX_CHECK (st == 0, "size 0 challenge status %d [%s]", st, www);
    hx_stop (&z);
  }
  curl_global_cleanup ();
  return hx_done ();
}
