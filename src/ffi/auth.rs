//! C ABI of HTTP authentication.
