/*
 * The libmicrohttpd 1.0 additions that our header declares on top of the
 * 0.9.75 interface, with the values they have in libmicrohttpd 1.0.x.
 * Built against OUR header only (the real 0.9.75 header lacks them).
 *
 * Compile time: every 1.0 prototype is re-declared below exactly as in
 * 1.0; an incompatible declaration in our header is a compile error.
 * Run time: prints "ok NAME" / "not ok NAME: got X, want Y" per value.
 */
#define MHD_NO_DEPRECATION 1
#include <stddef.h>
#include <stdio.h>
#include <microhttpd.h>

/* ---- the 19 functions added in 1.0, with their 1.0 signatures ---- */
extern struct MHD_BasicAuthInfo *
MHD_basic_auth_get_username_password3 (struct MHD_Connection *connection);
extern struct MHD_Response *
MHD_create_response_empty (enum MHD_ResponseFlags flags);
extern struct MHD_Response *
MHD_create_response_from_buffer_copy (size_t size, const void *buffer);
extern struct MHD_Response *
MHD_create_response_from_buffer_static (size_t size, const void *buffer);
extern enum MHD_Result
MHD_digest_auth_calc_userdigest (enum MHD_DigestAuthAlgo3 algo3,
                                 const char *username, const char *realm,
                                 const char *password, void *userdigest_bin,
                                 size_t bin_buf_size);
extern enum MHD_Result
MHD_digest_auth_calc_userhash (enum MHD_DigestAuthAlgo3 algo3,
                               const char *username, const char *realm,
                               void *userhash_bin, size_t bin_buf_size);
extern enum MHD_Result
MHD_digest_auth_calc_userhash_hex (enum MHD_DigestAuthAlgo3 algo3,
                                   const char *username, const char *realm,
                                   char *userhash_hex, size_t hex_buf_size);
extern enum MHD_DigestAuthResult
MHD_digest_auth_check3 (struct MHD_Connection *connection, const char *realm,
                        const char *username, const char *password,
                        unsigned int nonce_timeout, uint32_t max_nc,
                        enum MHD_DigestAuthMultiQOP mqop,
                        enum MHD_DigestAuthMultiAlgo3 malgo3);
extern enum MHD_DigestAuthResult
MHD_digest_auth_check_digest3 (struct MHD_Connection *connection,
                               const char *realm, const char *username,
                               const void *userdigest, size_t userdigest_size,
                               unsigned int nonce_timeout, uint32_t max_nc,
                               enum MHD_DigestAuthMultiQOP mqop,
                               enum MHD_DigestAuthMultiAlgo3 malgo3);
extern struct MHD_DigestAuthInfo *
MHD_digest_auth_get_request_info3 (struct MHD_Connection *connection);
extern struct MHD_DigestAuthUsernameInfo *
MHD_digest_auth_get_username3 (struct MHD_Connection *connection);
extern size_t
MHD_digest_get_hash_size (enum MHD_DigestAuthAlgo3 algo3);
extern enum MHD_Result
MHD_get_timeout64 (struct MHD_Daemon *daemon, uint64_t *timeout);
extern int64_t
MHD_get_timeout64s (struct MHD_Daemon *daemon);
extern int
MHD_get_timeout_i (struct MHD_Daemon *daemon);
extern uint32_t
MHD_get_version_bin (void);
extern enum MHD_Result
MHD_queue_auth_required_response3 (struct MHD_Connection *connection,
                                   const char *realm, const char *opaque,
                                   const char *domain,
                                   struct MHD_Response *response,
                                   int signal_stale,
                                   enum MHD_DigestAuthMultiQOP mqop,
                                   enum MHD_DigestAuthMultiAlgo3 algo,
                                   int userhash_support, int prefer_utf8);
extern enum MHD_Result
MHD_queue_basic_auth_required_response3 (struct MHD_Connection *connection,
                                         const char *realm, int prefer_utf8,
                                         struct MHD_Response *response);
extern enum MHD_Result
MHD_run_from_select2 (struct MHD_Daemon *daemon, const fd_set *read_fd_set,
                      const fd_set *write_fd_set, const fd_set *except_fd_set,
                      unsigned int fd_setsize);

