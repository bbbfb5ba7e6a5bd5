//! A daemon's configuration in Rust terms: each layer's settings, decoded once from
//! `MHD_start_daemon`'s flags and options at the C boundary (`ffi::options`).

use crate::connection;
use crate::driver;

use super::listen::Listen;

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub connection: connection::Settings,
    pub driver: driver::Settings,
    pub listen: Listen,
    /// `MHD_OPTION_DIGEST_AUTH_RANDOM(_COPY)`: the application's entropy for digest nonces.
    pub digest_random: Vec<u8>,
}
