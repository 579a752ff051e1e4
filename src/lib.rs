//! `genauth`: facade over [`genauth_client`], the Rust SDK for GenAuth (formerly Authing).
//!
//! Everything lives in `genauth-client`; this crate re-exports it so that the
//! workspace's top-level `examples/` and `tests/` have a package to belong to.
#![forbid(unsafe_code)]

pub use genauth_client::*;
