/*
 * Uses the WHOLE libmicrohttpd 0.9.75 API, so that it only builds
 * (with -Wall -Wextra -Werror) when a header declares every function with
 * the expected type and every callback type, enum, struct and macro.
 *
 *  - every one of the 62 exported functions is stored in a pointer
 *    whose type is spelled out here (a mismatching prototype in the
 *    header is then an error);
 *  - every callback typedef is used with a function of ours;
 *  - main() runs a small real exchange: a daemon on 127.0.0.1 driven by an
 *    external select() loop serves one request sent over a socket, the
 *    handler calls the request functions, and the reply bytes are
 *    checked.  Exit status 0 only if everything behaved as expected.
 *
 * Build:  cc -std=c99 -Wall -Wextra -Werror -DMHD_NO_DEPRECATION \
 *            -I<include dir> api_use.c -lmicrohttpd
 */
#define _DEFAULT_SOURCE 1
#include <microhttpd.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Every exported function, with its type written out.                 */
/* ------------------------------------------------------------------ */

#define TAKE(ret, name, args) ret (*const p_ ## name) args = name

TAKE (struct MHD_Daemon *, MHD_start_daemon,
      (unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
       MHD_AccessHandlerCallback, void *, ...));
TAKE (struct MHD_Daemon *, MHD_start_daemon_va,
      (unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
       MHD_AccessHandlerCallback, void *, va_list));
TAKE (MHD_socket, MHD_quiesce_daemon, (struct MHD_Daemon *));
TAKE (void, MHD_stop_daemon, (struct MHD_Daemon *));
TAKE (enum MHD_Result, MHD_add_connection,
      (struct MHD_Daemon *, MHD_socket, const struct sockaddr *, socklen_t));
TAKE (enum MHD_Result, MHD_get_fdset,
      (struct MHD_Daemon *, fd_set *, fd_set *, fd_set *, MHD_socket *));
TAKE (enum MHD_Result, MHD_get_fdset2,
      (struct MHD_Daemon *, fd_set *, fd_set *, fd_set *, MHD_socket *,
       unsigned int));
TAKE (enum MHD_Result, MHD_get_timeout,
      (struct MHD_Daemon *, MHD_UNSIGNED_LONG_LONG *));
TAKE (enum MHD_Result, MHD_run, (struct MHD_Daemon *));
TAKE (enum MHD_Result, MHD_run_wait, (struct MHD_Daemon *, int32_t));
TAKE (enum MHD_Result, MHD_run_from_select,
      (struct MHD_Daemon *, const fd_set *, const fd_set *, const fd_set *));
TAKE (int, MHD_get_connection_values,
      (struct MHD_Connection *, enum MHD_ValueKind, MHD_KeyValueIterator,
       void *));
TAKE (int, MHD_get_connection_values_n,
      (struct MHD_Connection *, enum MHD_ValueKind, MHD_KeyValueIteratorN,
       void *));
TAKE (enum MHD_Result, MHD_set_connection_value,
      (struct MHD_Connection *, enum MHD_ValueKind, const char *,
       const char *));
TAKE (enum MHD_Result, MHD_set_connection_value_n,
      (struct MHD_Connection *, enum MHD_ValueKind, const char *, size_t,
       const char *, size_t));
TAKE (void, MHD_set_panic_func, (MHD_PanicCallback, void *));
TAKE (size_t, MHD_http_unescape, (char *));
TAKE (const char *, MHD_lookup_connection_value,
      (struct MHD_Connection *, enum MHD_ValueKind, const char *));
TAKE (enum MHD_Result, MHD_lookup_connection_value_n,
      (struct MHD_Connection *, enum MHD_ValueKind, const char *, size_t,
       const char **, size_t *));
TAKE (enum MHD_Result, MHD_queue_response,
      (struct MHD_Connection *, unsigned int, struct MHD_Response *));
TAKE (void, MHD_suspend_connection, (struct MHD_Connection *));
TAKE (void, MHD_resume_connection, (struct MHD_Connection *));
TAKE (enum MHD_Result, MHD_set_response_options,
      (struct MHD_Response *, enum MHD_ResponseFlags, ...));
