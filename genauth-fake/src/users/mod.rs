//! The fake server's mutable world: users, issued tokens and sent passcodes.
//!
//! Everything here is plain synchronous data behind one mutex in the server state; handlers lock
//! it for the few statements they need and never across an `.await`.
//!
//! This file holds the shared types and the [`Store`] itself; its operations live in
//! `accounts.rs` (user records and lookups, and the view the Management API reads), `passcodes.rs`, `tokens.rs` (login and single-use
//! tokens) and `rng.rs`.

mod accounts;
mod passcodes;
mod rng;
mod tokens;

use super::{FakeUser, management, mfa, resources, webauthn};
use accounts::UserRecord;
pub(crate) use accounts::{UserView, rfc3339};
use passcodes::PasscodeRecord;
pub(super) use passcodes::PasscodeTarget;
pub(super) use rng::Rng;
use tokens::{OneTimeToken, TokenRecord};
pub(super) use tokens::{TokenPurpose, strip_bearer};

/// The default `phoneCountryCode` when a request or a user has none (mainland China, as the
/// official SDKs assume).
pub(super) const DEFAULT_COUNTRY_CODE: &str = "+86";

/// Opaque identifier of a stored user (`"fake-user-<n>"` on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UserId(pub(super) String);

/// Which identifier of a password login named the user (`passwordPayload` key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Identifier<'a> {
    /// `account`: matches username, email or phone.
    Account(&'a str),
    Username(&'a str),
    Email(&'a str),
    Phone(&'a str),
}

/// Users, tokens and passcodes of one fake server.
#[derive(Debug)]
pub(super) struct Store {
    users: Vec<UserRecord>,
    next_user: u64,
    tokens: Vec<TokenRecord>,
    passcodes: Vec<PasscodeRecord>,
    one_time_tokens: Vec<OneTimeToken>,
    rng: Rng,
    /// Enrolled MFA factors and pending enrolments (`src/mfa.rs`).
    pub(super) mfa: mfa::MfaStore,
    /// Data-resource permissions granted by `FakeServer::grant_permission` (`src/resources.rs`).
    pub(super) permissions: resources::Grants,
    /// Pending WebAuthn ceremonies and bound credentials (`src/webauthn.rs`).
    pub(super) webauthn: webauthn::WebAuthnStore,
    /// Roles, groups and resource grants of the Management API (`src/management/directory.rs`).
    pub(super) directory: management::Directory,
}

impl Store {
    pub(super) fn new() -> Self {
        let mut store = Store {
            users: Vec::new(),
            next_user: 1,
            tokens: Vec::new(),
            passcodes: Vec::new(),
            one_time_tokens: Vec::new(),
            rng: Rng::new(),
            mfa: mfa::MfaStore::default(),
            permissions: resources::Grants::default(),
            webauthn: webauthn::WebAuthnStore::default(),
            directory: management::Directory::default(),
        };
        store.add_user(FakeUser::alice());
        store
    }
}
