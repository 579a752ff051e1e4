//! RSA: RSAES-PKCS1-v1_5 over the UTF-8 password, standard base64 out.
//!
//! PKCS#1 v1.5 encryption is what every GenAuth/Authing SDK uses (JSEncrypt, `RSA/ECB/PKCS1Padding`,
//! `SecKeyEncrypt(.PKCS1)`), so it is kept for compatibility; it is not a choice we would make.
//! Only the public-key operation runs in the SDK. Decryption (a private-key operation,
//! RUSTSEC-2023-0071 territory) lives in the `genauth-fake` crate, which plays the server.

use std::fmt;
use std::sync::Arc;

use ::rsa::pkcs1::DecodeRsaPublicKey;
use ::rsa::pkcs8::{DecodePublicKey, EncodePublicKey};
use ::rsa::rand_core::TryCryptoRng;
use ::rsa::sha2::{Digest, Sha256};
use ::rsa::traits::{PaddingScheme, PublicKeyParts};
use ::rsa::{Pkcs1v15Encrypt, PublicKey};
use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use zeroize::Zeroizing;

use super::rsa_fixed::{FixedRsa, MAX_BYTES};
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
/// `Debug` shows the size and the first bytes of the SHA-256 fingerprint of the DER SPKI. Cheap to
/// clone: the per-key Montgomery parameters (1024-, 2048- and 4096-bit keys) are computed once, at
/// parse time, and shared.
#[derive(Clone)]
pub struct RsaKey {
    key: PublicKey,
    spki_sha256: [u8; 32],
    /// The fixed-size form of the key for [`rsa_encrypt`]; `None` for other sizes (the `rsa`
    /// crate's operation is used then).
    fixed: Option<Arc<FixedRsa>>,
}

