//! RSA: RSAES-PKCS1-v1_5 over the UTF-8 password, standard base64 out.
//!
//! PKCS#1 v1.5 encryption is what every GenAuth/Authing SDK uses (JSEncrypt, `RSA/ECB/PKCS1Padding`,
//! `SecKeyEncrypt(.PKCS1)`), so it is kept for compatibility; it is not a choice we would make.
//! Only the public-key operation runs in the SDK. Decryption (a private-key operation,
//! RUSTSEC-2023-0071 territory) lives in the `genauth-fake` crate, which plays the server.

use std::fmt;

use ::rsa::pkcs1::DecodeRsaPublicKey;
use ::rsa::pkcs8::{DecodePublicKey, EncodePublicKey};
use ::rsa::sha2::{Digest, Sha256};
use ::rsa::traits::{PaddingScheme, PublicKeyParts};
use ::rsa::{Pkcs1v15Encrypt, RsaPublicKey};
use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};

use super::short;
use crate::error::Error;

/// PKCS#1 v1.5 encryption padding overhead: `00 02 PS(>= 8 nonzero bytes) 00`.
const PKCS1_OVERHEAD: usize = 11;

/// Base64 decoding of key bodies: standard alphabet, padding optional.
const LENIENT_B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A parsed RSA public key (1024 to 8192 bits).
///
/// `Debug` shows the size and the first bytes of the SHA-256 fingerprint of the DER SPKI.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaKey {
    key: RsaPublicKey,
    spki_sha256: [u8; 32],
}

impl RsaKey {
    /// Parses a public key: SPKI PEM (`-----BEGIN PUBLIC KEY-----`), PKCS#1 PEM
    /// (`-----BEGIN RSA PUBLIC KEY-----`), or bare base64 of either DER form. Line breaks and other
    /// whitespace anywhere in the base64 are ignored, and so are literal `\n` / `\r` escapes (a PEM
    /// pasted into an environment variable).
    ///
    /// # Errors
    /// [`Error::Config`] for anything else (a private key, a certificate, bad base64, bad DER, a
    /// key smaller than 1024 bits).
    pub fn parse(text: &str) -> Result<Self, Error> {
        // Base64 and PEM armor have no backslashes, so `\n` / `\r` can only be escaped line breaks.
        let unescaped = text.replace("\\n", "\n").replace("\\r", "");
        let text = unescaped.trim();
        let bad = |why: &str| {
            Error::Config(format!(
                "malformed RSA public key (starts {:?}): {why}",
                short(text)
            ))
        };
        if text.is_empty() {
            return Err(Error::Config("malformed RSA public key: empty".into()));
        }
        let (label, body) = match text.strip_prefix("-----BEGIN ") {
            Some(rest) => {
                let (label, rest) = rest
                    .split_once("-----")
                    .ok_or_else(|| bad("unterminated PEM header"))?;
                let body = rest
                    .trim_end()
                    .strip_suffix(&format!("-----END {label}-----"))
                    .ok_or_else(|| bad("PEM footer missing or not matching the header"))?;
                (Some(label), body)
            }
            None => (None, text),
        };
        let pkcs1 = match label {
            None => None,
            Some("PUBLIC KEY") => Some(false),
            Some("RSA PUBLIC KEY") => Some(true),
            Some(other) => {
                return Err(Error::Config(format!(
                    "malformed RSA public key: expected a \"PUBLIC KEY\" or \"RSA PUBLIC KEY\" PEM, found \"{}\"",
                    short(other)
                )));
            }
        };
        let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let der = LENIENT_B64
            .decode(compact.as_bytes())
            .map_err(|_| bad("not valid base64"))?;
        let key = match pkcs1 {
            Some(false) => RsaPublicKey::from_public_key_der(&der).map_err(|e| e.to_string()),
            Some(true) => RsaPublicKey::from_pkcs1_der(&der).map_err(|e| e.to_string()),
            None => RsaPublicKey::from_public_key_der(&der)
                .or_else(|spki_err| RsaPublicKey::from_pkcs1_der(&der).map_err(|_| spki_err))
                .map_err(|e| e.to_string()),
        }
        .map_err(|e| bad(&format!("not an RSA public key ({e})")))?;
        Self::from_key(key)
    }

