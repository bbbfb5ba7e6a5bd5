/* HTTP upgrade over TLS: the 101 bytes, then the application's socket
 * carries plaintext that MHD encrypts/decrypts for it (bytes read ahead
 * given as extra_in), MHD_upgrade_action CLOSE ends the TLS connection.
 * The application side runs in its own thread: with TLS, MHD itself
 * moves the data between the TLS connection and the app's socket, so an
 * upgrade callback that blocked would stall the external loop. */
#define _GNU_SOURCE
#include "harness_tls.h"
#include <stdlib.h>
#include <unistd.h>
#include <poll.h>

static char extra[64];
static char echoed[64];
static volatile int upgraded, app_done, completed_code = -1;
static volatile int cork_result = -1, close_result = -1;
static pthread_t app_th;

struct app
{
  MHD_socket sock;
  struct MHD_UpgradeResponseHandle *urh;
};

static void *
app_thread (void *cls)
{
  struct app *a = cls;
  (void) ! send (a->sock, "hello", 5, MSG_NOSIGNAL);
  struct pollfd p = { a->sock, POLLIN, 0 };
  if (poll (&p, 1, 3000) > 0)
  {
    ssize_t n = recv (a->sock, echoed, sizeof (echoed) - 1, 0);
    if (n > 0)
    {
      echoed[n] = 0;
      (void) ! send (a->sock, echoed, (size_t) n, MSG_NOSIGNAL);
    }
  }
  hx_msleep (100);   /* let MHD forward the echo before closing */
  cork_result = MHD_upgrade_action (a->urh, MHD_UPGRADE_ACTION_CORK_OFF);
  close_result = MHD_upgrade_action (a->urh, MHD_UPGRADE_ACTION_CLOSE);
  free (a);
  app_done = 1;
  return NULL;
}

static void
upgrade_cb (void *cls, struct MHD_Connection *c, void *con_cls,
            const char *extra_in, size_t extra_in_size, MHD_socket sock,
            struct MHD_UpgradeResponseHandle *urh)
{
  (void) cls; (void) c; (void) con_cls;
  snprintf (extra, sizeof (extra), "%.*s", (int) extra_in_size,
            extra_in ? extra_in : "");
  struct app *a = malloc (sizeof (*a));
  a->sock = sock;
  a->urh = urh;
  upgraded = 1;
  pthread_create (&app_th, NULL, app_thread, a);
}

static void
completed (void *cls, struct MHD_Connection *c, void **con_cls,
           enum MHD_RequestTerminationCode toe)
{
  (void) cls; (void) c; (void) con_cls;
  completed_code = (int) toe;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **con_cls)
{
  (void) cls; (void) method; (void) version; (void) upload_data;
  (void) upload_data_size;
  if (NULL == *con_cls)
  {
    *con_cls = c;
    return MHD_YES;
  }
  if (0 != strcmp (url, "/ws"))
    return hx_reply (c, 200, "hello");
  struct MHD_Response *r = MHD_create_response_for_upgrade (upgrade_cb, NULL);
  MHD_add_response_header (r, "Upgrade", "websocket");
  MHD_add_response_header (r, "X-A", "1");
  enum MHD_Result ret = MHD_queue_response (c, 101, r);
  MHD_destroy_response (r);
  return ret;
}

int
main (void)
{
  struct MHD_OptionItem o[] = {
    { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t) completed, NULL },
    { MHD_OPTION_END, 0, NULL }
  };
  struct hx_server s = { 0 };
  if (0 != hx_start_tls (&s, MHD_ALLOW_UPGRADE | MHD_USE_ERROR_LOG, HX_SELECT,
                         handler, NULL, o, 0))
  {
    HX_CHECK (0, "TLS daemon with MHD_ALLOW_UPGRADE started");
    return hx_done ();
  }

  HX_CASE ("tls-upgrade-101-and-app-socket");
  {
    struct hx_tls *t = hx_tls_connect ("upgrade", s.port, 0, NULL);
    if (t)
    {
      hx_tls_sends (t, "GET /ws HTTP/1.1\r\nHost: localhost\r\n"
                    "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\nEXTRA");
      static const char exp[] =
        "HTTP/1.1 101 Switching Protocols\r\nDate: <D>\r\n"
        "Connection: Upgrade\r\nUpgrade: websocket\r\nX-A: 1\r\n\r\nhello";
      struct hx_buf b = { 0 };
      hx_tls_read (t, &b, sizeof (exp) - 1, 3000);
      size_t nl;
      char *n = hx_norm_date (b.data, b.len, &nl);
      hx_expect_bytes ("101 + app bytes", n, nl, exp, sizeof (exp) - 1);
      free (n);
      hx_buf_free (&b);
      hx_tls_sends (t, "ping");
      struct hx_buf e = { 0 };
      hx_tls_read (t, &e, 0, 4000);
      HX_EXPECT_STR ("echo", e.data, "ping");
      /* BUG in real 0.9.75 with an internal epoll thread (internal-epoll,
       * pool4) and with thread-per-connection: when the app calls
       * MHD_UPGRADE_ACTION_CLOSE from its own thread, the TLS connection
       * is often (about half the runs) never closed: no close_notify, no
       * FIN, seen for 8+ s, also after other connections came.  The
       * select/poll modes always close it.  Ours must close it. */
      int epoll_bug = hx_is_real ()
                      && ((hx_threading () == HX_T_INTERNAL_EPOLL)
                          || (hx_threading () == HX_T_POOL4)
                          || (hx_threading () == HX_T_TPC));
      if (epoll_bug && ! e.closed)
        fprintf (stderr, "real 0.9.75 epoll bug: upgraded TLS connection "
                 "not closed (not checked on real)\n");
      else
      {
        HX_CHECK (e.closed, "closed after MHD_UPGRADE_ACTION_CLOSE");
        HX_CHECK (t->close_notify, "close_notify before the close (%s)",
                  t->last_err ? gnutls_strerror (t->last_err) : "-");
      }
      hx_buf_free (&e);
      HX_EXPECT_STR ("extra bytes (decrypted)", extra, "EXTRA");
    }
    hx_tls_close (t);
    for (int i = 0; i < 300 && (! app_done || completed_code < 0); i++)
      hx_msleep (10);
    if (upgraded)
      pthread_join (app_th, NULL);
    HX_CHECK (upgraded && app_done, "upgrade callback ran (%d %d)", upgraded,
              app_done);
    HX_CHECK (cork_result == MHD_YES && close_result == MHD_YES,
              "upgrade actions: cork %d close %d", cork_result, close_result);
    HX_CHECK (completed_code == MHD_REQUEST_TERMINATED_COMPLETED_OK,
              "completed code %d", completed_code);
    /* the daemon still serves TLS */
    hx_tls_exchange1 ("after upgrade", s.port, 0,
                      "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n"
                      "\r\nhello", 0);
  }
  hx_stop (&s);
  return hx_done ();
}
