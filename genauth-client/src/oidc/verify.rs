//! Local verification of ID tokens and access tokens (feature `jwt`).
//!
//! RS256 tokens are checked with the key the JWKS (`GET /oidc/.well-known/jwks.json`) publishes
//! under the token's `kid`; the JWKS is cached and fetched again once when a token names a `kid`
//! it does not have (key rotation). HS256 ID tokens (an app setting) are checked with the app
//! secret. Claims checked: `iss` = `{app_host}/oidc`, `aud` contains the app id (or the audience
//! configured for access tokens), `exp`, `nbf` when present, `iat` present and not in the
//! future, and `nonce` when one is expected. Signature and claims are handled by the
//! `jsonwebtoken` crate; `alg: none` and algorithms other than RS256/HS256 are rejected.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::errors::ErrorKind as JwtErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::Oidc;
use crate::error::Error;
use crate::model::Jwks;
use crate::options::ClientOptions;
use crate::secret::Secret;

/// Why a token was rejected. Messages never contain the token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Not three base64url parts, bad JSON, or a claim of the wrong type.
    #[error("the token is not a well-formed JWT: {0}")]
    Malformed(String),
    /// `alg` is not RS256 (or HS256 for an ID token), e.g. `none`.
    #[error("unsupported signing algorithm {0}")]
    UnsupportedAlgorithm(String),
    /// No JWKS key has the token's `kid`, even after fetching the JWKS again.
    #[error("no key with kid {0:?} in the JWKS")]
    UnknownKid(String),
    /// The token has no `kid` and the JWKS has more than one key.
    #[error("the token has no kid and the JWKS does not have exactly one key")]
    MissingKid,
    /// An HS256 token, but the client has no app secret.
    #[error("an HS256 token needs the app secret, and none is configured")]
    MissingSecret,
    /// The signature does not verify with the selected key.
    #[error("the token signature is invalid")]
    BadSignature,
    /// `exp` has passed (beyond the leeway).
    #[error("the token has expired")]
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    #[error("the token is not valid yet (nbf)")]
    NotYetValid,
    /// `iat` is in the future (beyond the leeway).
    #[error("the token was issued in the future (iat)")]
    IssuedInFuture,
    /// `iss` is not `{app_host}/oidc`.
    #[error("the token issuer is not the expected one")]
    WrongIssuer,
    /// `aud` does not contain the expected audience.
    #[error("the token audience is not the expected one")]
    WrongAudience,
    /// A required claim is absent.
    #[error("the token has no `{0}` claim")]
    MissingClaim(String),
    /// A nonce was expected and the token's differs or is absent.
    #[error("the token nonce does not match")]
    NonceMismatch,
    /// The JWKS could not be fetched or decoded.
    #[error("could not fetch the JWKS: {0}")]
    Jwks(#[source] Error),
}

/// Claims of a verified ID token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// Issuer, `{app_host}/oidc`.
    pub iss: String,
    /// Subject: the user id.
    pub sub: String,
    /// Audience: the app id (a string, or an array containing it).
    pub aud: serde_json::Value,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// The nonce of the authorize request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// Time of the authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<u64>,
    /// Every other claim (profile claims per scope, `at_hash`, …).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Claims of a verified access token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessTokenClaims {
    /// Issuer, `{app_host}/oidc`.
    pub iss: String,
    /// Subject: the user id (absent for client-credentials tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// Audience.
    pub aud: serde_json::Value,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Granted scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Every other claim.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Default allowance for clock skew.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);
/// Default lifetime of a cached JWKS.
pub const DEFAULT_JWKS_TTL: Duration = Duration::from_secs(3600);
/// Default minimum time between two JWKS refetches caused by unknown `kid`s.
pub const DEFAULT_REFETCH_COOLDOWN: Duration = Duration::from_secs(10);

struct CachedJwks {
    by_kid: HashMap<String, DecodingKey>,
    all: Vec<DecodingKey>,
    fetched_at: Instant,
    generation: u64,
}

impl CachedJwks {
    fn find(&self, kid: Option<&str>) -> Result<Option<DecodingKey>, VerifyError> {
        match kid {
            Some(kid) => Ok(self.by_kid.get(kid).cloned()),
            None if self.all.len() == 1 => Ok(self.all.first().cloned()),
            None => Err(VerifyError::MissingKid),
        }
    }
}

#[derive(Default)]
struct CacheState {
    jwks: Option<Arc<CachedJwks>>,
    generation: u64,
    last_kid_refetch: Option<Instant>,
}

struct Shared {
    state: RwLock<CacheState>,
    fetch_gate: tokio::sync::Mutex<()>,
}