    pub(crate) fn from_key(key: RsaPublicKey) -> Result<Self, Error> {
        let spki = key
            .to_public_key_der()
            .map_err(|e| Error::Config(format!("RSA public key does not re-encode: {e}")))?;
        Ok(Self {
            spki_sha256: Sha256::digest(spki.as_bytes()).into(),
            key,
        })
    }

    /// Modulus size in bits (1024 for the default key).
    pub fn bits(&self) -> usize {
        self.key.size() * 8
    }

    /// The longest password, in UTF-8 bytes, this key can encrypt: modulus bytes − 11
    /// (117 for a 1024-bit key, 245 for 2048).
    pub fn max_plaintext_len(&self) -> usize {
        self.key.size().saturating_sub(PKCS1_OVERHEAD)
    }

    /// SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex (the usual key fingerprint).
    pub fn spki_sha256_hex(&self) -> String {
        base16ct::lower::encode_string(&self.spki_sha256)
    }

    /// The key as SPKI PEM with `\n` line endings and a trailing newline, as `/api/v3/system` serves it.
    pub fn to_pem(&self) -> String {
        self.key
            .to_public_key_pem(::rsa::pkcs8::LineEnding::LF)
            .expect("an RSA public key encodes as PEM")
    }
}

impl fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaKey")
            .field("bits", &self.bits())
            .field(
                "spki_sha256",
                &format_args!("{}…", &self.spki_sha256_hex()[..16]),
            )
            .finish()
    }
}

