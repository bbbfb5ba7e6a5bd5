/* Suspend/resume in external-select mode. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>

static struct MHD_Connection *pending;
static long long resume_at_ms;   /* resume when now >= this */
static int resumed;
static int handler_calls;
static int info_suspended_in_handler = -1;
static int info_suspended_after = -1;
static int reader_suspends;
static char log_buf[512];

static void
on_iter (struct hx_server *s, void *cls)
{
  (void) s; (void) cls;
  if (pending && hx_now_ms () >= resume_at_ms)
  {
    struct MHD_Connection *c = pending;
    pending = NULL;
    resumed++;
    strcat (log_buf, "resume;");
    MHD_resume_connection (c);
  }
}

static ssize_t
reader (void *cls, uint64_t pos, char *buf, size_t max)
{
  struct MHD_Connection *c = cls;
  (void) max;
  if (pos == 0)
  {
    memcpy (buf, "part1", 5);
    strcat (log_buf, "r0;");
    return 5;
  }
  if (pos == 5 && resumed == 0)
  {
    reader_suspends++;
    strcat (log_buf, "r-suspend;");
    MHD_suspend_connection (c);
    pending = c;
    resume_at_ms = hx_now_ms () + 150;
    return 0;
  }
  if (pos == 5)
  {
    memcpy (buf, "part2", 5);
    strcat (log_buf, "r5;");
    return 5;
  }
  strcat (log_buf, "r-end;");
  return MHD_CONTENT_READER_END_OF_STREAM;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) method; (void) ver; (void) ud;
  static int state[8];
  if (NULL == *con_cls)
  {
    *con_cls = &state[0];
    return MHD_YES;
  }
  *uds = 0;
  if (0 == strcmp (url, "/plain"))
    return hx_reply (c, 200, "plain");
  if (0 == strcmp (url, "/stream"))
  {
    struct MHD_Response *r =
      MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 64, reader, c,
                                         NULL);
    enum MHD_Result q = MHD_queue_response (c, 200, r);
    MHD_destroy_response (r);
    return q;
  }
  /* /susp */
  handler_calls++;
  if (*con_cls == &state[0])
  {
    *con_cls = &state[1];
    strcat (log_buf, "suspend;");
    MHD_suspend_connection (c);
    const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_SUSPENDED);
    info_suspended_in_handler = ci ? (ci->suspended == MHD_YES) : -2;
    pending = c;
    resume_at_ms = hx_now_ms () + 200;
    return MHD_YES;
  }
  strcat (log_buf, "reply;");
  const union MHD_ConnectionInfo *ci =
    MHD_get_connection_info (c, MHD_CONNECTION_INFO_CONNECTION_SUSPENDED);
  info_suspended_after = ci ? (ci->suspended == MHD_YES) : -2;
  return hx_reply (c, 200, "resumed");
}

int
main (void)
{
  struct hx_server s = { 0 };
  s.on_iter = on_iter;
  if (0 != hx_start (&s, MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG,
                     HX_SELECT, handler, NULL, NULL))
    return 1;

  HX_CASE ("suspend-in-handler");
  {
    log_buf[0] = 0;
    long long t0 = hx_now_ms ();
    int fd = hx_connect (s.port);
    hx_sends (fd, "GET /susp HTTP/1.1\r\nHost: x\r\n\r\n");
    HX_CHECK (0 == hx_wait_closed (fd, 100, NULL),
              "nothing sent while suspended");
    /* other connections are served while one is suspended */
    hx_exchange ("other", s.port, "GET /plain HTTP/1.1\r\nHost: x\r\n\r\n",
                 "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n\r\n"
                 "plain", 0);
    hx_exchange_fd ("resumed", fd, NULL,
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 7\r\n\r\n"
                    "resumed", 0);
    long long dt = hx_now_ms () - t0;
    HX_CHECK (dt >= 190, "response only after resume (%lld ms)", dt);
    HX_EXPECT_STR ("order", log_buf, "suspend;resume;reply;");
    HX_CHECK (handler_calls == 2, "handler calls %d", handler_calls);
    HX_CHECK (info_suspended_in_handler == 1, "SUSPENDED info in handler %d",
              info_suspended_in_handler);
    HX_CHECK (info_suspended_after == 0, "SUSPENDED info after resume %d",
              info_suspended_after);
    /* keep-alive still works after resume */
    hx_exchange_fd ("after resume", fd,
                    "GET /plain HTTP/1.1\r\nHost: x\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 5\r\n\r\n"
                    "plain", 0);
    close (fd);
  }

  HX_CASE ("suspend-in-content-reader");
  {
    log_buf[0] = 0;
    resumed = 0;
    int fd = hx_connect (s.port);
    long long t0 = hx_now_ms ();
    hx_exchange_fd ("stream", fd, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nDate: <D>\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n"
                    "5\r\npart1\r\n5\r\npart2\r\n0\r\n\r\n", 0);
    HX_CHECK (hx_now_ms () - t0 >= 140, "stream waited for resume");
    HX_CHECK (reader_suspends == 1, "reader suspended once (%d)",
              reader_suspends);
    HX_EXPECT_STR ("reader order", log_buf,
                   "r0;r-suspend;resume;r5;r-end;");
    close (fd);
  }

  hx_stop (&s);
  return hx_done ();
}