/* Their addresses, so that an accidental macro of the same name or a
   missing declaration shows up too. */
static void (*const fns[])(void) = {
  (void (*)(void)) MHD_basic_auth_get_username_password3,
  (void (*)(void)) MHD_create_response_empty,
  (void (*)(void)) MHD_create_response_from_buffer_copy,
  (void (*)(void)) MHD_create_response_from_buffer_static,
  (void (*)(void)) MHD_digest_auth_calc_userdigest,
  (void (*)(void)) MHD_digest_auth_calc_userhash,
  (void (*)(void)) MHD_digest_auth_calc_userhash_hex,
  (void (*)(void)) MHD_digest_auth_check3,
  (void (*)(void)) MHD_digest_auth_check_digest3,
  (void (*)(void)) MHD_digest_auth_get_request_info3,
  (void (*)(void)) MHD_digest_auth_get_username3,
  (void (*)(void)) MHD_digest_get_hash_size,
  (void (*)(void)) MHD_get_timeout64,
  (void (*)(void)) MHD_get_timeout64s,
  (void (*)(void)) MHD_get_timeout_i,
  (void (*)(void)) MHD_get_version_bin,
  (void (*)(void)) MHD_queue_auth_required_response3,
  (void (*)(void)) MHD_queue_basic_auth_required_response3,
  (void (*)(void)) MHD_run_from_select2
};

static int failures;

static void
check (const char *name, long long got, long long want)
{
  if (got == want)
    printf ("ok %s\n", name);
  else
  {
    printf ("not ok %s: got %lld, want %lld\n", name, got, want);
    failures++;
  }
}

#define V(name, want) check (#name, (long long) (name), (long long) (want))
#define SZ(type, want) check ("sizeof(" #type ")", (long long) sizeof (type), \
                              (long long) (want))
#define OFF(type, field, want) \
  check ("offsetof(" #type ", " #field ")", \
         (long long) offsetof (type, field), (long long) (want))

#define FSZ(type, field, want) \
  check ("sizeof(" #type "." #field ")", \
         (long long) sizeof (((type *) 0)->field), (long long) (want))

