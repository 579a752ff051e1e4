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
//! # extern crate genauth_client as genauth;
//! use genauth::{Authentication, AuthenticationExt, ClientOptions, GenAuthClient};
//!
//! # async fn run() -> genauth::Result<()> {
//! let client = GenAuthClient::new(ClientOptions::from_env()?)?;
//! let tokens = client.sign_in_by_account_password("alice", "s3cret", None).await?;
//! println!("expires in {}s", tokens.expires_in);
//! # Ok(()) }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Lets the macro's `::genauth::__private` paths (the user-facing crate's name) resolve inside
// this crate too.
extern crate self as genauth;

pub mod api;
mod api_code;
mod call;
mod client;
pub mod crypto;
pub mod endpoint;
pub mod envelope;
mod error;
#[cfg(feature = "events")]
#[cfg_attr(docsrs, doc(cfg(feature = "events")))]
pub mod events;
mod fetch_cache;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod guard;
#[cfg(feature = "management")]
#[cfg_attr(docsrs, doc(cfg(feature = "management")))]
pub mod management;
pub mod model;
pub mod oidc;
mod options;
mod pipeline;
#[cfg(feature = "replay")]
#[doc(hidden)]
pub mod replay;
mod retry;
#[cfg(feature = "replay")]
#[doc(hidden)]
pub mod sample;
mod secret;
pub mod session;
pub mod transport;
pub mod wire;

// Every declared trait, its extension traits and (with `mock`) its mock, with no list to keep.
pub use api::*;
pub use api_code::ApiCode;
pub use client::{GenAuthClient, UserClient};
pub use crypto::{PasswordEncryptType, PasswordEncryptor};
pub use endpoint::Protocol;
pub use error::{Error, ErrorKind, Result};
#[cfg(feature = "events")]
#[cfg_attr(docsrs, doc(cfg(feature = "events")))]
pub use events::{AuthEvent, EventStream, EventSubscription, ReconnectPolicy};
pub use genauth_macros::{WireSchema, dto, genauth_api, genauth_endpoint};
#[cfg(feature = "management")]
#[cfg_attr(docsrs, doc(cfg(feature = "management")))]
pub use management::{
    ManagementAuthScheme, ManagementClient, ManagementOptions, ManagementOptionsBuilder,
};
pub use model::*;
pub use options::{
    ClientOptions, ClientOptionsBuilder, HeaderPrefix, TokenEndpointAuthMethod, UserTokenScheme,
};
pub use retry::RetryPolicy;
pub use secret::{Password, Secret};
pub use session::{Session, SessionError};
pub use transport::{ReqwestTransport, Transport, TransportError};

/// Keeps its input (the replay builders `#[genauth_api(replay)]` generates) with the `replay`
/// feature, drops it unexpanded and unchecked without. Not public API.
#[cfg(feature = "replay")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_replay {
    ($($item:tt)*) => { $($item)* };
}

/// See the `replay` version.
#[cfg(not(feature = "replay"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_replay {
    ($($item:tt)*) => {};
}

/// Re-exports for generated code. Not public API: may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::__if_replay as if_replay;
    pub use crate::call::Call;
    pub use crate::client::{Caller, GenAuthClient, UserClient};
    pub use crate::endpoint::{
        ApiRegistry, Auth, ClientAuthOf, Encoding, Endpoint, Method, ResponseKind,
    };
    pub use crate::error::Error;
    #[cfg(feature = "management")]
    pub use crate::management::ManagementClient;
    pub use crate::pipeline::{Ctx, execute, execute_unit};
    #[cfg(feature = "replay")]
    pub use crate::replay::{Replay, ReplayEntry, ReplayRegistry, decode_as};
    #[cfg(feature = "replay")]
    pub use crate::sample::sample_of;
    pub use crate::secret::Password;
    pub use crate::transport::Transport;
    pub use crate::wire::{FlagSlot, Schema, WireSchema, schema_has_path, split_wire_path};
    pub use ::core::future::Future;
    pub use ::core::marker::Send;
    pub use ::core::option::Option;
    pub use ::core::result::Result;
    // The derive, beside the trait of the same name: `#[dto]` derives it by this path.
    pub use ::genauth_macros::WireSchema;
    pub use ::inventory;
    pub use ::serde;
    pub use ::serde_json;
}
