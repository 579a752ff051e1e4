//! Compact JWS parsing (RFC 7515 §7.1): `base64url(header) . base64url(claims) . base64url(sig)`,
//! no padding, with bounded sizes. Every malformed input is a [`VerifyError::Malformed`] whose
//! message never quotes the token; nothing here panics.
//!
//! Parsing does not trust anything: the header only chooses *which* key to try (`alg`, `kid`),
//! and the caller pins `alg` to the key type before any signature check.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use super::VerifyError;

/// Longest token accepted, in bytes. GenAuth tokens are 1–2 KiB; a cap keeps a hostile
/// `Authorization` header from costing more than a few base64 decodes of bounded size.
#[cfg(feature = "jwt")]
pub const MAX_TOKEN_LEN: usize = 16 * 1024;
/// Longest decoded header accepted (`{"alg","typ","kid"}` is well under 200 bytes).
const MAX_HEADER_LEN: usize = 1024;
/// Longest decoded signature accepted: RSA-8192 (`rsa`'s `PublicKey::MAX_SIZE`).
const MAX_SIGNATURE_LEN: usize = 8192 / 8;

/// The algorithms this crate verifies. Anything else (`none`, `RS384`, `ES256`, `PS256`, …) is
/// [`VerifyError::UnsupportedAlgorithm`] before any key is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alg {
    /// RSASSA-PKCS1-v1_5 with SHA-256, with an RSA JWK only.
    Rs256,
    /// HMAC-SHA-256, with the app secret only.
    Hs256,
}

#[derive(Deserialize)]
struct RawHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    /// Critical extensions (RFC 7515 §4.1.11): none is understood here, so any makes the token
    /// unacceptable.
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

/// A parsed, not yet verified, compact JWS.
pub(super) struct Jws<'t> {
    pub(super) alg: Alg,
    pub(super) kid: Option<String>,
    /// `header.claims`, the bytes the signature covers.
    pub(super) signing_input: &'t [u8],
    /// The claims segment, still base64url (decoded only after the signature verified).
    claims_b64: &'t str,
    pub(super) signature: Vec<u8>,
}

impl<'t> Jws<'t> {
    /// Splits and decodes a compact JWS. The claims are left encoded: they are decoded only
    /// once the signature is known to be good ([`Jws::claims`]).
    pub(super) fn parse(token: &'t str) -> Result<Self, VerifyError> {
        if token.is_empty() {
            return Err(malformed("the token is empty"));
        }
        if token.len() > MAX_TOKEN_LEN {
            return Err(malformed("the token is longer than 16 KiB"));
        }
        let mut parts = token.split('.');
        let (Some(header), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed("not three dot-separated parts"));
        };
        if header.is_empty() || claims.is_empty() {
            return Err(malformed("an empty header or claims part"));
        }
        let header_bytes = decode_part(header, MAX_HEADER_LEN, "header")?;
        // serde accepts a JSON array for a struct; a JOSE header is an object.
        if header_bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(malformed("the header is not a JSON object"));
        }
        let raw: RawHeader = serde_json::from_slice(&header_bytes)
            .map_err(|_| malformed("the header is not a JSON object with a string `alg`"))?;
        if raw.crit.is_some() {
            return Err(VerifyError::UnsupportedAlgorithm(
                "a header with critical extensions (crit)".into(),
            ));
        }
        let alg = match raw.alg.as_str() {
            "RS256" => Alg::Rs256,
            "HS256" => Alg::Hs256,
            other => return Err(VerifyError::UnsupportedAlgorithm(printable(other))),
        };
        if signature.is_empty() {
            return Err(VerifyError::BadSignature);
        }
        let signature = decode_part(signature, MAX_SIGNATURE_LEN, "signature")?;
        let signing_input = &token.as_bytes()[..header.len() + 1 + claims.len()];
        Ok(Jws {
            alg,
            kid: raw.kid,
            signing_input,
            claims_b64: claims,
            signature,
        })
    }

    /// The claims object, decoded. Call only after the signature verified.
    pub(super) fn claims(&self) -> Result<Vec<u8>, VerifyError> {
        decode_part(self.claims_b64, MAX_TOKEN_LEN, "claims")
    }
}

fn malformed(reason: &str) -> VerifyError {
    VerifyError::Malformed(reason.to_owned())
}

