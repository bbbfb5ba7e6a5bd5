/* HTTP upgrade (websocket-style): MHD_create_response_for_upgrade, the 101 bytes, the
 * raw socket handed to the application with the bytes read ahead, MHD_upgrade_action. */
#include "harness.h"
#include <string.h>
#include <stdlib.h>
#include <poll.h>
#include <sys/socket.h>

static char extra[64];
static volatile int upgraded, completed_code = -1;
static char echoed[64];
static volatile int cork_result = -1;
static volatile int queue200_result = -1;

static void
upgrade_cb (void *cls, struct MHD_Connection *c, void *con_cls,
            const char *extra_in, size_t extra_in_size, MHD_socket sock,
            struct MHD_UpgradeResponseHandle *urh)
{
  (void) cls; (void) c; (void) con_cls;
  snprintf (extra, sizeof (extra), "%.*s", (int) extra_in_size,
            extra_in ? extra_in : "");
  (void) ! send (sock, "hello", 5, MSG_NOSIGNAL);
  /* wait for the client's frame, echo it back, then close */
  struct pollfd p = { sock, POLLIN, 0 };
  if (poll (&p, 1, 2000) > 0)
  {
    ssize_t n = recv (sock, echoed, sizeof (echoed) - 1, 0);
    if (n > 0)
    {
      echoed[n] = 0;
      (void) ! send (sock, echoed, (size_t) n, MSG_NOSIGNAL);
    }
  }
  cork_result = MHD_upgrade_action (urh, MHD_UPGRADE_ACTION_CORK_OFF);
  upgraded = 1;
  MHD_upgrade_action (urh, MHD_UPGRADE_ACTION_CLOSE);
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
  (void) cls; (void) url; (void) method; (void) version; (void) upload_data;
  (void) upload_data_size;
  if (NULL == *con_cls)
  {
    *con_cls = c;
    return MHD_YES;
  }
  struct MHD_Response *r = MHD_create_response_for_upgrade (upgrade_cb, NULL);
  MHD_add_response_header (r, "Upgrade", "websocket");
  MHD_add_response_header (r, "X-A", "1");
  queue200_result = MHD_queue_response (c, 200, r);
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
  if (0 != hx_start (&s, MHD_ALLOW_UPGRADE | MHD_USE_ERROR_LOG, HX_SELECT,
                     handler, NULL, o))
    return 1;

  HX_CASE ("upgrade-101-and-raw-socket");
  {
    int fd = hx_connect (s.port);
    hx_sends (fd, "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
              "Upgrade: websocket\r\n\r\nEXTRA");
    struct hx_buf b = { 0 };
    hx_read (fd, &b, 101, 2000);
    char *n = hx_norm_date (b.data, b.len, NULL);
    HX_EXPECT_STR ("101", n,
                   "HTTP/1.1 101 Switching Protocols\r\nDate: <D>\r\n"
                   "Connection: Upgrade\r\nUpgrade: websocket\r\nX-A: 1\r\n\r\n"
                   "hello");
    free (n);
    hx_buf_free (&b);
    hx_sends (fd, "ping");
    struct hx_buf e = { 0 };
    hx_read (fd, &e, 0, 3000);
    HX_EXPECT_STR ("echo then close", e.data, "ping");
    HX_CHECK (e.closed, "closed after MHD_UPGRADE_ACTION_CLOSE");
    hx_buf_free (&e);
    HX_EXPECT_STR ("extra bytes", extra, "EXTRA");
    for (int i = 0; i < 300 && completed_code < 0; i++)
      hx_msleep (10);
    HX_CHECK (completed_code == MHD_REQUEST_TERMINATED_COMPLETED_OK,
              "completed code %d", completed_code);
    HX_CHECK (upgraded && cork_result == MHD_YES, "cork off: %d", cork_result);
    HX_CHECK (queue200_result == MHD_NO, "an upgrade response needs status 101");
    close (fd);
  }
  hx_stop (&s);
  return hx_done ();
}
