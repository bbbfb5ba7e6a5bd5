/* TLS additions to the test harness (see harness_tls.h). */
#define _GNU_SOURCE
#include "harness_tls.h"
#include <stdlib.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>

/* ---------------- key material ---------------- */

#define HX_TLS_MAX_FILES 16
static struct
{
  char name[64];
  char path[4096];
  char *pem;
} tls_files[HX_TLS_MAX_FILES];
static pthread_mutex_t tls_files_mx = PTHREAD_MUTEX_INITIALIZER;

static int
tls_file_slot (const char *name)
{
  const char *dir = getenv ("HX_TLS_DIR");
  if ((NULL == dir) || (0 == *dir))
  {
    fprintf (stderr, "harness: HX_TLS_DIR is not set (run.sh generates the "
             "certificates with gen-certs.sh)\n");
    exit (1);
  }
  pthread_mutex_lock (&tls_files_mx);
  int i;
  for (i = 0; i < HX_TLS_MAX_FILES && tls_files[i].name[0]; i++)
    if (0 == strcmp (tls_files[i].name, name))
      break;
  if (i == HX_TLS_MAX_FILES)
  {
    fprintf (stderr, "harness: too many TLS files\n");
    exit (1);
  }
  if (0 == tls_files[i].name[0])
  {
    snprintf (tls_files[i].name, sizeof (tls_files[i].name), "%s", name);
    snprintf (tls_files[i].path, sizeof (tls_files[i].path), "%s/%s", dir,
              name);
  }
  pthread_mutex_unlock (&tls_files_mx);
  return i;
}

const char *
hx_tls_path (const char *name)
{
  return tls_files[tls_file_slot (name)].path;
}

const char *
hx_tls_pem (const char *name)
{
  int i = tls_file_slot (name);
  if (NULL != tls_files[i].pem)
    return tls_files[i].pem;
  FILE *f = fopen (tls_files[i].path, "rb");
  if (NULL == f)
  {
    fprintf (stderr, "harness: cannot open %s: %s\n", tls_files[i].path,
             strerror (errno));
    exit (1);
  }
  size_t cap = 4096, len = 0;
  char *p = malloc (cap);
  size_t n;
  while (0 < (n = fread (p + len, 1, cap - len - 1, f)))
  {
    len += n;
    if (cap - len < 2)
      p = realloc (p, cap *= 2);
  }
  fclose (f);
  p[len] = 0;
  tls_files[i].pem = p;
  return p;
}

/* ---------------- server ---------------- */

int
hx_start_tls (struct hx_server *s, unsigned int flags, enum hx_mode mode,
              MHD_AccessHandlerCallback h, void *h_cls,
              const struct MHD_OptionItem *opts, unsigned int tls_flags)
{
  size_t nopts = 0;
  if (opts)
    while (opts[nopts].option != MHD_OPTION_END)
      nopts++;
  struct MHD_OptionItem *all = calloc (nopts + 8, sizeof (*all));
  size_t k = 0;
  if (tls_flags & HX_TLS_SRV_ENC_KEY)
  {
    all[k++] = (struct MHD_OptionItem) {
      MHD_OPTION_HTTPS_MEM_KEY, 0, (void *) hx_tls_pem ("server-enc.key")
    };
    all[k++] = (struct MHD_OptionItem) {
      MHD_OPTION_HTTPS_KEY_PASSWORD, 0, (void *) HX_TLS_KEY_PASSWORD
    };
  }
  else
    all[k++] = (struct MHD_OptionItem) {
      MHD_OPTION_HTTPS_MEM_KEY, 0, (void *) hx_tls_pem ("server.key")
    };
  all[k++] = (struct MHD_OptionItem) {
    MHD_OPTION_HTTPS_MEM_CERT, 0, (void *) hx_tls_pem ("server.crt")
  };
  if (tls_flags & HX_TLS_SRV_TRUST)
    all[k++] = (struct MHD_OptionItem) {
      MHD_OPTION_HTTPS_MEM_TRUST, 0, (void *) hx_tls_pem ("ca.crt")
    };
  for (size_t i = 0; i < nopts; i++)
    all[k++] = opts[i];
  all[k].option = MHD_OPTION_END;
  int rc = (tls_flags & HX_TLS_SRV_LOG)
           ? hx_start_logged (s, flags | MHD_USE_TLS, mode, h, h_cls, all,
                              hx_log_cb, NULL)
           : hx_start (s, flags | MHD_USE_TLS, mode, h, h_cls, all);
  free (all);   /* MHD copied the items; the strings stay loaded */
  return rc;
}

