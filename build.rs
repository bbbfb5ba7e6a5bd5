//! Builds the C shim for MHD's variadic entry points and sets the drop-in's
//! ELF identity (SONAME, exported variadic symbols).

fn main() {
    println!("cargo:rerun-if-changed=src/ffi/variadic.c");
    println!("cargo:rerun-if-changed=src/ffi/exports.map");
    cc::Build::new()
        .file("src/ffi/variadic.c")
        .flag_if_supported("-fvisibility=hidden")
        .warnings(true)
        .extra_warnings(true)
        .compile("microhttpd_shim");

    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // SONAME of the real library, so binaries linked against ours record the same NEEDED entry.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libmicrohttpd.so.12");
    // rustc's own version script only keeps Rust-defined #[no_mangle] symbols global; the
    // variadic functions are defined in C, so a second script marks them global.
    println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={manifest}/src/ffi/exports.map");
}
