//! SM2 public-key encryption (GM/T 0003, curve sm2p256v1, SM3 KDF, C3 = SM3(x2‖M‖y2)) in the two
//! layouts the official SDKs use (api doc §3.3); see [`Sm2Layout`].
//!
//! The RustCrypto `sm2` crate always writes C1 as an uncompressed SEC1 point (`04‖X‖Y`). The js5
//! layout drops that `04` (sm-crypto's `doEncrypt` emits `X‖Y`); the mobile layout keeps it.

use std::fmt;

use ::sm2::PublicKey;
use ::sm2::pke::{EncryptingKey, Mode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use super::{Sm2Layout, short};
use crate::error::Error;

/// SEC1 tag of an uncompressed point.
const UNCOMPRESSED: u8 = 0x04;

/// A parsed SM2 public key (a point on sm2p256v1, not the identity).
///
/// `Debug` shows the first digits of X.
#[derive(Clone, PartialEq, Eq)]
pub struct Sm2Key {
    key: PublicKey,
}

impl Sm2Key {
    /// Parses hex of the uncompressed point: `04‖X‖Y` (130 digits) or `X‖Y` (128 digits), upper or
    /// lower case, surrounding whitespace ignored.
    ///
    /// # Errors
    /// [`Error::Config`] for a wrong length, non-hex digits, or a point not on the curve.
    pub fn parse(hex: &str) -> Result<Self, Error> {
        let t = hex.trim();
        let bad = |why: &str| {
            Error::Config(format!(
                "malformed SM2 public key (starts {:?}): {why}",
                short(t)
            ))
        };
        let mut point = match t.len() {
            130 => Vec::with_capacity(65),
            128 => vec![UNCOMPRESSED],
            n => {
                return Err(bad(&format!(
                    "expected 130 hex digits (04‖X‖Y) or 128 (X‖Y), got {n} characters"
                )));
            }
        };
        point.extend(base16ct::mixed::decode_vec(t).map_err(|_| bad("not hex"))?);
        if point[0] != UNCOMPRESSED {
            return Err(bad(
                "a 130-digit key must start with 04 (an uncompressed point)",
            ));
        }
        let key =
            PublicKey::from_sec1_bytes(&point).map_err(|_| bad("not a point on the SM2 curve"))?;
        Ok(Self { key })
    }

    /// The key as 130 lowercase hex digits, `04‖X‖Y` (the form `/api/v3/system` publishes).
    pub fn to_hex(&self) -> String {
        base16ct::lower::encode_string(&self.key.to_sec1_bytes())
    }

    #[cfg(any(test, feature = "fake-server"))]
    pub(crate) fn from_public_key(key: PublicKey) -> Self {
        Self { key }
    }
}

impl fmt::Debug for Sm2Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.to_hex();
        f.debug_struct("Sm2Key")
            .field("x", &format_args!("{}…", &hex[2..18]))
            .finish()
    }
}

/// Encrypts `password` (UTF-8 bytes) with SM2 and returns lowercase hex in `layout`:
///
/// - [`Sm2Layout::C1C3C2`]: SM2(password) as `X‖Y‖C3‖C2` (no `04`), `2·(96 + len)` digits;
/// - [`Sm2Layout::MobileC1C2C3`]: SM2(base64(password)) as `04‖X‖Y‖C2‖C3`,
///   `2·(97 + len(base64))` digits.
///
/// # Errors
/// [`Error::Encrypt`] for an empty password (SM2 cannot encrypt an empty message) or when the OS
/// random source fails.
pub fn sm2_encrypt(key: &Sm2Key, password: &[u8], layout: Sm2Layout) -> Result<String, Error> {
    if password.is_empty() {
        return Err(Error::Encrypt("empty password".into()));
    }
    let encrypt = |mode: Mode, msg: &[u8]| {
        EncryptingKey::new_with_mode(key.key, mode)
            .encrypt(&mut getrandom::SysRng, msg)
            .map_err(|_| Error::Encrypt("SM2 encryption failed".into()))
    };
    let ct = match layout {
        Sm2Layout::C1C3C2 => {
            let ct = encrypt(Mode::C1C3C2, password)?;
            debug_assert_eq!(ct[0], UNCOMPRESSED);
            base16ct::lower::encode_string(&ct[1..])
        }
        Sm2Layout::MobileC1C2C3 => {
            let b64 = Zeroizing::new(STANDARD.encode(password));
            base16ct::lower::encode_string(&encrypt(Mode::C1C2C3, b64.as_bytes())?)
        }
    };
    Ok(ct)
}

