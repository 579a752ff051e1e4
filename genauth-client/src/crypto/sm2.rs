//! SM2 public-key encryption (GM/T 0003, curve sm2p256v1, SM3 KDF, C3 = SM3(x2‖M‖y2)) in the two
//! layouts the official SDKs use; see [`Sm2Layout`].
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

    #[cfg(test)]
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
