/* TLS additions to the test harness (see harness.h): HTTPS daemons in
 * every threading mode and a small GnuTLS client for exact-byte checks.
 * Written for microhttpd-rs.
 *
 * Key material: run.sh calls gen-certs.sh and exports HX_TLS_DIR (the
 * directory with ca.crt, server.crt, server.key, server-enc.key
 * (password HX_TLS_KEY_PASSWORD), client.crt, client.key, other.key).
 * A test that includes this header is linked with harness_tls.o and
 * GnuTLS by run.sh. */
#ifndef HX_HARNESS_TLS_H
#define HX_HARNESS_TLS_H

#include "harness.h"
#include <gnutls/gnutls.h>

#define HX_TLS_KEY_PASSWORD "hxpass"

/* Path of a file in HX_TLS_DIR (static storage, one per name). Exits
 * the test (status 1, not a skip) when HX_TLS_DIR is not set. */
const char *hx_tls_path (const char *name);
/* Whole file as a NUL-terminated string, loaded once and kept for the
 * life of the process (MHD keeps pointers to the key/cert strings). */
const char *hx_tls_pem (const char *name);

/* ---- server ---- */
enum hx_tls_srv_flags
{
  HX_TLS_SRV_TRUST = 1,    /* MHD_OPTION_HTTPS_MEM_TRUST = ca.crt */
  HX_TLS_SRV_ENC_KEY = 2,  /* server-enc.key + MHD_OPTION_HTTPS_KEY_PASSWORD */
  HX_TLS_SRV_LOG = 4       /* hx_log_cb as the first option (EXTERNAL_LOGGER) */
};
/* hx_start() with MHD_USE_TLS and MHD_OPTION_HTTPS_MEM_KEY/_MEM_CERT
 * (+ options per tls_flags) put before opts.  Same threading handling. */
int hx_start_tls (struct hx_server *s, unsigned int flags, enum hx_mode mode,
                  MHD_AccessHandlerCallback h, void *h_cls,
                  const struct MHD_OptionItem *opts, unsigned int tls_flags);

/* ---- raw GnuTLS client ---- */
enum hx_tls_cli_flags
{
  HX_TLS_CLI_CERT = 1,      /* present client.crt/client.key */
  HX_TLS_CLI_ALPN = 2,      /* offer ALPN "http/1.1" */
  HX_TLS_CLI_NO_VERIFY = 4, /* do not verify the server certificate */
  HX_TLS_CLI_OTHER_CERT = 8 /* present other.crt/other.key (self-signed) */
};
struct hx_tls
{
  int fd;
  gnutls_session_t sess;
  gnutls_certificate_credentials_t cred;
  int handshake_rc;     /* gnutls_handshake result (0 = done) */
  int closed;           /* peer closed (close_notify, EOF or error) */
  int close_notify;     /* a TLS close_notify was received */
  int last_err;         /* last gnutls error of a read (0 if clean) */
};
/* TCP connect to 127.0.0.1:port and handshake (server name "localhost",
 * server certificate verified against ca.crt unless NO_VERIFY).
 * priorities NULL = "NORMAL".  Returns NULL (and reports a failed
 * check named what) if the TCP connect or the handshake fails. */
struct hx_tls *hx_tls_connect (const char *what, uint16_t port,
                               unsigned int cli_flags,
                               const char *priorities);
/* Same, but returns the object even when the handshake failed
 * (t->handshake_rc < 0), without reporting anything; NULL only if the
 * TCP connect failed. */
struct hx_tls *hx_tls_try_connect (uint16_t port, unsigned int cli_flags,
                                   const char *priorities, int timeout_ms);
int hx_tls_send (struct hx_tls *t, const void *data, size_t len);
int hx_tls_sends (struct hx_tls *t, const char *s);
/* Like hx_read(): decrypted bytes until the peer closes, the
 * Date-normalised data is >= want bytes (want > 0), or timeout. */
void hx_tls_read (struct hx_tls *t, struct hx_buf *b, size_t want,
                  int timeout_ms);
/* Raw: until b->len >= want (no Date normalisation), close or timeout. */
void hx_tls_read_raw (struct hx_tls *t, struct hx_buf *b, size_t want,
                      int timeout_ms);
/* Like hx_wait_closed(): 1 closed, 0 open and silent, 2 more data. */
int hx_tls_wait_closed (struct hx_tls *t, int wait_ms, struct hx_buf *b);
/* Like hx_exchange_fd() over TLS. */
int hx_tls_exchange (const char *what, struct hx_tls *t, const char *req,
                     const char *expected, int expect_close);
/* New connection, one exchange, close. */
int hx_tls_exchange1 (const char *what, uint16_t port, unsigned int cli_flags,
                      const char *req, const char *expected,
                      int expect_close);
/* gnutls_bye(SHUT_WR) (best effort), close the socket, free. */
void hx_tls_close (struct hx_tls *t);

/* The bytes of a complete ClientHello as this GnuTLS client would send
 * it (captured through a push function, nothing is sent).  Returns the
 * length, 0 on error. */
size_t hx_tls_client_hello (unsigned char *buf, size_t cap);

/* Substring check on a captured log */
#define HX_LOG_HAS(log, line) \
  HX_CHECK (NULL != strstr ((log), (line)), "log has \"%s\"", (line))

/* ---- MHD external logger capture (MHD_OPTION_EXTERNAL_LOGGER) ---- */
/* Use as: MHD_OPTION_EXTERNAL_LOGGER, hx_log_cb, NULL.  Each message is
 * appended to a process-wide buffer (thread safe) and echoed to stderr
 * prefixed with "MHD log: ". */
void hx_log_cb (void *cls, const char *fmt, va_list ap);
/* malloc'd copy of everything logged so far; then clears it. */
char *hx_log_take (void);

#endif
