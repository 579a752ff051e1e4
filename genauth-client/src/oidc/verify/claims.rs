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
    /// `aud` does not contain the expected audience, or (ID tokens only) `azp` names a client
    /// other than this app: either way the token was issued to someone else.
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
    /// Audience: the app id (a string, or an array containing it; with more than one value,
    /// `azp` is the app id, in `extra`).
    pub aud: serde_json::Value,
    /// Expiry, whole seconds since the epoch (a fractional `exp` is truncated here;
    /// verification compared it unrounded).
    #[serde(deserialize_with = "whole_secs")]
    pub exp: u64,
    /// Issued at, whole seconds since the epoch (a fraction is truncated).
    #[serde(deserialize_with = "whole_secs")]
    pub iat: u64,
    /// The nonce of the authorize request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// Time of the authentication, whole seconds since the epoch (a fraction is truncated).
    #[serde(
        default,
        deserialize_with = "opt_whole_secs",
        skip_serializing_if = "Option::is_none"
    )]
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
    /// Expiry, whole seconds since the epoch (a fractional `exp` is truncated here;
    /// verification compared it unrounded).
    #[serde(deserialize_with = "whole_secs")]
    pub exp: u64,
    /// Issued at, whole seconds since the epoch (a fraction is truncated).
    #[serde(deserialize_with = "whole_secs")]
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
    /// Any JSON: its type is checked only where `azp` is (ID tokens), so an access token with
    /// an odd `azp` is decoded as before.
    #[serde(default)]
    azp: Option<serde_json::Value>,
    #[serde(default)]
    exp: Option<NumericDate>,
    #[serde(default)]
    nbf: Option<NumericDate>,
    #[serde(default)]
    iat: Option<NumericDate>,
}

/// A NumericDate (RFC 7519 §2): seconds since the epoch, a non-negative JSON number, integer or
/// not, below 2^64. Held to the nanosecond, rounding toward zero (`1700000000.5` is 1700000000 s
/// and 500 000 000 ns; a fraction below a nanosecond is dropped), so comparisons with the clock
/// (also read to the nanosecond) keep the fraction's meaning.
///
/// Rejected as a claim of the wrong type ([`VerifyError::Malformed`]): strings and other
/// non-numbers, negative numbers, and numbers of 2^64 or more. A number too large for an `f64`
/// (`1e400`) is already a JSON error in serde_json ("number out of range"), also `Malformed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct NumericDate(Duration);

impl NumericDate {
    /// 2^64, the first number of seconds a `Duration` cannot hold.
    const LIMIT: f64 = 18_446_744_073_709_551_616.0;

