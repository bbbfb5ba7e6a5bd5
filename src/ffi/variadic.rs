//! Wiring for the C shim (`variadic.c`) that implements MHD's C-variadic functions: the
//! shim calls back into Rust through a table installed by an ELF constructor.

use std::os::raw::{c_int, c_uint, c_void};

use super::types::{MHD_Daemon, MHD_OptionItem, MHD_Response};
use super::{connection, daemon, response};

#[repr(C)]
pub struct VTable {
    start_daemon: unsafe extern "C" fn(
        c_uint,
        u16,
        *mut c_void,
        *mut c_void,
        *mut c_void,
        *mut c_void,
        *const MHD_OptionItem,
        usize,
        c_int,
    ) -> *mut MHD_Daemon,
    get_connection_info: unsafe extern "C" fn(*mut c_void, c_int) -> *const c_void,
    get_daemon_info: unsafe extern "C" fn(*mut MHD_Daemon, c_int) -> *const c_void,
    set_connection_option: unsafe extern "C" fn(*mut c_void, c_int, c_uint) -> c_int,
    set_response_options: unsafe extern "C" fn(*mut MHD_Response, c_uint, c_int) -> c_int,
    upgrade_action: unsafe extern "C" fn(*mut c_void, c_int) -> c_int,
}

static VTABLE: VTable = VTable {
    start_daemon: daemon::start_daemon,
    get_connection_info: connection::get_connection_info,
    get_daemon_info: daemon::get_daemon_info,
    set_connection_option: connection::set_connection_option,
    set_response_options: response::set_response_options,
    upgrade_action: response::upgrade_action,
};

extern "C" {
    fn mhdrs_install(table: *const VTable);
}

extern "C" fn install() {
    // SAFETY: hands the C shim a pointer to a static table that lives forever.
    unsafe { mhdrs_install(&VTABLE) };
}

/// Runs `install` when the library is loaded, before any MHD_* call can happen.
#[used]
#[link_section = ".init_array"]
static INSTALL: extern "C" fn() = install;
