//! The fake server's mutable world: users, issued tokens and sent passcodes.
//!
//! Everything here is plain synchronous data behind one mutex in the server state; handlers lock
//! it for the few statements they need and never across an `.await`.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::{FakeUser, SentPasscode, mfa, resources, webauthn};

/// The default `phoneCountryCode` when a request or a user has none (mainland China, as the
/// official SDKs assume).
pub(super) const DEFAULT_COUNTRY_CODE: &str = "+86";

/// Opaque identifier of a stored user (`"fake-user-<n>"` on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UserId(pub(super) String);

#[derive(Debug, Clone)]
struct UserRecord {
    id: UserId,
    user: FakeUser,
    created_at: SystemTime,
    /// Profile fields set by `update-profile` (camelCase wire names, never an identity key).
    profile: Map<String, Value>,
    /// When `update-profile` or a binding last changed the user.
    updated_at: Option<SystemTime>,
}

/// One successful sign-in: the token set handed out and who it belongs to.
#[derive(Debug, Clone)]
pub(super) struct TokenRecord {
    pub(super) access_token: String,
    pub(super) id_token: String,
    pub(super) refresh_token: Option<String>,
    pub(super) scope: String,
    pub(super) user_id: UserId,
    issued_at: Instant,
    ttl: Duration,
    /// Revoked at `/oidc/token/revocation`: the access token and the refresh token separately.
    access_revoked: bool,
    refresh_revoked: bool,
}

/// What introspection reports about a `/api/v3` login token (see [`Store::token_info`]).
#[derive(Debug, Clone)]
pub(super) struct TokenInfo {
    pub(super) user_id: UserId,
    pub(super) scope: String,
    pub(super) refresh: bool,
    /// Issue time, seconds since the epoch.
    pub(super) iat: u64,
    /// Expiry of an access token, seconds since the epoch (refresh tokens do not expire).
    pub(super) exp: Option<u64>,
}

#[derive(Debug, Clone)]
struct PasscodeRecord {
    sent: SentPasscode,
    used: bool,
}

/// What a single-use token issued by an account endpoint is good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenPurpose {
    /// `passwordResetToken`, consumed by `reset-password`.
    PasswordReset,
    /// `deleteAccountToken` (no endpoint consumes it yet).
    DeleteAccount,
}

impl TokenPurpose {
    fn prefix(self) -> &'static str {
        match self {
            TokenPurpose::PasswordReset => "fake_prt_",
            TokenPurpose::DeleteAccount => "fake_dat_",
        }
    }
}

#[derive(Debug, Clone)]
struct OneTimeToken {
    purpose: TokenPurpose,
    token: String,
    user_id: UserId,
    used: bool,
    issued_at: Instant,
    ttl: Duration,
}

/// Where a passcode went: an email address or a phone number with its optional country code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PasscodeTarget<'a> {
    Email(&'a str),
    Phone {
        number: &'a str,
        country_code: Option<&'a str>,
    },
}