    fn from_f64(v: f64) -> Option<Self> {
        // Also false for NaN and the infinities, which JSON cannot carry but a deserializer
        // might.
        if !(0.0..Self::LIMIT).contains(&v) {
            return None;
        }
        let whole = v.trunc();
        // Exact: `v - v.trunc()` of a float has no rounding error. The product with 1e9 may
        // round up to 1e9 for a fraction within 2^-53 of one; clamp to stay in the same second.
        let nanos = ((v - whole) * 1e9).floor().min(999_999_999.0);
        // Both casts are in range (checked above), so exact.
        Some(NumericDate(Duration::new(whole as u64, nanos as u32)))
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = NumericDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a non-negative number of seconds since the epoch, below 2^64")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<NumericDate, E> {
                Ok(NumericDate(Duration::from_secs(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<NumericDate, E> {
                u64::try_from(v)
                    .map(|v| NumericDate(Duration::from_secs(v)))
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<NumericDate, E> {
                NumericDate::from_f64(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(v), &self))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A NumericDate claim of the returned claims: whole seconds, the fraction truncated (so a
/// reported `exp` is never later than the real one).
fn whole_secs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    NumericDate::deserialize(d).map(|n| n.0.as_secs())
}

/// [`whole_secs`] for an optional claim (`null` is absent).
fn opt_whole_secs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Option::<NumericDate>::deserialize(d).map(|n| n.map(|n| n.0.as_secs()))
}

/// `aud`: one string or an array of strings (RFC 7519 §4.1.3).
#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    /// Several audiences, which OIDC Core §3.1.3.7 item 4 says call for an `azp`.
    fn is_multiple(&self) -> bool {
        matches!(self, Audience::Many(all) if all.len() > 1)
    }

    fn contains_any(&self, accepted: &[String]) -> bool {
        match self {
            Audience::One(a) => accepted.iter().any(|x| x == a),
            Audience::Many(all) => all.iter().any(|a| accepted.iter().any(|x| x == a)),
        }
    }
}

/// Seconds since the epoch, now.
pub(super) fn now_secs() -> u64 {
    now().as_secs()
}

/// Time since the epoch, now, to the clock's precision (a NumericDate may have a fraction).
pub(super) fn now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
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
    /// The client id `azp` must name when present, and which must be present when `aud` has
    /// several values (ID tokens); `None` skips the `azp` rule (access tokens).
    pub(super) authorized_party: Option<&'a str>,
    pub(super) leeway: Duration,
    /// Time since the epoch.
    pub(super) now: Duration,
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
    /// each time comparison with the leeway and to the nanosecond (see [`NumericDate`]):
    /// rejected when `now >= exp + leeway`, `nbf > now + leeway` or `iat > now + leeway`.
    /// `exp`, `iat`, `iss` and `aud` are required. With [`Expect::authorized_party`], `azp`
    /// must equal it when present, and must be present when `aud` has several values.
    pub(super) fn check(&self, expect: &Expect<'_>) -> Result<(), VerifyError> {
        // Saturating: `exp` near 2^64 s plus the leeway is "never", not an overflow.
        let plus_leeway = |t: Duration| t.checked_add(expect.leeway).unwrap_or(Duration::MAX);
        let now = expect.now;
        let exp = self.exp.ok_or_else(|| missing("exp"))?;
        if now >= plus_leeway(exp.0) {
            return Err(VerifyError::Expired);
        }
        if self.nbf.is_some_and(|nbf| nbf.0 > plus_leeway(now)) {
            return Err(VerifyError::NotYetValid);
        }
        let iat = self.iat.ok_or_else(|| missing("iat"))?;
        if iat.0 > plus_leeway(now) {
            return Err(VerifyError::IssuedInFuture);
        }
        match &self.iss {
            None => return Err(missing("iss")),
            Some(iss) if iss != expect.issuer => return Err(VerifyError::WrongIssuer),
            Some(_) => {}
        }
        let aud = match &self.aud {
            None => return Err(missing("aud")),
            Some(aud) if !aud.contains_any(expect.audience) => {
                return Err(VerifyError::WrongAudience);
            }
            Some(aud) => aud,
        };
        let Some(client_id) = expect.authorized_party else {
            return Ok(());
        };
        // OIDC Core §3.1.3.7 items 4-5: several audiences need an `azp`, and an `azp` must be
        // us. A single audience without `azp` stays accepted (item 4 asks for `azp` only with
        // several).
        match &self.azp {
            None if aud.is_multiple() => Err(missing("azp")),
            None => Ok(()),
            Some(serde_json::Value::String(azp)) if azp == client_id => Ok(()),
            Some(serde_json::Value::String(_)) => Err(VerifyError::WrongAudience),
            Some(_) => Err(VerifyError::Malformed(
                "the `azp` claim is not a string".into(),
            )),
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

    /// Checks as for an access token (no `azp` rule), 60 s leeway, `now` in whole seconds.
    fn check(claims: &str, now: u64) -> Result<(), VerifyError> {
        check_with(
            claims,
            Duration::from_secs(now),
            Duration::from_secs(60),
            None,
        )
    }

    /// Checks as for an ID token of client `app`: the `azp` rule applies.
    fn check_id(claims: &str) -> Result<(), VerifyError> {
        check_with(
            claims,
            Duration::from_secs(1500),
            Duration::from_secs(60),
            Some("app"),
        )
    }

    fn check_with(
        claims: &str,
        now: Duration,
        leeway: Duration,
        authorized_party: Option<&str>,
    ) -> Result<(), VerifyError> {
        let audience = ["app".to_owned()];
        Registered::parse(claims.as_bytes())?.check(&Expect {
            issuer: "https://i/oidc",
            audience: &audience,
            authorized_party,
            leeway,
            now,
        })
    }

    /// `now` as seconds and milliseconds.
    fn at(secs: u64, millis: u32) -> Duration {
        Duration::new(secs, millis * 1_000_000)
    }

    /// An ID-token-like claims set with `extra` appended.
    fn claims_with(extra: &str) -> String {
        format!(r#"{{"iss":"https://i/oidc","sub":"u"{extra}}}"#)
    }

    #[test]
    fn azp_is_checked_for_id_tokens() {
        let ok = |aud: &str, azp: &str| {
            let c = claims_with(&format!(r#","aud":{aud},"iat":1000,"exp":2000{azp}"#));
            check_id(&c)
        };
        // Several audiences with azp = us: accepted.
        ok(r#"["app","other"]"#, r#","azp":"app""#).unwrap();
        // Several audiences with azp = another client: rejected.
        assert!(matches!(
            ok(r#"["app","other"]"#, r#","azp":"other""#),
            Err(VerifyError::WrongAudience)
        ));
        // Several audiences and no azp (absent or null): azp is required.
        for azp in ["", r#","azp":null"#] {
            match ok(r#"["app","other"]"#, azp) {
                Err(VerifyError::MissingClaim(c)) => assert_eq!(c, "azp"),
                other => panic!("{azp}: {other:?}"),
            }
        }
        // A single audience with azp = another client: rejected; with azp = us, or without
        // azp (string or one-element array): accepted.
        assert!(matches!(
            ok(r#""app""#, r#","azp":"other""#),
            Err(VerifyError::WrongAudience)
        ));
        assert!(matches!(
            ok(r#"["app"]"#, r#","azp":"other""#),
            Err(VerifyError::WrongAudience)
        ));
        ok(r#""app""#, r#","azp":"app""#).unwrap();
        ok(r#""app""#, "").unwrap();
        ok(r#"["app"]"#, "").unwrap();
        // A non-string azp is malformed.
        assert!(matches!(
            ok(r#""app""#, r#","azp":["app"]"#),
            Err(VerifyError::Malformed(_))
        ));
        // Audience still comes first: azp = us does not rescue an aud without us.
        assert!(matches!(
            ok(r#"["x","y"]"#, r#","azp":"app""#),
            Err(VerifyError::WrongAudience)
        ));
    }

    #[test]
    fn azp_is_not_checked_for_access_tokens() {
        // An access token's azp names the client that obtained it, not the resource: several
        // audiences without azp, or an azp of another client (of any type), pass.
        for azp in ["", r#","azp":"other""#, r#","azp":7"#] {
            let c = claims_with(&format!(r#","aud":["app","x"],"iat":1000,"exp":2000{azp}"#));
            check(&c, 1500).unwrap();
            // The same claims fail as an ID token.
            assert!(check_id(&c).is_err(), "{azp}");
        }
    }

    #[test]
    fn fractional_numeric_dates_keep_their_fraction() {
        let zero = Duration::ZERO;
        let leeway = Duration::from_secs(60);
        let c = |dates: &str| claims_with(&format!(r#","aud":"app"{dates}"#));
        // exp = now + 0.5 with no leeway: valid until the half second, not at it.
        let half = c(r#","iat":1000,"exp":1500.5"#);
        check_with(&half, at(1500, 0), zero, None).unwrap();
        check_with(&half, at(1500, 499), zero, None).unwrap();
        assert!(matches!(
            check_with(&half, at(1500, 500), zero, None),
            Err(VerifyError::Expired)
        ));
        // A fractional exp in the past beyond the leeway: 1439.5 + 60 <= 1500.
        let past = c(r#","iat":1000,"exp":1439.5"#);
        assert!(matches!(
            check_with(&past, at(1500, 0), leeway, None),
            Err(VerifyError::Expired)
        ));
        // ... and within it: 1440.5 + 60 > 1500.
        check_with(&c(r#","iat":1000,"exp":1440.5"#), at(1500, 0), leeway, None).unwrap();
        // nbf: not before 1500.25 (no leeway), or 1560.25 (60 s).
        let nbf = c(r#","iat":1000,"exp":2000,"nbf":1500.25"#);
        assert!(matches!(
            check_with(&nbf, at(1500, 249), zero, None),
            Err(VerifyError::NotYetValid)
        ));
        check_with(&nbf, at(1500, 250), zero, None).unwrap();
        let nbf = c(r#","iat":1000,"exp":2000,"nbf":1560.25"#);
        assert!(matches!(
            check_with(&nbf, at(1500, 0), leeway, None),
            Err(VerifyError::NotYetValid)
        ));
        check_with(&nbf, at(1500, 250), leeway, None).unwrap();
        // iat likewise.
        let iat = c(r#","iat":1500.75,"exp":2000"#);
        assert!(matches!(
            check_with(&iat, at(1500, 749), zero, None),
            Err(VerifyError::IssuedInFuture)
        ));
        check_with(&iat, at(1500, 750), zero, None).unwrap();
        // A fraction in exponent form, and -0.0, are numbers like any other.
        check_with(&c(r#","iat":-0.0,"exp":1.5005e3"#), at(1500, 0), zero, None).unwrap();
    }

    #[test]
    fn numeric_date_conversion() {
        let d = |v: f64| NumericDate::from_f64(v).map(|n| n.0);
        assert_eq!(
            d(1_700_000_000.5),
            Some(Duration::new(1_700_000_000, 500_000_000))
        );
        // Toward zero, to the nanosecond.
        assert_eq!(d(0.000_000_001_9), Some(Duration::new(0, 1)));
        // A fraction within 2^-53 of one stays in its second.
        assert_eq!(
            d(1.0 - f64::EPSILON / 2.0),
            Some(Duration::new(0, 999_999_999))
        );
        assert_eq!(d(-0.0), Some(Duration::ZERO));
        // The largest f64 below 2^64 fits; 2^64 does not.
        assert_eq!(
            d(18_446_744_073_709_549_568.0),
            Some(Duration::from_secs(18_446_744_073_709_549_568))
        );
        for bad in [
            -0.5,
            -1.0,
            18_446_744_073_709_551_616.0,
            1e300,
            f64::INFINITY,
            f64::NAN,
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn returned_claims_truncate_fractional_dates() {
        let id: IdTokenClaims = serde_json::from_str(
            r#"{"iss":"i","sub":"u","aud":"app","exp":2000.9,"iat":1000.5,"auth_time":999.99}"#,
        )
        .unwrap();
        assert_eq!((id.exp, id.iat, id.auth_time), (2000, 1000, Some(999)));
        let id: IdTokenClaims = serde_json::from_str(
            r#"{"iss":"i","sub":"u","aud":"app","exp":2000,"iat":1000,"auth_time":null}"#,
        )
        .unwrap();
        assert_eq!((id.exp, id.iat, id.auth_time), (2000, 1000, None));
        let at: AccessTokenClaims =
            serde_json::from_str(r#"{"iss":"i","aud":"app","exp":2000.9,"iat":1000.5}"#).unwrap();
        assert_eq!((at.exp, at.iat), (2000, 1000));
        for bad in [
            r#"{"iss":"i","sub":"u","aud":"app","exp":"2000","iat":1000}"#,
            r#"{"iss":"i","sub":"u","aud":"app","exp":2000,"iat":-1.5}"#,
            r#"{"iss":"i","sub":"u","aud":"app","exp":2000,"iat":1000,"auth_time":"1"}"#,
        ] {
            assert!(serde_json::from_str::<IdTokenClaims>(bad).is_err(), "{bad}");
        }
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
            r#"{"iss":"https://i/oidc","aud":"app","iat":-1,"exp":9}"#,
            // NumericDates: negative, too large for a Duration (2^64 and more, as an integer
            // or not), too large for an f64, not a number.
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":-9}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":-0.5}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":18446744073709551616}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":1.8446744073709552e19}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":1e300}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":1e400}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1e400,"exp":9}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":9,"nbf":-1e400}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":9,"nbf":"1"}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":1,"exp":true}"#,
            r#"{"iss":"https://i/oidc","aud":"app","iat":[1],"exp":9}"#,
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
