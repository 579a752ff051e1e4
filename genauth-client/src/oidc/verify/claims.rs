//! What verification returns: the claims of a verified token, or why it was rejected.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Why a token was rejected. Messages never contain the token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[cfg(feature = "jwt")]
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
#[cfg(feature = "jwt")]
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
#[cfg(feature = "jwt")]
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

/// The registered claims every token is checked on, read from the verified claims bytes
/// before they are decoded into the caller's type.
#[derive(Deserialize)]
pub(super) struct Registered {
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    aud: Option<Audience>,
    #[serde(default)]
    exp: Option<u64>,
    #[serde(default)]
    nbf: Option<u64>,
    #[serde(default)]
    iat: Option<u64>,
}

/// `aud`: one string or an array of strings (RFC 7519 §4.1.3).
#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains_any(&self, accepted: &[String]) -> bool {
        match self {
            Audience::One(a) => accepted.iter().any(|x| x == a),
            Audience::Many(all) => all.iter().any(|a| accepted.iter().any(|x| x == a)),
        }
    }
}

/// Seconds since the epoch, now.
pub(super) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `now + d`, saturating: a TTL such as `Duration::MAX` means "a century", never an overflow
/// panic.
pub(super) fn deadline(now: std::time::Instant, d: Duration) -> std::time::Instant {
    now.checked_add(d)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
        .unwrap_or(now)
}

/// What the registered claims must satisfy.
pub(super) struct Expect<'a> {
    pub(super) issuer: &'a str,
    pub(super) audience: &'a [String],
    pub(super) leeway: Duration,
    pub(super) now: u64,
}

impl Registered {
    /// Parses the registered claims out of the verified claims JSON.
    pub(super) fn parse(claims: &[u8]) -> Result<Self, VerifyError> {
        // serde accepts a JSON array for a struct; a claims set is an object (RFC 7519 §7.2).
        if claims.trim_ascii_start().first() != Some(&b'{') {
            return Err(VerifyError::Malformed(
                "the claims are not a JSON object".into(),
            ));
        }
        serde_json::from_slice(claims).map_err(|e| {
            VerifyError::Malformed(format!(
                "the claims are not a JSON object with registered claims of the right types ({})",
                e.classify_str()
            ))
        })
    }

    /// `iss` equal, `aud` overlapping, `exp` in the future, `nbf` and `iat` not in the future,
    /// each time comparison with the leeway. `exp`, `iat`, `iss` and `aud` are required.
    pub(super) fn check(&self, expect: &Expect<'_>) -> Result<(), VerifyError> {
        let leeway = expect.leeway.as_secs();
        let now = expect.now;
        let exp = self.exp.ok_or_else(|| missing("exp"))?;
        if now >= exp.saturating_add(leeway) {
            return Err(VerifyError::Expired);
        }
        if self.nbf.is_some_and(|nbf| nbf > now.saturating_add(leeway)) {
            return Err(VerifyError::NotYetValid);
        }
        let iat = self.iat.ok_or_else(|| missing("iat"))?;
        if iat > now.saturating_add(leeway) {
            return Err(VerifyError::IssuedInFuture);
        }
        match &self.iss {
            None => return Err(missing("iss")),
            Some(iss) if iss != expect.issuer => return Err(VerifyError::WrongIssuer),
            Some(_) => {}
        }
        match &self.aud {
            None => Err(missing("aud")),
            Some(aud) if !aud.contains_any(expect.audience) => Err(VerifyError::WrongAudience),
            Some(_) => Ok(()),
        }
    }
}

fn missing(claim: &str) -> VerifyError {
    VerifyError::MissingClaim(claim.to_owned())
}

/// A serde_json error's category, without its text (which may quote the claims).
trait ClassifyStr {
    fn classify_str(&self) -> &'static str;
}

