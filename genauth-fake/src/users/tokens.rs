//! Tokens in the user store: `/api/v3` login token sets (lookup, revocation, introspection) and
//! single-use account tokens.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::{Store, UserId};

/// One successful sign-in: the token set handed out and who it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct TokenRecord {
    pub(crate) access_token: String,
    pub(crate) id_token: String,
    pub(crate) refresh_token: Option<String>,
    pub(crate) scope: String,
    pub(crate) user_id: UserId,
    issued_at: Instant,
    ttl: Duration,
    /// Revoked at `/oidc/token/revocation`: the access token and the refresh token separately.
    access_revoked: bool,
    refresh_revoked: bool,
}

/// What introspection reports about a `/api/v3` login token (see [`Store::token_info`]).
#[derive(Debug, Clone)]
pub(crate) struct TokenInfo {
    pub(crate) user_id: UserId,
    pub(crate) scope: String,
    pub(crate) refresh: bool,
    /// Issue time, seconds since the epoch.
    pub(crate) iat: u64,
    /// Expiry of an access token, seconds since the epoch (refresh tokens do not expire).
    pub(crate) exp: Option<u64>,
}

/// What a single-use token issued by an account endpoint is good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenPurpose {
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
pub(super) struct OneTimeToken {
    purpose: TokenPurpose,
    token: String,
    user_id: UserId,
    used: bool,
    issued_at: Instant,
    ttl: Duration,
}

impl Store {
    /// Records a login's token set for `user_id`: the access and ID tokens the caller minted
    /// (signed JWTs, as GenAuth issues), valid for `ttl` seconds, and a refresh token of its own
    /// only when `scope` has `offline_access`.
    pub(crate) fn record_tokens(
        &mut self,
        user_id: UserId,
        scope: &str,
        ttl: u64,
        access_token: String,
        id_token: String,
    ) -> TokenRecord {
        let offline = scope.split_whitespace().any(|s| s == "offline_access");
        let record = TokenRecord {
            access_token,
            id_token,
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

    /// Issues a token set for `user_id` with opaque access and ID tokens (unit tests of the
    /// store; the server's logins mint JWTs and use [`Store::record_tokens`]).
    #[cfg(test)]
    pub(crate) fn issue_tokens(&mut self, user_id: UserId, scope: &str, ttl: u64) -> TokenRecord {
        let access = format!("fake_at_{}", self.rng.hex(32));
        let id = format!("fake_idt_{}", self.rng.hex(32));
        self.record_tokens(user_id, scope, ttl, access, id)
    }

    /// Expires now every access token issued to `user_id` (refresh tokens stay usable): user
    /// endpoints refuse them and introspection reports them inactive. Returns how many.
    pub(crate) fn expire_access_tokens(&mut self, user_id: &UserId) -> usize {
        let mut n = 0;
        for t in self.tokens.iter_mut().filter(|t| &t.user_id == user_id) {
            if t.issued_at.elapsed() < t.ttl {
                t.ttl = t.issued_at.elapsed();
                n += 1;
            }
        }
        n
    }

    /// Issues a single-use token for `purpose`, bound to `user_id` and valid for `ttl` seconds.
    pub(crate) fn issue_one_time_token(
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
    pub(crate) fn unbound_token(&self, purpose: TokenPurpose) -> String {
        format!("{}{}", purpose.prefix(), self.rng.hex(32))
    }

    /// Consumes an unused, unexpired token issued for `purpose`; returns whose it was.
    pub(crate) fn consume_one_time_token(
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
    pub(crate) fn user_for_token(&self, authorization: &str) -> Option<UserId> {
        let token = strip_bearer(authorization.trim());
        self.tokens
            .iter()
            .find(|t| t.access_token == token && !t.access_revoked && t.issued_at.elapsed() < t.ttl)
            .map(|t| t.user_id.clone())
    }

    /// Revokes a login access token or refresh token (each on its own, as RFC 7009 allows);
    /// false when `token` is neither.
    pub(crate) fn revoke_token(&mut self, token: &str) -> bool {
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
    pub(crate) fn refresh_grant(&self, token: &str) -> Option<(UserId, String, bool)> {
        let t = self
            .tokens
            .iter()
            .find(|t| t.refresh_token.as_deref() == Some(token))?;
        Some((t.user_id.clone(), t.scope.clone(), t.refresh_revoked))
    }

    /// What introspection says about a login token: `None` when it is unknown, revoked or
    /// (an access token) expired.
    pub(crate) fn token_info(&self, token: &str) -> Option<TokenInfo> {
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

pub(crate) fn strip_bearer(value: &str) -> &str {
    match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::Identifier;

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
