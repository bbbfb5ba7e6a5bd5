/* Suspending a connection of a daemon started without MHD_ALLOW_SUSPEND_RESUME is a
 * programming error that 0.9.75 reports through the panic callback (MHD_set_panic_func);
 * the callback here records the message and ends the process with a known code, as the
 * callback must not return. Run in a child process; the parent checks the outcome. */
#define _GNU_SOURCE
#include "harness.h"
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void
on_panic (void *cls, const char *file, unsigned int line, const char *reason)
{
  (void) cls; (void) file; (void) line;
  fprintf (stderr, "panic: %s\n", reason ? reason : "(null)");
  _exit ((reason && strstr (reason, "MHD_ALLOW_SUSPEND_RESUME")) ? 42 : 43);
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *ver, const char *ud, size_t *uds,
         void **con_cls)
{
  (void) cls; (void) url; (void) method; (void) ver; (void) ud; (void) uds;
  (void) con_cls;
  MHD_suspend_connection (c);
  return hx_reply (c, 200, "not suspended");
}

int
main (void)
{
  HX_CASE ("suspend-without-allow-panics");
  pid_t pid = fork ();
  if (0 == pid)
  {
    MHD_set_panic_func (&on_panic, NULL);
    struct hx_server s;
    if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, NULL))
      _exit (2);
    int fd = hx_connect (s.port);
    hx_sends (fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    hx_msleep (3000);
    _exit (3); /* the panic callback was never called */
  }
  int status = 0;
  waitpid (pid, &status, 0);
  HX_CHECK (WIFEXITED (status) && 42 == WEXITSTATUS (status),
            "child ended with the panic callback's code (status 0x%x)", status);
  return hx_done ();
}
