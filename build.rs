//! Prepares the README, and the docs/ pages with Rust blocks, for the doctest harness in
//! `src/lib.rs` (`cargo test --doc -p genauth`).
//!
//! Code blocks that need a feature say so in their info string (```` ```rust,feature=mock ````,
//! which GitHub and crates.io render as Rust). Blocks whose feature is on are kept (minus the
//! `feature=…` word); the others become `text`, so the doctests pass under any feature set and
//! every Rust block is compiled under the features it names. Nothing else is changed: what is
//! compiled is what users read, with no hidden lines.

use std::{env, fs, path::Path};

/// Each Markdown file with Rust blocks, and the file in `OUT_DIR` that `src/lib.rs` includes.
/// The docs/ pages are not in the published package: a missing file gives an empty output.
const SOURCES: &[(&str, &str)] = &[
    ("README.md", "README.doctest.md"),
    ("docs/testing.md", "docs-testing.doctest.md"),
    ("docs/developing.md", "docs-developing.doctest.md"),
    ("docs/management.md", "docs-management.doctest.md"),
];

fn main() {
    let out_dir = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for (source, output) in SOURCES {
        if Path::new(source).exists() {
            println!("cargo::rerun-if-changed={source}");
        }
        let text = fs::read_to_string(source).unwrap_or_default();
        fs::write(Path::new(&out_dir).join(output), for_doctest(&text))
            .unwrap_or_else(|e| panic!("write {output}: {e}"));
    }
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
