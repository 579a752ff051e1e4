//! Protecting an axum (or any tower) API with GenAuth tokens (feature `axum`).
//!
//! A [`Guard`] reads `Authorization: Bearer <token>`, checks the token offline (an RS256 JWT
//! against the cached JWKS, [`TokenVerifier`]) or online (introspection behind a TTL cache,
//! [`IntrospectionCache`]), and puts the typed [`BearerClaims`] (subject, scopes, roles, custom
//! claims) into the request extensions. Refusals follow RFC 6750 ([`GuardRejection`]): 401 with
//! `WWW-Authenticate: Bearer` when there is no token, 401 `invalid_token` when it does not
//! verify, 403 `insufficient_scope` (with `scope="…"`) when a route requires a scope the token
//! lacks, 400 `invalid_request` for a malformed `Authorization` header. Nothing in a header or a
//! token can make it panic.
//!
//! Two ways in, which compose:
//! - the tower layer: [`Guard::layer`] (verify only) or [`Guard::require_scopes`] (verify, then
//!   require scopes), on a router or a single route; handlers read
//!   `Extension<BearerClaims>`. A route layer under a router layer reuses the claims the outer
//!   one put in the extensions, so a token is verified once per request.
//! - the extractor: a handler argument `claims: BearerClaims`, when the router state provides the
//!   [`Guard`] (`Guard: FromRef<S>`).
//!
//! A complete resource server (compiles with the features `axum`; the `axum` crate with its
//! `tokio` and `http1` features for the router and the server):
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! use axum::{Extension, Router, routing::get};
//! use genauth::guard::{BearerClaims, Guard};
//! use genauth::{ClientOptions, GenAuthClient};
//!
//! async fn orders(Extension(claims): Extension<BearerClaims>) -> String {
//!     format!("orders of {}", claims.subject.as_deref().unwrap_or("a client"))
//! }
//!
//! async fn me(claims: BearerClaims) -> String {
//!     format!("you are {:?} with scopes {:?}", claims.subject, claims.scopes)
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // GENAUTH_APP_ID, GENAUTH_APP_SECRET, GENAUTH_APP_HOST
//!     let client = GenAuthClient::new(ClientOptions::from_env()?)?;
//!     // Offline: RS256 access tokens checked against the app's JWKS (cached, refetched on
//!     // rotation). For opaque or revocable tokens: `Guard::online(client.introspection_cache())`.
//!     let guard = Guard::offline(client.token_verifier());
//!
//!     let app = Router::new()
//!         .route("/me", get(me))
//!         .route(
//!             "/orders",
//!             get(orders).layer(guard.require_scope("orders:read")?),
//!         )
//!         .with_state(guard);
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//!     axum::serve(listener, app).await?;
//!     Ok(())
//! }
//! ```

mod claims;
mod rejection;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum_core::extract::{FromRef, FromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::header::AUTHORIZATION;
use http::request::Parts;
use http::{HeaderMap, Request};

pub use claims::{BearerClaims, ClaimsSource};
pub use rejection::GuardRejection;

use crate::api::Oidc;
use crate::error::Error;
use crate::oidc::{IntrospectionCache, MAX_TOKEN_LEN, TokenVerifier, VerifyError};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Checks one bearer token: the two implementations are the offline verifier and the online
/// introspection cache. Object-safe so that [`Guard`] is one type whatever the client.
trait Check: Send + Sync {
    fn check<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<BearerClaims, GuardRejection>>;
}

impl<C: Oidc + Send + Sync + 'static> Check for TokenVerifier<C> {
    fn check<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<BearerClaims, GuardRejection>> {
        Box::pin(async move {
            match self.verify_access_token(token).await {
                Ok(claims) => Ok(BearerClaims::from_jwt(claims)),
                Err(VerifyError::Jwks(e)) => Err(GuardRejection::Unavailable(e)),
                Err(e) => Err(GuardRejection::InvalidToken(Some(e))),
            }
        })
    }
}

impl<C: Oidc + Send + Sync + 'static> Check for IntrospectionCache<C> {
    fn check<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<BearerClaims, GuardRejection>> {
        Box::pin(async move {
            let answer = self
                .introspect(token)
                .await
                .map_err(GuardRejection::Unavailable)?;
            if !answer.active {
                return Err(GuardRejection::InvalidToken(None));
            }
            Ok(BearerClaims::from_introspection(&answer))
        })
    }
}

/// Checks bearer tokens for an API: offline ([`Guard::offline`]) or online ([`Guard::online`]).
/// Cheap to clone (clones share the verifier's JWKS cache or the introspection cache). See the
/// [module documentation](self) for a complete server.
#[derive(Clone)]
pub struct Guard {
    check: Arc<dyn Check>,
    mode: ClaimsSource,
}