TAKE (struct MHD_Response *, MHD_create_response_from_callback,
      (uint64_t, size_t, MHD_ContentReaderCallback, void *,
       MHD_ContentReaderFreeCallback));
TAKE (struct MHD_Response *, MHD_create_response_from_data,
      (size_t, void *, int, int));
TAKE (struct MHD_Response *, MHD_create_response_from_buffer,
      (size_t, void *, enum MHD_ResponseMemoryMode));
TAKE (struct MHD_Response *, MHD_create_response_from_buffer_with_free_callback,
      (size_t, void *, MHD_ContentReaderFreeCallback));
TAKE (struct MHD_Response *,
      MHD_create_response_from_buffer_with_free_callback_cls,
      (size_t, void *, MHD_ContentReaderFreeCallback, void *));
TAKE (struct MHD_Response *, MHD_create_response_from_fd, (size_t, int));
TAKE (struct MHD_Response *, MHD_create_response_from_pipe, (int));
TAKE (struct MHD_Response *, MHD_create_response_from_fd64, (uint64_t, int));
TAKE (struct MHD_Response *, MHD_create_response_from_fd_at_offset,
      (size_t, int, off_t));
TAKE (struct MHD_Response *, MHD_create_response_from_fd_at_offset64,
      (uint64_t, int, uint64_t));
TAKE (struct MHD_Response *, MHD_create_response_from_iovec,
      (const struct MHD_IoVec *, unsigned int, MHD_ContentReaderFreeCallback,
       void *));
TAKE (enum MHD_Result, MHD_upgrade_action,
      (struct MHD_UpgradeResponseHandle *, enum MHD_UpgradeAction, ...));
TAKE (struct MHD_Response *, MHD_create_response_for_upgrade,
      (MHD_UpgradeHandler, void *));
TAKE (void, MHD_destroy_response, (struct MHD_Response *));
TAKE (enum MHD_Result, MHD_add_response_header,
      (struct MHD_Response *, const char *, const char *));
TAKE (enum MHD_Result, MHD_add_response_footer,
      (struct MHD_Response *, const char *, const char *));
TAKE (enum MHD_Result, MHD_del_response_header,
      (struct MHD_Response *, const char *, const char *));
TAKE (int, MHD_get_response_headers,
      (struct MHD_Response *, MHD_KeyValueIterator, void *));
TAKE (const char *, MHD_get_response_header,
      (struct MHD_Response *, const char *));
TAKE (struct MHD_PostProcessor *, MHD_create_post_processor,
      (struct MHD_Connection *, size_t, MHD_PostDataIterator, void *));
TAKE (enum MHD_Result, MHD_post_process,
      (struct MHD_PostProcessor *, const char *, size_t));
TAKE (enum MHD_Result, MHD_destroy_post_processor,
      (struct MHD_PostProcessor *));
TAKE (char *, MHD_digest_auth_get_username, (struct MHD_Connection *));
TAKE (void, MHD_free, (void *));
TAKE (int, MHD_digest_auth_check2,
      (struct MHD_Connection *, const char *, const char *, const char *,
       unsigned int, enum MHD_DigestAuthAlgorithm));
TAKE (int, MHD_digest_auth_check,
      (struct MHD_Connection *, const char *, const char *, const char *,
       unsigned int));
TAKE (int, MHD_digest_auth_check_digest2,
      (struct MHD_Connection *, const char *, const char *, const uint8_t *,
       size_t, unsigned int, enum MHD_DigestAuthAlgorithm));
TAKE (int, MHD_digest_auth_check_digest,
      (struct MHD_Connection *, const char *, const char *,
       const uint8_t[MHD_MD5_DIGEST_SIZE], unsigned int));
TAKE (enum MHD_Result, MHD_queue_auth_fail_response2,
      (struct MHD_Connection *, const char *, const char *,
       struct MHD_Response *, int, enum MHD_DigestAuthAlgorithm));