/// Encrypts `password` (UTF-8 bytes) with RSAES-PKCS1-v1_5 and returns standard base64 (padded,
/// no line breaks) of the modulus-sized ciphertext.
///
/// # Errors
/// [`Error::Encrypt`] when the password is longer than [`RsaKey::max_plaintext_len`] or the OS
/// random source fails.
pub fn rsa_encrypt(key: &RsaKey, password: &[u8]) -> Result<String, Error> {
    let max = key.max_plaintext_len();
    if password.len() > max {
        return Err(Error::Encrypt(format!(
            "password too long for the RSA key: max {max} bytes"
        )));
    }
    let ct = Pkcs1v15Encrypt
        .encrypt(&mut getrandom::SysRng, &key.key, password)
        .map_err(|e| Error::Encrypt(format!("RSA encryption failed: {e}")))?;
    Ok(STANDARD.encode(ct))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::DEFAULT_RSA_PUBLIC_KEY;
    use ::rsa::RsaPrivateKey;
    use ::rsa::pkcs1::EncodeRsaPublicKey;
    use ::rsa::pkcs8::LineEnding;
    use std::sync::LazyLock;

    /// One 1024-bit key for the whole test module (generation is the slow part).
    static PRIV: LazyLock<RsaPrivateKey> = LazyLock::new(|| {
        RsaPrivateKey::new(&mut ::rsa::rand_core::UnwrapErr(getrandom::SysRng), 1024).unwrap()
    });

    fn pair() -> (&'static RsaPrivateKey, RsaKey) {
        let pem = PRIV
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap();
        (&PRIV, RsaKey::parse(&pem).unwrap())
    }

    fn body_of(pem: &str) -> String {
        pem.lines().filter(|l| !l.starts_with("-----")).collect()
    }

    #[test]
    fn ciphertexts_are_randomized() {
        let (_, pk) = pair();
        assert_ne!(
            rsa_encrypt(&pk, b"same").unwrap(),
            rsa_encrypt(&pk, b"same").unwrap()
        );
    }

    #[test]
    fn parses_every_accepted_spelling() {
        let (_, reference) = pair();
        let public = PRIV.to_public_key();
        let spki_pem = public.to_public_key_pem(LineEnding::LF).unwrap();
        let pkcs1_pem = public.to_pkcs1_pem(LineEnding::LF).unwrap();
        let spki_body = body_of(&spki_pem);
        let forms = [
            spki_pem.clone(),
            spki_pem.trim_end().to_owned(), // no trailing newline
            spki_pem.replace('\n', "\r\n"), // CRLF
            spki_pem.replace('\n', "\\n"),  // escaped, as in an env var
            format!("  {spki_pem}\n\n"),    // surrounding whitespace
            format!("-----BEGIN PUBLIC KEY-----{spki_body}-----END PUBLIC KEY-----"), // one line
            format!("-----BEGIN PUBLIC KEY-----\n{spki_body}\n-----END PUBLIC KEY-----\n"), // one body line
            spki_body.clone(),                          // bare base64 SPKI DER
            spki_body.trim_end_matches('=').to_owned(), // bare, padding dropped
            pkcs1_pem.clone(),                          // BEGIN RSA PUBLIC KEY
            body_of(&pkcs1_pem),                        // bare base64 PKCS#1 DER
        ];
        for f in &forms {
            assert_eq!(RsaKey::parse(f).unwrap(), reference, "form {f:?}");
        }
    }

    #[test]
    fn rejects_malformed_keys_with_short_messages() {
        let private_pem = {
            use ::rsa::pkcs8::EncodePrivateKey;
            PRIV.to_pkcs8_pem(LineEnding::LF).unwrap()
        };
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "empty"),
            ("hello world".into(), "base64"),
            ("-----BEGIN PUBLIC KEY-----\nMIGf".into(), "footer"),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----".into(), "not an RSA public key"),
            (private_pem.to_string(), "found \"PRIVATE KEY\""),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----".into(), "footer"),
            ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----".into(), "CERTIFICATE"),
            // an EC (P-256) SPKI
            (
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE62OIZSmsJQfusXKnsNNaPWQdoL11aF9JlOHAi+c/SpsbicWkGAzUIKAzVDlVz1habY7MFXepTa03sqI3h5OC1Q==".into(),
                "not an RSA public key",
            ),
        ];
        for (input, want) in cases {
            let err = RsaKey::parse(&input).unwrap_err();
            let msg = match &err {
                Error::Config(m) => m.clone(),
                other => panic!("expected Error::Config for {input:?}, got {other:?}"),
            };
            assert!(msg.contains(want), "{msg:?} should mention {want:?}");
            assert!(msg.len() < 200, "message too long: {msg}");
        }
        // a private key's body never appears beyond the short prefix
        let err = RsaKey::parse(&body_of(&private_pem))
            .unwrap_err()
            .to_string();
        assert!(!err.contains(&body_of(&private_pem)[12..40]), "{err}");
    }

    #[test]
    fn rejects_keys_below_1024_bits() {
        // a 512-bit SPKI (generated with openssl; too small for the rsa crate's default limits)
        let small = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL63o3b4bwAm1SSCgV0H5KKs0dLNm6DQF/e7x4BuOaDD+9H6ekIZh8nBRIy8sTd5sB24E/V8f7WhpPsO4Ez4XAMCAwEAAQ==";
        assert!(matches!(RsaKey::parse(small), Err(Error::Config(_))));
    }

    #[test]
    fn to_pem_round_trips_with_trailing_newline() {
        let key = RsaKey::parse(DEFAULT_RSA_PUBLIC_KEY).unwrap();
        assert_eq!(key.to_pem(), DEFAULT_RSA_PUBLIC_KEY);
        assert_eq!(key.bits(), 1024);
        let dbg = format!("{key:?}");
        assert_eq!(dbg, "RsaKey { bits: 1024, spki_sha256: b82ffaca93fee64c… }");
    }
}