impl fmt::Debug for Guard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Guard")
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl Guard {
    /// Offline checking: access tokens are RS256 JWTs verified with `verifier` (its JWKS cache,
    /// issuer, audiences and leeway). No call to GenAuth per request once the JWKS is cached.
    pub fn offline<C: Oidc + Send + Sync + 'static>(verifier: TokenVerifier<C>) -> Self {
        Guard {
            check: Arc::new(verifier),
            mode: ClaimsSource::Jwt,
        }
    }

    /// Online checking: tokens (JWT or opaque) are introspected through `cache`; a revoked
    /// token stops working within the cache's positive TTL.
    pub fn online<C: Oidc + Send + Sync + 'static>(cache: IntrospectionCache<C>) -> Self {
        Guard {
            check: Arc::new(cache),
            mode: ClaimsSource::Introspection,
        }
    }

    /// The claims of the request's bearer token, or why there are none. What the layer and the
    /// extractor run.
    pub async fn authenticate(&self, headers: &HeaderMap) -> Result<BearerClaims, GuardRejection> {
        let token = bearer_token(headers)?;
        self.check.check(token).await
    }

    /// A layer that verifies the token and puts the [`BearerClaims`] into the request
    /// extensions; refused requests never reach the inner service.
    pub fn layer(&self) -> GuardLayer {
        GuardLayer {
            guard: self.clone(),
            required: Required::default(),
        }
    }

    /// Like [`Guard::layer`], and then 403 `insufficient_scope` unless the token has every one
    /// of `scopes`. A scope must be an RFC 6749 scope-token (printable ASCII without space,
    /// `"` or `\`), else this is [`Error::Config`].
    pub fn require_scopes<I, S>(&self, scopes: I) -> Result<GuardLayer, Error>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let scopes: Vec<String> = scopes.into_iter().map(Into::into).collect();
        for s in &scopes {
            let ok = !s.is_empty()
                && s.bytes()
                    .all(|b| b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b));
            if !ok {
                return Err(Error::Config(format!(
                    "{s:?} is not a valid OAuth scope (printable ASCII, no space, quote or backslash)"
                )));
            }
        }
        Ok(GuardLayer {
            guard: self.clone(),
            required: Required {
                joined: Arc::from(scopes.join(" ")),
                scopes: Arc::from(scopes),
            },
        })
    }

    /// [`Guard::require_scopes`] with one scope.
    pub fn require_scope(&self, scope: &str) -> Result<GuardLayer, Error> {
        self.require_scopes([scope])
    }
}

/// The bearer token of `Authorization`, per RFC 6750 §2.1. A missing header or another scheme
/// is [`GuardRejection::MissingToken`]; anything malformed is
/// [`GuardRejection::InvalidRequest`]. Never panics, never allocates.
fn bearer_token(headers: &HeaderMap) -> Result<&str, GuardRejection> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Err(GuardRejection::MissingToken);
    };
    if values.next().is_some() {
        return Err(GuardRejection::InvalidRequest(
            "more than one Authorization header",
        ));
    }
    if value.len() > MAX_TOKEN_LEN + 64 {
        return Err(GuardRejection::InvalidRequest(
            "the Authorization header is too long",
        ));
    }
    let value = value.to_str().map_err(|_| {
        GuardRejection::InvalidRequest("the Authorization header is not visible ASCII")
    })?;
    let value = value.trim_matches(|c| c == ' ' || c == '\t');
    let (scheme, token) = value.split_once([' ', '\t']).unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(GuardRejection::MissingToken);
    }
    let token = token.trim_start_matches([' ', '\t']);
    if token.is_empty() {
        return Err(GuardRejection::InvalidRequest("the bearer token is empty"));
    }
    // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    let body = token.trim_end_matches('=');
    let ok = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b));
    if !ok {
        return Err(GuardRejection::InvalidRequest(
            "the bearer token has characters outside b64token",
        ));
    }
    Ok(token)
}

/// The scopes a layer requires (none by default).
#[derive(Clone, Default)]
struct Required {
    scopes: Arc<[String]>,
    joined: Arc<str>,
}

impl Required {
    fn check(&self, claims: &BearerClaims) -> Result<(), GuardRejection> {
        if self.scopes.iter().all(|s| claims.has_scope(s)) {
            Ok(())
        } else {
            Err(GuardRejection::InsufficientScope {
                required: Arc::clone(&self.joined),
            })
        }
    }
}

/// The tower [`Layer`](tower_layer::Layer) of a [`Guard`] ([`Guard::layer`],
/// [`Guard::require_scopes`]).
#[derive(Clone)]
pub struct GuardLayer {
    guard: Guard,
    required: Required,
}

