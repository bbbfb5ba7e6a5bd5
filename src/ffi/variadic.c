/*
 * C-variadic entry points of the libmicrohttpd ABI.
 *
 * Stable Rust cannot define C-variadic functions, so each one lives here: it walks its
 * va_list according to the documented argument types and calls a fixed-arity Rust
 * function (prefix mhdrs_). Nothing else happens in C.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>

#define EXPORT __attribute__((visibility("default")))

/* Same layout as struct MHD_OptionItem in microhttpd.h. */
struct mhdrs_option_item {
  int option;
  intptr_t value;
  void *ptr_value;
};

/*
 * The Rust side, reached through a table of function pointers that Rust installs from an
 * ELF constructor (src/ffi/variadic.rs). A table instead of named Rust symbols: rustc
 * exports every #[no_mangle] function from a cdylib, and only MHD_* may be exported.
 */
struct mhdrs_vtable {
  void *(*start_daemon)(unsigned int flags, uint16_t port, void *apc, void *apc_cls, void *dh,
                        void *dh_cls, const struct mhdrs_option_item *options, size_t count,
                        int overflowed);
  const void *(*get_connection_info)(void *connection, int info_type);
  const void *(*get_daemon_info)(void *daemon, int info_type);
  int (*set_connection_option)(void *connection, int option, unsigned int value);
  int (*set_response_options)(void *response, unsigned int flags, int first_unknown_option);
  int (*upgrade_action)(void *urh, int action);
};

static const struct mhdrs_vtable *vt;

__attribute__((visibility("hidden"))) void mhdrs_install(const struct mhdrs_vtable *table) {
  vt = table;
}

#define mhdrs_start_daemon vt->start_daemon
#define mhdrs_get_connection_info vt->get_connection_info
#define mhdrs_get_daemon_info vt->get_daemon_info
#define mhdrs_set_connection_option vt->set_connection_option
#define mhdrs_set_response_options vt->set_response_options
#define mhdrs_upgrade_action vt->upgrade_action

/* How an option's arguments are passed; the table mirrors the documented types. */
enum arg_shape { NONE, UINT, SIZE, INT, PTR, PTR_PTR, SIZE_PTR, UINT_PTR, UNKNOWN };

static enum arg_shape option_shape(int option) {
  switch (option) {
  case 1:  /* CONNECTION_MEMORY_LIMIT */
  case 19: /* THREAD_STACK_SIZE */
  case 21: /* CONNECTION_MEMORY_INCREMENT */
    return SIZE;
  case 2: case 3: case 5: case 10: case 14: case 18: case 23: case 25: case 28: case 32:
  case 36: /* DIGEST_AUTH_NONCE_BIND_TYPE */
  case 41: /* DIGEST_AUTH_DEFAULT_NONCE_TIMEOUT */
  case 42: /* DIGEST_AUTH_DEFAULT_MAX_NC (uint32_t) */
    return UINT;
  case 12: case 29: case 33: case 34: case 38: case 39:
    return INT;
  case 6: case 8: case 9: case 11: case 15: case 20: case 22: case 24: case 26: case 31: case 37:
    return PTR;
  case 4: case 7: case 13: case 16: case 27: case 30:
    return PTR_PTR;
  case 17: case 35: /* DIGEST_AUTH_RANDOM(_COPY): size_t, const void * */
    return SIZE_PTR;
  case 40: /* SOCK_ADDR_LEN: socklen_t, const struct sockaddr * */
    return UINT_PTR;
  default:
    return UNKNOWN;
  }
}

/* The option list is copied into a fixed array: no consumer passes more than a handful,
 * and an overflow is reported to Rust, which refuses to start (never a silently shortened list). */
#define MAX_OPTIONS 64

EXPORT void *MHD_start_daemon_va(unsigned int flags, uint16_t port, void *apc, void *apc_cls, void *dh,
                                 void *dh_cls, va_list ap) {
  struct mhdrs_option_item items[MAX_OPTIONS];
  size_t n = 0;
  int overflowed = 0;
  for (;;) {
    int option = va_arg(ap, int);
    struct mhdrs_option_item item = {option, 0, NULL};
    if (option == 0)
      break;
    switch (option_shape(option)) {
    case NONE: break;
    case UINT: item.value = (intptr_t)va_arg(ap, unsigned int); break;
    case SIZE: item.value = (intptr_t)va_arg(ap, size_t); break;
    case INT: item.value = (intptr_t)va_arg(ap, int); break;
    case PTR: item.ptr_value = va_arg(ap, void *); break;
    case PTR_PTR:
      item.value = (intptr_t)va_arg(ap, void *);
      item.ptr_value = va_arg(ap, void *);
      break;
    case SIZE_PTR:
      item.value = (intptr_t)va_arg(ap, size_t);
      item.ptr_value = va_arg(ap, void *);
      break;
    case UINT_PTR:
      item.value = (intptr_t)va_arg(ap, unsigned int);
      item.ptr_value = va_arg(ap, void *);
      break;
    case UNKNOWN:
      /* The argument layout is unknown: stop walking, let Rust log and refuse it. */
      if (n < MAX_OPTIONS)
        items[n++] = item;
      else
        overflowed = 1;
      return mhdrs_start_daemon(flags, port, apc, apc_cls, dh, dh_cls, items, n, overflowed);
    }
    if (n < MAX_OPTIONS)
      items[n++] = item;
    else
      overflowed = 1;
  }
  return mhdrs_start_daemon(flags, port, apc, apc_cls, dh, dh_cls, items, n, overflowed);
}

EXPORT void *MHD_start_daemon(unsigned int flags, uint16_t port, void *apc, void *apc_cls, void *dh,
                              void *dh_cls, ...) {
  va_list ap;
  void *daemon;
  va_start(ap, dh_cls);
  daemon = MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
  va_end(ap);
  return daemon;
}

EXPORT const void *MHD_get_connection_info(void *connection, int info_type, ...) {
  return mhdrs_get_connection_info(connection, info_type);
}

EXPORT const void *MHD_get_daemon_info(void *daemon, int info_type, ...) {
  return mhdrs_get_daemon_info(daemon, info_type);
}

EXPORT int MHD_set_connection_option(void *connection, int option, ...) {
  va_list ap;
  unsigned int value = 0;
  va_start(ap, option);
  if (option == 0 /* MHD_CONNECTION_OPTION_TIMEOUT */)
    value = va_arg(ap, unsigned int);
  va_end(ap);
  return mhdrs_set_connection_option(connection, option, value);
}

EXPORT int MHD_set_response_options(void *response, unsigned int flags, ...) {
  va_list ap;
  int option;
  va_start(ap, flags);
  /* No MHD_ResponseOptions value besides MHD_RO_END (0) exists; report the first other one. */
  option = va_arg(ap, int);
  va_end(ap);
  return mhdrs_set_response_options(response, flags, option);
}

EXPORT int MHD_upgrade_action(void *urh, int action, ...) {
  return mhdrs_upgrade_action(urh, action);
}

typedef void (*mhdrs_log_cb)(void *cls, const char *fmt, va_list ap);

static void call_logger_va(mhdrs_log_cb logger, void *cls, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  logger(cls, fmt, ap);
  va_end(ap);
}

/* Lets Rust call an MHD_LogCallback, which takes a va_list Rust cannot build. */
__attribute__((visibility("hidden"))) void mhdrs_call_logger(void *logger, void *cls, const char *message) {
  call_logger_va((mhdrs_log_cb)logger, cls, "%s", message);
}
