//! # genauth-client
//!
//! A declarative, macro-generated Rust client for the GenAuth (formerly Authing) Authentication API.
//!
//! The API surface is a set of traits ([`Authentication`]) whose methods are declared with one
//! `#[genauth_endpoint(...)]` line each; [`genauth_api`] generates their implementation for
//! [`GenAuthClient`], which runs every call through one pipeline (request building, client
//! authentication, password encryption, envelope decoding) over a [`Transport`].
//!
//! ```no_run
//! use genauth_client::{Authentication, AuthenticationExt, ClientOptions, GenAuthClient};
//!
//! # async fn run() -> genauth_client::Result<()> {
//! let client = GenAuthClient::new(ClientOptions::from_env()?)?;
//! let tokens = client.sign_in_by_account_password("alice", "s3cret", None).await?;
//! println!("expires in {}s", tokens.expires_in);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Lets the macro's `::genauth_client::__private` paths resolve inside this crate too.
extern crate self as genauth_client;

pub mod api;
mod client;
pub mod crypto;
pub mod endpoint;
pub mod envelope;
mod error;
mod keys;
pub mod model;
pub mod oidc;
mod options;
mod pipeline;
mod retry;
mod secret;
pub mod transport;
pub mod wire;

pub use api::{Account, Authentication, AuthenticationExt};
pub use api::{
    MobileLogin, Oidc, QrCodeLogin, QrCodeLoginExt, QrPollOptions, QrPollOutcome, QrStatusEndpoint,
};
#[cfg(feature = "mock")]
pub use api::{MockAccount, MockAuthentication};
#[cfg(feature = "mock")]
pub use api::{MockMobileLogin, MockOidc, MockQrCodeLogin};
pub use client::GenAuthClient;
pub use crypto::{PasswordEncryptType, PasswordEncryptor};
pub use error::{Error, ErrorKind, Result};
pub use genauth_macros::{WireSchema, genauth_api, genauth_endpoint};
pub use model::*;
pub use oidc::Protocol;
pub use options::{
    ClientOptions, ClientOptionsBuilder, HeaderPrefix, TokenEndpointAuthMethod, UserTokenScheme,
};
pub use retry::RetryPolicy;
pub use secret::{Password, Secret};
pub use transport::{ReqwestTransport, Transport, TransportError};

/// Re-exports for generated code. Not public API: may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::client::GenAuthClient;
    pub use crate::endpoint::{Auth, Call, Encoding, Endpoint, Method, ResponseKind};
    pub use crate::error::Error;
    pub use crate::pipeline::execute;
    pub use crate::transport::Transport;
    pub use crate::wire::{Schema, WireSchema, schema_has_path};
    pub use ::core::future::Future;
    pub use ::core::marker::Send;
    pub use ::core::option::Option;
    pub use ::core::result::Result;
    pub use ::serde;
    pub use ::serde_json;
}