/* ---------------- client ---------------- */

static void
buf_append (struct hx_buf *b, const char *d, size_t n)
{
  b->data = realloc (b->data, b->len + n + 1);
  memcpy (b->data + b->len, d, n);
  b->len += n;
  b->data[b->len] = 0;
}

static size_t
norm_len (const struct hx_buf *b)
{
  size_t l;
  char *n = hx_norm_date (b->data ? b->data : "", b->len, &l);
  free (n);
  return l;
}

static int
wait_fd (int fd, short ev, long long deadline)
{
  for (;;)
  {
    long long left = deadline - hx_now_ms ();
    if (left < 0)
      left = 0;
    struct pollfd p = { fd, ev, 0 };
    int r = poll (&p, 1, (int) left);
    if ((r < 0) && (errno == EINTR))
      continue;
    return r;   /* >0 ready (or error/hup: let gnutls see it), 0 timeout */
  }
}

struct hx_tls *
hx_tls_try_connect (uint16_t port, unsigned int cli_flags,
                    const char *priorities, int timeout_ms)
{
  int fd = hx_connect (port);
  if (fd < 0)
    return NULL;
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  struct hx_tls *t = calloc (1, sizeof (*t));
  t->fd = fd;
  gnutls_certificate_allocate_credentials (&t->cred);
  const char *ca = hx_tls_pem ("ca.crt");
  gnutls_datum_t d = { (unsigned char *) ca, (unsigned int) strlen (ca) };
  gnutls_certificate_set_x509_trust_mem (t->cred, &d, GNUTLS_X509_FMT_PEM);
  if (cli_flags & (HX_TLS_CLI_CERT | HX_TLS_CLI_OTHER_CERT))
  {
    int other = 0 != (cli_flags & HX_TLS_CLI_OTHER_CERT);
    const char *c = hx_tls_pem (other ? "other.crt" : "client.crt");
    const char *k = hx_tls_pem (other ? "other.key" : "client.key");
    gnutls_datum_t dc = { (unsigned char *) c, (unsigned int) strlen (c) };
    gnutls_datum_t dk = { (unsigned char *) k, (unsigned int) strlen (k) };
    int r = gnutls_certificate_set_x509_key_mem (t->cred, &dc, &dk,
                                                 GNUTLS_X509_FMT_PEM);
    if (r < 0)
      fprintf (stderr, "harness: client key: %s\n", gnutls_strerror (r));
  }
  gnutls_init (&t->sess, GNUTLS_CLIENT);
  const char *err = NULL;
  int r = gnutls_priority_set_direct (t->sess,
                                      priorities ? priorities : "NORMAL",
                                      &err);
  if (r < 0)
    fprintf (stderr, "harness: priorities '%s' at '%s': %s\n",
             priorities ? priorities : "NORMAL", err ? err : "?",
             gnutls_strerror (r));
  gnutls_credentials_set (t->sess, GNUTLS_CRD_CERTIFICATE, t->cred);
  gnutls_server_name_set (t->sess, GNUTLS_NAME_DNS, "localhost", 9);
  if (! (cli_flags & HX_TLS_CLI_NO_VERIFY))
    gnutls_session_set_verify_cert (t->sess, "localhost", 0);
  if (cli_flags & HX_TLS_CLI_ALPN)
  {
    gnutls_datum_t p = { (unsigned char *) "http/1.1", 8 };
    gnutls_alpn_set_protocols (t->sess, &p, 1, 0);
  }
  gnutls_transport_set_int (t->sess, fd);
  long long deadline = hx_now_ms () + timeout_ms;
  for (;;)
  {
    r = gnutls_handshake (t->sess);
    if (r == 0)
      break;
    if (gnutls_error_is_fatal (r))
      break;
    if (0 == wait_fd (fd, gnutls_record_get_direction (t->sess) ? POLLOUT
                      : POLLIN, deadline))
    {
      r = GNUTLS_E_TIMEDOUT;
      break;
    }
  }
  t->handshake_rc = r;
  return t;
}

