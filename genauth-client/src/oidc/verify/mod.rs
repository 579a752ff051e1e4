//! Local verification of ID tokens and access tokens (feature `jwt`).
//!
//! RS256 tokens are checked with the key the JWKS (`GET /oidc/.well-known/jwks.json`) publishes
//! under the token's `kid`; the JWKS is cached and fetched again once when a token names a `kid`
//! it does not have (key rotation). HS256 ID tokens (an app setting) are checked with the app
//! secret. Claims checked: `iss` = `{app_host}/oidc`, `aud` contains the app id (or the audience
//! configured for access tokens), `exp`, `nbf` when present, `iat` present and not in the
//! future, and `nonce` when one is expected. Signature and claims are handled by the
//! `jsonwebtoken` crate; `alg: none` and algorithms other than RS256/HS256 are rejected.
//!
//! - this module: [`TokenVerifier`], its settings and the verification itself;
//! - `claims`: what verification returns ([`IdTokenClaims`], [`AccessTokenClaims`]) or why it
//!   failed ([`VerifyError`]);
//! - `jwks`: the JWKS cache (fetch, `kid` lookup, refetch on rotation).

mod claims;
mod jwks;

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::de::DeserializeOwned;

pub use claims::{AccessTokenClaims, IdTokenClaims, VerifyError};

use claims::map_jwt_error;
use jwks::{CacheState, Shared};

use crate::api::Oidc;
use crate::options::ClientOptions;
use crate::secret::Secret;

/// Default allowance for clock skew.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);
/// Default lifetime of a cached JWKS.
pub const DEFAULT_JWKS_TTL: Duration = Duration::from_secs(3600);
/// Default minimum time between two JWKS refetches caused by unknown `kid`s.
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
            shared: Arc::new(Shared {
                state: RwLock::new(CacheState::default()),
                fetch_gate: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// Clock-skew allowance for `exp`, `nbf` and `iat` (default 60 s).
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// How long a fetched JWKS is used before it is fetched again (default 1 h).
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
        self.state_mut().jwks = None;
    }

    /// Verifies an ID token (RS256 with the JWKS, or HS256 with the app secret) and its claims;
    /// `nonce`, when given, must equal the token's.
    pub async fn verify_id_token(
        &self,
        id_token: &str,
        nonce: Option<&str>,
    ) -> Result<IdTokenClaims, VerifyError> {
        let audience = [self.audience.clone()];
        let claims: IdTokenClaims = self.verify(id_token, true, &audience).await?;
        if let Some(expected) = nonce
            && claims.nonce.as_deref() != Some(expected)
        {
            return Err(VerifyError::NonceMismatch);
        }
        Ok(claims)
    }

    /// Verifies an access token (RS256 with the JWKS only) and its claims.
    pub async fn verify_access_token(
        &self,
        access_token: &str,
    ) -> Result<AccessTokenClaims, VerifyError> {
        let audience = self.access_token_audience.clone();
        self.verify(access_token, false, &audience).await
    }

    async fn verify<T: DeserializeOwned>(
        &self,
        token: &str,
        allow_hs256: bool,
        audience: &[String],
    ) -> Result<T, VerifyError> {
        let header = jsonwebtoken::decode_header(token).map_err(map_jwt_error)?;
        let key = match header.alg {
            Algorithm::RS256 => self.rsa_key(header.kid.as_deref()).await?,
            Algorithm::HS256 if allow_hs256 => match &self.secret {
                Some(secret) => DecodingKey::from_secret(secret.expose().as_bytes()),
                None => return Err(VerifyError::MissingSecret),
            },
            other => return Err(VerifyError::UnsupportedAlgorithm(format!("{other:?}"))),
        };
        let mut validation = Validation::new(header.alg);
        validation.leeway = self.leeway.as_secs();
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(audience);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        let data = jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation)
            .map_err(map_jwt_error)?;
        let claims = data.claims;
        let iat = match claims.get("iat") {
            None => return Err(VerifyError::MissingClaim("iat".into())),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| VerifyError::Malformed("`iat` is not a number".into()))?,
        };
        if iat > jsonwebtoken::get_current_timestamp() + self.leeway.as_secs() {
            return Err(VerifyError::IssuedInFuture);
        }
        serde_json::from_value(claims).map_err(|e| VerifyError::Malformed(e.to_string()))
    }
}