/// Verifies ID tokens and access tokens locally, with a cached JWKS.
///
/// Cheap to clone (clones share the cache). Keep one per application: each new verifier starts
/// with an empty cache. Built by [`crate::GenAuthClient::token_verifier`] or
/// [`TokenVerifier::new`] over any [`Oidc`] implementation (a mock too).
///
/// ```no_run
/// # async fn run(client: genauth_client::GenAuthClient) -> Result<(), Box<dyn std::error::Error>> {
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

    fn state_mut(&self) -> std::sync::RwLockWriteGuard<'_, CacheState> {
        self.shared
            .state
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached JWKS when it is still fresh.
    fn fresh(&self) -> Option<Arc<CachedJwks>> {
        let state = self
            .shared
            .state
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        state
            .jwks
            .as_ref()
            .filter(|j| j.fetched_at.elapsed() < self.jwks_ttl)
            .cloned()
    }

    async fn rsa_key(&self, kid: Option<&str>) -> Result<DecodingKey, VerifyError> {
        let jwks = match self.fresh() {
            Some(j) => j,
            None => self.fetch(None).await?,
        };
        if let Some(key) = jwks.find(kid)? {
            return Ok(key);
        }
        let kid = kid.unwrap_or_default();
        // Unknown kid: the keys may have rotated. Fetch again once, unless within the cooldown.
        {
            let mut state = self.state_mut();
            let recently = state
                .last_kid_refetch
                .is_some_and(|t| t.elapsed() < self.refetch_cooldown);
            if recently {
                return Err(VerifyError::UnknownKid(kid.to_owned()));
            }
            state.last_kid_refetch = Some(Instant::now());
        }
        let jwks = self.fetch(Some(jwks.generation)).await?;
        jwks.find(Some(kid))?
            .ok_or_else(|| VerifyError::UnknownKid(kid.to_owned()))
    }

    /// Fetches the JWKS, one fetch at a time. `stale` is the generation the caller found
    /// wanting: when another task replaced it while this one waited, that result is used.
    async fn fetch(&self, stale: Option<u64>) -> Result<Arc<CachedJwks>, VerifyError> {
        let _gate = self.shared.fetch_gate.lock().await;
        if let Some(current) = self.fresh()
            && stale.is_none_or(|g| current.generation > g)
        {
            return Ok(current);
        }
        let jwks = self.client.get_jwks().await.map_err(VerifyError::Jwks)?;
        let mut state = self.state_mut();
        state.generation += 1;
        let cached = Arc::new(index_jwks(&jwks, state.generation)?);
        state.jwks = Some(Arc::clone(&cached));
        Ok(cached)
    }
}

/// RSA signing keys of a JWKS by `kid` (keys marked `use: enc` are skipped).
fn index_jwks(jwks: &Jwks, generation: u64) -> Result<CachedJwks, VerifyError> {
    let mut by_kid = HashMap::new();
    let mut all = Vec::new();
    for jwk in &jwks.keys {
        if jwk.kty != "RSA" || jwk.key_use.as_deref().is_some_and(|u| u != "sig") {
            continue;
        }
        let (Some(n), Some(e)) = (&jwk.n, &jwk.e) else {
            continue;
        };
        let key = DecodingKey::from_rsa_components(n, e).map_err(|e| {
            VerifyError::Jwks(Error::Decode {
                reason: format!("a JWKS key does not decode: {e}"),
                body_excerpt: String::new(),
            })
        })?;
        if let Some(kid) = &jwk.kid {
            by_kid.insert(kid.clone(), key.clone());
        }
        all.push(key);
    }
    Ok(CachedJwks {
        by_kid,
        all,
        fetched_at: Instant::now(),
        generation,
    })
}

fn map_jwt_error(e: jsonwebtoken::errors::Error) -> VerifyError {
    match e.kind() {
        JwtErrorKind::InvalidSignature => VerifyError::BadSignature,
        JwtErrorKind::ExpiredSignature => VerifyError::Expired,
        JwtErrorKind::ImmatureSignature => VerifyError::NotYetValid,
        JwtErrorKind::InvalidIssuer => VerifyError::WrongIssuer,
        JwtErrorKind::InvalidAudience => VerifyError::WrongAudience,
        JwtErrorKind::MissingRequiredClaim(c) => VerifyError::MissingClaim(c.clone()),
        JwtErrorKind::InvalidAlgorithm | JwtErrorKind::InvalidAlgorithmName => {
            VerifyError::UnsupportedAlgorithm("mismatched or unknown alg".into())
        }
        _ => VerifyError::Malformed(e.to_string()),
    }
}