TAKE (enum MHD_Result, MHD_queue_auth_fail_response,
      (struct MHD_Connection *, const char *, const char *,
       struct MHD_Response *, int));
TAKE (char *, MHD_basic_auth_get_username_password,
      (struct MHD_Connection *, char **));
TAKE (enum MHD_Result, MHD_queue_basic_auth_fail_response,
      (struct MHD_Connection *, const char *, struct MHD_Response *));
TAKE (const union MHD_ConnectionInfo *, MHD_get_connection_info,
      (struct MHD_Connection *, enum MHD_ConnectionInfoType, ...));
TAKE (enum MHD_Result, MHD_set_connection_option,
      (struct MHD_Connection *, enum MHD_CONNECTION_OPTION, ...));
TAKE (const union MHD_DaemonInfo *, MHD_get_daemon_info,
      (struct MHD_Daemon *, enum MHD_DaemonInfoType, ...));
TAKE (const char *, MHD_get_version, (void));
TAKE (enum MHD_Result, MHD_is_feature_supported, (enum MHD_FEATURE));
TAKE (const char *, MHD_get_reason_phrase_for, (unsigned int));
TAKE (size_t, MHD_get_reason_phrase_len_for, (unsigned int));

/* The 62 addresses, to make sure none is optimised away or forgotten. */
static const void *const all_fns[] = {
  &p_MHD_start_daemon, &p_MHD_start_daemon_va, &p_MHD_quiesce_daemon,
  &p_MHD_stop_daemon, &p_MHD_add_connection, &p_MHD_get_fdset,
  &p_MHD_get_fdset2, &p_MHD_get_timeout, &p_MHD_run, &p_MHD_run_wait,
  &p_MHD_run_from_select, &p_MHD_get_connection_values,
  &p_MHD_get_connection_values_n, &p_MHD_set_connection_value,
  &p_MHD_set_connection_value_n, &p_MHD_set_panic_func,
  &p_MHD_http_unescape, &p_MHD_lookup_connection_value,
  &p_MHD_lookup_connection_value_n, &p_MHD_queue_response,
  &p_MHD_suspend_connection, &p_MHD_resume_connection,
  &p_MHD_set_response_options, &p_MHD_create_response_from_callback,
  &p_MHD_create_response_from_data, &p_MHD_create_response_from_buffer,
  &p_MHD_create_response_from_buffer_with_free_callback,
  &p_MHD_create_response_from_buffer_with_free_callback_cls,
  &p_MHD_create_response_from_fd, &p_MHD_create_response_from_pipe,
  &p_MHD_create_response_from_fd64,
  &p_MHD_create_response_from_fd_at_offset,
  &p_MHD_create_response_from_fd_at_offset64,
  &p_MHD_create_response_from_iovec, &p_MHD_upgrade_action,
  &p_MHD_create_response_for_upgrade, &p_MHD_destroy_response,
  &p_MHD_add_response_header, &p_MHD_add_response_footer,
  &p_MHD_del_response_header, &p_MHD_get_response_headers,
  &p_MHD_get_response_header, &p_MHD_create_post_processor,
  &p_MHD_post_process, &p_MHD_destroy_post_processor,
  &p_MHD_digest_auth_get_username, &p_MHD_free, &p_MHD_digest_auth_check2,
  &p_MHD_digest_auth_check, &p_MHD_digest_auth_check_digest2,
  &p_MHD_digest_auth_check_digest, &p_MHD_queue_auth_fail_response2,
  &p_MHD_queue_auth_fail_response, &p_MHD_basic_auth_get_username_password,
  &p_MHD_queue_basic_auth_fail_response, &p_MHD_get_connection_info,
  &p_MHD_set_connection_option, &p_MHD_get_daemon_info, &p_MHD_get_version,
  &p_MHD_is_feature_supported, &p_MHD_get_reason_phrase_for,
  &p_MHD_get_reason_phrase_len_for
};

/* ------------------------------------------------------------------ */
/* Every callback type                                                  */
/* ------------------------------------------------------------------ */

