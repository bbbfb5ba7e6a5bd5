//! Opaque C handles and who owns what they point to, in the type (the pattern of
//! rustls-ffi's `Castable`). Each handle type of `microhttpd.h` names the Rust value behind
//! it and one ownership rule; the conversions below are the only casts between them.
//! - `MHD_Daemon *`: a `Box` the application owns from `MHD_start_daemon` to
//!   `MHD_stop_daemon`;
//! - `MHD_Response *`: one strong count of an `Arc`, the application's until
//!   `MHD_destroy_response` (queueing clones it);
//! - `MHD_Connection *`: a borrow of a connection its loop owns, valid while the library
//!   hands it out (callbacks, and until the request completes);
//! - `MHD_PostProcessor *`: a `Box`, from create to destroy.
//!
//! Each module that owns a handle type says which rule applies (`impl Castable` beside the
//! Rust type), so this module depends on none of them.

use std::sync::Arc;

/// A C handle type and the Rust value its pointers lead to.
pub(crate) trait Castable {
    type Rust;
}

/// Pointers made by `Box::into_raw`.
pub(crate) trait BoxCastable: Castable {}
/// Pointers made by `Arc::into_raw`.
pub(crate) trait ArcCastable: Castable {}
/// Pointers that borrow a value owned elsewhere.
pub(crate) trait RefCastable: Castable {}

pub(crate) fn to_boxed_ptr<C: BoxCastable>(value: C::Rust) -> *mut C {
    Box::into_raw(Box::new(value)).cast()
}

/// Takes back the box behind a handle (None for NULL).
///
/// # Safety
/// `ptr` is NULL or came from [`to_boxed_ptr`] and was not taken back before.
pub(crate) unsafe fn try_box_from_ptr<C: BoxCastable>(ptr: *mut C) -> Option<Box<C::Rust>> {
    // SAFETY: per the contract, a non-NULL pointer is an unconsumed `Box::into_raw`.
    (!ptr.is_null()).then(|| unsafe { Box::from_raw(ptr.cast::<C::Rust>()) })
}

/// Borrows the value behind any handle (None for NULL).
///
/// # Safety
/// `ptr` is NULL or a live handle of its type (not freed, not taken back).
pub(crate) unsafe fn try_ref<'a, C: Castable>(ptr: *const C) -> Option<&'a C::Rust> {
    // SAFETY: per the contract, the value behind a live handle outlives the borrow.
    unsafe { ptr.cast::<C::Rust>().as_ref() }
}

pub(crate) fn to_arc_ptr<C: ArcCastable>(value: Arc<C::Rust>) -> *mut C {
    Arc::into_raw(value).cast_mut().cast()
}

/// A new strong reference to the value behind a handle (None for NULL).
///
/// # Safety
/// `ptr` is NULL or a live handle from [`to_arc_ptr`] whose reference was not given back.
pub(crate) unsafe fn try_clone_arc<C: ArcCastable>(ptr: *const C) -> Option<Arc<C::Rust>> {
    if ptr.is_null() {
        return None;
    }
    let ptr = ptr.cast::<C::Rust>();
    // SAFETY: the handle holds one strong count, so the count is at least one here.
    unsafe {
        Arc::increment_strong_count(ptr);
        Some(Arc::from_raw(ptr))
    }
}

/// Gives back the reference a handle holds.
///
/// # Safety
/// As [`try_clone_arc`]; the handle is dead afterwards.
pub(crate) unsafe fn free_arc<C: ArcCastable>(ptr: *const C) {
    if !ptr.is_null() {
        // SAFETY: per the contract, the handle's own strong count is released once.
        drop(unsafe { Arc::from_raw(ptr.cast::<C::Rust>()) });
    }
}

pub(crate) fn ref_ptr<C: RefCastable>(value: &C::Rust) -> *mut C {
    (value as *const C::Rust).cast_mut().cast()
}