impl PartialEq for RsaKey {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for RsaKey {}

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
            Some(false) => PublicKey::from_public_key_der(&der).map_err(|e| e.to_string()),
            Some(true) => PublicKey::from_pkcs1_der(&der).map_err(|e| e.to_string()),
            None => PublicKey::from_public_key_der(&der)
                .or_else(|spki_err| PublicKey::from_pkcs1_der(&der).map_err(|_| spki_err))
                .map_err(|e| e.to_string()),
        }
        .map_err(|e| bad(&format!("not an RSA public key ({e})")))?;
        Self::from_key(key)
    }

    pub(crate) fn from_key(key: PublicKey) -> Result<Self, Error> {
        let spki = key
            .to_public_key_der()
            .map_err(|e| Error::Config(format!("RSA public key does not re-encode: {e}")))?;
        Ok(Self {
            spki_sha256: Sha256::digest(spki.as_bytes()).into(),
            fixed: FixedRsa::new(&key).map(Arc::new),
            key,
        })
    }

    /// Whether `signature` is a valid RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256) of
    /// `message` under this key: on the fixed-size path for 1024-, 2048- and 4096-bit keys
    /// ([`FixedRsa::verify_rs256`]), with the `rsa` crate for other sizes, as for encryption.
    #[cfg(feature = "jwt")]
    pub(crate) fn verify_rs256(&self, message: &[u8], signature: &[u8]) -> bool {
        match &self.fixed {
            Some(fixed) => fixed.verify_rs256(message, signature),
            None => self
                .key
                .verify(
                    ::rsa::Pkcs1v15Sign::new::<Sha256>(),
                    &Sha256::digest(message),
                    signature,
                )
                .is_ok(),
        }
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
/// The padding string is random non-zero bytes from the OS random source. For 1024-, 2048- and
/// 4096-bit keys the public-key operation runs on fixed-size integers with the key's Montgomery
/// parameters precomputed (the only heap allocation is the returned string); other sizes use the
/// `rsa` crate.
///
/// # Errors
/// [`Error::Encrypt`] when the password is longer than [`RsaKey::max_plaintext_len`] or the OS
/// random source fails.
pub fn rsa_encrypt(key: &RsaKey, password: &[u8]) -> Result<String, Error> {
    encrypt_with_rng(key, password, &mut getrandom::SysRng)
}

/// [`rsa_encrypt`] with the padding drawn from `rng`.
pub(crate) fn encrypt_with_rng<R: TryCryptoRng + ?Sized>(
    key: &RsaKey,
    password: &[u8],
    rng: &mut R,
) -> Result<String, Error> {
    let max = key.max_plaintext_len();
    if password.len() > max {
        return Err(Error::Encrypt(format!(
            "password too long for the RSA key: max {max} bytes"
        )));
    }
    let Some(fixed) = key.fixed.as_deref() else {
        let ct = Pkcs1v15Encrypt
            .encrypt(rng, &key.key, password)
            .map_err(|e| Error::Encrypt(format!("RSA encryption failed: {e}")))?;
        return Ok(STANDARD.encode(ct));
    };
    let k = fixed.size();
    let mut buf = Zeroizing::new([0u8; MAX_BYTES]);
    let em = &mut buf[..k];
    pkcs1_pad(em, password, rng)?;
    // em now holds the ciphertext (public).
    fixed.public_op(em);
    Ok(STANDARD.encode(em))
}

/// EM = 00 ‖ 02 ‖ PS ‖ 00 ‖ M (RFC 8017 §7.2.1), PS being `k − 3 − len(M)` ≥ 8 random non-zero
/// bytes. Zero bytes of PS are redrawn one at a time: which positions were redrawn depends on the
/// random bytes only, never on the password. The length of M is not secret from a timing observer
/// here (the copy takes time proportional to it), as in every PKCS#1 implementation.
fn pkcs1_pad<R: TryCryptoRng + ?Sized>(
    em: &mut [u8],
    msg: &[u8],
    rng: &mut R,
) -> Result<(), Error> {
    let k = em.len();
    debug_assert!(msg.len() + PKCS1_OVERHEAD <= k);
    let rng_failed =
        |_| Error::Encrypt("RSA encryption failed: the OS random source failed".into());
    em[0] = 0;
    em[1] = 2;
    let ps = &mut em[2..k - msg.len() - 1];
    rng.try_fill_bytes(ps).map_err(rng_failed)?;
    for b in ps.iter_mut() {
        while *b == 0 {
            rng.try_fill_bytes(std::slice::from_mut(b))
                .map_err(rng_failed)?;
        }
    }
    em[k - msg.len() - 1] = 0;
    em[k - msg.len()..].copy_from_slice(msg);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::DEFAULT_RSA_PUBLIC_KEY;
    use ::rsa::PrivateKey;
    use ::rsa::pkcs1::EncodeRsaPublicKey;
    use ::rsa::pkcs8::LineEnding;
    use std::sync::LazyLock;

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

    fn body_of(pem: &str) -> String {
        pem.lines().filter(|l| !l.starts_with("-----")).collect()
    }

    use crate::crypto::tests::SeededRng;
    use ::rsa::BoxedUint;
    use ::rsa::rand_core::TryRng;

    fn keys_json(name: &str, field: &str) -> String {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/keys.json")).unwrap();
        v[name][field].as_str().unwrap().to_owned()
    }

    fn private_2048() -> PrivateKey {
        use ::rsa::pkcs8::DecodePrivateKey;
        let pem = keys_json("rsa2048", "private_pem");
        PrivateKey::from_pkcs8_pem(&pem)
            .or_else(|_| {
                use ::rsa::pkcs1::DecodeRsaPrivateKey;
                PrivateKey::from_pkcs1_pem(&pem)
            })
            .unwrap()
    }

    /// RS256 verification on the fixed path agrees with the `rsa` crate's verifier: valid
    /// signatures pass, and a changed signature or message, a signature of the wrong length, one
    /// not below n, and an encoding with a wrong padding byte all fail in both.
    #[cfg(feature = "jwt")]
    #[test]
    fn fixed_rs256_verification_agrees_with_the_rsa_crate() {
        use ::rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
        use ::rsa::signature::{SignatureEncoding as _, Signer as _, Verifier as _};
        use sha2::Sha256;

        let private = private_2048();
        let public = private.to_public_key();
        let fixed = FixedRsa::new(&public).expect("2048 bits: fixed path");
        let signer = SigningKey::<Sha256>::new(private.clone());
        let verifier = VerifyingKey::<Sha256>::new(public.clone());
        // The `rsa` crate's verifier, and `RsaKey`'s own fallback for sizes without a fixed
        // path (the same key with the fixed form taken away): both must agree with the fixed path.
        let fallback = RsaKey {
            fixed: None,
            ..RsaKey::from_key(public.clone()).unwrap()
        };
        let theirs = |m: &[u8], s: &[u8]| {
            let crate_says = Signature::try_from(s).is_ok_and(|s| verifier.verify(m, &s).is_ok());
            assert_eq!(fallback.verify_rs256(m, s), crate_says, "RsaKey's fallback");
            crate_says
        };
        let k = public.size();
        for msg in [&b""[..], b"header.claims", &[0xa5; 1000]] {
            let sig = signer.sign(msg).to_vec();
            assert!(fixed.verify_rs256(msg, &sig) && theirs(msg, &sig));
            let mut bad = sig.clone();
            bad[k / 2] ^= 1;
            assert!(!fixed.verify_rs256(msg, &bad) && !theirs(msg, &bad));
            let mut other = msg.to_vec();
            other.push(b'x');
            assert!(!fixed.verify_rs256(&other, &sig) && !theirs(&other, &sig));
            assert!(!fixed.verify_rs256(msg, &sig[1..]));
            let mut long = vec![0];
            long.extend_from_slice(&sig);
            assert!(!fixed.verify_rs256(msg, &long));
        }
        // s = n and s = 2^(8k) − 1: not below n (RSAVP1 refuses them; no reduction mod n).
        let n = public.n().to_be_bytes();
        let n = &n[n.len() - k..];
        assert!(!fixed.verify_rs256(b"m", n) && !theirs(b"m", n));
        assert!(!fixed.verify_rs256(b"m", &vec![0xff; k]) && !theirs(b"m", &vec![0xff; k]));
        // A correctly hashed encoding with one padding byte 0xfe instead of 0xff, "signed" with
        // the private exponent: the right digest is not enough.
        let good = fixed_encoding_of(&private, b"m");
        let mut em = good.clone();
        em[5] = 0xfe;
        let forged = raw_sign(&private, &em);
        assert!(!fixed.verify_rs256(b"m", &forged) && !theirs(b"m", &forged));
        let honest = raw_sign(&private, &good);
        assert!(fixed.verify_rs256(b"m", &honest) && theirs(b"m", &honest));
    }

    /// EMSA-PKCS1-v1_5(SHA-256(m)) for `key`'s size.
    #[cfg(feature = "jwt")]
    fn fixed_encoding_of(key: &PrivateKey, m: &[u8]) -> Vec<u8> {
        use sha2::{Digest as _, Sha256};
        let k = key.size();
        let mut t = vec![
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ];
        t.extend_from_slice(&Sha256::digest(m));
        let mut em = vec![0x00, 0x01];
        em.resize(k - t.len() - 1, 0xff);
        em.push(0x00);
        em.extend_from_slice(&t);
        em
    }

    /// `em^d mod n`, big-endian, the key's length (the raw private-key operation).
    #[cfg(feature = "jwt")]
    fn raw_sign(key: &PrivateKey, em: &[u8]) -> Vec<u8> {
        let m = BoxedUint::from_be_slice(em, key.n().bits_precision()).unwrap();
        let s = ::rsa::hazmat::rsa_decrypt_and_check::<
            ::rsa::rand_core::UnwrapErr<getrandom::SysRng>,
        >(key, None, &m)
        .unwrap()
        .to_be_bytes();
        s[s.len() - key.size()..].to_vec()
    }

    /// A public key with a random odd `bits`-bit modulus (top bit set) and e = 65537: enough for
    /// the public-key operation, which never needs the factors.
    fn random_modulus_key(bits: usize, seed: u8) -> PublicKey {
        let mut n = vec![0u8; bits / 8];
        SeededRng::new(seed).try_fill_bytes(&mut n).unwrap();
        n[0] |= 0x80;
        n[bits / 8 - 1] |= 1;
        PublicKey::new(
            BoxedUint::from_be_slice(&n, bits as u32).unwrap(),
            BoxedUint::from(65537u64),
        )
        .unwrap()
    }

    #[test]
    fn fixed_public_op_equals_the_rsa_crates_raw_operation() {
        let keys = [
            RsaKey::parse(DEFAULT_RSA_PUBLIC_KEY).unwrap().key,
            private_2048().to_public_key(),
            random_modulus_key(1024, 1),
            random_modulus_key(2048, 2),
            random_modulus_key(4096, 3),
        ];
        let mut rng = SeededRng::new(9);
        for key in keys {
            let fixed = FixedRsa::new(&key).expect("1024/2048/4096 get the fixed path");
            let k = key.size();
            assert_eq!(fixed.size(), k);
            for round in 0..20 {
                let mut m = vec![0u8; k];
                rng.try_fill_bytes(&mut m[1..]).unwrap(); // top byte 0: m < n
                if round == 0 {
                    m[1..].fill(0);
                    m[k - 1] = 1; // m = 1
                } else if round == 1 {
                    m[1..].fill(0xff); // m = 2^(8k−8) − 1
                }
                let want = ::rsa::hazmat::rsa_encrypt(
                    &key,
                    &BoxedUint::from_be_slice(&m, key.n().bits_precision()).unwrap(),
                )
                .unwrap();
                let mut got = m.clone();
                fixed.public_op(&mut got);
                let want = want.to_be_bytes();
                assert_eq!(&got[..], &want[want.len() - k..], "{} bits", k * 8);
            }
        }
    }

    #[test]
    fn other_sizes_fall_back_to_the_rsa_crate() {
        for bits in [1536, 3072] {
            let public = random_modulus_key(bits, bits as u8);
            assert!(FixedRsa::new(&public).is_none(), "{bits}");
            let key = RsaKey::from_key(public.clone()).unwrap();
            assert!(key.fixed.is_none());
            // the rsa crate's own encryption is used, byte for byte
            let ours = encrypt_with_rng(&key, b"pw", &mut SeededRng::new(4)).unwrap();
            let theirs = Pkcs1v15Encrypt
                .encrypt(&mut SeededRng::new(4), &public, b"pw")
                .unwrap();
            assert_eq!(ours, STANDARD.encode(theirs));
        }
        assert!(
            RsaKey::parse(DEFAULT_RSA_PUBLIC_KEY)
                .unwrap()
                .fixed
                .is_some()
        );
    }

    #[test]
    fn fixed_path_equals_the_rsa_crates_encryption_for_the_same_padding() {
        let keys = [
            RsaKey::parse(DEFAULT_RSA_PUBLIC_KEY).unwrap(),
            RsaKey::from_key(private_2048().to_public_key()).unwrap(),
            RsaKey::from_key(random_modulus_key(4096, 7)).unwrap(),
        ];
        for key in &keys {
            assert!(key.fixed.is_some());
            for len in [0, 1, 15, 64, key.max_plaintext_len()] {
                let pw: Vec<u8> = (0..len).map(|i| (i % 251) as u8 + 1).collect();
                let seed = len as u8;
                let ours = encrypt_with_rng(key, &pw, &mut SeededRng::new(seed)).unwrap();
                let theirs = Pkcs1v15Encrypt
                    .encrypt(&mut SeededRng::new(seed), &key.key, &pw)
                    .unwrap();
                assert_eq!(
                    ours,
                    STANDARD.encode(theirs),
                    "{} bits, {len} bytes",
                    key.bits()
                );
            }
        }
    }

    #[test]
    fn fixed_path_decrypts_with_the_private_key() {
        let private = [PRIV.clone(), private_2048()];
        for sk in &private {
            let pk = RsaKey::from_key(sk.to_public_key()).unwrap();
            assert!(pk.fixed.is_some());
            for pw in ["x", "pä ss wörd 密码", &"y".repeat(pk.max_plaintext_len())] {
                let ct = STANDARD
                    .decode(rsa_encrypt(&pk, pw.as_bytes()).unwrap())
                    .unwrap();
                assert_eq!(ct.len(), pk.bits() / 8);
                assert_eq!(sk.decrypt(Pkcs1v15Encrypt, &ct).unwrap(), pw.as_bytes());
            }
            let too_long = vec![b'z'; pk.max_plaintext_len() + 1];
            assert!(matches!(
                rsa_encrypt(&pk, &too_long),
                Err(Error::Encrypt(_))
            ));
        }
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