/// Strict base64url without padding (RFC 7515 §2), with a cap on the decoded size checked
/// before decoding. Non-canonical trailing bits are rejected by the engine, so one token has
/// one encoding.
fn decode_part(part: &str, max: usize, what: &str) -> Result<Vec<u8>, VerifyError> {
    if part.len() / 4 * 3 > max {
        return Err(VerifyError::Malformed(format!(
            "the {what} part is too long"
        )));
    }
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| VerifyError::Malformed(format!("the {what} part is not base64url")))
}

/// An attacker-chosen `alg` for an error message: short, printable ASCII only.
fn printable(alg: &str) -> String {
    alg.chars()
        .take(16)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn token(header: &str) -> String {
        format!("{}.{}.{}", enc(header), enc(r#"{"sub":"u"}"#), enc("sig"))
    }

    #[test]
    fn parses_rs256_and_hs256_headers() {
        let t = token(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#);
        let jws = Jws::parse(&t).unwrap();
        assert_eq!(jws.alg, Alg::Rs256);
        assert_eq!(jws.kid.as_deref(), Some("k1"));
        assert_eq!(jws.signature, b"sig");
        assert_eq!(jws.claims().unwrap(), br#"{"sub":"u"}"#);
        let dot = t.rfind('.').unwrap();
        assert_eq!(jws.signing_input, &t.as_bytes()[..dot]);
        let t = token(r#"{"alg":"HS256"}"#);
        let jws = Jws::parse(&t).unwrap();
        assert_eq!(jws.alg, Alg::Hs256);
        assert_eq!(jws.kid, None);
    }

    #[test]
    fn rejects_other_algorithms_and_crit() {
        for alg in [
            "none", "None", "RS384", "ES256", "PS256", "HS512", "rs256", "",
        ] {
            let t = token(&format!(r#"{{"alg":"{alg}"}}"#));
            assert!(
                matches!(Jws::parse(&t), Err(VerifyError::UnsupportedAlgorithm(_))),
                "{alg}"
            );
        }
        let t = token(r#"{"alg":"RS256","crit":["exp"]}"#);
        assert!(matches!(
            Jws::parse(&t),
            Err(VerifyError::UnsupportedAlgorithm(_))
        ));
        // The reported name is bounded and printable.
        let t = token(&format!(r#"{{"alg":"{}\u0007"}}"#, "X".repeat(100)));
        let Err(VerifyError::UnsupportedAlgorithm(name)) = Jws::parse(&t) else {
            panic!("expected UnsupportedAlgorithm");
        };
        assert_eq!(name, "X".repeat(16));
    }

    #[test]
    fn malformed_inputs_are_typed_errors() {
        let good_header = enc(r#"{"alg":"RS256"}"#);
        let claims = enc("{}");
        let cases = [
            String::new(),
            "a".into(),
            "a.b".into(),
            "a.b.c.d".into(),
            ".b.c".into(),
            format!("{good_header}..c"),
            format!("{good_header}.{claims}.c.d"),
            format!("!!!.{claims}.c"),
            format!("{}.{claims}.c", enc("not json")),
            format!("{}.{claims}.c", enc(r#"{"alg":7}"#)),
            format!("{}.{claims}.c", enc("[]")),
            format!("{}.{claims}.c", enc(r#"["RS256"]"#)),
            format!("{good_header}=.{claims}.c"),
            format!("{good_header}.{claims}.c+/"),
            format!("{good_header}.{claims}.é"),
            // A non-canonical last character (trailing bits set).
            format!("{good_header}.{claims}.AB"),
            format!("{}.{claims}.c", "A".repeat(2000)),
            "x".repeat(MAX_TOKEN_LEN + 1),
            format!(
                "{good_header}.{claims}.{}",
                "A".repeat(MAX_SIGNATURE_LEN * 2)
            ),
        ];
        for t in &cases {
            let e = Jws::parse(t).err();
            assert!(
                matches!(e, Some(VerifyError::Malformed(_))),
                "{:?} -> {e:?}",
                t.get(..40)
            );
        }
        // An empty signature is not malformed, just not a signature.
        assert!(matches!(
            Jws::parse(&format!("{good_header}.{claims}.")),
            Err(VerifyError::BadSignature)
        ));
    }

    #[test]
    fn claims_are_decoded_strictly() {
        let t = format!("{}.{}.{}", enc(r#"{"alg":"RS256"}"#), "e30=", enc("s"));
        let jws = Jws::parse(&t).unwrap();
        assert!(matches!(jws.claims(), Err(VerifyError::Malformed(_))));
    }
}
