//! A daemon's configuration in Rust terms: each layer's settings, decoded once from
//! `MHD_start_daemon`'s flags and options at the C boundary (`ffi::options`).

use crate::connection;
use crate::driver;

use super::listen::Listen;

#[derive(Debug, Clone)]
pub struct Config {
    pub connection: connection::Settings,
    pub driver: driver::Settings,
    pub listen: Listen,
    /// `MHD_OPTION_DIGEST_AUTH_RANDOM(_COPY)`: the application's entropy for digest nonces.
    pub digest_random: Vec<u8>,
    /// `MHD_OPTION_NONCE_NC_SIZE`: slots of the digest nonce-count table.
    pub nonce_nc_size: usize,
    /// `MHD_OPTION_DIGEST_AUTH_NONCE_BIND_TYPE` (None: 0.9.75's binding).
    pub digest_nonce_bind: Option<u32>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            connection: Default::default(),
            driver: Default::default(),
            listen: Default::default(),
            digest_random: Vec::new(),
            nonce_nc_size: crate::auth::nonce::DEFAULT_NC_SIZE,
            digest_nonce_bind: None,
        }
    }
}
