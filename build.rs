//! Prepares the README for the doctest harness in `src/lib.rs` (`cargo test --doc -p genauth`).
//!
//! README code blocks that need a feature say so in their info string (```` ```rust,feature=mock ````,
//! which GitHub and crates.io render as Rust). Blocks whose feature is on are kept (minus the
//! `feature=…` word); the others become `text`, so the doctests pass under any feature set and
//! every Rust block is compiled under the features it names. Nothing else is changed: what is
//! compiled is what users read, with no hidden lines.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=README.md");
    let readme = fs::read_to_string("README.md").unwrap_or_default();
    let out =
        Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("README.doctest.md");
    fs::write(out, for_doctest(&readme)).expect("write README.doctest.md");
}

fn for_doctest(readme: &str) -> String {
    let mut out = String::with_capacity(readme.len());
    for line in readme.lines() {
        match line.strip_prefix("```") {
            Some(info) if info.split(',').any(|w| w.starts_with("feature=")) => {
                let enabled = info
                    .split(',')
                    .filter_map(|w| w.strip_prefix("feature="))
                    .all(|f| {
                        env::var_os(format!(
                            "CARGO_FEATURE_{}",
                            f.to_uppercase().replace('-', "_")
                        ))
                        .is_some()
                    });
                if enabled {
                    let kept: Vec<&str> = info
                        .split(',')
                        .filter(|w| !w.starts_with("feature="))
                        .collect();
                    out.push_str("```");
                    out.push_str(&kept.join(","));
                } else {
                    out.push_str("```text");
                }
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}