static int failures;
#define EXPECT(cond) do { if (! (cond)) { \
  fprintf (stderr, "api_use.c:%d: check failed: %s\n", __LINE__, #cond); \
  failures++; } } while (0)

static void
log_cb (void *cls, const char *fm, va_list ap)
{
  (void) cls;
  vfprintf (stderr, fm, ap);
}

static int
psk_cb (void *cls, const struct MHD_Connection *connection,
        const char *username, void **psk, size_t *psk_size)
{
  (void) cls; (void) connection; (void) username; (void) psk; (void) psk_size;
  return -1;
}

static void
panic_cb (void *cls, const char *file, unsigned int line, const char *reason)
{
  (void) cls;
  fprintf (stderr, "panic %s:%u: %s\n", file, line, reason ? reason : "");
  abort ();
}

static int accepted;
static enum MHD_Result
accept_cb (void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
  (void) cls;
  EXPECT (addr != NULL && addrlen >= (socklen_t) sizeof (struct sockaddr_in));
  accepted++;
  return MHD_YES;
}

static int completed;
static enum MHD_RequestTerminationCode last_toe = (enum
                                                   MHD_RequestTerminationCode)
                                                  -1;
static void
completed_cb (void *cls, struct MHD_Connection *connection, void **con_cls,
              enum MHD_RequestTerminationCode toe)
{
  (void) cls; (void) connection; (void) con_cls;
  completed++;
  last_toe = toe;
}

static int notified_started, notified_closed;
static void
notify_cb (void *cls, struct MHD_Connection *connection,
           void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
  (void) cls; (void) connection; (void) socket_context;
  if (MHD_CONNECTION_NOTIFY_STARTED == toe)
    notified_started++;
  else if (MHD_CONNECTION_NOTIFY_CLOSED == toe)
    notified_closed++;
}

static enum MHD_Result
kv_cb (void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  (void) kind; (void) key; (void) value;
  ++*(int *) cls;
  return MHD_YES;
}

static enum MHD_Result
kvn_cb (void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
        const char *value, size_t value_size)
{
  (void) kind; (void) value; (void) value_size;
  EXPECT (strlen (key) == key_size);
  ++*(int *) cls;
  return MHD_YES;
}

static ssize_t
reader_cb (void *cls, uint64_t pos, char *buf, size_t max)
{
  (void) cls; (void) pos; (void) buf; (void) max;
  return MHD_CONTENT_READER_END_OF_STREAM;
}

static void
free_cb (void *cls)
{
  (void) cls;
}

static enum MHD_Result
post_cb (void *cls, enum MHD_ValueKind kind, const char *key,
         const char *filename, const char *content_type,
         const char *transfer_encoding, const char *data, uint64_t off,
         size_t size)
{
  (void) cls; (void) kind; (void) key; (void) filename; (void) content_type;
  (void) transfer_encoding; (void) data; (void) off; (void) size;
  return MHD_YES;
}

static void
upgrade_cb (void *cls, struct MHD_Connection *connection, void *con_cls,
            const char *extra_in, size_t extra_in_size, MHD_socket sock,
            struct MHD_UpgradeResponseHandle *urh)
{
  (void) cls; (void) connection; (void) con_cls; (void) extra_in;
  (void) extra_in_size; (void) sock;
  MHD_upgrade_action (urh, MHD_UPGRADE_ACTION_CLOSE);
}

static MHD_LogCallback const cb_log = &log_cb;
static MHD_PskServerCredentialsCallback const cb_psk = &psk_cb;
static MHD_PanicCallback const cb_panic = &panic_cb;
static MHD_AcceptPolicyCallback const cb_accept = &accept_cb;
static MHD_RequestCompletedCallback const cb_completed = &completed_cb;
static MHD_NotifyConnectionCallback const cb_notify = &notify_cb;
static MHD_KeyValueIterator const cb_kv = &kv_cb;
static MHD_KeyValueIteratorN const cb_kvn = &kvn_cb;
static MHD_ContentReaderCallback const cb_reader = &reader_cb;
static MHD_ContentReaderFreeCallback const cb_free = &free_cb;
static MHD_PostDataIterator const cb_post = &post_cb;
static MHD_UpgradeHandler const cb_upgrade = &upgrade_cb;

