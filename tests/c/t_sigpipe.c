/* A library inside a C program cannot assume SIGPIPE is ignored: a client that goes away
 * in the middle of a large response must not kill the server (default SIGPIPE action). */
#include "harness.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define BIG (4 * 1024 * 1024)
static char *big;

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **con_cls)
{
  (void) cls; (void) method; (void) version; (void) upload_data;
  (void) upload_data_size; (void) con_cls;
  struct MHD_Response *r;
  if (0 == strcmp (url, "/big"))
    r = MHD_create_response_from_buffer (BIG, big, MHD_RESPMEM_PERSISTENT);
  else
    r = MHD_create_response_from_buffer (2, (void *) "ok",
                                         MHD_RESPMEM_PERSISTENT);
  enum MHD_Result ret = MHD_queue_response (c, 200, r);
  MHD_destroy_response (r);
  return ret;
}

int
main (void)
{
  /* Undo the harness' SIG_IGN: the process dies if the library raises SIGPIPE. */
  signal (SIGPIPE, SIG_DFL);
  big = malloc (BIG);
  memset (big, 'x', BIG);
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
    return 1;

  HX_CASE ("client-gone-mid-response");
  for (int i = 0; i < 5; i++)
  {
    int fd = hx_connect (s.port);
    const char *req = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
    (void) ! send (fd, req, strlen (req), MSG_NOSIGNAL);
    char buf[4096];
    (void) ! recv (fd, buf, sizeof (buf), 0);
    /* reset the connection while the server still has megabytes to send */
    struct linger lg = { 1, 0 };
    setsockopt (fd, SOL_SOCKET, SO_LINGER, &lg, sizeof (lg));
    close (fd);
    hx_msleep (50);
  }
  HX_CASE ("server-still-alive");
  hx_exchange ("after resets", s.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nConnection: close\r\n"
               "Content-Length: 2\r\n\r\nok", 1);
  hx_stop (&s);
  free (big);
  return hx_done ();
}
