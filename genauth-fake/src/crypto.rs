//! The server side of password encryption, for the fake GenAuth server: RSA-1024 and SM2 key
//! pairs (fixed or fresh), their public halves as `GET /api/v3/system` serves them, and decryption
//! of what a client sends.
//!
//! Not for production: the RSA decryption here rejects bad padding explicitly and is not
//! constant-time (see [`rsa_decrypt`]).
//!
//! The decryption functions ([`rsa_decrypt`], [`sm2_decrypt`]) live here rather than in
//! `genauth_client::crypto`: only a server decrypts, and keeping the private-key code (and `rsa`'s
//! `hazmat` feature) out of the client crate keeps it out of every application's build.

use std::fmt;
use std::sync::LazyLock;

use ::rsa::PrivateKey;
use ::rsa::pkcs1::DecodeRsaPrivateKey;
use ::rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use ::rsa::traits::PublicKeyParts;
use ::sm2::SecretKey;
use ::sm2::elliptic_curve::Generate;
use ::sm2::pke::{DecryptingKey, Mode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use genauth_client::crypto::{PasswordEncryptType, RsaKey, ServerKeys, Sm2Key, Sm2Layout};

/// SEC1 tag of an uncompressed point.
const UNCOMPRESSED: u8 = 0x04;

/// The RSA-1024 private key of [`FakeServerKeys::fixed`] (PKCS#8 PEM). Test material only:
/// it is public, in this repository.
pub const FIXED_RSA_PRIVATE_KEY_PEM: &str = r"-----BEGIN PRIVATE KEY-----
MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBANob2vnwAPCdxz7g
ZpiOPQZd3huX0q3hi3AC1PtrqX/oDze5Cqt7cRqyEyBV96fBtniEnDIZmkqQ43PY
GEKz/ojYbbznT6gDmd7v8XIbFQhCKsvQKhbK1mdAJmDTgjMiUYIw/z1oSdK8cLgm
tMl9Pgwl3GeR7jAXq8uvi5p9mg3PAgMBAAECgYEAtqRc2q+AGf4Fu0FuqJFzyMES
HUklwzX77fBxKZked118YM0zgiX8sL4uBgX3PSOaCZICunF2IrrxvTBYIINZwPF+
3wirRh5IzE2ulzaKxczaalZ2pF1HTuJBqQoenoHgNd/XD1lg8GCK1oVHgav/J87L
1Wz3ZKPl19YRvH7gqgECQQD/vx5LyWkFgauTUbBKngyQbjk2pMe5izvaSbO1I+Eo
3kXMSkgpD90qsKTcI7fWkYj8Ugwc3i5uWP9ECPgPSqq3AkEA2lMwQs8rsSZ7NKSp
Aui+rnOewt1A8XHGJb9dzPrdimX9QF+nQDIAm8YWgAPTdprOVHBdSDis5bq2DGFC
q6x9qQJBAPQHIxthlcphTpwFiFfKs2ZlJkaTuNe8mWHSjZ08HS5n2OXzwyMbNgf0
AXrkwhgFSlao21H4VwmH9hqvDDNbJcUCQH9KNT8ejrjQWNEOl8Osc1A+9PdkDHM5
BHAJrOTP9s60O/2GR3s0LAqmaYPltyrVgyrUAG8VLCkcvPtm0XpKLVECQQCeSj1m
gefqhKevI8LP84q2YKXNurcqqEXyIb+GIju+FEUvkVZB4ptJ1TwXpoM0Fe4cLBEx
BxRWKcDAYL0c7K76
-----END PRIVATE KEY-----
";

/// The SM2 secret key of [`FakeServerKeys::fixed`] (64 hex digits). Test material only.
///
/// Chosen so that its public X coordinate starts with the byte `04` (public key
/// `0404fc75…`): gmssl's `CryptSM2` strips a key prefix with `lstrip("04")`, which eats those
/// digits too, so any path that hands this key to gmssl the naive way fails loudly.
pub const FIXED_SM2_SECRET_KEY_HEX: &str =
    "f0a7aeadaeee97198f64e06ba299ea7e9e33f9f6ed5bee35610ca06802bb69ae";

static FIXED: LazyLock<FakeServerKeys> = LazyLock::new(|| {
    FakeServerKeys::from_pem(FIXED_RSA_PRIVATE_KEY_PEM, FIXED_SM2_SECRET_KEY_HEX)
        .expect("the fixed fake-server keys parse")
});

/// The fake server's key pairs: an RSA private key (1024-bit unless loaded otherwise) and an SM2
/// secret key. `Debug` shows public fingerprints only.
#[derive(Clone)]
pub struct FakeServerKeys {
    rsa: PrivateKey,
    sm2: SecretKey,
}

impl FakeServerKeys {
    /// Fresh keys: RSA-1024 (e = 65537, like the Authing default key) and SM2, from the OS CSPRNG.
    pub fn generate() -> Self {
        let mut rng = ::rsa::rand_core::UnwrapErr(getrandom::SysRng);
        Self {
            rsa: PrivateKey::new(&mut rng, 1024).expect("RSA-1024 key generation"),
            sm2: SecretKey::generate_from_rng(&mut rng),
        }
    }

    /// The deterministic keys [`FIXED_RSA_PRIVATE_KEY_PEM`] and [`FIXED_SM2_SECRET_KEY_HEX`], so
    /// tests and committed vectors are stable (and nothing is generated).
    pub fn fixed() -> Self {
        FIXED.clone()
    }

    /// Loads an RSA private key (PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1 `BEGIN RSA PRIVATE KEY`
    /// PEM, any size the `rsa` crate accepts) and an SM2 secret key (64 hex digits).
    ///
    /// # Errors
    /// A reason when either does not parse.
    pub fn from_pem(rsa_private_pem: &str, sm2_secret_hex: &str) -> Result<Self, String> {
        let pem = rsa_private_pem.trim();
        let rsa = PrivateKey::from_pkcs8_pem(pem)
            .or_else(|e| PrivateKey::from_pkcs1_pem(pem).map_err(|_| e))
            .map_err(|e| format!("RSA private key: {e}"))?;
        let bytes = zeroize::Zeroizing::new(
            base16ct::mixed::decode_vec(sm2_secret_hex.trim())
                .map_err(|_| "SM2 secret key: not hex".to_owned())?,
        );
        if bytes.len() != 32 {
            return Err(format!(
                "SM2 secret key: expected 64 hex digits, got {}",
                2 * bytes.len()
            ));
        }
        let sm2 =
            SecretKey::from_slice(&bytes).map_err(|_| "SM2 secret key: out of range".to_owned())?;
        Ok(Self { rsa, sm2 })
    }

    /// The RSA public key as SPKI PEM with `\n` line endings and a trailing newline, as
    /// `/api/v3/system` serves `rsa.publicKey`.
    pub fn rsa_public_pem(&self) -> String {
        self.rsa
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("an RSA public key encodes as PEM")
    }

    /// The SM2 public key as 130 lowercase hex digits, `04‖X‖Y` (`sm2.publicKey`).
    pub fn sm2_public_hex(&self) -> String {
        base16ct::lower::encode_string(&self.sm2.public_key().to_sec1_bytes())
    }

    /// The RSA private key as PKCS#8 PEM (to hand to third-party tools in interop tests).
    pub fn rsa_private_pem(&self) -> String {
        self.rsa
            .to_pkcs8_pem(LineEnding::LF)
            .expect("an RSA private key encodes as PEM")
            .to_string()
    }

    /// The SM2 secret key as 64 lowercase hex digits (to hand to third-party tools).
    pub fn sm2_secret_hex(&self) -> String {
        base16ct::lower::encode_string(&self.sm2.to_bytes())
    }

    /// RSA modulus size in bits.
    pub fn rsa_bits(&self) -> usize {
        self.rsa.size() * 8
    }

    /// The public halves, parsed, as a client would hold them.
    pub fn public_keys(&self) -> ServerKeys {
        // Through the published forms: the client crate's public parsers are the only way in.
        let rsa = RsaKey::parse(&self.rsa_public_pem()).expect("own RSA public key");
        let sm2 = Sm2Key::parse(&self.sm2_public_hex()).expect("own SM2 public key");
        ServerKeys::default().with_rsa(rsa).with_sm2(sm2)
    }

    /// Recovers the password from a wire value sent with `passwordEncryptType = kind`:
    /// `none` returns it as is; `rsa` expects base64 PKCS#1 v1.5; `sm2` expects hex in `layout`
    /// (for the mobile layout the SM2 plaintext is base64-decoded too). The result must be UTF-8.
    ///
    /// # Errors
    /// Why the value does not decrypt (never including the decrypted bytes).
    pub fn decrypt_password(
        &self,
        kind: PasswordEncryptType,
        ciphertext: &str,
        layout: Sm2Layout,
    ) -> Result<String, String> {
        let plain = match kind {
            PasswordEncryptType::None => return Ok(ciphertext.to_owned()),
            PasswordEncryptType::Rsa => rsa_decrypt(&self.rsa, ciphertext)?,
            PasswordEncryptType::Sm2 => sm2_decrypt(&self.sm2, ciphertext, layout)?,
        };
        std::str::from_utf8(&plain)
            .map(str::to_owned)
            .map_err(|_| format!("decrypted {kind} password is not UTF-8"))
    }
}

impl fmt::Debug for FakeServerKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FakeServerKeys")
            .field(&self.public_keys())
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// decryption (server side only)
// ---------------------------------------------------------------------------------------------

/// Decrypts a base64 RSAES-PKCS1-v1_5 ciphertext. For tests and the fake server only.
///
/// Unlike `rsa`'s own decryption (implicit rejection, which returns a synthetic message for a bad
/// ciphertext), this rejects explicitly so a test sees *why* something did not decrypt. It is not
/// constant-time: never use it where an attacker can submit ciphertexts.
///
/// # Errors
/// A reason: not base64, wrong length, padding invalid.
pub fn rsa_decrypt(
    key: &::rsa::PrivateKey,
    ciphertext_b64: &str,
) -> Result<Zeroizing<Vec<u8>>, String> {
    let ct = STANDARD
        .decode(ciphertext_b64.trim())
        .map_err(|e| format!("RSA ciphertext is not standard base64: {e}"))?;
    let k = key.size();
    if ct.len() != k {
        return Err(format!(
            "RSA ciphertext is {} bytes, the key needs exactly {k}",
            ct.len()
        ));
    }
    let c = ::rsa::BoxedUint::from_be_slice(&ct, key.n_bits_precision())
        .map_err(|e| format!("RSA ciphertext does not fit the modulus: {e:?}"))?;
    if c >= *key.n().as_ref() {
        return Err("RSA ciphertext is not smaller than the modulus".into());
    }
    let m = ::rsa::hazmat::rsa_decrypt_and_check(key, Some(&mut getrandom::SysRng), &c)
        .map_err(|e| format!("RSA decryption failed: {e}"))?;
    let bytes = Zeroizing::new(m.to_be_bytes().into_vec());
    // I2OSP to exactly k bytes (the limb encoding may be longer, never shorter, than k)
    let em = &bytes[bytes.len() - k..];
    if em[0] != 0 || em[1] != 2 {
        return Err("RSA padding invalid: block type is not 00 02".into());
    }
    let sep = em[2..]
        .iter()
        .position(|&b| b == 0)
        .ok_or("RSA padding invalid: no 00 separator")?;
    if sep < 8 {
        return Err("RSA padding invalid: padding string shorter than 8 bytes".into());
    }
    Ok(Zeroizing::new(em[2 + sep + 1..].to_vec()))
}

/// Decrypts an SM2 ciphertext in `layout` and returns the password bytes (for the mobile layout,
/// after base64-decoding the SM2 plaintext). For tests and the fake server only.
///
/// Strict about the layout: a ciphertext in the other layout, or with/without the `04` tag where
/// the layout says otherwise, is an error, and the reason says which mismatch it looks like.
///
/// # Errors
/// A reason: not hex, too short, C1 not on the curve, C3 mismatch (wrong key or layout), …
pub fn sm2_decrypt(
    secret: &::sm2::SecretKey,
    ciphertext_hex: &str,
    layout: Sm2Layout,
) -> Result<Zeroizing<Vec<u8>>, String> {
    let raw = base16ct::mixed::decode_vec(ciphertext_hex.trim())
        .map_err(|_| "SM2 ciphertext is not hex (or has an odd number of digits)".to_owned())?;
    let try_decrypt = |mode: Mode, with_tag: bool| -> Option<Zeroizing<Vec<u8>>> {
        let mut ct = Vec::with_capacity(raw.len() + 1);
        if !with_tag {
            ct.push(UNCOMPRESSED);
        }
        ct.extend_from_slice(&raw);
        DecryptingKey::new_with_mode(secret.to_nonzero_scalar(), mode)
            .decrypt(&ct)
            .ok()
            .map(Zeroizing::new)
    };
    let (mode, tagged) = match layout {
        Sm2Layout::C1C3C2 => (Mode::C1C3C2, false),
        Sm2Layout::MobileC1C2C3 => (Mode::C1C2C3, true),
    };
    let Some(plain) = try_decrypt(mode, tagged) else {
        // Explain the failure: does the ciphertext fit another interpretation?
        let other_mode = match mode {
            Mode::C1C3C2 => Mode::C1C2C3,
            Mode::C1C2C3 => Mode::C1C3C2,
        };
        let hint = if try_decrypt(mode, !tagged).is_some() {
            if tagged {
                "C1 lacks the 04 tag the mobile layout requires"
            } else {
                "C1 carries a 04 tag the C1C3C2 layout does not have"
            }
        } else if try_decrypt(other_mode, tagged).is_some()
            || try_decrypt(other_mode, !tagged).is_some()
        {
            "it decrypts in the other C2/C3 order: wrong layout"
        } else {
            "C3 mismatch or C1 not on the curve: wrong key, or corrupted"
        };
        return Err(format!(
            "SM2 decryption failed ({} layout): {hint}",
            layout.as_str()
        ));
    };
    match layout {
        Sm2Layout::C1C3C2 => Ok(plain),
        Sm2Layout::MobileC1C2C3 => STANDARD
            .decode(plain.as_slice())
            .map(Zeroizing::new)
            .map_err(|_| "SM2 plaintext of the mobile layout is not base64".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use genauth_client::crypto::{DefaultEncryptor, PasswordEncryptor};

    #[test]
    fn fixed_keys_are_stable_and_have_the_gmssl_trap() {
        let keys = FakeServerKeys::fixed();
        assert_eq!(keys.rsa_bits(), 1024);
        assert!(
            keys.sm2_public_hex().starts_with("0404"),
            "{}",
            keys.sm2_public_hex()
        );
        assert_eq!(keys.sm2_public_hex().len(), 130);
        assert_eq!(keys.sm2_secret_hex(), FIXED_SM2_SECRET_KEY_HEX);
        assert_eq!(keys.rsa_private_pem(), FIXED_RSA_PRIVATE_KEY_PEM);
        let pem = keys.rsa_public_pem();
        assert!(
            pem.starts_with("-----BEGIN PUBLIC KEY-----\n")
                && pem.ends_with("-----END PUBLIC KEY-----\n")
        );
        // what /api/v3/system serves parses back into the same keys
        let parsed = ServerKeys::parse(Some(&pem), Some(&keys.sm2_public_hex())).unwrap();
        assert_eq!(parsed, keys.public_keys());
    }

    #[test]
    fn decrypts_what_the_default_encryptor_sends() {
        for keys in [FakeServerKeys::fixed(), FakeServerKeys::generate()] {
            let public =
                ServerKeys::parse(Some(&keys.rsa_public_pem()), Some(&keys.sm2_public_hex()))
                    .unwrap();
            for layout in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
                let enc = DefaultEncryptor { sm2_layout: layout };
                for kind in [
                    PasswordEncryptType::None,
                    PasswordEncryptType::Rsa,
                    PasswordEncryptType::Sm2,
                ] {
                    for pw in ["passw0rd", "密码 pässwörd 🔑"] {
                        let wire = enc.encrypt(kind, pw, &public).unwrap();
                        assert_eq!(
                            keys.decrypt_password(kind, &wire, layout).unwrap(),
                            pw,
                            "{kind} {layout}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn reports_why_something_does_not_decrypt() {
        let keys = FakeServerKeys::fixed();
        let public = keys.public_keys();
        let js = DefaultEncryptor::default()
            .encrypt(PasswordEncryptType::Sm2, "pw", &public)
            .unwrap();
        let err = keys
            .decrypt_password(PasswordEncryptType::Sm2, &js, Sm2Layout::MobileC1C2C3)
            .unwrap_err();
        assert!(err.contains("SM2"), "{err}");
        // RSA ciphertext for another key, and plain text where ciphertext is expected
        let other = DefaultEncryptor::default()
            .encrypt(
                PasswordEncryptType::Rsa,
                "pw",
                &ServerKeys::default_public(),
            )
            .unwrap();
        assert!(
            keys.decrypt_password(PasswordEncryptType::Rsa, &other, Sm2Layout::C1C3C2)
                .is_err()
        );
        assert!(
            keys.decrypt_password(PasswordEncryptType::Rsa, "passw0rd", Sm2Layout::C1C3C2)
                .is_err()
        );
        assert!(
            keys.decrypt_password(PasswordEncryptType::Sm2, "passw0rd", Sm2Layout::C1C3C2)
                .is_err()
        );
    }

    #[test]
    fn from_pem_validates() {
        let fixed = FakeServerKeys::fixed();
        assert!(
            FakeServerKeys::from_pem("nope", FIXED_SM2_SECRET_KEY_HEX)
                .unwrap_err()
                .starts_with("RSA")
        );
        assert!(
            FakeServerKeys::from_pem(FIXED_RSA_PRIVATE_KEY_PEM, "zz")
                .unwrap_err()
                .contains("hex")
        );
        assert!(
            FakeServerKeys::from_pem(FIXED_RSA_PRIVATE_KEY_PEM, "00")
                .unwrap_err()
                .contains("64")
        );
        assert!(FakeServerKeys::from_pem(FIXED_RSA_PRIVATE_KEY_PEM, &"0".repeat(64)).is_err());
        // PKCS#1 private PEM works too
        let pkcs1 = {
            use ::rsa::pkcs1::EncodeRsaPrivateKey;
            fixed.rsa.to_pkcs1_pem(LineEnding::LF).unwrap().to_string()
        };
        let again = FakeServerKeys::from_pem(&pkcs1, &fixed.sm2_secret_hex()).unwrap();
        assert_eq!(again.rsa_public_pem(), fixed.rsa_public_pem());
    }

    #[test]
    fn debug_shows_no_secret() {
        let keys = FakeServerKeys::fixed();
        let dbg = format!("{keys:?}");
        assert!(!dbg.contains(&FIXED_SM2_SECRET_KEY_HEX[..8]), "{dbg}");
        assert!(dbg.contains("bits: 1024"), "{dbg}");
    }
}

/// The decryption tests that lived next to the encryption code in `genauth_client::crypto::rsa`.
#[cfg(test)]
mod rsa_tests {
    use super::*;
    use ::rsa::pkcs8::EncodePublicKey;
    use genauth_client::Error;
    use genauth_client::crypto::{DEFAULT_RSA_PUBLIC_KEY, rsa_encrypt};

    /// One 1024-bit key for the whole test module (generation is the slow part).
    static PRIV: LazyLock<PrivateKey> = LazyLock::new(|| {
        PrivateKey::new(&mut ::rsa::rand_core::UnwrapErr(getrandom::SysRng), 1024).unwrap()
    });

    fn pair() -> (&'static PrivateKey, RsaKey) {
        let pem = PRIV
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap();
        (&PRIV, RsaKey::parse(&pem).unwrap())
    }

    #[test]
    fn round_trip_utf8_and_limits() {
        let (sk, pk) = pair();
        for pw in ["", "a", "passw0rd", "pässwörd-密码-🔑", &"x".repeat(117)] {
            let ct = rsa_encrypt(&pk, pw.as_bytes()).unwrap();
            assert_eq!(ct.len(), 172, "base64 of 128 bytes");
            assert!(!ct.contains('\n'));
            assert_eq!(rsa_decrypt(sk, &ct).unwrap().as_slice(), pw.as_bytes());
        }
        let err = rsa_encrypt(&pk, "x".repeat(118).as_bytes()).unwrap_err();
        assert!(
            matches!(&err, Error::Encrypt(m) if m == "password too long for the RSA key: max 117 bytes"),
            "{err}"
        );
    }

    #[test]
    fn decrypt_rejects_garbage_explicitly() {
        let (sk, pk) = pair();
        assert!(rsa_decrypt(sk, "%%%").unwrap_err().contains("base64"));
        assert!(
            rsa_decrypt(sk, &STANDARD.encode([1u8; 64]))
                .unwrap_err()
                .contains("64 bytes")
        );
        // a valid ciphertext with one bit flipped: padding check fails (overwhelmingly likely)
        let mut ct = STANDARD.decode(rsa_encrypt(&pk, b"pw").unwrap()).unwrap();
        ct[100] ^= 1;
        assert!(
            rsa_decrypt(sk, &STANDARD.encode(&ct))
                .unwrap_err()
                .contains("padding")
        );
        // a ciphertext for another key
        let other = rsa_encrypt(&RsaKey::parse(DEFAULT_RSA_PUBLIC_KEY).unwrap(), b"pw").unwrap();
        assert!(rsa_decrypt(sk, &other).is_err());
    }
}

/// The decryption tests that lived next to the encryption code in `genauth_client::crypto::sm2`.
#[cfg(test)]
mod sm2_tests {
    use super::*;
    use genauth_client::crypto::sm2_encrypt;

    fn pair() -> (SecretKey, Sm2Key) {
        let sk = SecretKey::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
        let pk = Sm2Key::parse(&base16ct::lower::encode_string(
            &sk.public_key().to_sec1_bytes(),
        ))
        .unwrap();
        (sk, pk)
    }

    fn is_lower_hex(s: &str) -> bool {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    #[test]
    fn round_trip_both_layouts() {
        let (sk, pk) = pair();
        for pw in ["a", "passw0rd", "pässwörd 密码 🔑", &"long-".repeat(100)] {
            let js = sm2_encrypt(&pk, pw.as_bytes(), Sm2Layout::C1C3C2).unwrap();
            assert_eq!(js.len(), 2 * (64 + 32 + pw.len()));
            assert!(is_lower_hex(&js));
            assert_eq!(
                sm2_decrypt(&sk, &js, Sm2Layout::C1C3C2).unwrap().as_slice(),
                pw.as_bytes()
            );

            let mobile = sm2_encrypt(&pk, pw.as_bytes(), Sm2Layout::MobileC1C2C3).unwrap();
            let b64_len = STANDARD.encode(pw).len();
            assert_eq!(mobile.len(), 2 * (65 + b64_len + 32));
            assert!(mobile.starts_with("04") && is_lower_hex(&mobile));
            assert_eq!(
                sm2_decrypt(&sk, &mobile, Sm2Layout::MobileC1C2C3)
                    .unwrap()
                    .as_slice(),
                pw.as_bytes()
            );
        }
    }

    #[test]
    fn decrypt_explains_layout_mismatches() {
        let (sk, pk) = pair();
        let js = sm2_encrypt(&pk, b"pw", Sm2Layout::C1C3C2).unwrap();
        let mobile = sm2_encrypt(&pk, b"pw", Sm2Layout::MobileC1C2C3).unwrap();

        let err = sm2_decrypt(&sk, &format!("04{js}"), Sm2Layout::C1C3C2).unwrap_err();
        assert!(err.contains("carries a 04 tag"), "{err}");
        let err = sm2_decrypt(&sk, &mobile[2..], Sm2Layout::MobileC1C2C3).unwrap_err();
        assert!(err.contains("lacks the 04 tag"), "{err}");
        let err = sm2_decrypt(&sk, &mobile[2..], Sm2Layout::C1C3C2).unwrap_err();
        assert!(err.contains("wrong layout"), "{err}");
        let err = sm2_decrypt(&sk, &js, Sm2Layout::MobileC1C2C3).unwrap_err();
        assert!(
            err.contains("other C2/C3 order") || err.contains("04 tag"),
            "{err}"
        );

        let (other_sk, _) = pair();
        let err = sm2_decrypt(&other_sk, &js, Sm2Layout::C1C3C2).unwrap_err();
        assert!(err.contains("wrong key"), "{err}");
        assert!(
            sm2_decrypt(&sk, "xyz", Sm2Layout::C1C3C2)
                .unwrap_err()
                .contains("not hex")
        );
        assert!(sm2_decrypt(&sk, "", Sm2Layout::C1C3C2).is_err());
        assert!(sm2_decrypt(&sk, &js[..100], Sm2Layout::C1C3C2).is_err());
    }

    #[test]
    fn decrypt_accepts_uppercase_hex() {
        let (sk, pk) = pair();
        let js = sm2_encrypt(&pk, b"pw", Sm2Layout::C1C3C2).unwrap();
        assert_eq!(
            sm2_decrypt(&sk, &js.to_uppercase(), Sm2Layout::C1C3C2)
                .unwrap()
                .as_slice(),
            b"pw"
        );
    }
}