int
main (void)
{
  check ("19 function declarations", (long long) (sizeof (fns)
                                                  / sizeof (fns[0])), 19);

  /* daemon flag and options 35..42 */
  V (MHD_USE_NO_THREAD_SAFETY, 1 << 19);
  V (MHD_OPTION_DIGEST_AUTH_RANDOM_COPY, 35);
  V (MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE, 36);
  V (MHD_OPTION_HTTPS_PRIORITIES_APPEND, 37);
  V (MHD_OPTION_CLIENT_DISCIPLINE_LVL, 38);
  V (MHD_OPTION_APP_FD_SETSIZE, 39);
  V (MHD_OPTION_SOCK_ADDR_LEN, 40);
  V (MHD_OPTION_DIGEST_AUTH_DEFAULT_NONCE_TIMEOUT, 41);
  V (MHD_OPTION_DIGEST_AUTH_DEFAULT_MAX_NC, 42);

  /* nonce binding */
  V (MHD_DAUTH_BIND_NONCE_NONE, 0);
  V (MHD_DAUTH_BIND_NONCE_REALM, 1);
  V (MHD_DAUTH_BIND_NONCE_URI, 2);
  V (MHD_DAUTH_BIND_NONCE_URI_PARAMS, 4);
  V (MHD_DAUTH_BIND_NONCE_CLIENT_IP, 8);

  /* response flag */
  V (MHD_RF_HEAD_ONLY_RESPONSE, 16);

  /* info types that 1.0 documents (already present in 0.9.75) */
  V (MHD_CONNECTION_INFO_HTTP_STATUS, 11);
  V (MHD_DAEMON_INFO_FLAGS, 5);
  V (MHD_DAEMON_INFO_BIND_PORT, 6);

  /* digest sizes */
  V (MHD_MD5_DIGEST_SIZE, 16);
  V (MHD_SHA256_DIGEST_SIZE, 32);
  V (MHD_SHA512_256_DIGEST_SIZE, 32);

  /* digest algorithms */
  V (MHD_DIGEST_BASE_ALGO_INVALID, 0);
  V (MHD_DIGEST_BASE_ALGO_MD5, 1);
  V (MHD_DIGEST_BASE_ALGO_SHA256, 2);
  V (MHD_DIGEST_BASE_ALGO_SHA512_256, 4);
  V (MHD_DIGEST_AUTH_ALGO3_NON_SESSION, 64);
  V (MHD_DIGEST_AUTH_ALGO3_SESSION, 128);
  V (MHD_DIGEST_AUTH_ALGO3_INVALID, 0);
  V (MHD_DIGEST_AUTH_ALGO3_MD5, 65);
  V (MHD_DIGEST_AUTH_ALGO3_MD5_SESSION, 129);
  V (MHD_DIGEST_AUTH_ALGO3_SHA256, 66);
  V (MHD_DIGEST_AUTH_ALGO3_SHA256_SESSION, 130);
  V (MHD_DIGEST_AUTH_ALGO3_SHA512_256, 68);
  V (MHD_DIGEST_AUTH_ALGO3_SHA512_256_SESSION, 132);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_INVALID, 0);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_MD5, 65);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_MD5_SESSION, 129);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA256, 66);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA256_SESSION, 130);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256, 68);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256_SESSION, 132);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_NON_SESSION, 70);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_ANY_NON_SESSION, 127);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_SESSION, 134);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_ANY_SESSION, 191);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_MD5_ANY, 193);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA256_ANY, 194);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256_ANY, 196);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_ANY, 198);
  V (MHD_DIGEST_AUTH_MULT_ALGO3_ANY, 255);

  /* user name types */
  V (MHD_DIGEST_AUTH_UNAME_TYPE_MISSING, 0);
  V (MHD_DIGEST_AUTH_UNAME_TYPE_STANDARD, 4);
  V (MHD_DIGEST_AUTH_UNAME_TYPE_EXTENDED, 8);
  V (MHD_DIGEST_AUTH_UNAME_TYPE_USERHASH, 2);
  V (MHD_DIGEST_AUTH_UNAME_TYPE_INVALID, 1);

  /* qop */
  V (MHD_DIGEST_AUTH_QOP_INVALID, 0);
  V (MHD_DIGEST_AUTH_QOP_NONE, 1);
  V (MHD_DIGEST_AUTH_QOP_AUTH, 2);
  V (MHD_DIGEST_AUTH_QOP_AUTH_INT, 4);
  V (MHD_DIGEST_AUTH_MULT_QOP_INVALID, 0);
  V (MHD_DIGEST_AUTH_MULT_QOP_NONE, 1);
  V (MHD_DIGEST_AUTH_MULT_QOP_AUTH, 2);
  V (MHD_DIGEST_AUTH_MULT_QOP_AUTH_INT, 4);
  V (MHD_DIGEST_AUTH_MULT_QOP_ANY_NON_INT, 3);
  V (MHD_DIGEST_AUTH_MULT_QOP_AUTH_ANY, 6);
  V (MHD_DIGEST_AUTH_INVALID_NC_VALUE, 0);

  /* results */
  V (MHD_DAUTH_OK, 1);
  V (MHD_DAUTH_ERROR, 0);
  V (MHD_DAUTH_WRONG_HEADER, -1);
  V (MHD_DAUTH_WRONG_USERNAME, -2);
  V (MHD_DAUTH_WRONG_REALM, -3);
  V (MHD_DAUTH_WRONG_URI, -4);
  V (MHD_DAUTH_WRONG_QOP, -5);
  V (MHD_DAUTH_WRONG_ALGO, -6);
  V (MHD_DAUTH_TOO_LARGE, -15);
  V (MHD_DAUTH_NONCE_STALE, -17);
  V (MHD_DAUTH_NONCE_OTHER_COND, -18);
  V (MHD_DAUTH_NONCE_WRONG, -33);
  V (MHD_DAUTH_RESPONSE_WRONG, -34);

  /* features */
  V (MHD_FEATURE_HTTPS_CERT_CALLBACK2, 23);
  V (MHD_FEATURE_HTTPS_COOKIE_PARSING, 24);
  V (MHD_FEATURE_DIGEST_AUTH_RFC2069, 25);
  V (MHD_FEATURE_DIGEST_AUTH_MD5, 26);
  V (MHD_FEATURE_DIGEST_AUTH_SHA256, 27);
  V (MHD_FEATURE_DIGEST_AUTH_SHA512_256, 28);
  V (MHD_FEATURE_DIGEST_AUTH_AUTH_INT, 29);
  V (MHD_FEATURE_DIGEST_AUTH_ALGO_SESSION, 30);
  V (MHD_FEATURE_DIGEST_AUTH_USERHASH, 31);
  V (MHD_FEATURE_EXTERN_HASH, 32);
  V (MHD_FEATURE_DEBUG_BUILD, 33);
  V (MHD_FEATURE_FLEXIBLE_FD_SETSIZE, 34);

  /* struct layouts (x86_64 / LP64) */
  SZ (struct MHD_BasicAuthInfo, 32);
  OFF (struct MHD_BasicAuthInfo, username, 0);
  OFF (struct MHD_BasicAuthInfo, username_len, 8);
  OFF (struct MHD_BasicAuthInfo, password, 16);
  OFF (struct MHD_BasicAuthInfo, password_len, 24);

  SZ (struct MHD_DigestAuthUsernameInfo, 48);
  OFF (struct MHD_DigestAuthUsernameInfo, algo3, 0);
  OFF (struct MHD_DigestAuthUsernameInfo, uname_type, 4);
  OFF (struct MHD_DigestAuthUsernameInfo, username, 8);
  OFF (struct MHD_DigestAuthUsernameInfo, username_len, 16);
  OFF (struct MHD_DigestAuthUsernameInfo, userhash_hex, 24);
  OFF (struct MHD_DigestAuthUsernameInfo, userhash_hex_len, 32);
  OFF (struct MHD_DigestAuthUsernameInfo, userhash_bin, 40);

  SZ (struct MHD_DigestAuthInfo, 104);
  OFF (struct MHD_DigestAuthInfo, algo3, 0);
  OFF (struct MHD_DigestAuthInfo, uname_type, 4);
  OFF (struct MHD_DigestAuthInfo, username, 8);
  OFF (struct MHD_DigestAuthInfo, username_len, 16);
  OFF (struct MHD_DigestAuthInfo, userhash_hex, 24);
  OFF (struct MHD_DigestAuthInfo, userhash_hex_len, 32);
  OFF (struct MHD_DigestAuthInfo, userhash_bin, 40);
  OFF (struct MHD_DigestAuthInfo, opaque, 48);
  OFF (struct MHD_DigestAuthInfo, opaque_len, 56);
  OFF (struct MHD_DigestAuthInfo, realm, 64);
  OFF (struct MHD_DigestAuthInfo, realm_len, 72);
  OFF (struct MHD_DigestAuthInfo, qop, 80);
  OFF (struct MHD_DigestAuthInfo, cnonce_len, 88);
  OFF (struct MHD_DigestAuthInfo, nc, 96);
  FSZ (struct MHD_DigestAuthInfo, algo3, 4);
  FSZ (struct MHD_DigestAuthInfo, uname_type, 4);
  FSZ (struct MHD_DigestAuthInfo, username_len, 8);
  FSZ (struct MHD_DigestAuthInfo, userhash_bin, 8);
  FSZ (struct MHD_DigestAuthInfo, qop, 4);
  FSZ (struct MHD_DigestAuthInfo, cnonce_len, 8);
  FSZ (struct MHD_DigestAuthInfo, nc, 4);
  FSZ (struct MHD_BasicAuthInfo, username_len, 8);
  FSZ (struct MHD_BasicAuthInfo, password_len, 8);
  FSZ (struct MHD_DigestAuthUsernameInfo, userhash_bin, 8);

  SZ (enum MHD_DigestAuthResult, 4);
  SZ (enum MHD_DigestAuthAlgo3, 4);
  SZ (enum MHD_DigestAuthMultiAlgo3, 4);
  SZ (enum MHD_DigestAuthMultiQOP, 4);
  SZ (enum MHD_DigestAuthUsernameType, 4);
  SZ (enum MHD_DAuthBindNonce, 4);

  return failures ? 1 : 0;
}
