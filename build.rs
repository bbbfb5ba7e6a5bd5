//! Builds the C shim for MHD's variadic entry points, links GnuTLS (HTTPS) and sets the
//! drop-in's ELF identity (SONAME, exported variadic symbols).

fn main() {
    println!("cargo:rerun-if-changed=src/ffi/variadic.c");
    println!("cargo:rerun-if-changed=src/ffi/exports.map");
    cc::Build::new()
        .file("src/ffi/variadic.c")
        .flag_if_supported("-fvisibility=hidden")
        .warnings(true)
        .extra_warnings(true)
        .compile("microhttpd_shim");

    // GnuTLS for HTTPS, located through pkg-config so the flags match the installed library.
    // 3.6.13 is the oldest release with every function src/sys/gnutls.rs declares
    // (gnutls_psk_set_server_credentials_function2); Debian 12 ships 3.7.9.
    if let Err(e) = pkg_config::Config::new()
        .atleast_version("3.6.13")
        .probe("gnutls")
    {
        panic!("GnuTLS >= 3.6.13 not found through pkg-config (install libgnutls28-dev): {e}");
    }

    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // SONAME of the real library, so binaries linked against ours record the same NEEDED entry.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libmicrohttpd.so.12");
    // rustc's own version script only keeps Rust-defined #[no_mangle] symbols global; the
    // variadic functions are defined in C, so a second script marks them global.
    println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={manifest}/src/ffi/exports.map");
}