/* ------------------------------------------------------------------ */
/* The request handler: exercises the request-side functions            */
/* ------------------------------------------------------------------ */

static const char body[] = "hello from api_use\n";
static int handler_calls;

static enum MHD_Result
handler (void *cls, struct MHD_Connection *connection, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **con_cls)
{
  static int marker;
  struct MHD_Response *r;
  const union MHD_ConnectionInfo *ci;
  const char *v;
  size_t vlen;
  char *user, *pass;
  int n;
  enum MHD_Result ret;

  (void) cls; (void) upload_data;
  handler_calls++;
  if (NULL == *con_cls)
  {
    /* first call: headers only */
    *con_cls = &marker;
    EXPECT (0 == *upload_data_size);
    return MHD_YES;
  }
  EXPECT (0 == strcmp (url, "/path"));
  EXPECT (0 == strcmp (method, MHD_HTTP_METHOD_GET));
  EXPECT (0 == strcmp (version, MHD_HTTP_VERSION_1_1));

  v = MHD_lookup_connection_value (connection, MHD_GET_ARGUMENT_KIND, "a");
  EXPECT (NULL != v && 0 == strcmp (v, "1 2"));
  v = MHD_lookup_connection_value (connection, MHD_HEADER_KIND, "x-test");
  EXPECT (NULL != v && 0 == strcmp (v, "yes"));
  EXPECT (MHD_YES == MHD_lookup_connection_value_n (connection,
                                                    MHD_HEADER_KIND, "Host",
                                                    4, &v, &vlen));
  EXPECT (9 == vlen && 0 == memcmp (v, "localhost", 9));
  v = MHD_lookup_connection_value (connection, MHD_COOKIE_KIND, "c");
  EXPECT (NULL != v && 0 == strcmp (v, "d"));

  n = 0;
  EXPECT (5 == MHD_get_connection_values (connection, MHD_HEADER_KIND,
                                          cb_kv, &n));
  EXPECT (5 == n);
  n = 0;
  EXPECT (1 == MHD_get_connection_values_n (connection,
                                            MHD_GET_ARGUMENT_KIND, cb_kvn,
                                            &n));
  EXPECT (1 == n);
  EXPECT (MHD_YES == MHD_set_connection_value (connection,
                                               MHD_GET_ARGUMENT_KIND,
                                               "added", "v"));
  EXPECT (MHD_YES == MHD_set_connection_value_n (connection,
                                                 MHD_GET_ARGUMENT_KIND,
                                                 "added2", 6, "w", 1));
  EXPECT (3 == MHD_get_connection_values (connection, MHD_GET_ARGUMENT_KIND,
                                          NULL, NULL));

  user = MHD_basic_auth_get_username_password (connection, &pass);
  EXPECT (NULL != user && 0 == strcmp (user, "user"));
  EXPECT (NULL != pass && 0 == strcmp (pass, "pass"));
  MHD_free (user);
  MHD_free (pass);
  EXPECT (NULL == MHD_digest_auth_get_username (connection));

  ci = MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  EXPECT (NULL != ci && AF_INET == ci->client_addr->sa_family);
  ci = MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  EXPECT (NULL != ci && MHD_INVALID_SOCKET != ci->connect_fd);
  EXPECT (MHD_YES == MHD_set_connection_option (connection,
                                                MHD_CONNECTION_OPTION_TIMEOUT,
                                                (unsigned int) 7));
  ci = MHD_get_connection_info (connection,
                                MHD_CONNECTION_INFO_CONNECTION_TIMEOUT);
  EXPECT (NULL != ci && 7 == ci->connection_timeout);

  r = MHD_create_response_from_buffer (sizeof (body) - 1, (void *) body,
                                       MHD_RESPMEM_PERSISTENT);
  EXPECT (NULL != r);
  if (NULL == r)
    return MHD_NO;
  EXPECT (MHD_YES == MHD_add_response_header (r, "X-Api-Use", "1"));
  ret = MHD_queue_response (connection, MHD_HTTP_OK, r);
  EXPECT (MHD_YES == ret);
  MHD_destroy_response (r);
  return ret;
}