impl fmt::Debug for GuardLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardLayer")
            .field("guard", &self.guard)
            .field("required_scopes", &self.required.scopes)
            .finish()
    }
}

impl<S> tower_layer::Layer<S> for GuardLayer {
    type Service = GuardService<S>;

    fn layer(&self, inner: S) -> GuardService<S> {
        GuardService {
            inner,
            guard: self.guard.clone(),
            required: self.required.clone(),
        }
    }
}

/// The service [`GuardLayer`] wraps around an inner service answering axum
/// [`Response`](https://docs.rs/axum/0.8/axum/response/type.Response.html)s: it checks the token, stores the [`BearerClaims`] in the request extensions
/// (or reuses those an outer guard stored), checks the required scopes, and only then calls the
/// inner service.
#[derive(Clone)]
pub struct GuardService<S> {
    inner: S,
    guard: Guard,
    required: Required,
}

impl<S> fmt::Debug for GuardService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardService")
            .field("guard", &self.guard)
            .field("required_scopes", &self.required.scopes)
            .finish_non_exhaustive()
    }
}

impl<S, B> tower_service::Service<Request<B>> for GuardService<S>
where
    S: tower_service::Service<Request<B>, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // The inner service that was driven to readiness is the one to call; leave a clone.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let guard = self.guard.clone();
        let required = self.required.clone();
        Box::pin(async move {
            let checked = match request.extensions().get::<BearerClaims>() {
                Some(claims) => required.check(claims),
                None => match guard.authenticate(request.headers()).await {
                    Ok(claims) => {
                        let scoped = required.check(&claims);
                        request.extensions_mut().insert(claims);
                        scoped
                    }
                    Err(rejection) => Err(rejection),
                },
            };
            match checked {
                Ok(()) => inner.call(request).await,
                Err(rejection) => Ok(rejection.into_response()),
            }
        })
    }
}

/// The extractor: the claims a guard layer already stored, or, without one, the token checked
/// now with the [`Guard`] of the router state.
impl<S> FromRequestParts<S> for BearerClaims
where
    Guard: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = GuardRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(claims) = parts.extensions.get::<BearerClaims>() {
            return Ok(claims.clone());
        }
        let claims = Guard::from_ref(state).authenticate(&parts.headers).await?;
        parts.extensions.insert(claims.clone());
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn token_of(values: &[&[u8]]) -> Result<String, String> {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(AUTHORIZATION, HeaderValue::from_bytes(v).unwrap());
        }
        bearer_token(&h)
            .map(str::to_owned)
            .map_err(|r| format!("{} {:?}", r.status().as_u16(), r.error_code()))
    }

    #[test]
    fn bearer_header_parsing() {
        assert_eq!(
            token_of(&[b"Bearer abc.DEF-_~+/="]).unwrap(),
            "abc.DEF-_~+/="
        );
        assert_eq!(token_of(&[b"bearer  x"]).unwrap(), "x");
        assert_eq!(token_of(&[b"BEARER\tx "]).unwrap(), "x");
        let missing = Err("401 None".to_owned());
        assert_eq!(token_of(&[]), missing);
        assert_eq!(token_of(&[b""]), missing);
        assert_eq!(token_of(&[b"Basic YTpi"]), missing);
        assert_eq!(token_of(&[b"Bearerx"]), missing);
        let bad = Err("400 Some(\"invalid_request\")".to_owned());
        for v in [
            &b"Bearer"[..],
            b"Bearer ",
            b"Bearer a b",
            b"Bearer ===",
            b"Bearer a\"b",
            b"Bearer caf\xc3\xa9",
            b"Bearer \xff\xfe",
        ] {
            assert_eq!(token_of(&[v]), bad, "{:?}", String::from_utf8_lossy(v));
        }
        assert_eq!(token_of(&[b"Bearer a", b"Bearer b"]), bad);
        let huge = format!("Bearer {}", "a".repeat(MAX_TOKEN_LEN + 100));
        assert_eq!(token_of(&[huge.as_bytes()]), bad);
    }

    #[test]
    fn scopes_are_validated_when_configured() {
        let client = crate::GenAuthClient::new(
            crate::ClientOptions::builder()
                .app_id("a")
                .app_secret("s")
                .app_host("http://127.0.0.1:9")
                .build()
                .unwrap(),
        )
        .unwrap();
        let guard = Guard::offline(client.token_verifier());
        assert!(guard.require_scopes(["orders:read", "a!#[]~"]).is_ok());
        for bad in ["", "a b", "a\"b", "a\\b", "é", "a\nb"] {
            assert!(
                matches!(guard.require_scope(bad), Err(Error::Config(_))),
                "{bad:?}"
            );
        }
    }
}
