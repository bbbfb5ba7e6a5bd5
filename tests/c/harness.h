/* Shared test harness for the differential C conformance suite.
 * Written for microhttpd-rs; drives an MHD daemon in external-select mode
 * from a background thread and talks to it with raw sockets. */
#ifndef HX_HARNESS_H
#define HX_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <pthread.h>
#include <microhttpd.h>

/* ---- reporting ---- */
extern int hx_checks;
extern int hx_failed;
extern const char *hx_current_case;

#define HX_CASE(name) do { hx_current_case = (name); \
    fprintf (stderr, "-- case %s\n", (name)); } while (0)
#define HX_CHECK(cond, ...) hx_check_ (!!(cond), #cond, __FILE__, __LINE__, __VA_ARGS__)
void hx_check_ (int ok, const char *expr, const char *file, int line,
                const char *fmt, ...);
/* Compare exact bytes; prints escaped got/expected and first difference.
 * Returns 1 when equal. */
int hx_expect_bytes (const char *what, const char *got, size_t got_len,
                     const char *expected, size_t exp_len);
#define HX_EXPECT_STR(what, got, exp) \
  hx_expect_bytes ((what), (got), strlen (got), (exp), strlen (exp))
int hx_done (void);                /* prints summary, returns exit status */

/* ---- server ---- */
enum hx_mode
{
  HX_SELECT = 0,   /* MHD_get_fdset + select + MHD_run_from_select */
  HX_RUN = 1,      /* MHD_run polling */
  HX_RUN_WAIT = 2  /* MHD_run_wait with bounded wait */
};

/* ---- threading mode of the whole run (env HX_THREADING) ----
 * hx_start() applies it to every daemon it creates:
 *   external        (default) the test's own mode: fdset+select / run / run_wait
 *   external-epoll  MHD_USE_EPOLL; the loop polls MHD_DAEMON_INFO_EPOLL_FD
 *                   (+ wake pipe) with MHD_get_timeout, then MHD_run
 *   internal-select MHD_USE_INTERNAL_POLLING_THREAD
 *   internal-poll   ... | MHD_USE_POLL
 *   internal-epoll  ... | MHD_USE_EPOLL
 *   pool4           ... | MHD_USE_EPOLL | MHD_USE_ITC + THREAD_POOL_SIZE 4
 *   pool4-poll      ... | MHD_USE_POLL  + MHD_OPTION_THREAD_POOL_SIZE 4
 *   tpc             MHD_USE_THREAD_PER_CONNECTION | INTERNAL_POLLING_THREAD
 * In internal modes the harness thread does not drive MHD; it only calls
 * on_iter every ~2 ms (so a test's on_iter resumes connections from
 * another thread).  A daemon given to hx_start_daemon() keeps the flags
 * the test gave it (internal flags detected through DAEMON_INFO_FLAGS).
 * MHD_ALLOW_SUSPEND_RESUME + tpc is refused by MHD: hx_start() then
 * exits the test with HX_SKIP (77). */
enum hx_threading
{
  HX_T_EXTERNAL = 0,
  HX_T_EXTERNAL_EPOLL,
  HX_T_INTERNAL_SELECT,
  HX_T_INTERNAL_POLL,
  HX_T_INTERNAL_EPOLL,
  HX_T_POOL4,
  HX_T_POOL4_POLL,
  HX_T_TPC
};
#define HX_SKIP 77
enum hx_threading hx_threading (void);
const char *hx_threading_name (void);
int hx_threading_internal (void);     /* MHD runs its own thread(s) */
/* flags for the current mode (adds/removes threading bits) */
unsigned int hx_threading_flags (unsigned int flags);
/* Whole test binary only makes sense in the listed modes (space separated
 * names, e.g. "external"): otherwise prints SKIP and exits HX_SKIP. */
void hx_only_modes (const char *modes, const char *why);
/* Skip one case: returns 1 (and prints "SKIP case") if the current mode
 * is not in modes. */
int hx_case_only_modes (const char *modes, const char *why);

struct hx_server;
typedef void (*hx_iter_cb) (struct hx_server *s, void *cls);