/* ------------------------------------------------------------------ */

static void
offline_checks (void)
{
  char esc[] = "a%20b%41";
  struct MHD_Response *r;
  struct MHD_IoVec iov[2];
  int n;
  struct MHD_OptionItem items[2];
  const union MHD_DaemonInfo *di;
  struct MHD_Daemon *d;

  EXPECT (62 == sizeof (all_fns) / sizeof (all_fns[0]));
  EXPECT (NULL != MHD_get_version ());
  EXPECT (0 == strcmp (MHD_get_reason_phrase_for (MHD_HTTP_NOT_FOUND),
                       "Not Found"));
  EXPECT (9 == MHD_get_reason_phrase_len_for (404));
  EXPECT (4 == MHD_http_unescape (esc) && 0 == strcmp (esc, "a bA"));
  EXPECT (MHD_YES == MHD_is_feature_supported (MHD_FEATURE_POSTPROCESSOR)
          || MHD_NO == MHD_is_feature_supported (MHD_FEATURE_POSTPROCESSOR));
  MHD_set_panic_func (cb_panic, NULL);

  r = MHD_create_response_from_buffer (5, (void *) "hello",
                                       MHD_RESPMEM_MUST_COPY);
  EXPECT (NULL != r);
  EXPECT (MHD_YES == MHD_add_response_header (r, MHD_HTTP_HEADER_CONTENT_TYPE,
                                              "text/plain"));
  EXPECT (MHD_YES == MHD_add_response_header (r, "X-A", "1"));
  EXPECT (0 == strcmp (MHD_get_response_header (r, "content-type"),
                       "text/plain"));
  n = 0;
  EXPECT (2 == MHD_get_response_headers (r, cb_kv, &n) && 2 == n);
  EXPECT (MHD_YES == MHD_del_response_header (r, "X-A", "1"));
  EXPECT (NULL == MHD_get_response_header (r, "X-A"));
  EXPECT (MHD_YES == MHD_set_response_options (r, MHD_RF_NONE, MHD_RO_END));
  MHD_destroy_response (r);

  r = MHD_create_response_from_callback (MHD_SIZE_UNKNOWN, 1024, cb_reader,
                                         NULL, cb_free);
  EXPECT (NULL != r);
  EXPECT (MHD_YES == MHD_add_response_footer (r, "X-Trailer", "t"));
  MHD_destroy_response (r);
  iov[0].iov_base = "ab";
  iov[0].iov_len = 2;
  iov[1].iov_base = "cd";
  iov[1].iov_len = 2;
  r = MHD_create_response_from_iovec (iov, 2, cb_free, NULL);
  EXPECT (NULL != r);
  MHD_destroy_response (r);
  r = MHD_create_response_from_buffer_with_free_callback_cls (
    3, (void *) "abc", cb_free, NULL);
  EXPECT (NULL != r);
  MHD_destroy_response (r);
  r = MHD_create_response_for_upgrade (cb_upgrade, NULL);
  EXPECT (NULL != r);
  MHD_destroy_response (r);

  /* a daemon without listening socket, configured through an array */
  items[0].option = MHD_OPTION_CONNECTION_TIMEOUT;
  items[0].value = 5;
  items[0].ptr_value = NULL;
  items[1].option = MHD_OPTION_END;
  items[1].value = 0;
  items[1].ptr_value = NULL;
  d = MHD_start_daemon (MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ERROR_LOG, 0,
                        NULL, NULL, &handler, NULL,
                        MHD_OPTION_ARRAY, items,
                        MHD_OPTION_EXTERNAL_LOGGER, cb_log, NULL,
                        MHD_OPTION_END);
  EXPECT (NULL != d);
  if (NULL != d)
  {
    di = MHD_get_daemon_info (d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    EXPECT (NULL != di && 0 == di->num_connections);
    MHD_stop_daemon (d);
  }
  (void) cb_psk;
  (void) cb_post;
}

static int
serve_one_request (void)
{
  struct MHD_Daemon *d;
  const union MHD_DaemonInfo *di;
  struct sockaddr_in sa;
  int c;
  char buf[4096];
  size_t got = 0;
  int done = 0;
  int rounds;
  static const char req[] =
    "GET /path?a=1%202 HTTP/1.1\r\n"
    "Host: localhost\r\n"
    "X-Test: yes\r\n"
    "Cookie: c=d\r\n"
    "Authorization: Basic dXNlcjpwYXNz\r\n"
    "Connection: close\r\n"
    "\r\n";

  memset (&sa, 0, sizeof (sa));
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  d = MHD_start_daemon (MHD_USE_ERROR_LOG, 0, cb_accept, NULL, &handler,
                        NULL,
                        MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &sa,
                        MHD_OPTION_NOTIFY_COMPLETED, cb_completed, NULL,
                        MHD_OPTION_NOTIFY_CONNECTION, cb_notify, NULL,
                        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 10,
                        MHD_OPTION_END);
  EXPECT (NULL != d);
  if (NULL == d)
    return 1;
  di = MHD_get_daemon_info (d, MHD_DAEMON_INFO_BIND_PORT);
  EXPECT (NULL != di && 0 != di->port);
  if (NULL == di || 0 == di->port)
  {
    MHD_stop_daemon (d);
    return 1;
  }
  sa.sin_port = htons (di->port);
  c = socket (AF_INET, SOCK_STREAM, 0);
  EXPECT (c >= 0);
  EXPECT (0 == connect (c, (struct sockaddr *) &sa, sizeof (sa)));
  EXPECT ((ssize_t) (sizeof (req) - 1) == write (c, req, sizeof (req) - 1));

  for (rounds = 0; rounds < 200 && ! done; rounds++)
  {
    fd_set rs, ws, es;
    MHD_socket max = MHD_INVALID_SOCKET;
    MHD_UNSIGNED_LONG_LONG to;
    struct timeval tv;

    FD_ZERO (&rs);
    FD_ZERO (&ws);
    FD_ZERO (&es);
    EXPECT (MHD_YES == MHD_get_fdset (d, &rs, &ws, &es, &max));
    FD_SET (c, &rs);
    if (c > max)
      max = c;
    tv.tv_sec = 0;
    tv.tv_usec = 50000;
    if (MHD_YES == MHD_get_timeout (d, &to) && to < 50)
      tv.tv_usec = (suseconds_t) (to * 1000);
    if (select (max + 1, &rs, &ws, &es, &tv) < 0 && EINTR != errno)
      break;
    EXPECT (MHD_YES == MHD_run_from_select (d, &rs, &ws, &es));
    if (FD_ISSET (c, &rs))
    {
      ssize_t r = read (c, buf + got, sizeof (buf) - 1 - got);
      if (r <= 0)
        done = 1;
      else
        got += (size_t) r;
    }
  }
  buf[got] = 0;
  close (c);
  /* let the daemon notice the close */
  MHD_run (d);
  EXPECT (done);
  EXPECT (0 == strncmp (buf, "HTTP/1.1 200 OK\r\n", 17));
  EXPECT (NULL != strstr (buf, "\r\nX-Api-Use: 1\r\n"));
  EXPECT (NULL != strstr (buf, "\r\nContent-Length: 19\r\n"));
  EXPECT (got > strlen (body)
          && 0 == strcmp (buf + got - strlen (body), body));
  EXPECT (1 == accepted);
  EXPECT (2 == handler_calls);
  EXPECT (1 == completed);
  EXPECT (MHD_REQUEST_TERMINATED_COMPLETED_OK == last_toe);
  EXPECT (1 == notified_started);
  MHD_stop_daemon (d);
  EXPECT (1 == notified_closed);
  if (failures)
    fprintf (stderr, "reply was:\n%s\n", buf);
  return 0;
}

int
main (void)
{
  offline_checks ();
  serve_one_request ();
  if (failures)
    fprintf (stderr, "api_use: %d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