/// Decrypts an SM2 ciphertext in `layout` and returns the password bytes (for the mobile layout,
/// after base64-decoding the SM2 plaintext). For tests and the fake server only.
///
/// Strict about the layout: a ciphertext in the other layout, or with/without the `04` tag where
/// the layout says otherwise, is an error, and the reason says which mismatch it looks like.
///
/// # Errors
/// A reason: not hex, too short, C1 not on the curve, C3 mismatch (wrong key or layout), …
#[cfg(any(test, feature = "fake-server"))]
pub fn sm2_decrypt(
    secret: &::sm2::SecretKey,
    ciphertext_hex: &str,
    layout: Sm2Layout,
) -> Result<Zeroizing<Vec<u8>>, String> {
    use ::sm2::pke::DecryptingKey;
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
    use crate::crypto::DEFAULT_SM2_PUBLIC_KEY;
    use ::sm2::SecretKey;
    use ::sm2::elliptic_curve::Generate;
    use ::sm2::pke::DecryptingKey;

    fn pair() -> (SecretKey, Sm2Key) {
        let sk = SecretKey::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
        let pk = Sm2Key::from_public_key(sk.public_key());
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
    fn mobile_layout_encrypts_the_base64_of_the_password() {
        let (sk, pk) = pair();
        let mobile = sm2_encrypt(&pk, "密码".as_bytes(), Sm2Layout::MobileC1C2C3).unwrap();
        let raw = base16ct::lower::decode_vec(&mobile).unwrap();
        let inner = DecryptingKey::new_with_mode(sk.to_nonzero_scalar(), Mode::C1C2C3)
            .decrypt(&raw)
            .unwrap();
        assert_eq!(inner, b"5a+G56CB");
    }

    #[test]
    fn ciphertexts_are_randomized() {
        let (_, pk) = pair();
        let a = sm2_encrypt(&pk, b"same", Sm2Layout::C1C3C2).unwrap();
        let b = sm2_encrypt(&pk, b"same", Sm2Layout::C1C3C2).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn empty_password_is_an_encrypt_error() {
        let key = Sm2Key::parse(DEFAULT_SM2_PUBLIC_KEY).unwrap();
        for layout in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
            let err = sm2_encrypt(&key, b"", layout).unwrap_err();
            assert!(
                matches!(&err, Error::Encrypt(m) if m == "empty password"),
                "{err}"
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

    #[test]
    fn parses_both_key_spellings() {
        let reference = Sm2Key::parse(DEFAULT_SM2_PUBLIC_KEY).unwrap();
        assert_eq!(reference.to_hex(), DEFAULT_SM2_PUBLIC_KEY);
        for form in [
            DEFAULT_SM2_PUBLIC_KEY.to_owned(),
            DEFAULT_SM2_PUBLIC_KEY.to_uppercase(),
            DEFAULT_SM2_PUBLIC_KEY[2..].to_owned(),
            format!(" {}\n", &DEFAULT_SM2_PUBLIC_KEY[2..].to_uppercase()),
        ] {
            assert_eq!(Sm2Key::parse(&form).unwrap(), reference, "{form:?}");
        }
        assert_eq!(format!("{reference:?}"), "Sm2Key { x: 2bc07187cc3bdcfe… }");
    }

    #[test]
    fn rejects_malformed_keys() {
        let k = DEFAULT_SM2_PUBLIC_KEY;
        let off_curve = format!("{}{}", &k[..129], if k.ends_with('4') { '5' } else { '4' });
        let cases = [
            ("", "got 0"),
            ("04abcd", "got 6"),
            (&k[..128 + 1], "got 129"),
            (&k.replace('a', "g"), "not hex"),
            (&format!("02{}", &k[2..]), "must start with 04"),
            (&off_curve, "not a point on the SM2 curve"),
            (&"0".repeat(128), "not a point on the SM2 curve"),
        ];
        for (input, want) in cases {
            let err = Sm2Key::parse(input).unwrap_err();
            assert!(
                matches!(&err, Error::Config(m) if m.contains(want) && m.contains("SM2")),
                "{input:?}: {err}"
            );
            assert!(err.to_string().len() < 200);
        }
    }
}