impl PasscodeTarget<'_> {
    /// Consumes an outstanding passcode for this target on `channel` (see
    /// [`Store::consume_passcode`]).
    pub(super) fn consume(self, store: &mut Store, channel: &str, code: &str) -> bool {
        match self {
            PasscodeTarget::Email(email) => store.consume_passcode(channel, email, None, code),
            PasscodeTarget::Phone {
                number,
                country_code,
            } => store.consume_passcode(channel, number, country_code, code),
        }
    }

    /// The user this email, or this phone number with this country code, belongs to.
    pub(super) fn find_user(self, store: &Store) -> Option<UserId> {
        match self {
            PasscodeTarget::Email(email) => store.find_by_email(email),
            PasscodeTarget::Phone {
                number,
                country_code,
            } => store.find_by_phone(number, country_code),
        }
    }

    /// Whether a new user with this identifier would clash with a stored one. Stricter than
    /// [`PasscodeTarget::find_user`]: a phone number is taken whatever its country code, because
    /// [`Store::add_user`] would replace its owner.
    pub(super) fn is_taken(self, store: &Store) -> bool {
        match self {
            PasscodeTarget::Email(email) => store.find_by_email(email).is_some(),
            PasscodeTarget::Phone { number, .. } => store
                .find_by_identifier(Identifier::Phone(number))
                .is_some(),
        }
    }

    /// Whether this is `user`'s own email, or own phone number with a matching country code.
    pub(super) fn belongs_to(self, user: &FakeUser) -> bool {
        match self {
            PasscodeTarget::Email(email) => eq_email(user.email.as_deref(), email),
            PasscodeTarget::Phone {
                number,
                country_code,
            } => {
                user.phone.as_deref() == Some(number)
                    && user
                        .phone_country_code
                        .as_deref()
                        .unwrap_or(DEFAULT_COUNTRY_CODE)
                        == country_code.unwrap_or(DEFAULT_COUNTRY_CODE)
            }
        }
    }

    /// A new password-less user with just this identifier.
    pub(super) fn new_user(self) -> FakeUser {
        match self {
            PasscodeTarget::Email(email) => FakeUser::new().email(email),
            PasscodeTarget::Phone {
                number,
                country_code: Some(cc),
            } => FakeUser::new().phone(number).phone_country_code(cc),
            PasscodeTarget::Phone { number, .. } => FakeUser::new().phone(number),
        }
    }
}

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
        };
        store.add_user(FakeUser::alice());
        store
    }

    /// Adds `user`, replacing any stored user that shares one of its identifiers (username,
    /// email, phone, LDAP or AD account name), so a test can redefine the demo user.
    pub(super) fn add_user(&mut self, user: FakeUser) -> UserId {
        self.users.retain(|r| !shares_identifier(&r.user, &user));
        let id = UserId(format!("fake-user-{}", self.next_user));
        self.next_user += 1;
        self.users.push(UserRecord {
            id: id.clone(),
            user,
            created_at: SystemTime::now(),
            profile: Map::new(),
            updated_at: None,
        });
        id
    }

    /// Sets a stored user's password; false when there is no such user.
    pub(super) fn set_password(&mut self, id: &UserId, password: String) -> bool {
        match self.users.iter_mut().find(|r| &r.id == id) {
            Some(record) => {
                record.user.password = Some(password);
                true
            }
            None => false,
        }
    }

    /// Changes a stored user: its identifiers and its `update-profile` fields, and stamps
    /// `updatedAt`. False when there is no such user.
    pub(super) fn update_user(
        &mut self,
        id: &UserId,
        change: impl FnOnce(&mut FakeUser, &mut Map<String, Value>),
    ) -> bool {
        match self.users.iter_mut().find(|r| &r.id == id) {
            Some(record) => {
                change(&mut record.user, &mut record.profile);
                record.updated_at = Some(SystemTime::now());
                true
            }
            None => false,
        }
    }

    /// The user as the API returns it (`UserDto`-shaped, camelCase; unset identifiers are
    /// `null`), with the fields `update-profile` set and `updatedAt` once it changed.
    pub(super) fn user_json(&self, id: &UserId) -> Option<Value> {
        let record = self.users.iter().find(|r| &r.id == id)?;
        let user = &record.user;
        let mut data = json!({
            "userId": record.id.0,
            "username": user.username,
            "email": user.email,
            "phone": user.phone,
            "phoneCountryCode": user.phone_country_code,
            "status": "Activated",
            "createdAt": rfc3339(record.created_at),
        });
        if let Value::Object(map) = &mut data {
            if let Some(at) = record.updated_at {
                map.insert("updatedAt".into(), rfc3339(at).into());
            }
            map.extend(record.profile.clone());
        }
        Some(data)
    }

    pub(super) fn users(&self) -> Vec<FakeUser> {
        self.users.iter().map(|r| r.user.clone()).collect()
    }

    pub(super) fn user(&self, id: &UserId) -> Option<&FakeUser> {
        self.users.iter().find(|r| &r.id == id).map(|r| &r.user)
    }

    /// Finds the user named by a `passwordPayload` identifier. Emails compare case-insensitively.
    pub(super) fn find_by_identifier(&self, ident: Identifier<'_>) -> Option<UserId> {
        let matches = |u: &FakeUser| match ident {
            Identifier::Account(a) => {
                u.username.as_deref() == Some(a)
                    || eq_email(u.email.as_deref(), a)
                    || u.phone.as_deref() == Some(a)
            }
            Identifier::Username(n) => u.username.as_deref() == Some(n),
            Identifier::Email(e) => eq_email(u.email.as_deref(), e),
            Identifier::Phone(p) => u.phone.as_deref() == Some(p),
        };
        self.users
            .iter()
            .find(|r| matches(&r.user))
            .map(|r| r.id.clone())
    }

    pub(super) fn find_by_phone(&self, phone: &str, country_code: Option<&str>) -> Option<UserId> {
        let cc = country_code.unwrap_or(DEFAULT_COUNTRY_CODE);
        self.users
            .iter()
            .find(|r| {
                r.user.phone.as_deref() == Some(phone)
                    && r.user
                        .phone_country_code
                        .as_deref()
                        .unwrap_or(DEFAULT_COUNTRY_CODE)
                        == cc
            })
            .map(|r| r.id.clone())
    }

    pub(super) fn find_by_email(&self, email: &str) -> Option<UserId> {
        self.find_by_identifier(Identifier::Email(email))
    }

    pub(super) fn find_by_ldap(&self, sam: &str) -> Option<UserId> {
        let found = self
            .users
            .iter()
            .find(|r| r.user.ldap_sam_account_name.as_deref() == Some(sam));
        found.map(|r| r.id.clone())
    }

    pub(super) fn find_by_ad(&self, sam: &str) -> Option<UserId> {
        let found = self
            .users
            .iter()
            .find(|r| r.user.ad_sam_account_name.as_deref() == Some(sam));
        found.map(|r| r.id.clone())
    }

    pub(super) fn password_matches(&self, id: &UserId, password: &str) -> bool {
        self.user(id).and_then(|u| u.password.as_deref()) == Some(password)
    }

    /// Generates a 6-digit passcode for `target` and records it as sent.
    pub(super) fn issue_passcode(
        &mut self,
        channel: &str,
        target: &str,
        phone_country_code: Option<&str>,
    ) -> String {
        let code = format!("{:06}", self.rng.next_u64() % 1_000_000);
        self.passcodes.push(PasscodeRecord {
            sent: SentPasscode {
                channel: channel.to_owned(),
                target: normalize_target(target),
                phone_country_code: phone_country_code.map(str::to_owned),
                code: code.clone(),
            },
            used: false,
        });
        code
    }

    pub(super) fn sent_passcodes(&self) -> Vec<SentPasscode> {
        self.passcodes.iter().map(|p| p.sent.clone()).collect()
    }

    /// Consumes an unused passcode sent to `target` for `channel`. Phone country codes must
    /// agree, a missing one meaning `+86` on either side. Returns false when no such passcode is
    /// outstanding.
    pub(super) fn consume_passcode(
        &mut self,
        channel: &str,
        target: &str,
        phone_country_code: Option<&str>,
        code: &str,
    ) -> bool {
        let target = normalize_target(target);
        let cc = phone_country_code.unwrap_or(DEFAULT_COUNTRY_CODE);
        let found = self.passcodes.iter_mut().find(|p| {
            !p.used
                && p.sent.channel == channel
                && p.sent.target == target
                && p.sent.code == code
                && (target.contains('@')
                    || p.sent
                        .phone_country_code
                        .as_deref()
                        .unwrap_or(DEFAULT_COUNTRY_CODE)
                        == cc)
        });
        match found {
            Some(p) => {
                p.used = true;
                true
            }
            None => false,
        }
    }

    /// Issues a token set for `user_id`; a refresh token only when `scope` has `offline_access`.
    pub(super) fn issue_tokens(&mut self, user_id: UserId, scope: &str, ttl: u64) -> TokenRecord {
        let offline = scope.split_whitespace().any(|s| s == "offline_access");
        let record = TokenRecord {
            access_token: format!("fake_at_{}", self.rng.hex(32)),
            id_token: format!("fake_idt_{}", self.rng.hex(32)),
            refresh_token: offline.then(|| format!("fake_rt_{}", self.rng.hex(32))),
            scope: scope.to_owned(),
            user_id,
            issued_at: Instant::now(),
            ttl: Duration::from_secs(ttl),
            access_revoked: false,
            refresh_revoked: false,
        };
        self.tokens.push(record.clone());
        record
    }

    /// Issues a single-use token for `purpose`, bound to `user_id` and valid for `ttl` seconds.
    pub(super) fn issue_one_time_token(
        &mut self,
        purpose: TokenPurpose,
        user_id: UserId,
        ttl: u64,
    ) -> String {
        let token = self.unbound_token(purpose);
        self.one_time_tokens.push(OneTimeToken {
            purpose,
            token: token.clone(),
            user_id,
            used: false,
            issued_at: Instant::now(),
            ttl: Duration::from_secs(ttl),
        });
        token
    }

    /// A token shaped like the ones [`Store::issue_one_time_token`] issues, but never stored, so
    /// no endpoint accepts it.
    pub(super) fn unbound_token(&self, purpose: TokenPurpose) -> String {
        format!("{}{}", purpose.prefix(), self.rng.hex(32))
    }

    /// Consumes an unused, unexpired token issued for `purpose`; returns whose it was.
    pub(super) fn consume_one_time_token(
        &mut self,
        purpose: TokenPurpose,
        token: &str,
    ) -> Option<UserId> {
        let found = self.one_time_tokens.iter_mut().find(|t| {
            !t.used && t.purpose == purpose && t.token == token && t.issued_at.elapsed() < t.ttl
        })?;
        found.used = true;
        Some(found.user_id.clone())
    }

    /// The user an `authorization` header value stands for: the raw access token or
    /// `Bearer <access token>`, unexpired and not revoked.
    pub(super) fn user_for_token(&self, authorization: &str) -> Option<UserId> {
        let token = strip_bearer(authorization.trim());
        self.tokens
            .iter()
            .find(|t| t.access_token == token && !t.access_revoked && t.issued_at.elapsed() < t.ttl)
            .map(|t| t.user_id.clone())
    }

    /// Revokes a login access token or refresh token (each on its own, as RFC 7009 allows);
    /// false when `token` is neither.
    pub(super) fn revoke_token(&mut self, token: &str) -> bool {
        let mut found = false;
        for t in &mut self.tokens {
            if t.access_token == token {
                t.access_revoked = true;
                found = true;
            }
            if t.refresh_token.as_deref() == Some(token) {
                t.refresh_revoked = true;
                found = true;
            }
        }
        found
    }

    /// A login refresh token's user and scope, and whether it was revoked; `None` when
    /// `token` is not one.
    pub(super) fn refresh_grant(&self, token: &str) -> Option<(UserId, String, bool)> {
        let t = self
            .tokens
            .iter()
            .find(|t| t.refresh_token.as_deref() == Some(token))?;
        Some((t.user_id.clone(), t.scope.clone(), t.refresh_revoked))
    }

    /// What introspection says about a login token: `None` when it is unknown, revoked or
    /// (an access token) expired.
    pub(super) fn token_info(&self, token: &str) -> Option<TokenInfo> {
        let now = SystemTime::now();
        let unix = |at: SystemTime| {
            at.duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default()
        };
        self.tokens.iter().find_map(|t| {
            let issued = now.checked_sub(t.issued_at.elapsed()).unwrap_or(now);
            let info = |refresh, exp| TokenInfo {
                user_id: t.user_id.clone(),
                scope: t.scope.clone(),
                refresh,
                iat: unix(issued),
                exp,
            };
            if t.access_token == token && !t.access_revoked && t.issued_at.elapsed() < t.ttl {
                Some(info(false, Some(unix(issued + t.ttl))))
            } else if t.refresh_token.as_deref() == Some(token) && !t.refresh_revoked {
                Some(info(true, None))
            } else {
                None
            }
        })
    }
}