struct hx_server
{
  struct MHD_Daemon *d;
  uint16_t port;
  pthread_t th;
  int running;
  volatile int stop;
  int wake[2];
  enum hx_mode mode;
  hx_iter_cb on_iter;        /* called in the loop thread each iteration */
  void *iter_cls;
  volatile unsigned long iters;
  int max_wait_ms;           /* upper bound for a single wait (default 20) */
  int internal;              /* daemon has its own thread(s): loop only ticks */
  int use_epoll_fd;          /* external-epoll loop */
};

/* Start daemon on 127.0.0.1:0 (unless opts supply an address).
 * opts: array terminated by MHD_OPTION_END, may be NULL.
 * Returns 0 on success. */
int hx_start (struct hx_server *s, unsigned int flags, enum hx_mode mode,
              MHD_AccessHandlerCallback h, void *h_cls,
              const struct MHD_OptionItem *opts);
/* hx_start() with MHD_OPTION_EXTERNAL_LOGGER given as the very first
 * option (so MHD sends every message, also those of option parsing, to
 * logger and does not complain that the logger is not first). */
int hx_start_logged (struct hx_server *s, unsigned int flags,
                     enum hx_mode mode, MHD_AccessHandlerCallback h,
                     void *h_cls, const struct MHD_OptionItem *opts,
                     MHD_LogCallback logger, void *logger_cls);
/* Start with an already-created daemon (caller started it). */
int hx_start_daemon (struct hx_server *s, struct MHD_Daemon *d,
                     enum hx_mode mode);
/* Stop loop thread; if destroy, also MHD_stop_daemon. */
void hx_stop (struct hx_server *s);
void hx_stop_loop (struct hx_server *s);   /* only stop the thread */

/* ---- client ---- */
int hx_connect (uint16_t port);  /* 127.0.0.1; -1 on error */
int hx_connect_addr (const struct sockaddr *sa, socklen_t len);
int hx_send (int fd, const void *data, size_t len);
int hx_sends (int fd, const char *s);
/* send NULL-terminated list of pieces with pause_ms between them */
int hx_send_pieces (int fd, int pause_ms, ...);

struct hx_buf
{
  char *data;     /* always NUL terminated */
  size_t len;
  int closed;     /* peer closed (EOF or reset) */
  int reset;      /* ECONNRESET observed */
};
void hx_buf_free (struct hx_buf *b);
/* Read until peer closes, or until the Date-normalised data is at least
 * want bytes (if want > 0), or timeout_ms elapsed. */
void hx_read (int fd, struct hx_buf *b, size_t want, int timeout_ms);
/* Wait up to wait_ms: returns 1 if peer closed (EOF/RST), 0 if still open
 * and silent, 2 if more data arrived (appended to b if non-NULL). */
int hx_wait_closed (int fd, int wait_ms, struct hx_buf *b);

/* Returns malloc'd copy with every "Date: <value>\r\n" header value
 * replaced by "<D>"; *out_len set. */
char *hx_norm_date (const char *in, size_t len, size_t *out_len);

/* Send request, read response (normalised), compare with expected.
 * expect_close: 1 = connection must be closed after the response,
 * 0 = must stay open, -1 = don't care.  Returns 1 on success. */
int hx_exchange (const char *what, uint16_t port, const char *req,
                 const char *expected, int expect_close);
/* Same on an existing fd; does not close fd. */
int hx_exchange_fd (const char *what, int fd, const char *req,
                    const char *expected, int expect_close);

/* 1 when run against the real GNU libmicrohttpd (env HX_LIB=real, set by
 * run.sh).  Used ONLY to skip checks for known real-library bugs that our
 * drop-in must fix; ours is always checked strictly. */
int hx_is_real (void);

/* misc */
void hx_msleep (int ms);
long long hx_now_ms (void);
/* convenience: queue a buffer response (MUST_COPY) with status */
enum MHD_Result hx_reply (struct MHD_Connection *c, unsigned int status,
                          const char *body);

#include <stdio.h>
#include <string.h>

#endif
