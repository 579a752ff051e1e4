//! Local verification of ID tokens and access tokens (feature `jwt`, on by default).
//!
//! RS256 tokens are checked with the key the JWKS (`GET /oidc/.well-known/jwks.json`) publishes
//! under the token's `kid`; the JWKS is cached and fetched again once when a token names a `kid`
//! it does not have (key rotation). HS256 ID tokens (an app setting) are checked with the app
//! secret. Claims checked: `iss` = `{app_host}/oidc`, `aud` contains the app id (or the audience
//! configured for access tokens), `exp`, `nbf` when present, `iat` present and not in the
//! future (each with the leeway), and `nonce` when one is expected. For ID tokens also `azp`
//! (OpenID Connect Core 1.0 §3.1.3.7): when present it must be the app id, and an ID token
//! whose `aud` has several values must carry it.
//!
//! `exp`, `nbf` and `iat` are NumericDates (RFC 7519 §2): non-negative JSON numbers below 2^64,
//! fractions allowed. They are compared with the clock to the nanosecond (a fraction below a
//! nanosecond is dropped), so `exp = now + 0.5` is still valid for half a second with no
//! leeway; strings, negative numbers, `1e400` and values of 2^64 or more are
//! [`VerifyError::Malformed`]. The returned claims hold them as whole seconds, truncated.
//!
//! One RSA stack: the compact JWS is parsed here (`jws`), RS256 is verified with the `rsa` 0.10
//! crate password encryption already uses (`rsa::pkcs1v15::VerifyingKey<Sha256>`), HS256 with
//! `hmac` 0.13 (already in the tree through `rsa`). `alg` is pinned to the key type: RS256 only
//! with an RSA JWK, HS256 only with the app secret and only for ID tokens; `none` and every
//! other algorithm are rejected before any key is used.
//!
//! - this module: [`TokenVerifier`], its settings and the verification itself;
//! - `jws`: compact JWS parsing (bounded sizes, strict base64url);
//! - `claims`: what verification returns ([`IdTokenClaims`], [`AccessTokenClaims`]), why it
//!   failed ([`VerifyError`]), and the registered-claims checks;
//! - `jwks`: the JWKS cache (fetch, `kid` lookup, refetch on rotation);
//! - `introspect`: the online alternative, RFC 7662 introspection behind a TTL cache.

// Each public item repeats the module's `#[cfg(feature = "jwt")]`: rustdoc keeps an item's own
// `cfg` when `genauth` re-exports it from this crate (the "Available on crate feature jwt" badge
// on docs.rs), while the module's is lost through the `pub use` in `oidc`.

mod claims;
mod introspect;
mod jwks;
mod jws;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

pub use claims::{AccessTokenClaims, IdTokenClaims, VerifyError};
pub use introspect::{
    DEFAULT_INTROSPECTION_CAPACITY, DEFAULT_NEGATIVE_TTL, DEFAULT_POSITIVE_TTL, IntrospectionCache,
};
pub use jws::MAX_TOKEN_LEN;

use claims::{Expect, Registered, now};
use jwks::Shared;
use jws::{Alg, Jws};

use crate::api::Oidc;
use crate::options::ClientOptions;
use crate::secret::Secret;

/// Default allowance for clock skew.
#[cfg(feature = "jwt")]
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);
/// Default lifetime of a cached JWKS.
#[cfg(feature = "jwt")]
pub const DEFAULT_JWKS_TTL: Duration = Duration::from_secs(3600);
/// Default minimum time between two JWKS refetches caused by unknown `kid`s.
#[cfg(feature = "jwt")]
pub const DEFAULT_REFETCH_COOLDOWN: Duration = Duration::from_secs(10);

/// Verifies ID tokens and access tokens locally, with a cached JWKS.
///
/// Cheap to clone (clones share the cache). Keep one per application: each new verifier starts
/// with an empty cache. Built by [`crate::GenAuthClient::token_verifier`] or
/// [`TokenVerifier::new`] over any [`Oidc`] implementation (a mock too).
///
/// ```no_run
/// # extern crate genauth_client as genauth;
/// # async fn run(client: genauth::GenAuthClient) -> Result<(), Box<dyn std::error::Error>> {
/// let verifier = client.token_verifier();
/// let claims = verifier.verify_id_token("eyJ…", Some("the-nonce-sent")).await?;
/// println!("user {}", claims.sub);
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[cfg(feature = "jwt")]
pub struct TokenVerifier<C> {
    client: C,
    issuer: String,
    audience: String,
    access_token_audience: Vec<String>,
    secret: Option<Secret>,
    leeway: Duration,
    jwks_ttl: Duration,
    refetch_cooldown: Duration,
    shared: Arc<Shared>,
}

impl<C> fmt::Debug for TokenVerifier<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenVerifier")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("access_token_audience", &self.access_token_audience)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("leeway", &self.leeway)
            .field("jwks_ttl", &self.jwks_ttl)
            .field("refetch_cooldown", &self.refetch_cooldown)
            .finish_non_exhaustive()
    }
}

impl<C: Oidc + Sync> TokenVerifier<C> {
    /// A verifier for the application of `options` (issuer `{app_host}/oidc`, audience the app
    /// id, HS256 with the app secret), fetching keys through `client`.
    pub fn new(client: C, options: &ClientOptions) -> Self {
        TokenVerifier {
            client,
            issuer: format!("{}/oidc", options.app_host()),
            audience: options.app_id().to_owned(),
            access_token_audience: vec![options.app_id().to_owned()],
            secret: options.app_secret.clone().filter(|s| !s.is_empty()),
            leeway: DEFAULT_LEEWAY,
            jwks_ttl: DEFAULT_JWKS_TTL,
            refetch_cooldown: DEFAULT_REFETCH_COOLDOWN,
            shared: Arc::new(Shared::default()),
        }
    }