struct hx_tls *
hx_tls_connect (const char *what, uint16_t port, unsigned int cli_flags,
                const char *priorities)
{
  struct hx_tls *t = hx_tls_try_connect (port, cli_flags, priorities, 5000);
  if (NULL == t)
  {
    HX_CHECK (0, "%s: TCP connect failed", what);
    return NULL;
  }
  if (t->handshake_rc < 0)
  {
    HX_CHECK (0, "%s: TLS handshake failed: %s (%d)", what,
              gnutls_strerror (t->handshake_rc), t->handshake_rc);
    hx_tls_close (t);
    return NULL;
  }
  return t;
}

int
hx_tls_send (struct hx_tls *t, const void *data, size_t len)
{
  const char *p = data;
  long long deadline = hx_now_ms () + 5000;
  while (len > 0)
  {
    ssize_t n = gnutls_record_send (t->sess, p, len);
    if ((n == GNUTLS_E_AGAIN) || (n == GNUTLS_E_INTERRUPTED))
    {
      if (0 == wait_fd (t->fd, POLLOUT, deadline))
        return -1;
      continue;
    }
    if (n < 0)
    {
      fprintf (stderr, "harness: gnutls_record_send: %s\n",
               gnutls_strerror ((int) n));
      return -1;
    }
    p += n;
    len -= (size_t) n;
  }
  return 0;
}

int
hx_tls_sends (struct hx_tls *t, const char *s)
{
  return hx_tls_send (t, s, strlen (s));
}

/* one gnutls_record_recv: 1 data, 0 would block, -1 closed */
static int
recv_once (struct hx_tls *t, struct hx_buf *b)
{
  char tmp[16384];
  ssize_t n = gnutls_record_recv (t->sess, tmp, sizeof (tmp));
  if (n > 0)
  {
    if (b)
      buf_append (b, tmp, (size_t) n);
    return 1;
  }
  if (n == 0)
  {
    t->close_notify = 1;
    t->closed = 1;
    return -1;
  }
  if ((n == GNUTLS_E_AGAIN) || (n == GNUTLS_E_INTERRUPTED))
    return 0;
  if (! gnutls_error_is_fatal ((int) n))
    return 0;     /* e.g. a warning alert */
  t->last_err = (int) n;
  t->closed = 1;
  return -1;
}

void
hx_tls_read (struct hx_tls *t, struct hx_buf *b, size_t want, int timeout_ms)
{
  long long deadline = hx_now_ms () + timeout_ms;
  if (NULL == b->data)
    buf_append (b, "", 0);
  while (! t->closed)
  {
    if ((want > 0) && (norm_len (b) >= want))
      break;
    if ((0 == gnutls_record_check_pending (t->sess))
        && (0 >= wait_fd (t->fd, POLLIN, deadline)))
      break;
    recv_once (t, b);
  }
  b->closed = t->closed;
}

void
hx_tls_read_raw (struct hx_tls *t, struct hx_buf *b, size_t want,
                 int timeout_ms)
{
  long long deadline = hx_now_ms () + timeout_ms;
  if (NULL == b->data)
    buf_append (b, "", 0);
  while (! t->closed && (b->len < want))
  {
    if ((0 == gnutls_record_check_pending (t->sess))
        && (0 >= wait_fd (t->fd, POLLIN, deadline)))
      break;
    recv_once (t, b);
  }
  b->closed = t->closed;
}

int
hx_tls_wait_closed (struct hx_tls *t, int wait_ms, struct hx_buf *b)
{
  long long deadline = hx_now_ms () + wait_ms;
  if (t->closed)
    return 1;
  for (;;)
  {
    if ((0 == gnutls_record_check_pending (t->sess))
        && (0 >= wait_fd (t->fd, POLLIN, deadline)))
      return 0;
    int r = recv_once (t, b);
    if (r > 0)
      return 2;
    if (r < 0)
      return 1;
    if (hx_now_ms () >= deadline)
      return 0;
  }
}

int
hx_tls_exchange (const char *what, struct hx_tls *t, const char *req,
                 const char *expected, int expect_close)
{
  int ok = 1;
  if (NULL == t)
  {
    HX_CHECK (0, "%s: no TLS connection", what);
    return 0;
  }
  if (req && (0 != hx_tls_sends (t, req)))
  {
    HX_CHECK (0, "%s: send failed", what);
    return 0;
  }
  struct hx_buf b = { 0 };
  size_t exp_len = strlen (expected);
  hx_tls_read (t, &b, expect_close == 1 ? 0 : exp_len, 3000);
  if (! b.closed)
  {
    int w = hx_tls_wait_closed (t, expect_close == 1 ? 1500 : 50, &b);
    if (w == 1)
      b.closed = 1;
  }
  size_t nl;
  char *n = hx_norm_date (b.data, b.len, &nl);
  if (! hx_expect_bytes (what, n, nl, expected, exp_len))
    ok = 0;
  if ((expect_close == 1) && ! b.closed)
  {
    HX_CHECK (0, "%s: connection expected to be closed", what);
    ok = 0;
  }
  if ((expect_close == 0) && b.closed)
  {
    HX_CHECK (0, "%s: connection expected to stay open", what);
    ok = 0;
  }
  free (n);
  hx_buf_free (&b);
  return ok;
}

