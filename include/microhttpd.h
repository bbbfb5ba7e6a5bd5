/*
 * microhttpd.h -- public C interface of microhttpd-rs
 *
 * microhttpd-rs is a re-implementation, in Rust, of the libmicrohttpd
 * (GNU) embedded HTTP server library.  The shared object it builds is
 * named libmicrohttpd.so.12 and is meant as a drop-in replacement:
 * programs written for libmicrohttpd 0.9.75 compile against this header
 * without changes, and binaries linked against the original run against
 * ours.  On top of the 0.9.75 interface the header declares the
 * functions, options and types that appeared in libmicrohttpd 1.0.
 *
 * This file was written for microhttpd-rs; only the names and numeric
 * values of the interface (which must match for compatibility) follow
 * the original library.
 *
 * Quick orientation:
 *   - a server is a `struct MHD_Daemon`, created by MHD_start_daemon()
 *     and destroyed by MHD_stop_daemon();
 *   - every HTTP request is handed to an MHD_AccessHandlerCallback,
 *     which answers it by queueing a `struct MHD_Response` with
 *     MHD_queue_response();
 *   - responses are reference counted: create, queue, then destroy
 *     your reference with MHD_destroy_response().
 *
 * Define MHD_NO_DEPRECATION before including this file to silence the
 * deprecation attributes put on old functions.
 */

#ifndef MHD_MICROHTTPD_H
#define MHD_MICROHTTPD_H