impl ClassifyStr for serde_json::Error {
    fn classify_str(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "io",
            serde_json::error::Category::Syntax => "bad JSON",
            serde_json::error::Category::Data => "a claim of the wrong type",
            serde_json::error::Category::Eof => "truncated JSON",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(claims: &str, now: u64) -> Result<(), VerifyError> {
        let audience = ["app".to_owned()];
        Registered::parse(claims.as_bytes())?.check(&Expect {
            issuer: "https://i/oidc",
            audience: &audience,
            leeway: Duration::from_secs(60),
            now,
        })
    }

    #[test]
    fn registered_claims_with_leeway() {
        let base = |extra: &str| {
            format!(r#"{{"iss":"https://i/oidc","aud":"app","iat":1000,"exp":2000{extra}}}"#)
        };
        check(&base(""), 1500).unwrap();
        // exp: accepted up to (not at) exp + leeway.
        check(&base(""), 2059).unwrap();
        assert!(matches!(check(&base(""), 2060), Err(VerifyError::Expired)));
        // iat: up to leeway in the future.
        check(&base(""), 940).unwrap();
        assert!(matches!(
            check(&base(""), 939),
            Err(VerifyError::IssuedInFuture)
        ));
        // nbf.
        check(&base(r#","nbf":1560"#), 1500).unwrap();
        assert!(matches!(
            check(&base(r#","nbf":1561"#), 1500),
            Err(VerifyError::NotYetValid)
        ));
        // aud as an array.
        let arr = r#"{"iss":"https://i/oidc","aud":["x","app"],"iat":1000,"exp":2000}"#;
        check(arr, 1500).unwrap();
        let arr = r#"{"iss":"https://i/oidc","aud":["x","y"],"iat":1000,"exp":2000}"#;
        assert!(matches!(check(arr, 1500), Err(VerifyError::WrongAudience)));
        let arr = r#"{"iss":"https://i/oidc","aud":[],"iat":1000,"exp":2000}"#;
        assert!(matches!(check(arr, 1500), Err(VerifyError::WrongAudience)));
        // Saturation: a huge exp does not overflow.
        let big = format!(
            r#"{{"iss":"https://i/oidc","aud":"app","iat":1000,"exp":{}}}"#,
            u64::MAX
        );
        check(&big, u64::MAX - 1).unwrap();
    }

    #[test]
    fn deadlines_saturate() {
        let now = std::time::Instant::now();
        assert!(deadline(now, Duration::MAX) > now + Duration::from_secs(3600));
        assert_eq!(
            deadline(now, Duration::from_secs(5)),
            now + Duration::from_secs(5)
        );
    }

    #[test]
    fn missing_and_mistyped_claims() {
        for (claims, want) in [
            (r#"{"aud":"app","iat":1,"exp":9}"#, "iss"),
            (r#"{"iss":"https://i/oidc","iat":1,"exp":9}"#, "aud"),
            (r#"{"iss":"https://i/oidc","aud":"app","exp":9}"#, "iat"),
            (r#"{"iss":"https://i/oidc","aud":"app","iat":1}"#, "exp"),
        ] {
            match check(claims, 5) {
                Err(VerifyError::MissingClaim(c)) => assert_eq!(c, want),
                other => panic!("{claims}: {other:?}"),
            }
        }
        for claims in [
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":"9"}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1.5,"exp":9}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":-1,"exp":9}"#,
            r#"{"iss":7,"aud":"app","iat":1,"exp":9}"#,
            r#"{"iss":"https://i/oidc","aud":{"a":1},"iat":1,"exp":9}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":9,"exp":10}"#,
            r#"[]"#,
            r#"{"#,
        ] {
            assert!(
                matches!(check(claims, 5), Err(VerifyError::Malformed(_))),
                "{claims}"
            );
        }
        assert!(matches!(
            check(
                r#"{"iss":"https://evil/oidc","aud":"app","iat":1,"exp":9}"#,
                5
            ),
            Err(VerifyError::WrongIssuer)
        ));
    }
}