pub(super) fn strip_bearer(value: &str) -> &str {
    match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC), the way the service formats timestamps.
fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60,
        since.subsec_millis()
    )
}

pub(super) fn eq_email(stored: Option<&str>, given: &str) -> bool {
    stored.is_some_and(|s| s.eq_ignore_ascii_case(given))
}

/// Emails are matched case-insensitively, so they are stored lowercased; phones as given.
fn normalize_target(target: &str) -> String {
    if target.contains('@') {
        target.to_ascii_lowercase()
    } else {
        target.to_owned()
    }
}

fn shares_identifier(a: &FakeUser, b: &FakeUser) -> bool {
    fn same(x: &Option<String>, y: &Option<String>) -> bool {
        matches!((x, y), (Some(x), Some(y)) if x == y)
    }
    same(&a.username, &b.username)
        || matches!((&a.email, &b.email), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y))
        || same(&a.phone, &b.phone)
        || same(&a.ldap_sam_account_name, &b.ldap_sam_account_name)
        || same(&a.ad_sam_account_name, &b.ad_sam_account_name)
}

/// Non-cryptographic randomness for opaque tokens and passcodes: SipHash with per-process random
/// keys over a counter. Good enough for a test server; nothing here protects a real secret.
#[derive(Debug)]
pub(super) struct Rng {
    keys: RandomState,
    counter: AtomicU64,
}

