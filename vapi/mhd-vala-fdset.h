/*
 * mhd-vala-fdset.h - C helpers for libmicrohttpd.vapi (microhttpd-rs).
 *
 * Shipped beside the vapi and referenced from it through cheader_filename.
 * Only needs <microhttpd.h> and GLib, so it works with the reference
 * libmicrohttpd as well as with microhttpd-rs.
 *
 * MHD.FDSet
 *   A handle (pointer) to a reference-counted, zero-initialised, heap
 *   allocated descriptor set.  The set is sized for the process descriptor
 *   limit (getrlimit RLIMIT_NOFILE, never below FD_SETSIZE), so descriptors
 *   above 1023 can be stored.  Because the Vala value is only a pointer, the
 *   natural line
 *       MHD.FDSet read_fds = MHD.FDSet();
 *       MHD.get_fdset (daemon, read_fds, ...);
 *   fills the caller's set (no hidden struct copy).
 *   Memory: valac calls mhd_vala_fdset_copy (reference +1) when it copies a
 *   value and mhd_vala_fdset_free (reference -1, freed at 0) when a variable
 *   or field goes out of scope, so sets are neither leaked nor double freed.
 *   Bit tests are done here, not with FD_ISSET/FD_SET (glibc's fortified
 *   versions abort for descriptors >= FD_SETSIZE).
 *
 * MHD.Daemon references
 *   libmicrohttpd has no reference count on a daemon.  So that a Vala class
 *   can keep a second reference (this.daemon = daemon;) the binding keeps a
 *   count of EXTRA references in a GLib dataset keyed by the daemon pointer.
 *   Dropping the last reference calls MHD_stop_daemon().
 */
#ifndef MHD_VALA_FDSET_H
#define MHD_VALA_FDSET_H

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/resource.h>
#include <microhttpd.h>

typedef struct MhdValaFDSetData
{
  gint refs;
  unsigned int nbits;       /* capacity in descriptors, multiple of word bits */
  unsigned long words[];    /* same bit layout as glibc's fd_set             */
} MhdValaFDSetData;

typedef MhdValaFDSetData *MhdValaFDSet;

#define MHD_VALA_FDSET_WORD_BITS (8 * sizeof (unsigned long))
/* Upper bound when RLIMIT_NOFILE is unlimited or absurdly large. */
#define MHD_VALA_FDSET_MAX_BITS (1u << 20)

static inline unsigned int
mhd_vala_fdset_capacity (void)
{
  struct rlimit rl;
  unsigned long n = FD_SETSIZE;
  if (0 == getrlimit (RLIMIT_NOFILE, &rl))
  {
    if ((RLIM_INFINITY == rl.rlim_cur) || (rl.rlim_cur > MHD_VALA_FDSET_MAX_BITS))
      n = MHD_VALA_FDSET_MAX_BITS;
    else if (rl.rlim_cur > n)
      n = (unsigned long) rl.rlim_cur;
  }
  n = (n + MHD_VALA_FDSET_WORD_BITS - 1) / MHD_VALA_FDSET_WORD_BITS
      * MHD_VALA_FDSET_WORD_BITS;
  return (unsigned int) n;
}

static inline MhdValaFDSet
mhd_vala_fdset_new (void)
{
  unsigned int nbits = mhd_vala_fdset_capacity ();
  MhdValaFDSet s = (MhdValaFDSet) g_malloc0 (sizeof (MhdValaFDSetData)
                                             + nbits / 8);
  s->refs = 1;
  s->nbits = nbits;
  return s;
}

/* valac: copy_function (src, dest) */
static inline void
mhd_vala_fdset_copy (const MhdValaFDSet *src, MhdValaFDSet *dest)
{
  MhdValaFDSet s = *src;
  if (NULL != s)
    g_atomic_int_inc (&s->refs);
  *dest = s;
}

/* valac: destroy_function (value) */
static inline void
mhd_vala_fdset_free (MhdValaFDSet s)
{
  if ((NULL != s) && g_atomic_int_dec_and_test (&s->refs))
    g_free (s);
}

static inline unsigned int
mhd_vala_fdset_size (MhdValaFDSet s)
{
  return (NULL == s) ? 0u : s->nbits;
}

static inline fd_set *
mhd_vala_fdset_raw (MhdValaFDSet s)
{
  return (NULL == s) ? NULL : (fd_set *) (void *) s->words;
}

static inline void
mhd_vala_fdset_zero (MhdValaFDSet s)
{
  if (NULL != s)
    memset (s->words, 0, s->nbits / 8);
}

static inline gboolean
mhd_vala_fdset_in_range (MhdValaFDSet s, int fd)
{
  return (NULL != s) && (fd >= 0) && ((unsigned int) fd < s->nbits);
}

static inline void
mhd_vala_fdset_set (MhdValaFDSet s, int fd)
{
  if (mhd_vala_fdset_in_range (s, fd))
    s->words[(unsigned int) fd / MHD_VALA_FDSET_WORD_BITS]
      |= 1UL << ((unsigned int) fd % MHD_VALA_FDSET_WORD_BITS);
}

static inline void
mhd_vala_fdset_clr (MhdValaFDSet s, int fd)
{
  if (mhd_vala_fdset_in_range (s, fd))
    s->words[(unsigned int) fd / MHD_VALA_FDSET_WORD_BITS]
      &= ~(1UL << ((unsigned int) fd % MHD_VALA_FDSET_WORD_BITS));
}