    /// Clock-skew allowance for `exp`, `nbf` and `iat` (default 60 s).
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// How long a fetched JWKS is used before it is fetched again (default 1 h). When that
    /// refresh fails, the cached keys stay in use and the fetch is retried after the refetch
    /// cooldown, so a GenAuth outage does not turn every valid token away.
    pub fn with_jwks_ttl(mut self, ttl: Duration) -> Self {
        self.jwks_ttl = ttl;
        self
    }

    /// Minimum time between two refetches caused by an unknown `kid` (default 10 s), so tokens
    /// with made-up `kid`s cannot make the verifier hammer the JWKS endpoint. Within the
    /// cooldown an unknown `kid` fails without a refetch.
    pub fn with_refetch_cooldown(mut self, cooldown: Duration) -> Self {
        self.refetch_cooldown = cooldown;
        self
    }

    /// Audiences accepted in access tokens (default: the app id). A token passes when its
    /// `aud` contains any of them.
    pub fn with_access_token_audience<S: Into<String>>(
        mut self,
        audiences: impl IntoIterator<Item = S>,
    ) -> Self {
        self.access_token_audience = audiences.into_iter().map(Into::into).collect();
        self
    }

    /// The issuer tokens must carry.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Forgets the cached JWKS (the next verification fetches it).
    pub fn clear_cache(&self) {
        self.shared.jwks.invalidate();
    }

    /// Verifies an ID token (RS256 with the JWKS, or HS256 with the app secret) and its claims;
    /// `nonce`, when given, must equal the token's.
    ///
    /// `aud` must contain the app id. Per OpenID Connect Core 1.0 §3.1.3.7, an `azp` claim, when
    /// present, must be the app id ([`VerifyError::WrongAudience`] otherwise), and a token whose
    /// `aud` is an array of more than one value must have one ([`VerifyError::MissingClaim`]
    /// `"azp"` otherwise); a single audience without `azp` is accepted.
    pub async fn verify_id_token(
        &self,
        id_token: &str,
        nonce: Option<&str>,
    ) -> Result<IdTokenClaims, VerifyError> {
        let audience = std::slice::from_ref(&self.audience);
        let claims: IdTokenClaims = self
            .verify(id_token, true, audience, Some(&self.audience))
            .await?;
        if let Some(expected) = nonce
            && claims.nonce.as_deref() != Some(expected)
        {
            return Err(VerifyError::NonceMismatch);
        }
        Ok(claims)
    }

    /// Verifies an access token (RS256 with the JWKS only) and its claims: `aud` must contain
    /// one of the accepted audiences ([`TokenVerifier::with_access_token_audience`]).
    ///
    /// The ID-token `azp` rule does not apply: `azp` (or `client_id`) in an access token names
    /// the client that obtained it, and a resource server accepts tokens obtained by any client
    /// for its audience. Which clients may call is an authorization decision, left to the caller
    /// (see `guard::BearerClaims::client_id`).
    pub async fn verify_access_token(
        &self,
        access_token: &str,
    ) -> Result<AccessTokenClaims, VerifyError> {
        // No authorized party: §3.1.3.7 is ID-token validation; an access token's audience is
        // the resource, not the client that presents it (see the doc comment).
        self.verify(access_token, false, &self.access_token_audience, None)
            .await
    }

    async fn verify<T: DeserializeOwned>(
        &self,
        token: &str,
        allow_hs256: bool,
        audience: &[String],
        authorized_party: Option<&str>,
    ) -> Result<T, VerifyError> {
        let jws = Jws::parse(token)?;
        match jws.alg {
            Alg::Rs256 => {
                let key = self.rsa_key(jws.kid.as_deref()).await?;
                if !key.verify_rs256(jws.signing_input, &jws.signature) {
                    return Err(VerifyError::BadSignature);
                }
            }
            Alg::Hs256 if allow_hs256 => {
                let secret = self.secret.as_ref().ok_or(VerifyError::MissingSecret)?;
                let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes())
                    .map_err(|_| VerifyError::MissingSecret)?;
                mac.update(jws.signing_input);
                // Constant time: `verify_slice` compares the computed tag with the token's
                // through `subtle::ConstantTimeEq`, so how long a rejection takes does not
                // depend on how many leading bytes of a forged tag were right; a plain `==`
                // would let an attacker who can time responses find a valid tag byte by byte.
                mac.verify_slice(&jws.signature)
                    .map_err(|_| VerifyError::BadSignature)?;
            }
            // Access tokens are RS256 only: an HS256 one is refused before any key is used, so
            // a token "signed" with the RSA public key as an HMAC key (alg confusion) cannot
            // pass, and neither can one signed with the app secret.
            Alg::Hs256 => {
                return Err(VerifyError::UnsupportedAlgorithm(
                    "HS256 (access tokens are RS256 only)".into(),
                ));
            }
        }
        let claims = jws.claims()?;
        Registered::parse(&claims)?.check(&Expect {
            issuer: &self.issuer,
            audience,
            authorized_party,
            leeway: self.leeway,
            now: now(),
        })?;
        serde_json::from_slice(&claims).map_err(|e| {
            VerifyError::Malformed(format!(
                "the claims do not decode into {}: {}",
                std::any::type_name::<T>()
                    .rsplit("::")
                    .next()
                    .unwrap_or("claims"),
                match e.classify() {
                    serde_json::error::Category::Data => "a claim of the wrong type",
                    _ => "bad JSON",
                }
            ))
        })
    }
}
