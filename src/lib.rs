//! # genauth
//!
//! The Rust SDK for the [GenAuth](https://www.genauth.ai) (formerly Authing) identity platform:
//! a declarative client for the Authentication API (every endpoint one annotated trait method),
//! client-side password encryption with the server's RSA or SM2 key, OIDC / OAuth 2.0 helpers and
//! local token verification.
//!
//! ```no_run
//! use genauth::{AuthenticationExt, ClientOptions, GenAuthClient};
//!
//! #[tokio::main]
//! async fn main() -> genauth::Result<()> {
//!     // GENAUTH_APP_ID, GENAUTH_APP_SECRET, GENAUTH_APP_HOST
//!     let client = GenAuthClient::new(ClientOptions::from_env()?)?;
//!     let tokens = client.sign_in_by_account_password("alice", "Passw0rd!", None).await?;
//!     println!("expires in {}s", tokens.expires_in);
//!     Ok(())
//! }
//! ```
//!
//! Start with [`GenAuthClient`] and [`ClientOptions`]; the API is the traits in [`api`] (all
//! re-exported here), errors are one [`Error`] enum ([`Error::api_code`] names the platform's
//! business codes), [`session::Session`] keeps a login's tokens fresh. Features: `jwt` (default:
//! token verification, `oidc::TokenVerifier`), `axum` (a bearer-token guard, `guard`), `mock`
//! (`mockall` mocks of every trait), `events` (the authentication-event stream) and `fake` (an
//! in-process GenAuth-compatible server for your tests, `genauth::fake::FakeServer`). The README has
//! the feature table; `docs/features.md` in the repository says what each one adds to the build.
//!
//! This crate re-exports `genauth-client` (the runtime and the declared API) and, through it,
//! `genauth-macros`; depend on `genauth` only.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

pub use genauth_client::*;

/// The in-process GenAuth-compatible server (feature `fake`): start it on `127.0.0.1:0` in your
/// tests and point a client at it (`genauth_fake`).
#[cfg(feature = "fake")]
#[cfg_attr(docsrs, doc(cfg(feature = "fake")))]
#[doc(inline)]
pub use genauth_fake as fake;

/// The Management API (feature `management`): [`management::ManagementClient`], the 37
/// generated endpoint traits ([`management::Users`], …), their request and response types
/// ([`management::model`]), [`management::pages`] and the Node SDK's request signature
/// ([`management::sign`]).
#[cfg(feature = "management")]
#[cfg_attr(docsrs, doc(cfg(feature = "management")))]
#[doc(inline)]
pub use genauth_management as management;

// The Rust blocks of the README and docs/{testing,developing,management}.md compile (and the
// runnable ones run) as doctests of this crate (`cargo test --doc -p genauth`), each under the features it
// names (see build.rs).
#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/README.doctest.md"))]
pub struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/docs-testing.doctest.md"))]
pub struct DocsTestingDoctests;

#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/docs-developing.doctest.md"))]
pub struct DocsDevelopingDoctests;

#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/docs-management.doctest.md"))]
pub struct DocsManagementDoctests;