static inline gboolean
mhd_vala_fdset_is_set (MhdValaFDSet s, int fd)
{
  if (! mhd_vala_fdset_in_range (s, fd))
    return FALSE;
  return 0 != (s->words[(unsigned int) fd / MHD_VALA_FDSET_WORD_BITS]
               & (1UL << ((unsigned int) fd % MHD_VALA_FDSET_WORD_BITS)));
}

static inline unsigned int
mhd_vala_fdset_min3 (MhdValaFDSet r, MhdValaFDSet w, MhdValaFDSet e)
{
  unsigned int n = UINT32_MAX;
  if ((NULL != r) && (r->nbits < n)) n = r->nbits;
  if ((NULL != w) && (w->nbits < n)) n = w->nbits;
  if ((NULL != e) && (e->nbits < n)) n = e->nbits;
  return (UINT32_MAX == n) ? (unsigned int) FD_SETSIZE : n;
}

/* MHD.get_fdset: adds the daemon's descriptors to the caller's sets. */
static inline enum MHD_Result
mhd_vala_get_fdset (struct MHD_Daemon *daemon,
                    MhdValaFDSet r, MhdValaFDSet w, MhdValaFDSet e,
                    int *max_fd)
{
  MHD_socket local_max = -1;
  enum MHD_Result res;
  if ((NULL == r) || (NULL == w))
    return MHD_NO;
  if (NULL != max_fd)
    local_max = (MHD_socket) * max_fd;
  res = MHD_get_fdset2 (daemon, mhd_vala_fdset_raw (r), mhd_vala_fdset_raw (w),
                        mhd_vala_fdset_raw (e),
                        (NULL != max_fd) ? &local_max : NULL,
                        mhd_vala_fdset_min3 (r, w, e));
  if (NULL != max_fd)
    *max_fd = (int) local_max;
  return res;
}

static inline enum MHD_Result
mhd_vala_run_from_select (struct MHD_Daemon *daemon,
                          MhdValaFDSet r, MhdValaFDSet w, MhdValaFDSet e)
{
  return MHD_run_from_select (daemon, mhd_vala_fdset_raw (r),
                              mhd_vala_fdset_raw (w), mhd_vala_fdset_raw (e));
}

/* MHD_get_timeout takes MHD_UNSIGNED_LONG_LONG*, Vala has guint64*. */
static inline enum MHD_Result
mhd_vala_get_timeout (struct MHD_Daemon *daemon, guint64 *timeout)
{
  MHD_UNSIGNED_LONG_LONG t = 0;
  enum MHD_Result res = MHD_get_timeout (daemon, &t);
  if (NULL != timeout)
    *timeout = (guint64) t;
  return res;
}

/* ---- MHD.Daemon reference counting (see top of file) ---- */

/* One lock for the whole process (weak: merged across translation units). */
__attribute__((weak)) GMutex mhd_vala_daemon_refs_lock;

static inline GQuark
mhd_vala_daemon_refs_quark (void)
{
  return g_quark_from_static_string ("mhd-vala-daemon-extra-refs");
}

static inline struct MHD_Daemon *
mhd_vala_daemon_ref (struct MHD_Daemon *daemon)
{
  guint extra;
  if (NULL == daemon)
    return NULL;
  g_mutex_lock (&mhd_vala_daemon_refs_lock);
  extra = GPOINTER_TO_UINT (g_dataset_id_get_data (daemon,
                                                   mhd_vala_daemon_refs_quark ()));
  g_dataset_id_set_data (daemon, mhd_vala_daemon_refs_quark (),
                         GUINT_TO_POINTER (extra + 1));
  g_mutex_unlock (&mhd_vala_daemon_refs_lock);
  return daemon;
}

static inline void
mhd_vala_daemon_unref (struct MHD_Daemon *daemon)
{
  guint extra;
  if (NULL == daemon)
    return;
  g_mutex_lock (&mhd_vala_daemon_refs_lock);
  extra = GPOINTER_TO_UINT (g_dataset_id_get_data (daemon,
                                                   mhd_vala_daemon_refs_quark ()));
  if (extra > 1)
    g_dataset_id_set_data (daemon, mhd_vala_daemon_refs_quark (),
                           GUINT_TO_POINTER (extra - 1));
  else if (1 == extra)
    g_dataset_id_remove_data (daemon, mhd_vala_daemon_refs_quark ());
  g_mutex_unlock (&mhd_vala_daemon_refs_lock);
  if (0 == extra)
    MHD_stop_daemon (daemon);
}

/* ---- strings returned by MHD that must be released with MHD_free ---- */

static inline gchar *
mhd_vala_take_string (char *s)
{
  gchar *r;
  if (NULL == s)
    return NULL;
  r = g_strdup (s);
  MHD_free (s);
  return r;
}

static inline gchar *
mhd_vala_basic_auth_get_username_password (struct MHD_Connection *connection,
                                           gchar **password)
{
  char *pw = NULL;
  char *user = MHD_basic_auth_get_username_password (connection,
                                                     (NULL != password)
                                                     ? &pw : NULL);
  if (NULL != password)
    *password = mhd_vala_take_string (pw);
  return mhd_vala_take_string (user);
}

static inline gchar *
mhd_vala_digest_auth_get_username (struct MHD_Connection *connection)
{
  return mhd_vala_take_string (MHD_digest_auth_get_username (connection));
}

#endif /* MHD_VALA_FDSET_H */
