//! Management API of `genauth`, the GenAuth (formerly Authing) Rust SDK.
//!
//! **Work in progress: the signature scheme.** This crate holds, for now, only [`sign`]: the
//! per-request HMAC-SHA1 signature the official Node SDK (`authing-node-sdk` 4.0.1) puts on
//! every Management API request instead of a management token, reproduced byte for byte and
//! checked against the 811 requests recorded from that SDK. The Management client built on it
//! comes next; applications will reach it through `genauth` with the `management` feature.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod sign;

pub use sign::{
    AccessKeySecret, Nonce, NonceError, ParamValue, RequestToSign, SignatureHeaders, Signer,
    string_to_sign,
};