int
hx_tls_exchange1 (const char *what, uint16_t port, unsigned int cli_flags,
                  const char *req, const char *expected, int expect_close)
{
  struct hx_tls *t = hx_tls_connect (what, port, cli_flags, NULL);
  if (NULL == t)
    return 0;
  int ok = hx_tls_exchange (what, t, req, expected, expect_close);
  hx_tls_close (t);
  return ok;
}

void
hx_tls_close (struct hx_tls *t)
{
  if (NULL == t)
    return;
  if (t->sess)
  {
    if ((0 == t->handshake_rc) && ! t->closed)
      (void) gnutls_bye (t->sess, GNUTLS_SHUT_WR);
    gnutls_deinit (t->sess);
  }
  if (t->cred)
    gnutls_certificate_free_credentials (t->cred);
  if (t->fd >= 0)
    close (t->fd);
  free (t);
}

/* ---------------- captured ClientHello ---------------- */

struct capture
{
  unsigned char *buf;
  size_t cap;
  size_t len;
};

static ssize_t
cap_push (gnutls_transport_ptr_t p, const void *data, size_t len)
{
  struct capture *c = p;
  size_t n = len;
  if (n > c->cap - c->len)
    n = c->cap - c->len;
  memcpy (c->buf + c->len, data, n);
  c->len += n;
  return (ssize_t) len;
}

static gnutls_session_t cap_sess;
static ssize_t
cap_pull (gnutls_transport_ptr_t p, void *data, size_t len)
{
  (void) p; (void) data; (void) len;
  gnutls_transport_set_errno (cap_sess, EAGAIN);
  return -1;
}

size_t
hx_tls_client_hello (unsigned char *buf, size_t cap)
{
  struct capture c = { buf, cap, 0 };
  gnutls_certificate_credentials_t cred;
  gnutls_certificate_allocate_credentials (&cred);
  gnutls_init (&cap_sess, GNUTLS_CLIENT);
  gnutls_priority_set_direct (cap_sess, "NORMAL", NULL);
  gnutls_credentials_set (cap_sess, GNUTLS_CRD_CERTIFICATE, cred);
  gnutls_server_name_set (cap_sess, GNUTLS_NAME_DNS, "localhost", 9);
  gnutls_transport_set_ptr (cap_sess, &c);
  gnutls_transport_set_push_function (cap_sess, cap_push);
  gnutls_transport_set_pull_function (cap_sess, cap_pull);
  int r = gnutls_handshake (cap_sess);
  gnutls_deinit (cap_sess);
  gnutls_certificate_free_credentials (cred);
  if (r != GNUTLS_E_AGAIN)
  {
    fprintf (stderr, "harness: ClientHello capture: %s\n",
             gnutls_strerror (r));
    return 0;
  }
  return c.len;
}

/* ---------------- logger capture ---------------- */

static pthread_mutex_t log_mx = PTHREAD_MUTEX_INITIALIZER;
static char *log_data;
static size_t log_len;

void
hx_log_cb (void *cls, const char *fmt, va_list ap)
{
  (void) cls;
  char line[2048];
  vsnprintf (line, sizeof (line), fmt, ap);
  size_t n = strlen (line);
  fprintf (stderr, "MHD log: %s%s", line,
           (n && line[n - 1] == '\n') ? "" : "\n");
  pthread_mutex_lock (&log_mx);
  log_data = realloc (log_data, log_len + n + 1);
  memcpy (log_data + log_len, line, n + 1);
  log_len += n;
  pthread_mutex_unlock (&log_mx);
}

char *
hx_log_take (void)
{
  pthread_mutex_lock (&log_mx);
  char *r = log_data ? log_data : strdup ("");
  log_data = NULL;
  log_len = 0;
  pthread_mutex_unlock (&log_mx);
  return r;
}