impl Rng {
    pub(super) fn new() -> Self {
        Rng {
            keys: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    pub(super) fn next_u64(&self) -> u64 {
        self.keys
            .hash_one(self.counter.fetch_add(1, Ordering::Relaxed))
    }

    /// A uuid-shaped request id whose last group is the server's request sequence number.
    pub(super) fn request_id(&self, seq: u64) -> String {
        let r = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (r >> 32) as u32,
            (r >> 16) as u16,
            (r >> 4) & 0xfff,
            r & 0xfff,
            seq
        )
    }

    /// `len` lowercase hex characters.
    pub(super) fn hex(&self, len: usize) -> String {
        let mut out = String::with_capacity(len + 16);
        while out.len() < len {
            out.push_str(&format!("{:016x}", self.next_u64()));
        }
        out.truncate(len);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_matches_username_email_and_phone() {
        let store = Store::new();
        for account in ["alice", "ALICE@example.com", "13800000000"] {
            assert!(
                store
                    .find_by_identifier(Identifier::Account(account))
                    .is_some(),
                "{account}"
            );
        }
        assert!(
            store
                .find_by_identifier(Identifier::Username("ALICE"))
                .is_none()
        );
        assert!(
            store
                .find_by_identifier(Identifier::Phone("alice"))
                .is_none()
        );
    }

    #[test]
    fn passcodes_are_single_use_and_country_code_aware() {
        let mut store = Store::new();
        let code = store.issue_passcode("CHANNEL_LOGIN", "13800000000", None);
        assert_eq!(code.len(), 6);
        let login = "CHANNEL_LOGIN";
        assert!(!store.consume_passcode(login, "13800000000", Some("+1"), &code));
        assert!(!store.consume_passcode("CHANNEL_REGISTER", "13800000000", None, &code));
        assert!(store.consume_passcode(login, "13800000000", Some("+86"), &code));
        assert!(!store.consume_passcode(login, "13800000000", None, &code));
        let code = store.issue_passcode(login, "Bob@Example.com", None);
        assert!(store.consume_passcode(login, "bob@example.COM", None, &code));
    }

    #[test]
    fn add_user_replaces_on_shared_identifier() {
        let mut store = Store::new();
        store.add_user(FakeUser::new().username("alice").password("other"));
        assert_eq!(store.users().len(), 1);
        let id = store
            .find_by_identifier(Identifier::Username("alice"))
            .unwrap();
        assert!(store.password_matches(&id, "other"));
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(951_827_696_789); // a leap day
        assert_eq!(rfc3339(t), "2000-02-29T12:34:56.789Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_735_689_599);
        assert_eq!(rfc3339(t), "2024-12-31T23:59:59.000Z");
    }

    #[test]
    fn one_time_tokens_are_single_use_and_purpose_bound() {
        let mut store = Store::new();
        let id = store.find_by_email("alice@example.com").unwrap();
        let reset = TokenPurpose::PasswordReset;
        let token = store.issue_one_time_token(reset, id.clone(), 60);
        assert!(token.starts_with("fake_prt_"));
        let delete = TokenPurpose::DeleteAccount;
        assert_eq!(store.consume_one_time_token(delete, &token), None);
        assert_eq!(
            store.consume_one_time_token(reset, &token),
            Some(id.clone())
        );
        assert_eq!(store.consume_one_time_token(reset, &token), None);
        let expired = store.issue_one_time_token(reset, id, 0);
        assert_eq!(store.consume_one_time_token(reset, &expired), None);
        let unbound = store.unbound_token(reset);
        assert_eq!(store.consume_one_time_token(reset, &unbound), None);
    }

    #[test]
    fn passcode_targets() {
        let store = Store::new();
        let alice = store.users()[0].clone();
        let phone = |cc| PasscodeTarget::Phone {
            number: "13800000000",
            country_code: cc,
        };
        assert!(PasscodeTarget::Email("ALICE@example.com").belongs_to(&alice));
        assert!(phone(None).belongs_to(&alice) && phone(Some("+86")).belongs_to(&alice));
        assert!(!phone(Some("+1")).belongs_to(&alice));
        assert!(phone(Some("+1")).find_user(&store).is_none());
        assert!(phone(Some("+1")).is_taken(&store));
        assert_eq!(
            phone(Some("+1")).new_user(),
            FakeUser::new()
                .phone("13800000000")
                .phone_country_code("+1")
        );
    }

    #[test]
    fn tokens_accept_raw_and_bearer() {
        let mut store = Store::new();
        let id = store
            .find_by_identifier(Identifier::Username("alice"))
            .unwrap();
        let t = store.issue_tokens(id.clone(), "openid profile", 60);
        assert!(t.refresh_token.is_none());
        assert_eq!(store.user_for_token(&t.access_token), Some(id.clone()));
        assert_eq!(
            store.user_for_token(&format!("Bearer {}", t.access_token)),
            Some(id)
        );
        assert_eq!(store.user_for_token("Bearer nope"), None);
        let t = store.issue_tokens(t.user_id, "openid offline_access", 0);
        assert!(t.refresh_token.is_some());
        assert_eq!(
            store.user_for_token(&t.access_token),
            None,
            "ttl 0 is expired at once"
        );
    }

    #[test]
    fn access_and_refresh_tokens_are_revoked_separately() {
        let mut store = Store::new();
        let id = store.find_by_email("alice@example.com").unwrap();
        let t = store.issue_tokens(id.clone(), "openid offline_access", 60);
        let refresh = t.refresh_token.clone().unwrap();
        assert!(
            store
                .token_info(&t.access_token)
                .is_some_and(|i| !i.refresh)
        );
        assert!(store.token_info(&refresh).is_some_and(|i| i.refresh));
        assert!(store.revoke_token(&refresh));
        assert_eq!(store.refresh_grant(&refresh).map(|g| g.2), Some(true));
        assert!(store.token_info(&refresh).is_none());
        assert_eq!(store.user_for_token(&t.access_token), Some(id));
        assert!(store.revoke_token(&t.access_token));
        assert_eq!(store.user_for_token(&t.access_token), None);
        assert!(store.token_info(&t.access_token).is_none());
        assert!(!store.revoke_token("nope"));
    }
}
