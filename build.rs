//! Links the `wengao` executable as a position-dependent (non-PIE) binary on Linux: a PIE of this
//! size spends ~0.5 M instructions and ~125 copy-on-write page faults at every start relocating
//! 25,000 pointers, a third of a short run's fixed cost (issue 14, `benches/vs-pandoc.sh`).

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