#ifdef __cplusplus
extern "C"
{
#endif


/* ====================================================================
 * Version
 * ==================================================================== */

/**
 * Interface version implemented, encoded as 0xMMmmppbb
 * (major, minor, patch, build).  We advertise 0.9.75: the interface of
 * Debian's libmicrohttpd12, plus the 1.0 additions declared below.
 */
#define MHD_VERSION 0x00097500


/* ====================================================================
 * System headers
 *
 * The prototypes below use va_list, size_t, ssize_t, intptr_t,
 * uint16_t/uint32_t/uint64_t, off_t, struct sockaddr, socklen_t and
 * fd_set.  A platform without the usual headers may provide these
 * itself and define MHD_PLATFORM_H before including this file.
 * ==================================================================== */

#ifndef MHD_PLATFORM_H
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#if ! defined(_WIN32) || defined(__CYGWIN__)
#include <unistd.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <sys/select.h>
#else
#include <ws2tcpip.h>
#if defined(_MSC_FULL_VER) && ! defined(_SSIZE_T_DEFINED)
#define _SSIZE_T_DEFINED
typedef intptr_t ssize_t;
#endif
#endif
#endif /* ! MHD_PLATFORM_H */


/* ====================================================================
 * Compiler helpers
 * ==================================================================== */

/* Enum annotations understood by clang; empty elsewhere. */
#ifdef __has_attribute
#if __has_attribute (flag_enum)
#define _MHD_FLAGS_ENUM __attribute__((flag_enum))
#endif
#if __has_attribute (enum_extensibility)
#define _MHD_FIXED_ENUM __attribute__((enum_extensibility (closed)))
#endif
#endif
#ifndef _MHD_FLAGS_ENUM
#define _MHD_FLAGS_ENUM
#endif
#ifndef _MHD_FIXED_ENUM
#define _MHD_FIXED_ENUM
#endif
#define _MHD_FIXED_FLAGS_ENUM _MHD_FIXED_ENUM _MHD_FLAGS_ENUM

/* Storage class of every exported function. */
#ifndef _MHD_EXTERN
#if defined(_WIN32) && defined(MHD_W32DLL) && ! defined(MHD_W32LIB)
#define _MHD_EXTERN __declspec(dllimport)
#else
#define _MHD_EXTERN extern
#endif
#endif

/*
 * Deprecation helpers.  Old constants are plain aliases here (no
 * warnings); old functions carry a "deprecated" attribute on compilers
 * that support it, unless MHD_NO_DEPRECATION is defined.
 */
#ifndef _MHD_DEPR_MACRO
#define _MHD_DEPR_MACRO(msg)
#endif
#ifndef _MHD_DEPR_IN_MACRO
#define _MHD_NO_DEPR_IN_MACRO 1
#define _MHD_DEPR_IN_MACRO(msg)
#endif
#ifndef _MHD_DEPR_FUNC
#if ! defined(MHD_NO_DEPRECATION) && \
  ((defined(__GNUC__) && __GNUC__ + 0 >= 5) || defined(__clang__))
#define _MHD_DEPR_FUNC(msg) __attribute__((deprecated (msg)))
#else
#define _MHD_NO_DEPR_FUNC 1
#define _MHD_DEPR_FUNC(msg)
#endif
#endif


/* ====================================================================
 * Basic types and special values
 * ==================================================================== */

/**
 * Boolean-like result returned by most functions and expected from most
 * callbacks.  MHD_YES means success / go on, MHD_NO failure / stop.
 */
enum MHD_Result
{
  MHD_NO = 0,
  MHD_YES = 1
} _MHD_FIXED_ENUM;

/** Returned by the old digest-auth checks when the nonce is invalid. */
#define MHD_INVALID_NONCE -1

/** Body size to use when the length of a response is not known. */
#ifdef UINT64_MAX
#define MHD_SIZE_UNKNOWN UINT64_MAX
#else
#define MHD_SIZE_UNKNOWN ((uint64_t) -1LL)
#endif

/** Content reader return value: the body is complete. */
#define MHD_CONTENT_READER_END_OF_STREAM ((ssize_t) -1)
/** Content reader return value: abort the connection. */
#define MHD_CONTENT_READER_END_WITH_ERROR ((ssize_t) -2)

/** Socket handle type: a file descriptor on POSIX systems. */
#ifndef MHD_SOCKET_DEFINED
#if ! defined(_WIN32) || defined(_SYS_TYPES_FD_SET)
#define MHD_POSIX_SOCKETS 1
typedef int MHD_socket;
#define MHD_INVALID_SOCKET (-1)
#else
#define MHD_WINSOCK_SOCKETS 1
#include <winsock2.h>
typedef SOCKET MHD_socket;
#define MHD_INVALID_SOCKET (INVALID_SOCKET)
#endif
#define MHD_SOCKET_DEFINED 1
#endif

/**
 * Integer type used by MHD_get_timeout().  Kept as macros for old code
 * that redefines them; MHD_LONG_LONG is the historic signed spelling.
 */
#ifndef MHD_LONG_LONG
#define MHD_LONG_LONG long long
#define MHD_UNSIGNED_LONG_LONG unsigned long long
#endif
#ifndef MHD_LONG_LONG_PRINTF
#define MHD_LONG_LONG_PRINTF "ll"
#define MHD_UNSIGNED_LONG_LONG_PRINTF "%llu"
#endif

/** Binary digest lengths, in bytes, of the supported hash functions. */
#define MHD_MD5_DIGEST_SIZE 16
#define MHD_SHA256_DIGEST_SIZE 32
#define MHD_SHA512_256_DIGEST_SIZE 32


/* ====================================================================
 * HTTP status codes (IANA registry), for MHD_queue_response()
 * ==================================================================== */

/* 1xx: informational */
#define MHD_HTTP_CONTINUE 100
#define MHD_HTTP_SWITCHING_PROTOCOLS 101
#define MHD_HTTP_PROCESSING 102
#define MHD_HTTP_EARLY_HINTS 103

/* 2xx: success */
#define MHD_HTTP_OK 200
#define MHD_HTTP_CREATED 201
#define MHD_HTTP_ACCEPTED 202
#define MHD_HTTP_NON_AUTHORITATIVE_INFORMATION 203
#define MHD_HTTP_NO_CONTENT 204
#define MHD_HTTP_RESET_CONTENT 205
#define MHD_HTTP_PARTIAL_CONTENT 206
#define MHD_HTTP_MULTI_STATUS 207
#define MHD_HTTP_ALREADY_REPORTED 208
#define MHD_HTTP_IM_USED 226

/* 3xx: redirection */
#define MHD_HTTP_MULTIPLE_CHOICES 300
#define MHD_HTTP_MOVED_PERMANENTLY 301
#define MHD_HTTP_FOUND 302
#define MHD_HTTP_SEE_OTHER 303
#define MHD_HTTP_NOT_MODIFIED 304
#define MHD_HTTP_USE_PROXY 305
#define MHD_HTTP_SWITCH_PROXY 306
#define MHD_HTTP_TEMPORARY_REDIRECT 307
#define MHD_HTTP_PERMANENT_REDIRECT 308

/* 4xx: client errors */
#define MHD_HTTP_BAD_REQUEST 400
#define MHD_HTTP_UNAUTHORIZED 401
#define MHD_HTTP_PAYMENT_REQUIRED 402
#define MHD_HTTP_FORBIDDEN 403
#define MHD_HTTP_NOT_FOUND 404
#define MHD_HTTP_METHOD_NOT_ALLOWED 405
#define MHD_HTTP_NOT_ACCEPTABLE 406
#define MHD_HTTP_PROXY_AUTHENTICATION_REQUIRED 407
#define MHD_HTTP_REQUEST_TIMEOUT 408
#define MHD_HTTP_CONFLICT 409
#define MHD_HTTP_GONE 410
#define MHD_HTTP_LENGTH_REQUIRED 411
#define MHD_HTTP_PRECONDITION_FAILED 412
#define MHD_HTTP_CONTENT_TOO_LARGE 413
#define MHD_HTTP_URI_TOO_LONG 414
#define MHD_HTTP_UNSUPPORTED_MEDIA_TYPE 415
#define MHD_HTTP_RANGE_NOT_SATISFIABLE 416
#define MHD_HTTP_EXPECTATION_FAILED 417
#define MHD_HTTP_MISDIRECTED_REQUEST 421
#define MHD_HTTP_UNPROCESSABLE_CONTENT 422
#define MHD_HTTP_LOCKED 423
#define MHD_HTTP_FAILED_DEPENDENCY 424
#define MHD_HTTP_TOO_EARLY 425
#define MHD_HTTP_UPGRADE_REQUIRED 426
#define MHD_HTTP_PRECONDITION_REQUIRED 428
#define MHD_HTTP_TOO_MANY_REQUESTS 429
#define MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE 431
#define MHD_HTTP_RETRY_WITH 449
#define MHD_HTTP_BLOCKED_BY_WINDOWS_PARENTAL_CONTROLS 450
#define MHD_HTTP_UNAVAILABLE_FOR_LEGAL_REASONS 451

/* 5xx: server errors */
#define MHD_HTTP_INTERNAL_SERVER_ERROR 500
#define MHD_HTTP_NOT_IMPLEMENTED 501
#define MHD_HTTP_BAD_GATEWAY 502
#define MHD_HTTP_SERVICE_UNAVAILABLE 503
#define MHD_HTTP_GATEWAY_TIMEOUT 504
#define MHD_HTTP_HTTP_VERSION_NOT_SUPPORTED 505
#define MHD_HTTP_VARIANT_ALSO_NEGOTIATES 506
#define MHD_HTTP_INSUFFICIENT_STORAGE 507
#define MHD_HTTP_LOOP_DETECTED 508
#define MHD_HTTP_BANDWIDTH_LIMIT_EXCEEDED 509
#define MHD_HTTP_NOT_EXTENDED 510
#define MHD_HTTP_NETWORK_AUTHENTICATION_REQUIRED 511

/* Older names of the codes above, kept so that old code still builds. */
#define MHD_HTTP_METHOD_NOT_ACCEPTABLE 406
#define MHD_HTTP_REQUEST_ENTITY_TOO_LARGE 413
#define MHD_HTTP_PAYLOAD_TOO_LARGE 413
#define MHD_HTTP_REQUEST_URI_TOO_LONG 414
#define MHD_HTTP_REQUESTED_RANGE_NOT_SATISFIABLE 416
#define MHD_HTTP_UNPROCESSABLE_ENTITY 422
#define MHD_HTTP_UNORDERED_COLLECTION 425
#define MHD_HTTP_NO_RESPONSE 444

/**
 * Standard reason phrase for an HTTP status code ("OK", "Not Found"...),
 * or "Unknown" when the code is not known.  Never NULL.
 */
_MHD_EXTERN const char *
MHD_get_reason_phrase_for (unsigned int code);

/** Length of the string MHD_get_reason_phrase_for() returns for @a code. */
_MHD_EXTERN size_t
MHD_get_reason_phrase_len_for (unsigned int code);

/**
 * OR this into the status code given to MHD_queue_response() to start the
 * reply with "ICY" (SHOUTcast) instead of "HTTP/1.x".
 */
#define MHD_ICY_FLAG ((uint32_t) (((uint32_t) 1) << 31))


/* ====================================================================
 * HTTP header field names (IANA message header registry), for the
 * header functions.  Header lookups are case-insensitive.
 * The set is the one of 0.9.75 plus the names added in 1.0.
 * ==================================================================== */

#define MHD_HTTP_HEADER_ACCEPT "Accept"
#define MHD_HTTP_HEADER_ACCEPT_ADDITIONS "Accept-Additions"
#define MHD_HTTP_HEADER_ACCEPT_CH "Accept-CH"
#define MHD_HTTP_HEADER_ACCEPT_CHARSET "Accept-Charset"
#define MHD_HTTP_HEADER_ACCEPT_DATETIME "Accept-Datetime"
#define MHD_HTTP_HEADER_ACCEPT_ENCODING "Accept-Encoding"
#define MHD_HTTP_HEADER_ACCEPT_FEATURES "Accept-Features"
#define MHD_HTTP_HEADER_ACCEPT_LANGUAGE "Accept-Language"
#define MHD_HTTP_HEADER_ACCEPT_PATCH "Accept-Patch"
#define MHD_HTTP_HEADER_ACCEPT_POST "Accept-Post"
#define MHD_HTTP_HEADER_ACCEPT_RANGES "Accept-Ranges"
#define MHD_HTTP_HEADER_ACCEPT_SIGNATURE "Accept-Signature"
#define MHD_HTTP_HEADER_ACCESS_CONTROL "Access-Control"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_CREDENTIALS \
  "Access-Control-Allow-Credentials"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_HEADERS \
  "Access-Control-Allow-Headers"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS \
  "Access-Control-Allow-Methods"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN \
  "Access-Control-Allow-Origin"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_EXPOSE_HEADERS \
  "Access-Control-Expose-Headers"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_MAX_AGE "Access-Control-Max-Age"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_REQUEST_HEADERS \
  "Access-Control-Request-Headers"
#define MHD_HTTP_HEADER_ACCESS_CONTROL_REQUEST_METHOD \
  "Access-Control-Request-Method"
#define MHD_HTTP_HEADER_AGE "Age"
#define MHD_HTTP_HEADER_ALLOW "Allow"
#define MHD_HTTP_HEADER_ALPN "ALPN"
#define MHD_HTTP_HEADER_ALTERNATES "Alternates"
#define MHD_HTTP_HEADER_ALT_SVC "Alt-Svc"
#define MHD_HTTP_HEADER_ALT_USED "Alt-Used"
#define MHD_HTTP_HEADER_AMP_CACHE_TRANSFORM "AMP-Cache-Transform"
#define MHD_HTTP_HEADER_APPLY_TO_REDIRECT_REF "Apply-To-Redirect-Ref"
#define MHD_HTTP_HEADER_ASTERISK "*"
#define MHD_HTTP_HEADER_AUTHENTICATION_CONTROL "Authentication-Control"
#define MHD_HTTP_HEADER_AUTHENTICATION_INFO "Authentication-Info"
#define MHD_HTTP_HEADER_AUTHORIZATION "Authorization"
#define MHD_HTTP_HEADER_A_IM "A-IM"

#define MHD_HTTP_HEADER_CACHE_CONTROL "Cache-Control"
#define MHD_HTTP_HEADER_CACHE_STATUS "Cache-Status"
#define MHD_HTTP_HEADER_CALDAV_TIMEZONES "CalDAV-Timezones"
#define MHD_HTTP_HEADER_CAL_MANAGED_ID "Cal-Managed-ID"
#define MHD_HTTP_HEADER_CAPSULE_PROTOCOL "Capsule-Protocol"
#define MHD_HTTP_HEADER_CDN_CACHE_CONTROL "CDN-Cache-Control"
#define MHD_HTTP_HEADER_CDN_LOOP "CDN-Loop"
#define MHD_HTTP_HEADER_CERT_NOT_AFTER "Cert-Not-After"
#define MHD_HTTP_HEADER_CERT_NOT_BEFORE "Cert-Not-Before"
#define MHD_HTTP_HEADER_CLEAR_SITE_DATA "Clear-Site-Data"
#define MHD_HTTP_HEADER_CLIENT_CERT "Client-Cert"
#define MHD_HTTP_HEADER_CLIENT_CERT_CHAIN "Client-Cert-Chain"
#define MHD_HTTP_HEADER_CLOSE "Close"
#define MHD_HTTP_HEADER_COMPLIANCE "Compliance"
#define MHD_HTTP_HEADER_CONFIGURATION_CONTEXT "Configuration-Context"
#define MHD_HTTP_HEADER_CONNECTION "Connection"
#define MHD_HTTP_HEADER_CONTENT_BASE "Content-Base"
#define MHD_HTTP_HEADER_CONTENT_DIGEST "Content-Digest"
#define MHD_HTTP_HEADER_CONTENT_DISPOSITION "Content-Disposition"
#define MHD_HTTP_HEADER_CONTENT_ENCODING "Content-Encoding"
#define MHD_HTTP_HEADER_CONTENT_ID "Content-ID"
#define MHD_HTTP_HEADER_CONTENT_LANGUAGE "Content-Language"
#define MHD_HTTP_HEADER_CONTENT_LENGTH "Content-Length"
#define MHD_HTTP_HEADER_CONTENT_LOCATION "Content-Location"
#define MHD_HTTP_HEADER_CONTENT_MD5 "Content-MD5"
#define MHD_HTTP_HEADER_CONTENT_RANGE "Content-Range"
#define MHD_HTTP_HEADER_CONTENT_SCRIPT_TYPE "Content-Script-Type"
#define MHD_HTTP_HEADER_CONTENT_SECURITY_POLICY "Content-Security-Policy"
#define MHD_HTTP_HEADER_CONTENT_SECURITY_POLICY_REPORT_ONLY \
  "Content-Security-Policy-Report-Only"
#define MHD_HTTP_HEADER_CONTENT_STYLE_TYPE "Content-Style-Type"
#define MHD_HTTP_HEADER_CONTENT_TRANSFER_ENCODING "Content-Transfer-Encoding"
#define MHD_HTTP_HEADER_CONTENT_TYPE "Content-Type"
#define MHD_HTTP_HEADER_CONTENT_VERSION "Content-Version"
#define MHD_HTTP_HEADER_COOKIE "Cookie"
#define MHD_HTTP_HEADER_COOKIE2 "Cookie2"
#define MHD_HTTP_HEADER_COST "Cost"
#define MHD_HTTP_HEADER_CROSS_ORIGIN_EMBEDDER_POLICY \
  "Cross-Origin-Embedder-Policy"
#define MHD_HTTP_HEADER_CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY \
  "Cross-Origin-Embedder-Policy-Report-Only"
#define MHD_HTTP_HEADER_CROSS_ORIGIN_OPENER_POLICY "Cross-Origin-Opener-Policy"
#define MHD_HTTP_HEADER_CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY \
  "Cross-Origin-Opener-Policy-Report-Only"
#define MHD_HTTP_HEADER_CROSS_ORIGIN_RESOURCE_POLICY \
  "Cross-Origin-Resource-Policy"
#define MHD_HTTP_HEADER_C_EXT "C-Ext"
#define MHD_HTTP_HEADER_C_MAN "C-Man"
#define MHD_HTTP_HEADER_C_OPT "C-Opt"
#define MHD_HTTP_HEADER_C_PEP "C-PEP"
#define MHD_HTTP_HEADER_C_PEP_INFO "C-PEP-Info"

#define MHD_HTTP_HEADER_DASL "DASL"
#define MHD_HTTP_HEADER_DATE "Date"
#define MHD_HTTP_HEADER_DAV "DAV"
#define MHD_HTTP_HEADER_DEFAULT_STYLE "Default-Style"
#define MHD_HTTP_HEADER_DELTA_BASE "Delta-Base"
#define MHD_HTTP_HEADER_DEPTH "Depth"
#define MHD_HTTP_HEADER_DERIVED_FROM "Derived-From"
#define MHD_HTTP_HEADER_DESTINATION "Destination"
#define MHD_HTTP_HEADER_DIFFERENTIAL_ID "Differential-ID"
#define MHD_HTTP_HEADER_DIGEST "Digest"
#define MHD_HTTP_HEADER_DPOP "DPoP"
#define MHD_HTTP_HEADER_DPOP_NONCE "DPoP-Nonce"

#define MHD_HTTP_HEADER_EARLY_DATA "Early-Data"
#define MHD_HTTP_HEADER_EDIINT_FEATURES "EDIINT-Features"
#define MHD_HTTP_HEADER_ETAG "ETag"
#define MHD_HTTP_HEADER_EXPECT "Expect"
#define MHD_HTTP_HEADER_EXPECT_CT "Expect-CT"
#define MHD_HTTP_HEADER_EXPIRES "Expires"
#define MHD_HTTP_HEADER_EXT "Ext"

#define MHD_HTTP_HEADER_FORWARDED "Forwarded"
#define MHD_HTTP_HEADER_FROM "From"

#define MHD_HTTP_HEADER_GETPROFILE "GetProfile"

#define MHD_HTTP_HEADER_HOBAREG "Hobareg"
#define MHD_HTTP_HEADER_HOST "Host"
#define MHD_HTTP_HEADER_HTTP2_SETTINGS "HTTP2-Settings"

#define MHD_HTTP_HEADER_IF "If"
#define MHD_HTTP_HEADER_IF_MATCH "If-Match"
#define MHD_HTTP_HEADER_IF_MODIFIED_SINCE "If-Modified-Since"
#define MHD_HTTP_HEADER_IF_NONE_MATCH "If-None-Match"
#define MHD_HTTP_HEADER_IF_RANGE "If-Range"
#define MHD_HTTP_HEADER_IF_SCHEDULE_TAG_MATCH "If-Schedule-Tag-Match"
#define MHD_HTTP_HEADER_IF_UNMODIFIED_SINCE "If-Unmodified-Since"
#define MHD_HTTP_HEADER_IM "IM"
#define MHD_HTTP_HEADER_INCLUDE_REFERRED_TOKEN_BINDING_ID \
  "Include-Referred-Token-Binding-ID"
#define MHD_HTTP_HEADER_ISOLATION "Isolation"

#define MHD_HTTP_HEADER_KEEP_ALIVE "Keep-Alive"

#define MHD_HTTP_HEADER_LABEL "Label"
#define MHD_HTTP_HEADER_LAST_EVENT_ID "Last-Event-ID"
#define MHD_HTTP_HEADER_LAST_MODIFIED "Last-Modified"
#define MHD_HTTP_HEADER_LINK "Link"
#define MHD_HTTP_HEADER_LOCATION "Location"
#define MHD_HTTP_HEADER_LOCK_TOKEN "Lock-Token"

#define MHD_HTTP_HEADER_MAN "Man"
#define MHD_HTTP_HEADER_MAX_FORWARDS "Max-Forwards"
#define MHD_HTTP_HEADER_MEMENTO_DATETIME "Memento-Datetime"
#define MHD_HTTP_HEADER_MESSAGE_ID "Message-ID"
#define MHD_HTTP_HEADER_METER "Meter"
#define MHD_HTTP_HEADER_METHOD_CHECK "Method-Check"
#define MHD_HTTP_HEADER_METHOD_CHECK_EXPIRES "Method-Check-Expires"
#define MHD_HTTP_HEADER_MIME_VERSION "MIME-Version"

#define MHD_HTTP_HEADER_NEGOTIATE "Negotiate"
#define MHD_HTTP_HEADER_NEL "NEL"
#define MHD_HTTP_HEADER_NON_COMPLIANCE "Non-Compliance"

#define MHD_HTTP_HEADER_ODATA_ENTITYID "OData-EntityId"
#define MHD_HTTP_HEADER_ODATA_ISOLATION "OData-Isolation"
#define MHD_HTTP_HEADER_ODATA_MAXVERSION "OData-MaxVersion"
#define MHD_HTTP_HEADER_ODATA_VERSION "OData-Version"
#define MHD_HTTP_HEADER_OPT "Opt"
#define MHD_HTTP_HEADER_OPTIONAL "Optional"
#define MHD_HTTP_HEADER_OPTIONAL_WWW_AUTHENTICATE "Optional-WWW-Authenticate"
#define MHD_HTTP_HEADER_ORDERING_TYPE "Ordering-Type"
#define MHD_HTTP_HEADER_ORIGIN "Origin"
#define MHD_HTTP_HEADER_ORIGIN_AGENT_CLUSTER "Origin-Agent-Cluster"
#define MHD_HTTP_HEADER_OSCORE "OSCORE"
#define MHD_HTTP_HEADER_OSLC_CORE_VERSION "OSLC-Core-Version"
#define MHD_HTTP_HEADER_OVERWRITE "Overwrite"

#define MHD_HTTP_HEADER_P3P "P3P"
#define MHD_HTTP_HEADER_PEP "PEP"
#define MHD_HTTP_HEADER_PEP_INFO "Pep-Info"
#define MHD_HTTP_HEADER_PERMISSIONS_POLICY "Permissions-Policy"
#define MHD_HTTP_HEADER_PICS_LABEL "PICS-Label"
#define MHD_HTTP_HEADER_PING_FROM "Ping-From"
#define MHD_HTTP_HEADER_PING_TO "Ping-To"
#define MHD_HTTP_HEADER_POSITION "Position"
#define MHD_HTTP_HEADER_PRAGMA "Pragma"
#define MHD_HTTP_HEADER_PREFER "Prefer"
#define MHD_HTTP_HEADER_PREFERENCE_APPLIED "Preference-Applied"
#define MHD_HTTP_HEADER_PRIORITY "Priority"
#define MHD_HTTP_HEADER_PROFILEOBJECT "ProfileObject"
#define MHD_HTTP_HEADER_PROTOCOL "Protocol"
#define MHD_HTTP_HEADER_PROTOCOL_INFO "Protocol-Info"
#define MHD_HTTP_HEADER_PROTOCOL_QUERY "Protocol-Query"
#define MHD_HTTP_HEADER_PROTOCOL_REQUEST "Protocol-Request"
#define MHD_HTTP_HEADER_PROXY_AUTHENTICATE "Proxy-Authenticate"
#define MHD_HTTP_HEADER_PROXY_AUTHENTICATION_INFO "Proxy-Authentication-Info"
#define MHD_HTTP_HEADER_PROXY_AUTHORIZATION "Proxy-Authorization"
#define MHD_HTTP_HEADER_PROXY_FEATURES "Proxy-Features"
#define MHD_HTTP_HEADER_PROXY_INSTRUCTION "Proxy-Instruction"
#define MHD_HTTP_HEADER_PROXY_STATUS "Proxy-Status"
#define MHD_HTTP_HEADER_PUBLIC "Public"
#define MHD_HTTP_HEADER_PUBLIC_KEY_PINS "Public-Key-Pins"
#define MHD_HTTP_HEADER_PUBLIC_KEY_PINS_REPORT_ONLY \
  "Public-Key-Pins-Report-Only"

#define MHD_HTTP_HEADER_RANGE "Range"
#define MHD_HTTP_HEADER_REDIRECT_REF "Redirect-Ref"
#define MHD_HTTP_HEADER_REFERER "Referer"
#define MHD_HTTP_HEADER_REFERER_ROOT "Referer-Root"
#define MHD_HTTP_HEADER_REFRESH "Refresh"
#define MHD_HTTP_HEADER_REPEATABILITY_CLIENT_ID "Repeatability-Client-ID"
#define MHD_HTTP_HEADER_REPEATABILITY_FIRST_SENT "Repeatability-First-Sent"
#define MHD_HTTP_HEADER_REPEATABILITY_REQUEST_ID "Repeatability-Request-ID"
#define MHD_HTTP_HEADER_REPEATABILITY_RESULT "Repeatability-Result"
#define MHD_HTTP_HEADER_REPLAY_NONCE "Replay-Nonce"
#define MHD_HTTP_HEADER_REPORTING_ENDPOINTS "Reporting-Endpoints"
#define MHD_HTTP_HEADER_REPR_DIGEST "Repr-Digest"
#define MHD_HTTP_HEADER_RESOLUTION_HINT "Resolution-Hint"
#define MHD_HTTP_HEADER_RESOLVER_LOCATION "Resolver-Location"
#define MHD_HTTP_HEADER_RETRY_AFTER "Retry-After"

#define MHD_HTTP_HEADER_SAFE "Safe"
#define MHD_HTTP_HEADER_SCHEDULE_REPLY "Schedule-Reply"
#define MHD_HTTP_HEADER_SCHEDULE_TAG "Schedule-Tag"
#define MHD_HTTP_HEADER_SECURITY_SCHEME "Security-Scheme"
#define MHD_HTTP_HEADER_SEC_GPC "Sec-GPC"
#define MHD_HTTP_HEADER_SEC_PURPOSE "Sec-Purpose"
#define MHD_HTTP_HEADER_SEC_TOKEN_BINDING "Sec-Token-Binding"
#define MHD_HTTP_HEADER_SEC_WEBSOCKET_ACCEPT "Sec-WebSocket-Accept"
#define MHD_HTTP_HEADER_SEC_WEBSOCKET_EXTENSIONS "Sec-WebSocket-Extensions"
#define MHD_HTTP_HEADER_SEC_WEBSOCKET_KEY "Sec-WebSocket-Key"
#define MHD_HTTP_HEADER_SEC_WEBSOCKET_PROTOCOL "Sec-WebSocket-Protocol"
#define MHD_HTTP_HEADER_SEC_WEBSOCKET_VERSION "Sec-WebSocket-Version"
#define MHD_HTTP_HEADER_SERVER "Server"
#define MHD_HTTP_HEADER_SERVER_TIMING "Server-Timing"
#define MHD_HTTP_HEADER_SETPROFILE "SetProfile"
#define MHD_HTTP_HEADER_SET_COOKIE "Set-Cookie"
#define MHD_HTTP_HEADER_SET_COOKIE2 "Set-Cookie2"
#define MHD_HTTP_HEADER_SIGNATURE "Signature"
#define MHD_HTTP_HEADER_SIGNATURE_INPUT "Signature-Input"
#define MHD_HTTP_HEADER_SLUG "SLUG"
#define MHD_HTTP_HEADER_SOAPACTION "SoapAction"
#define MHD_HTTP_HEADER_STATUS_URI "Status-URI"
#define MHD_HTTP_HEADER_STRICT_TRANSPORT_SECURITY "Strict-Transport-Security"
#define MHD_HTTP_HEADER_SUBOK "SubOK"
#define MHD_HTTP_HEADER_SUBST "Subst"
#define MHD_HTTP_HEADER_SUNSET "Sunset"
#define MHD_HTTP_HEADER_SURROGATE_CAPABILITY "Surrogate-Capability"
#define MHD_HTTP_HEADER_SURROGATE_CONTROL "Surrogate-Control"

#define MHD_HTTP_HEADER_TCN "TCN"
#define MHD_HTTP_HEADER_TE "TE"
#define MHD_HTTP_HEADER_TIMEOUT "Timeout"
#define MHD_HTTP_HEADER_TIMING_ALLOW_ORIGIN "Timing-Allow-Origin"
#define MHD_HTTP_HEADER_TITLE "Title"
#define MHD_HTTP_HEADER_TOPIC "Topic"
#define MHD_HTTP_HEADER_TRACEPARENT "Traceparent"
#define MHD_HTTP_HEADER_TRACESTATE "Tracestate"
#define MHD_HTTP_HEADER_TRAILER "Trailer"
#define MHD_HTTP_HEADER_TRANSFER_ENCODING "Transfer-Encoding"
#define MHD_HTTP_HEADER_TTL "TTL"

#define MHD_HTTP_HEADER_UA_COLOR "UA-Color"
#define MHD_HTTP_HEADER_UA_MEDIA "UA-Media"
#define MHD_HTTP_HEADER_UA_PIXELS "UA-Pixels"
#define MHD_HTTP_HEADER_UA_RESOLUTION "UA-Resolution"
#define MHD_HTTP_HEADER_UA_WINDOWPIXELS "UA-Windowpixels"
#define MHD_HTTP_HEADER_UPGRADE "Upgrade"
#define MHD_HTTP_HEADER_URGENCY "Urgency"
#define MHD_HTTP_HEADER_URI "URI"
#define MHD_HTTP_HEADER_USER_AGENT "User-Agent"

#define MHD_HTTP_HEADER_VARIANT_VARY "Variant-Vary"
#define MHD_HTTP_HEADER_VARY "Vary"
#define MHD_HTTP_HEADER_VERSION "Version"
#define MHD_HTTP_HEADER_VIA "Via"

#define MHD_HTTP_HEADER_WANT_CONTENT_DIGEST "Want-Content-Digest"
#define MHD_HTTP_HEADER_WANT_DIGEST "Want-Digest"
#define MHD_HTTP_HEADER_WANT_REPR_DIGEST "Want-Repr-Digest"
#define MHD_HTTP_HEADER_WARNING "Warning"
#define MHD_HTTP_HEADER_WWW_AUTHENTICATE "WWW-Authenticate"

#define MHD_HTTP_HEADER_X_CONTENT_TYPE_OPTIONS "X-Content-Type-Options"
#define MHD_HTTP_HEADER_X_DEVICE_ACCEPT "X-Device-Accept"
#define MHD_HTTP_HEADER_X_DEVICE_ACCEPT_CHARSET "X-Device-Accept-Charset"
#define MHD_HTTP_HEADER_X_DEVICE_ACCEPT_ENCODING "X-Device-Accept-Encoding"
#define MHD_HTTP_HEADER_X_DEVICE_ACCEPT_LANGUAGE "X-Device-Accept-Language"
#define MHD_HTTP_HEADER_X_DEVICE_USER_AGENT "X-Device-User-Agent"
#define MHD_HTTP_HEADER_X_FRAME_OPTIONS "X-Frame-Options"

/* ====================================================================
 * Protocol versions, request methods and POST encodings
 * ==================================================================== */

#define MHD_HTTP_VERSION_1_0 "HTTP/1.0"
#define MHD_HTTP_VERSION_1_1 "HTTP/1.1"
#define MHD_HTTP_POST_ENCODING_FORM_URLENCODED \
  "application/x-www-form-urlencoded"
#define MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA "multipart/form-data"

/* Request methods (IANA method registry). */
#define MHD_HTTP_METHOD_CONNECT "CONNECT"
#define MHD_HTTP_METHOD_DELETE "DELETE"
#define MHD_HTTP_METHOD_GET "GET"
#define MHD_HTTP_METHOD_HEAD "HEAD"
#define MHD_HTTP_METHOD_OPTIONS "OPTIONS"
#define MHD_HTTP_METHOD_POST "POST"
#define MHD_HTTP_METHOD_PUT "PUT"
#define MHD_HTTP_METHOD_TRACE "TRACE"
#define MHD_HTTP_METHOD_ASTERISK "*"
#define MHD_HTTP_METHOD_ACL "ACL"
#define MHD_HTTP_METHOD_BASELINE_CONTROL "BASELINE-CONTROL"
#define MHD_HTTP_METHOD_BIND "BIND"
#define MHD_HTTP_METHOD_CHECKIN "CHECKIN"
#define MHD_HTTP_METHOD_CHECKOUT "CHECKOUT"
#define MHD_HTTP_METHOD_COPY "COPY"
#define MHD_HTTP_METHOD_LABEL "LABEL"
#define MHD_HTTP_METHOD_LINK "LINK"
#define MHD_HTTP_METHOD_LOCK "LOCK"
#define MHD_HTTP_METHOD_MERGE "MERGE"
#define MHD_HTTP_METHOD_MKACTIVITY "MKACTIVITY"
#define MHD_HTTP_METHOD_MKCALENDAR "MKCALENDAR"
#define MHD_HTTP_METHOD_MKCOL "MKCOL"
#define MHD_HTTP_METHOD_MKREDIRECTREF "MKREDIRECTREF"
#define MHD_HTTP_METHOD_MKWORKSPACE "MKWORKSPACE"
#define MHD_HTTP_METHOD_MOVE "MOVE"
#define MHD_HTTP_METHOD_ORDERPATCH "ORDERPATCH"
#define MHD_HTTP_METHOD_PATCH "PATCH"
#define MHD_HTTP_METHOD_PRI "PRI"
#define MHD_HTTP_METHOD_PROPFIND "PROPFIND"
#define MHD_HTTP_METHOD_PROPPATCH "PROPPATCH"
#define MHD_HTTP_METHOD_REBIND "REBIND"
#define MHD_HTTP_METHOD_REPORT "REPORT"
#define MHD_HTTP_METHOD_SEARCH "SEARCH"
#define MHD_HTTP_METHOD_UNBIND "UNBIND"
#define MHD_HTTP_METHOD_UNCHECKOUT "UNCHECKOUT"
#define MHD_HTTP_METHOD_UNLINK "UNLINK"
#define MHD_HTTP_METHOD_UNLOCK "UNLOCK"
#define MHD_HTTP_METHOD_UPDATE "UPDATE"
#define MHD_HTTP_METHOD_UPDATEREDIRECTREF "UPDATEREDIRECTREF"
#define MHD_HTTP_METHOD_VERSION_CONTROL "VERSION-CONTROL"


/* ====================================================================
 * Opaque handles
 * ==================================================================== */

/** A running HTTP server. */
struct MHD_Daemon;

/** One client connection (and the request being processed on it). */
struct MHD_Connection;

/** A response body plus headers; can be queued on many connections. */
struct MHD_Response;

/** Incremental parser for url-encoded and multipart POST bodies. */
struct MHD_PostProcessor;


/* ====================================================================
 * Daemon flags: first argument of MHD_start_daemon(), OR-ed together
 * ==================================================================== */

enum MHD_FLAG
{
  /** Nothing special: external event loop, IPv4 only. */
  MHD_NO_FLAG = 0,

  /** Print error messages (via the logger, stderr by default). */
  MHD_USE_ERROR_LOG = 1,
  MHD_USE_DEBUG = 1,                /* old name */

  /** Serve HTTPS (needs key and certificate options). */
  MHD_USE_TLS = 2,
  MHD_USE_SSL = 2,                  /* old name */

  /** One thread per connection (needs the internal polling thread). */
  MHD_USE_THREAD_PER_CONNECTION = 4,

  /** Run the event loop in a thread owned by the daemon. */
  MHD_USE_INTERNAL_POLLING_THREAD = 8,
  MHD_USE_SELECT_INTERNALLY = 8,    /* old name */

  /** Listen on IPv6 instead of IPv4. */
  MHD_USE_IPv6 = 16,

  /** Be strict with client protocol violations (old; see the
      MHD_OPTION_STRICT_FOR_CLIENT option). */
  MHD_USE_PEDANTIC_CHECKS = 32,

  /** Use poll() instead of select(). */
  MHD_USE_POLL = 64,
  MHD_USE_POLL_INTERNAL_THREAD = MHD_USE_POLL | MHD_USE_INTERNAL_POLLING_THREAD,
  MHD_USE_POLL_INTERNALLY = MHD_USE_POLL | MHD_USE_INTERNAL_POLLING_THREAD,

  /** Do not send a "Date:" header (for systems without a clock). */
  MHD_USE_SUPPRESS_DATE_NO_CLOCK = 128,
  MHD_SUPPRESS_DATE_NO_CLOCK = 128,  /* old name */

  /** Create no listening socket: connections come only from
      MHD_add_connection(). */
  MHD_USE_NO_LISTEN_SOCKET = 256,

  /** Use Linux epoll. */
  MHD_USE_EPOLL = 512,
  MHD_USE_EPOLL_LINUX_ONLY = 512,   /* old name */
  MHD_USE_EPOLL_INTERNAL_THREAD = MHD_USE_EPOLL
                                  | MHD_USE_INTERNAL_POLLING_THREAD,
  MHD_USE_EPOLL_INTERNALLY = MHD_USE_EPOLL | MHD_USE_INTERNAL_POLLING_THREAD,
  MHD_USE_EPOLL_INTERNALLY_LINUX_ONLY = MHD_USE_EPOLL
                                        | MHD_USE_INTERNAL_POLLING_THREAD,

  /** Use an inter-thread channel (pipe/eventfd) to wake the event loop. */
  MHD_USE_ITC = 1024,
  MHD_USE_PIPE_FOR_SHUTDOWN = 1024, /* old name */

  /** Accept both IPv6 and IPv4 on one socket. */
  MHD_USE_DUAL_STACK = MHD_USE_IPv6 | 2048,

  /** Trade some robustness for speed (fewer system calls). */
  MHD_USE_TURBO = 4096,
  MHD_USE_EPOLL_TURBO = 4096,       /* old name */

  /** Allow MHD_suspend_connection() / MHD_resume_connection(). */
  MHD_ALLOW_SUSPEND_RESUME = 8192 | MHD_USE_ITC,
  MHD_USE_SUSPEND_RESUME = 8192 | MHD_USE_ITC,  /* old name */

  /** Enable TCP Fast Open on the listening socket. */
  MHD_USE_TCP_FASTOPEN = 16384,

  /** Allow responses made by MHD_create_response_for_upgrade(). */
  MHD_ALLOW_UPGRADE = 32768,

  /** Pick the best polling method of the platform. */
  MHD_USE_AUTO = 65536,
  MHD_USE_AUTO_INTERNAL_THREAD = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD,

  /** TLS: allow post-handshake client authentication (TLS 1.3). */
  MHD_USE_POST_HANDSHAKE_AUTH_SUPPORT = 1U << 17,

  /** TLS: accept 0-RTT early data (replay risk). */
  MHD_USE_INSECURE_TLS_EARLY_DATA = 1U << 18,

  /** (1.0) Promise that all calls on the daemon come from one thread,
      with the external event loop; lets the library skip locking. */
  MHD_USE_NO_THREAD_SAFETY = 1U << 19
};


/* ====================================================================
 * Callbacks used while configuring a daemon
 * ==================================================================== */

/** Log sink set with MHD_OPTION_EXTERNAL_LOGGER (printf-style). */
typedef void
(*MHD_LogCallback)(void *cls,
                   const char *fm,
                   va_list ap);

/**
 * TLS-PSK lookup (MHD_OPTION_GNUTLS_PSK_CRED_HANDLER): store a key
 * allocated with malloc() in *psk / *psk_size and return 0, or return
 * -1 when the user is unknown.
 */
typedef int
(*MHD_PskServerCredentialsCallback)(void *cls,
                                    const struct MHD_Connection *connection,
                                    const char *username,
                                    void **psk,
                                    size_t *psk_size);


/* ====================================================================
 * Daemon options: the variadic tail of MHD_start_daemon() is a list of
 * (option, argument...) pairs ended by MHD_OPTION_END.  The argument
 * types are given for each option; pass exactly those types.
 * ==================================================================== */

/**
 * (1.0) Values for MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE: what a digest
 * nonce is tied to, besides its creation time.  OR-able.
 */
enum MHD_DAuthBindNonce
{
  /** Nonce can be reused for any request (only time bound). */
  MHD_DAUTH_BIND_NONCE_NONE = 0,
  /** Nonce valid only for the realm it was issued for. */
  MHD_DAUTH_BIND_NONCE_REALM = 1 << 0,
  /** Nonce valid only for the same URI path. */
  MHD_DAUTH_BIND_NONCE_URI = 1 << 1,
  /** Nonce valid only for the same URI path and query arguments. */
  MHD_DAUTH_BIND_NONCE_URI_PARAMS = 1 << 2,
  /** Nonce valid only for the same client IP address. */
  MHD_DAUTH_BIND_NONCE_CLIENT_IP = 1 << 3
} _MHD_FIXED_FLAGS_ENUM;

enum MHD_OPTION
{
  /** Ends the option list. */
  MHD_OPTION_END = 0,
  /** size_t: memory pool size per connection. */
  MHD_OPTION_CONNECTION_MEMORY_LIMIT = 1,
  /** unsigned int: maximum number of concurrent connections. */
  MHD_OPTION_CONNECTION_LIMIT = 2,
  /** unsigned int: idle timeout in seconds (0 = none). */
  MHD_OPTION_CONNECTION_TIMEOUT = 3,
  /** MHD_RequestCompletedCallback, void *: called when a request ends. */
  MHD_OPTION_NOTIFY_COMPLETED = 4,
  /** unsigned int: maximum concurrent connections per client IP. */
  MHD_OPTION_PER_IP_CONNECTION_LIMIT = 5,
  /** const struct sockaddr *: address to bind to. */
  MHD_OPTION_SOCK_ADDR = 6,
  /** void *(*)(void *cls, const char *uri, struct MHD_Connection *),
      void *: sees the raw URI first; returns the initial *req_cls. */
  MHD_OPTION_URI_LOG_CALLBACK = 7,
  /** const char *: PEM private key (HTTPS). */
  MHD_OPTION_HTTPS_MEM_KEY = 8,
  /** const char *: PEM certificate (HTTPS). */
  MHD_OPTION_HTTPS_MEM_CERT = 9,
  /** int (gnutls_credentials_type_t): TLS credential type. */
  MHD_OPTION_HTTPS_CRED_TYPE = 10,
  /** const char *: GnuTLS priority string. */
  MHD_OPTION_HTTPS_PRIORITIES = 11,
  /** MHD_socket: use this already bound and listening socket. */
  MHD_OPTION_LISTEN_SOCKET = 12,
  /** MHD_LogCallback, void *: where error messages go. */
  MHD_OPTION_EXTERNAL_LOGGER = 13,
  /** unsigned int: number of worker threads (internal polling only). */
  MHD_OPTION_THREAD_POOL_SIZE = 14,
  /** struct MHD_OptionItem *: more options, as an array ended by
      MHD_OPTION_END. */
  MHD_OPTION_ARRAY = 15,
  /** size_t (*)(void *cls, struct MHD_Connection *, char *s), void *:
      custom in-place URI unescaping; returns the new length. */
  MHD_OPTION_UNESCAPE_CALLBACK = 16,
  /** size_t, const void *: random data for digest nonces; the buffer
      must outlive the daemon. */
  MHD_OPTION_DIGEST_AUTH_RANDOM = 17,
  /** unsigned int: size of the nonce/nc replay table. */
  MHD_OPTION_NONCE_NC_SIZE = 18,
  /** size_t: stack size of the daemon's threads (0 = default). */
  MHD_OPTION_THREAD_STACK_SIZE = 19,
  /** const char *: PEM CA certificate used to verify clients. */
  MHD_OPTION_HTTPS_MEM_TRUST = 20,
  /** size_t: step by which the read buffer grows. */
  MHD_OPTION_CONNECTION_MEMORY_INCREMENT = 21,
  /** gnutls_certificate_retrieve_function2 *: SNI certificate choice. */
  MHD_OPTION_HTTPS_CERT_CALLBACK = 22,
  /** unsigned int: TCP Fast Open queue length. */
  MHD_OPTION_TCP_FASTOPEN_QUEUE_SIZE = 23,
  /** const char *: PEM Diffie-Hellman parameters. */
  MHD_OPTION_HTTPS_MEM_DHPARAMS = 24,
  /** unsigned int: 1 = set SO_REUSEADDR/SO_REUSEPORT, 0 = forbid reuse. */
  MHD_OPTION_LISTENING_ADDRESS_REUSE = 25,
  /** const char *: password of the encrypted private key. */
  MHD_OPTION_HTTPS_KEY_PASSWORD = 26,
  /** MHD_NotifyConnectionCallback, void *: connection open/close. */
  MHD_OPTION_NOTIFY_CONNECTION = 27,
  /** unsigned int: listen() backlog. */
  MHD_OPTION_LISTEN_BACKLOG_SIZE = 28,
  /** int: >0 strict, 0 default, <0 lenient HTTP parsing. */
  MHD_OPTION_STRICT_FOR_CLIENT = 29,
  /** MHD_PskServerCredentialsCallback, void *: TLS-PSK keys. */
  MHD_OPTION_GNUTLS_PSK_CRED_HANDLER = 30,
  /** gnutls_certificate_retrieve_function3 *: certificate + OCSP. */
  MHD_OPTION_HTTPS_CERT_CALLBACK2 = 31,
  /** unsigned int (enum MHD_DisableSanityCheck): skip sanity checks. */
  MHD_OPTION_SERVER_INSANITY = 32,
  /** (no argument): the application handles SIGPIPE itself. */
  MHD_OPTION_SIGPIPE_HANDLED_BY_APP = 33,
  /** int: non-zero disables ALPN for TLS. */
  MHD_OPTION_TLS_NO_ALPN = 34,
  /** (1.0) size_t, const void *: like MHD_OPTION_DIGEST_AUTH_RANDOM but
      the data are copied. */
  MHD_OPTION_DIGEST_AUTH_RANDOM_COPY = 35,
  /** (1.0) unsigned int (enum MHD_DAuthBindNonce): nonce binding. */
  MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE = 36,
  /** (1.0) const char *: GnuTLS priorities appended to the defaults. */
  MHD_OPTION_HTTPS_PRIORITIES_APPEND = 37,
  /** (1.0) int: client discipline level, -3 (lenient) .. 3 (strict);
      replaces MHD_OPTION_STRICT_FOR_CLIENT. */
  MHD_OPTION_CLIENT_DISCIPLINE_LVL = 38,
  /** (1.0) int: FD_SETSIZE the application was built with. */
  MHD_OPTION_APP_FD_SETSIZE = 39,
  /** (1.0) socklen_t, const struct sockaddr *: address to bind to,
      with its length. */
  MHD_OPTION_SOCK_ADDR_LEN = 40,
  /** (1.0) unsigned int: default nonce timeout (s) for digest auth. */
  MHD_OPTION_DIGEST_AUTH_DEFAULT_NONCE_TIMEOUT = 41,
  /** (1.0) uint32_t: default maximum nc value for digest auth. */
  MHD_OPTION_DIGEST_AUTH_DEFAULT_MAX_NC = 42
} _MHD_FIXED_ENUM;

/** Argument of MHD_OPTION_SERVER_INSANITY. */
enum MHD_DisableSanityCheck
{
  /** Keep all checks. */
  MHD_DSC_SANE = 0
} _MHD_FIXED_FLAGS_ENUM;

/**
 * One entry of an MHD_OPTION_ARRAY list.  Integer arguments go in
 * @a value, pointer arguments in @a ptr_value; for options with two
 * arguments the first goes in @a value (or @a ptr_value for a callback)
 * and the second in @a ptr_value.
 */
struct MHD_OptionItem
{
  /** Which option; MHD_OPTION_END terminates the array. */
  enum MHD_OPTION option;
  /** Integer argument. */
  intptr_t value;
  /** Pointer argument. */
  void *ptr_value;
};


/* ====================================================================
 * Request data
 * ==================================================================== */

/** Where a key/value pair of a request comes from.  OR-able as a mask. */
enum MHD_ValueKind
{
  /** Unused (historic). */
  MHD_RESPONSE_HEADER_KIND = 0,
  /** Request header fields. */
  MHD_HEADER_KIND = 1,
  /** Cookies (parsed from the "Cookie:" header). */
  MHD_COOKIE_KIND = 2,
  /** POST data, only when delivered by a post processor. */
  MHD_POSTDATA_KIND = 4,
  /** Query string arguments of the URI. */
  MHD_GET_ARGUMENT_KIND = 8,
  /** Trailer fields after a chunked body. */
  MHD_FOOTER_KIND = 16
} _MHD_FIXED_ENUM;

/* The historic kind is also visible to #ifdef, as in the original. */
#define MHD_RESPONSE_HEADER_KIND MHD_RESPONSE_HEADER_KIND

/** Why a request ended; passed to MHD_RequestCompletedCallback. */
enum MHD_RequestTerminationCode
{
  /** Response sent completely. */
  MHD_REQUEST_TERMINATED_COMPLETED_OK = 0,
  /** Some error (e.g. the application returned MHD_NO). */
  MHD_REQUEST_TERMINATED_WITH_ERROR = 1,
  /** Idle timeout. */
  MHD_REQUEST_TERMINATED_TIMEOUT_REACHED = 2,
  /** The daemon is shutting down. */
  MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN = 3,
  /** Reading the request failed (e.g. malformed or too large). */
  MHD_REQUEST_TERMINATED_READ_ERROR = 4,
  /** The client closed the connection before the end. */
  MHD_REQUEST_TERMINATED_CLIENT_ABORT = 5
} _MHD_FIXED_ENUM;

/** Event given to MHD_NotifyConnectionCallback. */
enum MHD_ConnectionNotificationCode
{
  /** A new connection was accepted. */
  MHD_CONNECTION_NOTIFY_STARTED = 0,
  /** The connection is being closed. */
  MHD_CONNECTION_NOTIFY_CLOSED = 1
} _MHD_FIXED_ENUM;

/**
 * Result of MHD_get_connection_info(); which member is valid depends on
 * the requested enum MHD_ConnectionInfoType.
 */
union MHD_ConnectionInfo
{
  /** MHD_CONNECTION_INFO_CIPHER_ALGO (gnutls_cipher_algorithm_t). */
  int cipher_algorithm;
  /** MHD_CONNECTION_INFO_PROTOCOL (gnutls_protocol_t). */
  int protocol;
  /** MHD_CONNECTION_INFO_CONNECTION_SUSPENDED: MHD_YES if suspended. */
  int suspended;
  /** MHD_CONNECTION_INFO_CONNECTION_TIMEOUT, in seconds. */
  unsigned int connection_timeout;
  /** MHD_CONNECTION_INFO_HTTP_STATUS: status queued, 0 if none yet. */
  unsigned int http_status;
  /** MHD_CONNECTION_INFO_CONNECTION_FD. */
  MHD_socket connect_fd;
  /** MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE, in bytes. */
  size_t header_size;
  /** MHD_CONNECTION_INFO_GNUTLS_SESSION (gnutls_session_t). */
  void *tls_session;
  /** MHD_CONNECTION_INFO_GNUTLS_CLIENT_CERT (not implemented). */
  void *client_cert;
  /** MHD_CONNECTION_INFO_CLIENT_ADDRESS. */
  struct sockaddr *client_addr;
  /** MHD_CONNECTION_INFO_DAEMON. */
  struct MHD_Daemon *daemon;
  /** MHD_CONNECTION_INFO_SOCKET_CONTEXT: the per-socket pointer set by
      the MHD_NotifyConnectionCallback. */
  void *socket_context;
};

/** One piece of a response body for MHD_create_response_from_iovec(). */
struct MHD_IoVec
{
  /** Start of the data. */
  const void *iov_base;
  /** Number of bytes. */
  size_t iov_len;
};

/** What to ask MHD_get_connection_info() for. */
enum MHD_ConnectionInfoType
{
  MHD_CONNECTION_INFO_CIPHER_ALGO,
  MHD_CONNECTION_INFO_PROTOCOL,
  MHD_CONNECTION_INFO_CLIENT_ADDRESS,
  MHD_CONNECTION_INFO_GNUTLS_SESSION,
  MHD_CONNECTION_INFO_GNUTLS_CLIENT_CERT,
  MHD_CONNECTION_INFO_DAEMON,
  MHD_CONNECTION_INFO_CONNECTION_FD,
  MHD_CONNECTION_INFO_SOCKET_CONTEXT,
  MHD_CONNECTION_INFO_CONNECTION_SUSPENDED,
  MHD_CONNECTION_INFO_CONNECTION_TIMEOUT,
  MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE,
  MHD_CONNECTION_INFO_HTTP_STATUS
} _MHD_FIXED_ENUM;

/** What to ask MHD_get_daemon_info() for. */
enum MHD_DaemonInfoType
{
  /** TLS key size (not implemented). */
  MHD_DAEMON_INFO_KEY_SIZE,
  /** TLS MAC key size (not implemented). */
  MHD_DAEMON_INFO_MAC_KEY_SIZE,
  /** Listening socket. */
  MHD_DAEMON_INFO_LISTEN_FD,
  /** epoll descriptor (MHD_USE_EPOLL only). */
  MHD_DAEMON_INFO_EPOLL_FD_LINUX_ONLY,
  MHD_DAEMON_INFO_EPOLL_FD = MHD_DAEMON_INFO_EPOLL_FD_LINUX_ONLY,
  /** Number of open connections. */
  MHD_DAEMON_INFO_CURRENT_CONNECTIONS,
  /** Flags the daemon actually runs with. */
  MHD_DAEMON_INFO_FLAGS,
  /** Port the daemon listens on (useful after binding to port 0). */
  MHD_DAEMON_INFO_BIND_PORT
} _MHD_FIXED_ENUM;


/* ====================================================================
 * Application callbacks
 * ==================================================================== */

/**
 * Called on a fatal internal error (see MHD_set_panic_func()).  Must not
 * return; the default handler prints the reason and calls abort().
 */
typedef void
(*MHD_PanicCallback) (void *cls,
                      const char *file,
                      unsigned int line,
                      const char *reason);

/** Decide whether to accept a connection from @a addr (MHD_YES) or to
    close it at once (MHD_NO). */
typedef enum MHD_Result
(*MHD_AcceptPolicyCallback)(void *cls,
                            const struct sockaddr *addr,
                            socklen_t addrlen);

/**
 * Main request handler.  Called first when the headers of a request are
 * complete (*upload_data_size == 0, *con_cls == NULL), then once per
 * chunk of request body (set *upload_data_size to the number of bytes
 * NOT consumed, normally 0), and a last time with *upload_data_size == 0
 * when the body is complete.  *con_cls is a per-request pointer the
 * handler may set.  Queue a response to answer; returning MHD_NO closes
 * the connection.
 */
typedef enum MHD_Result
(*MHD_AccessHandlerCallback)(void *cls,
                             struct MHD_Connection *connection,
                             const char *url,
                             const char *method,
                             const char *version,
                             const char *upload_data,
                             size_t *upload_data_size,
                             void **con_cls);

/** Called once when a request ends, to release what *con_cls holds. */
typedef void
(*MHD_RequestCompletedCallback) (void *cls,
                                 struct MHD_Connection *connection,
                                 void **con_cls,
                                 enum MHD_RequestTerminationCode toe);

/** Called when a connection opens and when it closes; *socket_context
    is a per-connection pointer the application may set. */
typedef void
(*MHD_NotifyConnectionCallback) (void *cls,
                                 struct MHD_Connection *connection,
                                 void **socket_context,
                                 enum MHD_ConnectionNotificationCode toe);

/** Visitor for key/value pairs; return MHD_NO to stop the iteration. */
typedef enum MHD_Result
(*MHD_KeyValueIterator)(void *cls,
                        enum MHD_ValueKind kind,
                        const char *key,
                        const char *value);

/** Same as MHD_KeyValueIterator, with explicit lengths (binary safe). */
typedef enum MHD_Result
(*MHD_KeyValueIteratorN)(void *cls,
                         enum MHD_ValueKind kind,
                         const char *key,
                         size_t key_size,
                         const char *value,
                         size_t value_size);

/**
 * Produces response body data: write at most @a max bytes for body
 * offset @a pos into @a buf and return how many were written.  Return 0
 * to be called again later (only with an internal thread or after
 * suspend), MHD_CONTENT_READER_END_OF_STREAM at the end, or
 * MHD_CONTENT_READER_END_WITH_ERROR to abort.
 */
typedef ssize_t
(*MHD_ContentReaderCallback) (void *cls,
                              uint64_t pos,
                              char *buf,
                              size_t max);

/** Releases the closure of a content reader (or of a buffer). */
typedef void
(*MHD_ContentReaderFreeCallback) (void *cls);

/**
 * Receives decoded POST data from a post processor: one call per
 * piece of a field value, @a off being the offset of @a data within the
 * field.  Return MHD_NO to abort processing.
 */
typedef enum MHD_Result
(*MHD_PostDataIterator)(void *cls,
                        enum MHD_ValueKind kind,
                        const char *key,
                        const char *filename,
                        const char *content_type,
                        const char *transfer_encoding,
                        const char *data,
                        uint64_t off,
                        size_t size);


/* ====================================================================
 * Daemon life cycle and event loop
 * ==================================================================== */

/** MHD_start_daemon() with the option list given as a va_list. */
_MHD_EXTERN struct MHD_Daemon *
MHD_start_daemon_va (unsigned int flags,
                     uint16_t port,
                     MHD_AcceptPolicyCallback apc, void *apc_cls,
                     MHD_AccessHandlerCallback dh, void *dh_cls,
                     va_list ap);

/**
 * Start an HTTP server on @a port (0 = any free port) with the given
 * enum MHD_FLAG bits.  @a apc (may be NULL) filters clients, @a dh
 * handles requests.  The variadic tail is an option list ended by
 * MHD_OPTION_END.  Returns NULL on failure.
 */
_MHD_EXTERN struct MHD_Daemon *
MHD_start_daemon (unsigned int flags,
                  uint16_t port,
                  MHD_AcceptPolicyCallback apc, void *apc_cls,
                  MHD_AccessHandlerCallback dh, void *dh_cls,
                  ...);

/**
 * Stop accepting new connections; existing ones go on.  Returns the
 * listening socket, now owned by the caller (who must close it after
 * MHD_stop_daemon()), or MHD_INVALID_SOCKET.
 */
_MHD_EXTERN MHD_socket
MHD_quiesce_daemon (struct MHD_Daemon *daemon);

/** Close all connections, stop threads and free the daemon. */
_MHD_EXTERN void
MHD_stop_daemon (struct MHD_Daemon *daemon);

/**
 * Hand an already accepted client socket to the daemon, which takes
 * ownership of it (it is closed even on failure).
 */
_MHD_EXTERN enum MHD_Result
MHD_add_connection (struct MHD_Daemon *daemon,
                    MHD_socket client_socket,
                    const struct sockaddr *addr,
                    socklen_t addrlen);

/**
 * External select() loop: add the daemon's sockets to the sets and
 * raise *max_fd accordingly.  Assumes fd_set has the library's
 * FD_SETSIZE; prefer MHD_get_fdset2() (which the macro below uses).
 */
_MHD_EXTERN enum MHD_Result
MHD_get_fdset (struct MHD_Daemon *daemon,
               fd_set *read_fd_set,
               fd_set *write_fd_set,
               fd_set *except_fd_set,
               MHD_socket *max_fd);

/** MHD_get_fdset() for fd_sets sized @a fd_setsize. */
_MHD_EXTERN enum MHD_Result
MHD_get_fdset2 (struct MHD_Daemon *daemon,
                fd_set *read_fd_set,
                fd_set *write_fd_set,
                fd_set *except_fd_set,
                MHD_socket *max_fd,
                unsigned int fd_setsize);

/* Calls to MHD_get_fdset() pass the application's FD_SETSIZE along. */
#define MHD_get_fdset(daemon,read_fd_set,write_fd_set,except_fd_set,max_fd) \
  MHD_get_fdset2 ((daemon),(read_fd_set),(write_fd_set),(except_fd_set), \
                  (max_fd),FD_SETSIZE)

/**
 * External event loop: milliseconds until MHD_run() must be called
 * again.  MHD_NO means no timeout is needed (wait for socket activity
 * only).
 */
_MHD_EXTERN enum MHD_Result
MHD_get_timeout (struct MHD_Daemon *daemon,
                 MHD_UNSIGNED_LONG_LONG *timeout);

/** Free memory returned by the library (user names, auth info...). */
_MHD_EXTERN void
MHD_free (void *ptr);

/** (1.0) MHD_get_timeout() with a uint64_t result. */
_MHD_EXTERN enum MHD_Result
MHD_get_timeout64 (struct MHD_Daemon *daemon,
                   uint64_t *timeout);

/** (1.0) Timeout in milliseconds, or -1 when none is needed (also on
    error).  Capped at INT64_MAX. */
_MHD_EXTERN int64_t
MHD_get_timeout64s (struct MHD_Daemon *daemon);

/** (1.0) Timeout in milliseconds, or -1 when none is needed; capped at
    INT_MAX, ready for poll(). */
_MHD_EXTERN int
MHD_get_timeout_i (struct MHD_Daemon *daemon);

/**
 * External event loop: do all work that can be done without blocking
 * (accept, read, process, write, time out).  For select() loops,
 * MHD_run_from_select() is cheaper.
 */
_MHD_EXTERN enum MHD_Result
MHD_run (struct MHD_Daemon *daemon);

/**
 * Wait up to @a millisec ms (-1 = no limit, 0 = do not wait) for
 * activity on the daemon's sockets, then process it.
 */
_MHD_EXTERN enum MHD_Result
MHD_run_wait (struct MHD_Daemon *daemon,
              int32_t millisec);

/** Process the sockets that select() reported ready in the given sets. */
_MHD_EXTERN enum MHD_Result
MHD_run_from_select (struct MHD_Daemon *daemon,
                     const fd_set *read_fd_set,
                     const fd_set *write_fd_set,
                     const fd_set *except_fd_set);

/** (1.0) MHD_run_from_select() for fd_sets sized @a fd_setsize. */
_MHD_EXTERN enum MHD_Result
MHD_run_from_select2 (struct MHD_Daemon *daemon,
                      const fd_set *read_fd_set,
                      const fd_set *write_fd_set,
                      const fd_set *except_fd_set,
                      unsigned int fd_setsize);


/* ====================================================================
 * Reading a request
 * ==================================================================== */

/**
 * Call @a iterator (may be NULL, to just count) for every value of the
 * kinds in the @a kind mask.  Returns the number of values visited, or
 * -1 on error.
 */
_MHD_EXTERN int
MHD_get_connection_values (struct MHD_Connection *connection,
                           enum MHD_ValueKind kind,
                           MHD_KeyValueIterator iterator,
                           void *iterator_cls);

/** MHD_get_connection_values() with lengths given to the iterator. */
_MHD_EXTERN int
MHD_get_connection_values_n (struct MHD_Connection *connection,
                             enum MHD_ValueKind kind,
                             MHD_KeyValueIteratorN iterator,
                             void *iterator_cls);

/**
 * Add a key/value pair to the request (e.g. a decoded POST field).  The
 * strings are not copied and must stay valid until the request ends.
 */
_MHD_EXTERN enum MHD_Result
MHD_set_connection_value (struct MHD_Connection *connection,
                          enum MHD_ValueKind kind,
                          const char *key,
                          const char *value);

/** MHD_set_connection_value() with explicit lengths (binary safe). */
_MHD_EXTERN enum MHD_Result
MHD_set_connection_value_n (struct MHD_Connection *connection,
                            enum MHD_ValueKind kind,
                            const char *key,
                            size_t key_size,
                            const char *value,
                            size_t value_size);

/** Replace the fatal-error handler (NULL restores the default). */
_MHD_EXTERN void
MHD_set_panic_func (MHD_PanicCallback cb, void *cls);

/** Decode the %XX escapes of the string @a val in place; returns the
    new length. */
_MHD_EXTERN size_t
MHD_http_unescape (char *val);

/**
 * First value of @a key (case-insensitive for headers) among the kinds
 * in @a kind, or NULL.  The string lives as long as the request.
 */
_MHD_EXTERN const char *
MHD_lookup_connection_value (struct MHD_Connection *connection,
                             enum MHD_ValueKind kind,
                             const char *key);

/**
 * Binary-safe lookup: MHD_YES if found, with the value (may be NULL for
 * a key without value) and its length stored through the pointers
 * (each may be NULL).
 */
_MHD_EXTERN enum MHD_Result
MHD_lookup_connection_value_n (struct MHD_Connection *connection,
                               enum MHD_ValueKind kind,
                               const char *key,
                               size_t key_size,
                               const char **value_ptr,
                               size_t *value_size_ptr);

/**
 * Answer the current request with @a status_code and @a response.  The
 * response gets an extra reference; destroy yours when done with it.
 * Normally only allowed from the access handler (or while a connection
 * is suspended, before resuming it).
 */
_MHD_EXTERN enum MHD_Result
MHD_queue_response (struct MHD_Connection *connection,
                    unsigned int status_code,
                    struct MHD_Response *response);

/**
 * Stop processing a connection (no callbacks, no timeout) until
 * MHD_resume_connection().  Needs MHD_ALLOW_SUSPEND_RESUME.
 */
_MHD_EXTERN void
MHD_suspend_connection (struct MHD_Connection *connection);

/** Resume a suspended connection: its handler will be called again. */
_MHD_EXTERN void
MHD_resume_connection (struct MHD_Connection *connection);


/* ====================================================================
 * Creating responses
 * ==================================================================== */

/** Per-response behaviour flags (MHD_set_response_options(),
    MHD_create_response_empty()).  OR-able. */
enum MHD_ResponseFlags
{
  /** Default behaviour. */
  MHD_RF_NONE = 0,
  /** Only speak HTTP/1.0 semantics to the client (close after the
      reply, no chunked encoding). */
  MHD_RF_HTTP_1_0_COMPATIBLE_STRICT = 1 << 0,
  MHD_RF_HTTP_VERSION_1_0_ONLY = 1 << 0,
  /** Answer with "HTTP/1.0" in the status line. */
  MHD_RF_HTTP_1_0_SERVER = 1 << 1,
  MHD_RF_HTTP_VERSION_1_0_RESPONSE = 1 << 1,
  /** Let the application set its own "Content-Length:" header. */
  MHD_RF_INSANITY_HEADER_CONTENT_LENGTH = 1 << 2,
  /** Send "Connection: Keep-Alive" explicitly for HTTP/1.0 clients. */
  MHD_RF_SEND_KEEP_ALIVE_HEADER = 1 << 3,
  /** (1.0) Response to HEAD only: no body, size from headers. */
  MHD_RF_HEAD_ONLY_RESPONSE = 1 << 4
} _MHD_FIXED_FLAGS_ENUM;

/** Extra options of MHD_set_response_options(); none defined yet. */
enum MHD_ResponseOptions
{
  /** Ends the option list. */
  MHD_RO_END = 0
} _MHD_FIXED_ENUM;

/** Set the flags of @a response (replacing previous ones); the variadic
    tail is an option list ended by MHD_RO_END. */
_MHD_EXTERN enum MHD_Result
MHD_set_response_options (struct MHD_Response *response,
                          enum MHD_ResponseFlags flags,
                          ...);

/**
 * Response whose body is produced on demand by @a crc, in blocks of up
 * to @a block_size bytes.  @a size may be MHD_SIZE_UNKNOWN (chunked
 * encoding for HTTP/1.1).  @a crfc (may be NULL) frees @a crc_cls when
 * the response is destroyed.
 */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_callback (uint64_t size,
                                   size_t block_size,
                                   MHD_ContentReaderCallback crc, void *crc_cls,
                                   MHD_ContentReaderFreeCallback crfc);

/** Old buffer constructor: @a must_free hands @a data to free(),
    @a must_copy copies it.  Use MHD_create_response_from_buffer(). */
_MHD_DEPR_FUNC ("MHD_create_response_from_data() is deprecated, " \
                "use MHD_create_response_from_buffer()")
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_data (size_t size,
                               void *data,
                               int must_free,
                               int must_copy);

/** Ownership of the buffer given to MHD_create_response_from_buffer(). */
enum MHD_ResponseMemoryMode
{
  /** Buffer stays valid (and unchanged) as long as the response. */
  MHD_RESPMEM_PERSISTENT,
  /** Buffer comes from malloc(); the library will free() it. */
  MHD_RESPMEM_MUST_FREE,
  /** Buffer is copied at once; the caller keeps it. */
  MHD_RESPMEM_MUST_COPY
} _MHD_FIXED_ENUM;

/** Response with a body held in memory. */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_buffer (size_t size,
                                 void *buffer,
                                 enum MHD_ResponseMemoryMode mode);

/** (1.0) Response with a body in memory that outlives the response. */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_buffer_static (size_t size,
                                        const void *buffer);

/** (1.0) Response with a private copy of @a buffer as body. */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_buffer_copy (size_t size,
                                      const void *buffer);

/** Response with a body in memory released by @a crfc(buffer). */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_buffer_with_free_callback (size_t size,
                                                    void *buffer,
                                                    MHD_ContentReaderFreeCallback
                                                    crfc);

/** Response with a body in memory released by @a crfc(crfc_cls). */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_buffer_with_free_callback_cls (size_t size,
                                                        void *buffer,
                                                        MHD_ContentReaderFreeCallback
                                                        crfc,
                                                        void *crfc_cls);

/** Response sending the first @a size bytes of file @a fd (which the
    response owns and closes). */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_fd (size_t size,
                             int fd);

/** Response streaming everything read from pipe @a fd until EOF (the
    response owns and closes it). */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_pipe (int fd);

/** MHD_create_response_from_fd() with a 64-bit size. */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_fd64 (uint64_t size,
                               int fd);

/** Response sending @a size bytes of file @a fd from @a offset.  Calls
    in source code are redirected to the 64-bit variant by the macro
    below; the function itself stays exported for old binaries. */
_MHD_DEPR_FUNC ("Function MHD_create_response_from_fd_at_offset() is " \
                "deprecated, use MHD_create_response_from_fd_at_offset64()")
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_fd_at_offset (size_t size,
                                       int fd,
                                       off_t offset);

#define MHD_create_response_from_fd_at_offset(size,fd,offset) \
  MHD_create_response_from_fd_at_offset64 ((size),(fd),(offset))

/** Response sending @a size bytes of file @a fd from @a offset. */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_fd_at_offset64 (uint64_t size,
                                         int fd,
                                         uint64_t offset);

/**
 * Response whose body is the concatenation of @a iovcnt pieces.  The
 * pieces must stay valid until @a free_cb(@a cls) is called (if given).
 */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_from_iovec (const struct MHD_IoVec *iov,
                                unsigned int iovcnt,
                                MHD_ContentReaderFreeCallback free_cb,
                                void *cls);

/** (1.0) Response with an empty body and the given flags. */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_empty (enum MHD_ResponseFlags flags);


/* ====================================================================
 * Protocol upgrade ("101 Switching Protocols", e.g. WebSocket)
 * ==================================================================== */

/** Operations for MHD_upgrade_action(). */
enum MHD_UpgradeAction
{
  /** Done with the socket: the library closes it.  Must be called
      exactly once per upgraded connection. */
  MHD_UPGRADE_ACTION_CLOSE = 0,
  /** Buffer output (TCP cork) until CORK_OFF. */
  MHD_UPGRADE_ACTION_CORK_ON = 1,
  /** Flush and stop corking. */
  MHD_UPGRADE_ACTION_CORK_OFF = 2
} _MHD_FIXED_ENUM;

/** Handle of an upgraded connection. */
struct MHD_UpgradeResponseHandle;

/** Apply @a action to an upgraded connection. */
_MHD_EXTERN enum MHD_Result
MHD_upgrade_action (struct MHD_UpgradeResponseHandle *urh,
                    enum MHD_UpgradeAction action,
                    ...);

/**
 * Called after the 101 response was sent: the application now talks
 * directly on @a sock.  @a extra_in holds bytes the client already sent
 * after the request.  Finish with MHD_UPGRADE_ACTION_CLOSE on @a urh.
 */
typedef void
(*MHD_UpgradeHandler)(void *cls,
                      struct MHD_Connection *connection,
                      void *con_cls,
                      const char *extra_in,
                      size_t extra_in_size,
                      MHD_socket sock,
                      struct MHD_UpgradeResponseHandle *urh);

/** Response that upgrades the connection (queue it with status 101;
    needs MHD_ALLOW_UPGRADE and an "Upgrade:" header). */
_MHD_EXTERN struct MHD_Response *
MHD_create_response_for_upgrade (MHD_UpgradeHandler upgrade_handler,
                                 void *upgrade_handler_cls);


/* ====================================================================
 * Response headers and destruction
 * ==================================================================== */

/** Drop a reference to @a response; freed when no queued use is left. */
_MHD_EXTERN void
MHD_destroy_response (struct MHD_Response *response);

/** Add a header line (strings are copied).  MHD_NO on error or for
    headers the library manages itself. */
_MHD_EXTERN enum MHD_Result
MHD_add_response_header (struct MHD_Response *response,
                         const char *header,
                         const char *content);

/** Add a trailer line, sent after a chunked body. */
_MHD_EXTERN enum MHD_Result
MHD_add_response_footer (struct MHD_Response *response,
                         const char *footer,
                         const char *content);

/** Remove the header (or footer) with exactly this name and value. */
_MHD_EXTERN enum MHD_Result
MHD_del_response_header (struct MHD_Response *response,
                         const char *header,
                         const char *content);

/** Visit the headers of a response; returns how many were visited. */
_MHD_EXTERN int
MHD_get_response_headers (struct MHD_Response *response,
                          MHD_KeyValueIterator iterator,
                          void *iterator_cls);

/** Value of the first response header named @a key
    (case-insensitive), or NULL. */
_MHD_EXTERN const char *
MHD_get_response_header (struct MHD_Response *response,
                         const char *key);


/* ====================================================================
 * POST body parsing
 * ==================================================================== */

/**
 * Parser for the body of the current request, chosen from its
 * "Content-Type:" (url-encoded or multipart/form-data; NULL for any
 * other type).  @a buffer_size (at least 256) bounds the memory used
 * per field piece; @a iter receives the fields.
 */
_MHD_EXTERN struct MHD_PostProcessor *
MHD_create_post_processor (struct MHD_Connection *connection,
                           size_t buffer_size,
                           MHD_PostDataIterator iter, void *iter_cls);

/** Feed the next @a post_data_len bytes of body.  MHD_NO on a parse
    error or when the iterator asked to stop. */
_MHD_EXTERN enum MHD_Result
MHD_post_process (struct MHD_PostProcessor *pp,
                  const char *post_data,
                  size_t post_data_len);

/** Flush the last field and free the parser.  MHD_NO if the body was
    incomplete or malformed. */
_MHD_EXTERN enum MHD_Result
MHD_destroy_post_processor (struct MHD_PostProcessor *pp);


/* ====================================================================
 * HTTP authentication: digest (RFC 7616) -- 1.0 interface
 * ==================================================================== */

/** (1.0) Hash functions usable by digest authentication (bit values). */
enum MHD_DigestBaseAlgo
{
  MHD_DIGEST_BASE_ALGO_INVALID = 0,
  MHD_DIGEST_BASE_ALGO_MD5 = (1 << 0),
  MHD_DIGEST_BASE_ALGO_SHA256 = (1 << 1),
  MHD_DIGEST_BASE_ALGO_SHA512_256 = (1 << 2)
} _MHD_FIXED_FLAGS_ENUM;

/** (1.0) Bit marking the plain algorithm variants. */
#define MHD_DIGEST_AUTH_ALGO3_NON_SESSION (1 << 6)
/** (1.0) Bit marking the "-sess" algorithm variants. */
#define MHD_DIGEST_AUTH_ALGO3_SESSION (1 << 7)

/** (1.0) One digest algorithm: hash function plus session variant. */
enum MHD_DigestAuthAlgo3
{
  MHD_DIGEST_AUTH_ALGO3_INVALID = 0,
  MHD_DIGEST_AUTH_ALGO3_MD5 =
    MHD_DIGEST_BASE_ALGO_MD5 | MHD_DIGEST_AUTH_ALGO3_NON_SESSION,
  MHD_DIGEST_AUTH_ALGO3_MD5_SESSION =
    MHD_DIGEST_BASE_ALGO_MD5 | MHD_DIGEST_AUTH_ALGO3_SESSION,
  MHD_DIGEST_AUTH_ALGO3_SHA256 =
    MHD_DIGEST_BASE_ALGO_SHA256 | MHD_DIGEST_AUTH_ALGO3_NON_SESSION,
  MHD_DIGEST_AUTH_ALGO3_SHA256_SESSION =
    MHD_DIGEST_BASE_ALGO_SHA256 | MHD_DIGEST_AUTH_ALGO3_SESSION,
  MHD_DIGEST_AUTH_ALGO3_SHA512_256 =
    MHD_DIGEST_BASE_ALGO_SHA512_256 | MHD_DIGEST_AUTH_ALGO3_NON_SESSION,
  MHD_DIGEST_AUTH_ALGO3_SHA512_256_SESSION =
    MHD_DIGEST_BASE_ALGO_SHA512_256 | MHD_DIGEST_AUTH_ALGO3_SESSION
} _MHD_FIXED_ENUM;

/** (1.0) Digest length in bytes of @a algo3's hash, 0 if invalid. */
_MHD_EXTERN size_t
MHD_digest_get_hash_size (enum MHD_DigestAuthAlgo3 algo3);

/** (1.0) Set of acceptable digest algorithms (OR of the above). */
enum MHD_DigestAuthMultiAlgo3
{
  MHD_DIGEST_AUTH_MULT_ALGO3_INVALID = MHD_DIGEST_AUTH_ALGO3_INVALID,
  MHD_DIGEST_AUTH_MULT_ALGO3_MD5 = MHD_DIGEST_AUTH_ALGO3_MD5,
  MHD_DIGEST_AUTH_MULT_ALGO3_MD5_SESSION = MHD_DIGEST_AUTH_ALGO3_MD5_SESSION,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA256 = MHD_DIGEST_AUTH_ALGO3_SHA256,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA256_SESSION =
    MHD_DIGEST_AUTH_ALGO3_SHA256_SESSION,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256 = MHD_DIGEST_AUTH_ALGO3_SHA512_256,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256_SESSION =
    MHD_DIGEST_AUTH_ALGO3_SHA512_256_SESSION,
  /** Any SHA variant, non-session. */
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_NON_SESSION =
    MHD_DIGEST_AUTH_ALGO3_SHA256 | MHD_DIGEST_AUTH_ALGO3_SHA512_256,
  /** Any hash, non-session. */
  MHD_DIGEST_AUTH_MULT_ALGO3_ANY_NON_SESSION =
    (0x3F) | MHD_DIGEST_AUTH_ALGO3_NON_SESSION,
  /** Any SHA variant, session. */
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_SESSION =
    MHD_DIGEST_AUTH_ALGO3_SHA256_SESSION
    | MHD_DIGEST_AUTH_ALGO3_SHA512_256_SESSION,
  /** Any hash, session. */
  MHD_DIGEST_AUTH_MULT_ALGO3_ANY_SESSION =
    (0x3F) | MHD_DIGEST_AUTH_ALGO3_SESSION,
  MHD_DIGEST_AUTH_MULT_ALGO3_MD5_ANY =
    MHD_DIGEST_AUTH_MULT_ALGO3_MD5 | MHD_DIGEST_AUTH_MULT_ALGO3_MD5_SESSION,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA256_ANY =
    MHD_DIGEST_AUTH_MULT_ALGO3_SHA256
    | MHD_DIGEST_AUTH_MULT_ALGO3_SHA256_SESSION,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256_ANY =
    MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256
    | MHD_DIGEST_AUTH_MULT_ALGO3_SHA512_256_SESSION,
  MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_ANY =
    MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_NON_SESSION
    | MHD_DIGEST_AUTH_MULT_ALGO3_SHA_ANY_SESSION,
  /** Anything. */
  MHD_DIGEST_AUTH_MULT_ALGO3_ANY =
    (0x3F) | MHD_DIGEST_AUTH_ALGO3_NON_SESSION | MHD_DIGEST_AUTH_ALGO3_SESSION
} _MHD_FIXED_FLAGS_ENUM;

/**
 * (1.0) Binary "userhash" H(username ":" realm) for @a algo3, written to
 * @a userhash_bin (@a bin_buf_size must be at least the hash size).
 */
_MHD_EXTERN enum MHD_Result
MHD_digest_auth_calc_userhash (enum MHD_DigestAuthAlgo3 algo3,
                               const char *username,
                               const char *realm,
                               void *userhash_bin,
                               size_t bin_buf_size);

/** (1.0) Same as MHD_digest_auth_calc_userhash(), as a NUL-terminated
    lower-case hex string (buffer: 2 * hash size + 1). */
_MHD_EXTERN enum MHD_Result
MHD_digest_auth_calc_userhash_hex (enum MHD_DigestAuthAlgo3 algo3,
                                   const char *username,
                                   const char *realm,
                                   char *userhash_hex,
                                   size_t hex_buf_size);

/** (1.0) How the client sent the user name. */
enum MHD_DigestAuthUsernameType
{
  /** No user name at all. */
  MHD_DIGEST_AUTH_UNAME_TYPE_MISSING = 0,
  /** Plain "username" parameter. */
  MHD_DIGEST_AUTH_UNAME_TYPE_STANDARD = (1 << 2),
  /** RFC 5987 extended "username*" parameter (decoded). */
  MHD_DIGEST_AUTH_UNAME_TYPE_EXTENDED = (1 << 3),
  /** "userhash=true": the user name is a hex userhash. */
  MHD_DIGEST_AUTH_UNAME_TYPE_USERHASH = (1 << 1),
  /** Broken or contradictory user name parameters. */
  MHD_DIGEST_AUTH_UNAME_TYPE_INVALID = (1 << 0)
} _MHD_FIXED_ENUM;

/** (1.0) Quality of protection used by the client. */
enum MHD_DigestAuthQOP
{
  MHD_DIGEST_AUTH_QOP_INVALID = 0,
  /** No qop (RFC 2069 style). */
  MHD_DIGEST_AUTH_QOP_NONE = 1 << 0,
  /** qop=auth */
  MHD_DIGEST_AUTH_QOP_AUTH = 1 << 1,
  /** qop=auth-int (not supported for checking). */
  MHD_DIGEST_AUTH_QOP_AUTH_INT = 1 << 2
} _MHD_FIXED_FLAGS_ENUM;

/** (1.0) Set of acceptable qop values. */
enum MHD_DigestAuthMultiQOP
{
  MHD_DIGEST_AUTH_MULT_QOP_INVALID = MHD_DIGEST_AUTH_QOP_INVALID,
  MHD_DIGEST_AUTH_MULT_QOP_NONE = MHD_DIGEST_AUTH_QOP_NONE,
  MHD_DIGEST_AUTH_MULT_QOP_AUTH = MHD_DIGEST_AUTH_QOP_AUTH,
  MHD_DIGEST_AUTH_MULT_QOP_AUTH_INT = MHD_DIGEST_AUTH_QOP_AUTH_INT,
  MHD_DIGEST_AUTH_MULT_QOP_ANY_NON_INT =
    MHD_DIGEST_AUTH_QOP_NONE | MHD_DIGEST_AUTH_QOP_AUTH,
  MHD_DIGEST_AUTH_MULT_QOP_AUTH_ANY =
    MHD_DIGEST_AUTH_QOP_AUTH | MHD_DIGEST_AUTH_QOP_AUTH_INT
} _MHD_FIXED_FLAGS_ENUM;

/** (1.0) Value of MHD_DigestAuthInfo.nc when the client sent none or an
    invalid one. */
#define MHD_DIGEST_AUTH_INVALID_NC_VALUE (0)

/**
 * (1.0) Parameters of the client's "Authorization: Digest" header, as
 * returned by MHD_digest_auth_get_request_info3().  Strings are
 * NUL-terminated and decoded; absent items are NULL / 0.
 */
struct MHD_DigestAuthInfo
{
  /** Algorithm the client used. */
  enum MHD_DigestAuthAlgo3 algo3;
  /** Form of the user name. */
  enum MHD_DigestAuthUsernameType uname_type;
  /** User name (standard or extended type). */
  char *username;
  /** Length of @a username. */
  size_t username_len;
  /** Userhash as hex (userhash type). */
  char *userhash_hex;
  /** Length of @a userhash_hex. */
  size_t userhash_hex_len;
  /** Userhash decoded to binary, digest size long (userhash type). */
  uint8_t *userhash_bin;
  /** "opaque" parameter. */
  char *opaque;
  /** Length of @a opaque. */
  size_t opaque_len;
  /** "realm" parameter. */
  char *realm;
  /** Length of @a realm. */
  size_t realm_len;
  /** "qop" parameter. */
  enum MHD_DigestAuthQOP qop;
  /** Length of the "cnonce" parameter (0 if absent). */
  size_t cnonce_len;
  /** "nc" parameter, or MHD_DIGEST_AUTH_INVALID_NC_VALUE. */
  uint32_t nc;
};

/** (1.0) Parse the client's digest header; NULL when there is none or
    it is broken.  Free the result with MHD_free(). */
_MHD_EXTERN struct MHD_DigestAuthInfo *
MHD_digest_auth_get_request_info3 (struct MHD_Connection *connection);

/** (1.0) The user-identifying subset of struct MHD_DigestAuthInfo. */
struct MHD_DigestAuthUsernameInfo
{
  enum MHD_DigestAuthAlgo3 algo3;
  enum MHD_DigestAuthUsernameType uname_type;
  char *username;
  size_t username_len;
  char *userhash_hex;
  size_t userhash_hex_len;
  uint8_t *userhash_bin;
};

/** (1.0) User name (or userhash) sent by the client; NULL if missing or
    invalid.  Free the result with MHD_free(). */
_MHD_EXTERN struct MHD_DigestAuthUsernameInfo *
MHD_digest_auth_get_username3 (struct MHD_Connection *connection);

/** (1.0) Outcome of the *3 digest checks: 1 = success, <= 0 failure. */
enum MHD_DigestAuthResult
{
  /** Credentials are valid. */
  MHD_DAUTH_OK = 1,
  /** Internal error (e.g. out of memory). */
  MHD_DAUTH_ERROR = 0,
  /** No digest header, or a malformed one. */
  MHD_DAUTH_WRONG_HEADER = -1,
  /** Different user name. */
  MHD_DAUTH_WRONG_USERNAME = -2,
  /** Different realm. */
  MHD_DAUTH_WRONG_REALM = -3,
  /** The "uri" parameter does not match the request. */
  MHD_DAUTH_WRONG_URI = -4,
  /** qop not allowed. */
  MHD_DAUTH_WRONG_QOP = -5,
  /** Algorithm not allowed. */
  MHD_DAUTH_WRONG_ALGO = -6,
  /** Parameters too large to process. */
  MHD_DAUTH_TOO_LARGE = -15,
  /** Nonce too old: ask again with stale=true. */
  MHD_DAUTH_NONCE_STALE = -17,
  /** Nonce issued for other conditions (URI, client...); ask again. */
  MHD_DAUTH_NONCE_OTHER_COND = -18,
  /** Nonce not issued by this daemon, or reused. */
  MHD_DAUTH_NONCE_WRONG = -33,
  /** Wrong response hash: bad password. */
  MHD_DAUTH_RESPONSE_WRONG = -34
};

/**
 * (1.0) Check the client's digest credentials against @a password.
 * @a nonce_timeout 0 and @a max_nc 0 mean the daemon's defaults; @a mqop
 * and @a malgo3 give what is accepted.
 */
_MHD_EXTERN enum MHD_DigestAuthResult
MHD_digest_auth_check3 (struct MHD_Connection *connection,
                        const char *realm,
                        const char *username,
                        const char *password,
                        unsigned int nonce_timeout,
                        uint32_t max_nc,
                        enum MHD_DigestAuthMultiQOP mqop,
                        enum MHD_DigestAuthMultiAlgo3 malgo3);

/** (1.0) Pre-computed H(username ":" realm ":" password) for @a algo3,
    usable with MHD_digest_auth_check_digest3(). */
_MHD_EXTERN enum MHD_Result
MHD_digest_auth_calc_userdigest (enum MHD_DigestAuthAlgo3 algo3,
                                 const char *username,
                                 const char *realm,
                                 const char *password,
                                 void *userdigest_bin,
                                 size_t bin_buf_size);

/** (1.0) MHD_digest_auth_check3() with a pre-computed user digest in
    place of the password. */
_MHD_EXTERN enum MHD_DigestAuthResult
MHD_digest_auth_check_digest3 (struct MHD_Connection *connection,
                               const char *realm,
                               const char *username,
                               const void *userdigest,
                               size_t userdigest_size,
                               unsigned int nonce_timeout,
                               uint32_t max_nc,
                               enum MHD_DigestAuthMultiQOP mqop,
                               enum MHD_DigestAuthMultiAlgo3 malgo3);

/**
 * (1.0) Queue @a response as "401 Unauthorized" with a
 * "WWW-Authenticate: Digest" challenge (one per allowed algorithm).
 * @a opaque and @a domain may be NULL; @a signal_stale adds
 * stale=true; @a userhash_support and @a prefer_utf8 add the matching
 * challenge parameters.
 */
_MHD_EXTERN enum MHD_Result
MHD_queue_auth_required_response3 (struct MHD_Connection *connection,
                                   const char *realm,
                                   const char *opaque,
                                   const char *domain,
                                   struct MHD_Response *response,
                                   int signal_stale,
                                   enum MHD_DigestAuthMultiQOP mqop,
                                   enum MHD_DigestAuthMultiAlgo3 algo,
                                   int userhash_support,
                                   int prefer_utf8);


/* ====================================================================
 * HTTP authentication: digest -- 0.9 interface
 * ==================================================================== */

/** User name from the client's digest header, or NULL.  Free with
    MHD_free(). */
_MHD_EXTERN char *
MHD_digest_auth_get_username (struct MHD_Connection *connection);

/** Algorithm choice for the 0.9 digest functions. */
enum MHD_DigestAuthAlgorithm
{
  /** The library picks: SHA-256 (as 0.9.75 documents). */
  MHD_DIGEST_ALG_AUTO = 0,
  MHD_DIGEST_ALG_MD5,
  MHD_DIGEST_ALG_SHA256
} _MHD_FIXED_ENUM;

/** Check digest credentials: MHD_YES, MHD_NO, or MHD_INVALID_NONCE
    (stale or unknown nonce: challenge again with signal_stale). */
_MHD_EXTERN int
MHD_digest_auth_check2 (struct MHD_Connection *connection,
                        const char *realm,
                        const char *username,
                        const char *password,
                        unsigned int nonce_timeout,
                        enum MHD_DigestAuthAlgorithm algo);

/** MHD_digest_auth_check2() with MD5. */
_MHD_EXTERN int
MHD_digest_auth_check (struct MHD_Connection *connection,
                       const char *realm,
                       const char *username,
                       const char *password,
                       unsigned int nonce_timeout);

/** MHD_digest_auth_check2() with a pre-computed H(user:realm:pass). */
_MHD_EXTERN int
MHD_digest_auth_check_digest2 (struct MHD_Connection *connection,
                               const char *realm,
                               const char *username,
                               const uint8_t *digest,
                               size_t digest_size,
                               unsigned int nonce_timeout,
                               enum MHD_DigestAuthAlgorithm algo);

/** MHD_digest_auth_check_digest2() with MD5. */
_MHD_EXTERN int
MHD_digest_auth_check_digest (struct MHD_Connection *connection,
                              const char *realm,
                              const char *username,
                              const uint8_t digest[MHD_MD5_DIGEST_SIZE],
                              unsigned int nonce_timeout);

/** Queue @a response as 401 with a "WWW-Authenticate: Digest"
    challenge for @a algo. */
_MHD_EXTERN enum MHD_Result
MHD_queue_auth_fail_response2 (struct MHD_Connection *connection,
                               const char *realm,
                               const char *opaque,
                               struct MHD_Response *response,
                               int signal_stale,
                               enum MHD_DigestAuthAlgorithm algo);

/** MHD_queue_auth_fail_response2() with MD5. */
_MHD_EXTERN enum MHD_Result
MHD_queue_auth_fail_response (struct MHD_Connection *connection,
                              const char *realm,
                              const char *opaque,
                              struct MHD_Response *response,
                              int signal_stale);


/* ====================================================================
 * HTTP authentication: basic (RFC 7617)
 * ==================================================================== */

/** (1.0) Decoded "Authorization: Basic" credentials.  The strings are
    NUL-terminated; @a password is NULL when no ':' was present. */
struct MHD_BasicAuthInfo
{
  char *username;
  size_t username_len;
  char *password;
  size_t password_len;
};

/** (1.0) Decode the client's basic credentials; NULL if absent or
    malformed.  Free the result (one block) with MHD_free(). */
_MHD_EXTERN struct MHD_BasicAuthInfo *
MHD_basic_auth_get_username_password3 (struct MHD_Connection *connection);

/** (1.0) Queue @a response as 401 with a "WWW-Authenticate: Basic"
    challenge for @a realm (adding charset="UTF-8" if @a prefer_utf8). */
_MHD_EXTERN enum MHD_Result
MHD_queue_basic_auth_required_response3 (struct MHD_Connection *connection,
                                         const char *realm,
                                         int prefer_utf8,
                                         struct MHD_Response *response);

/** User name of the client's basic credentials (NULL if none); the
    password is stored in *password when that is not NULL.  Free both
    with MHD_free(). */
_MHD_EXTERN char *
MHD_basic_auth_get_username_password (struct MHD_Connection *connection,
                                      char **password);

/** Queue @a response as 401 with a "WWW-Authenticate: Basic" challenge. */
_MHD_EXTERN enum MHD_Result
MHD_queue_basic_auth_fail_response (struct MHD_Connection *connection,
                                    const char *realm,
                                    struct MHD_Response *response);


/* ====================================================================
 * Introspection and per-connection settings
 * ==================================================================== */

/** Information about a connection, or NULL if not available.  Valid
    until the connection ends (or the next call of the same kind). */
_MHD_EXTERN const union MHD_ConnectionInfo *
MHD_get_connection_info (struct MHD_Connection *connection,
                         enum MHD_ConnectionInfoType info_type,
                         ...);

/** Settings for MHD_set_connection_option(). */
enum MHD_CONNECTION_OPTION
{
  /** unsigned int: new idle timeout of this connection, in seconds
      (0 = none). */
  MHD_CONNECTION_OPTION_TIMEOUT
} _MHD_FIXED_ENUM;

/** Change a setting of one connection. */
_MHD_EXTERN enum MHD_Result
MHD_set_connection_option (struct MHD_Connection *connection,
                           enum MHD_CONNECTION_OPTION option,
                           ...);

/** Result of MHD_get_daemon_info(); the valid member depends on the
    requested enum MHD_DaemonInfoType. */
union MHD_DaemonInfo
{
  /** MHD_DAEMON_INFO_KEY_SIZE. */
  size_t key_size;
  /** MHD_DAEMON_INFO_MAC_KEY_SIZE. */
  size_t mac_key_size;
  /** MHD_DAEMON_INFO_LISTEN_FD. */
  MHD_socket listen_fd;
  /** MHD_DAEMON_INFO_BIND_PORT. */
  uint16_t port;
  /** MHD_DAEMON_INFO_EPOLL_FD. */
  int epoll_fd;
  /** MHD_DAEMON_INFO_CURRENT_CONNECTIONS. */
  unsigned int num_connections;
  /** MHD_DAEMON_INFO_FLAGS. */
  enum MHD_FLAG flags;
};

/** Information about a daemon, or NULL if not available. */
_MHD_EXTERN const union MHD_DaemonInfo *
MHD_get_daemon_info (struct MHD_Daemon *daemon,
                     enum MHD_DaemonInfoType info_type,
                     ...);

/** Library version as a string, e.g. "0.9.75". */
_MHD_EXTERN const char *
MHD_get_version (void);

/** (1.0) Library version in the MHD_VERSION encoding. */
_MHD_EXTERN uint32_t
MHD_get_version_bin (void);

/** Optional capabilities that MHD_is_feature_supported() reports. */
enum MHD_FEATURE
{
  /** Error messages can be printed (MHD_USE_ERROR_LOG works). */
  MHD_FEATURE_MESSAGES = 1,
  /** HTTPS is available. */
  MHD_FEATURE_TLS = 2,
  MHD_FEATURE_SSL = 2,
  /** MHD_OPTION_HTTPS_CERT_CALLBACK is available. */
  MHD_FEATURE_HTTPS_CERT_CALLBACK = 3,
  /** IPv6 is available. */
  MHD_FEATURE_IPv6 = 4,
  /** IPv6-only sockets can be requested. */
  MHD_FEATURE_IPv6_ONLY = 5,
  /** poll() is available. */
  MHD_FEATURE_POLL = 6,
  /** epoll is available. */
  MHD_FEATURE_EPOLL = 7,
  /** The listening socket can be shut down to wake select(). */
  MHD_FEATURE_SHUTDOWN_LISTEN_SOCKET = 8,
  /** socketpair() is used for the inter-thread channel. */
  MHD_FEATURE_SOCKETPAIR = 9,
  /** TCP Fast Open is available. */
  MHD_FEATURE_TCP_FASTOPEN = 10,
  /** Basic authentication is built in. */
  MHD_FEATURE_BASIC_AUTH = 11,
  /** Digest authentication is built in. */
  MHD_FEATURE_DIGEST_AUTH = 12,
  /** The POST processor is built in. */
  MHD_FEATURE_POSTPROCESSOR = 13,
  /** Encrypted TLS private keys are supported. */
  MHD_FEATURE_HTTPS_KEY_PASSWORD = 14,
  /** Files larger than 2 GiB can be served. */
  MHD_FEATURE_LARGE_FILE = 15,
  /** Threads get names. */
  MHD_FEATURE_THREAD_NAMES = 16,
  MHD_THREAD_NAMES = 16,
  /** Connection upgrade is available. */
  MHD_FEATURE_UPGRADE = 17,
  /** One file descriptor can back several responses. */
  MHD_FEATURE_RESPONSES_SHARED_FD = 18,
  /** MHD_DAEMON_INFO_BIND_PORT works after binding to port 0. */
  MHD_FEATURE_AUTODETECT_BIND_PORT = 19,
  /** SIGPIPE is avoided without application help. */
  MHD_FEATURE_AUTOSUPPRESS_SIGPIPE = 20,
  /** sendfile() is used for file responses. */
  MHD_FEATURE_SENDFILE = 21,
  /** Threads are available. */
  MHD_FEATURE_THREADS = 22,
  /** MHD_OPTION_HTTPS_CERT_CALLBACK2 is available. */
  MHD_FEATURE_HTTPS_CERT_CALLBACK2 = 23,
  /** (1.0) Cookies are parsed into MHD_COOKIE_KIND values. */
  MHD_FEATURE_HTTPS_COOKIE_PARSING = 24,
  /** (1.0) Digest auth: RFC 2069 mode (no qop). */
  MHD_FEATURE_DIGEST_AUTH_RFC2069 = 25,
  /** (1.0) Digest auth: MD5. */
  MHD_FEATURE_DIGEST_AUTH_MD5 = 26,
  /** (1.0) Digest auth: SHA-256. */
  MHD_FEATURE_DIGEST_AUTH_SHA256 = 27,
  /** (1.0) Digest auth: SHA-512/256. */
  MHD_FEATURE_DIGEST_AUTH_SHA512_256 = 28,
  /** (1.0) Digest auth: qop=auth-int. */
  MHD_FEATURE_DIGEST_AUTH_AUTH_INT = 29,
  /** (1.0) Digest auth: "-sess" algorithms. */
  MHD_FEATURE_DIGEST_AUTH_ALGO_SESSION = 30,
  /** (1.0) Digest auth: userhash. */
  MHD_FEATURE_DIGEST_AUTH_USERHASH = 31,
  /** (1.0) Hashes come from an external (TLS) library. */
  MHD_FEATURE_EXTERN_HASH = 32,
  /** (1.0) Debug build. */
  MHD_FEATURE_DEBUG_BUILD = 33,
  /** (1.0) MHD_get_fdset2()/MHD_run_from_select2() accept any
      fd_setsize. */
  MHD_FEATURE_FLEXIBLE_FD_SETSIZE = 34
} _MHD_FIXED_ENUM;

/** MHD_YES if this build supports @a feature. */
_MHD_EXTERN enum MHD_Result
MHD_is_feature_supported (enum MHD_FEATURE feature);


#ifdef __cplusplus
}
#endif

#endif /* MHD_MICROHTTPD_H */
