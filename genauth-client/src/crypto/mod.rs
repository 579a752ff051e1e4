//! Password encryption (`passwordEncryptType`): RSA PKCS#1 v1.5 and SM2, byte-compatible with the
//! GenAuth (Authing) v3 SDKs that encrypt.
//!
//! - [`PasswordEncryptType`] is the wire flag (`"none"`, `"rsa"`, `"sm2"`).
//! - [`ServerKeys`] holds the server's parsed public keys (from `GET /api/v3/system`, from the client
//!   options, or [`ServerKeys::default_public`]).
//! - [`PasswordEncryptor`] turns a password into the string that goes on the wire;
//!   [`DefaultEncryptor`] is the built-in implementation.
//!
//! | type | plaintext | ciphertext on the wire |
//! |---|---|---|
//! | `rsa` | UTF-8 password | RSAES-PKCS1-v1_5, standard base64 (padded, no line breaks) |
//! | `sm2`, [`Sm2Layout::C1C3C2`] (default; js5 web/miniapp) | UTF-8 password | `X‖Y‖C3‖C2` (C1 without `04`), lowercase hex |
//! | `sm2`, [`Sm2Layout::MobileC1C2C3`] (ios3/android3) | base64(UTF-8 password) | `04‖X‖Y‖C2‖C3`, lowercase hex |
//!
//! Both schemes are randomized: every call gives a different ciphertext (randomness from the OS
//! CSPRNG), which is why a retried request is encrypted afresh.
//!
//! ```
//! # extern crate genauth_client as genauth;
//! use genauth::crypto::{DefaultEncryptor, PasswordEncryptType, PasswordEncryptor, ServerKeys};
//!
//! let keys = ServerKeys::default_public();
//! let wire = DefaultEncryptor::default().encrypt(PasswordEncryptType::Sm2, "passw0rd", &keys)?;
//! assert_eq!(wire.len(), 2 * (64 + 32 + 8)); // X‖Y, SM3 digest, one byte per plaintext byte
//! # Ok::<(), genauth::Error>(())
//! ```

mod rsa;
mod rsa_fixed;
mod sm2;
mod sm2_table;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use crate::error::Error;

pub use self::rsa::{RsaKey, rsa_encrypt};
pub use self::sm2::{Sm2Key, sm2_encrypt};

/// The default RSA public key of the Authing public cloud (1024-bit, e = 65537), as shipped by
/// py-authing, ios3, android (guard) and flutter3. Prefer the key the server
/// publishes at `GET /api/v3/system`; this is the fallback.
pub const DEFAULT_RSA_PUBLIC_KEY: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC4xKeUgQ+Aoz7TLfAfs9+paePb
5KIofVthEopwrXFkp8OCeocaTHt9ICjTT2QeJh6cZaDaArfZ873GPUn00eOIZ7Ae
+TiA2BKHbCvloW3w5Lnqm70iSsUi5Fmu9/2+68GZRH9L7Mlh8cFksCicW2Y2W2uM
GKl64GDcIq3au+aqJQIDAQAB
-----END PUBLIC KEY-----
";

/// The default SM2 public key (`04‖X‖Y`) shipped by ios3 and flutter3. Prefer the
/// key the server publishes at `GET /api/v3/system`; this is the fallback.
pub const DEFAULT_SM2_PUBLIC_KEY: &str = "042bc07187cc3bdcfe63b37902eead6dc400734d386e8e2be05d26159bce3259ae602c608052204079e5f49c12ef3296df8ceeff6314b45e2cf110dd58e96a47e4";

/// How the password is protected on the wire: the `passwordEncryptType` flag.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PasswordEncryptType {
    /// Sent as is (over TLS). The API's default.
    #[default]
    None,
    /// RSAES-PKCS1-v1_5, base64.
    Rsa,
    /// SM2 (GM/T 0003), hex; see [`Sm2Layout`].
    Sm2,
}

impl PasswordEncryptType {
    /// The wire value: `"none"`, `"rsa"` or `"sm2"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PasswordEncryptType::None => "none",
            PasswordEncryptType::Rsa => "rsa",
            PasswordEncryptType::Sm2 => "sm2",
        }
    }
}

impl fmt::Display for PasswordEncryptType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PasswordEncryptType {
    type Err = Error;

    /// Parses `none`, `rsa` or `sm2`, ignoring ASCII case and surrounding whitespace.
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        [Self::None, Self::Rsa, Self::Sm2]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                Error::Config(format!(
                    "unknown passwordEncryptType {:?}: expected \"none\", \"rsa\" or \"sm2\"",
                    short(t)
                ))
            })
    }
}

/// SM2 ciphertext layout. The official SDKs disagree and which one a GenAuth server
/// accepts is not established, so it is a choice; the default is the js5 web/miniapp one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sm2Layout {
    /// js5 web/miniapp (sm-crypto `doEncrypt(password, key, 1)`): the UTF-8 password is encrypted
    /// and sent as lowercase hex of `X‖Y‖C3‖C2` (C1 *without* the `04` point tag).
    #[default]
    C1C3C2,
    /// ios3/android3: base64(UTF-8 password) is encrypted and sent as lowercase hex of
    /// `04‖X‖Y‖C2‖C3` (BouncyCastle `SM2Engine.Mode.C1C2C3`).
    MobileC1C2C3,
}

impl Sm2Layout {
    /// A stable name: `"c1c3c2"` or `"mobile"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Sm2Layout::C1C3C2 => "c1c3c2",
            Sm2Layout::MobileC1C2C3 => "mobile",
        }
    }
}

impl fmt::Display for Sm2Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sm2Layout {
    type Err = Error;

    /// Parses `c1c3c2` or `mobile`, ignoring ASCII case and surrounding whitespace.
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        [Self::C1C3C2, Self::MobileC1C2C3]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                Error::Config(format!(
                    "unknown SM2 layout {:?}: expected \"c1c3c2\" or \"mobile\"",
                    short(t)
                ))
            })
    }
}

/// The server's public keys, parsed once and reused for every encryption.
///
/// Cheap to clone. `Debug` shows key sizes and short prefixes only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ServerKeys {
    rsa: Option<RsaKey>,
    sm2: Option<Sm2Key>,
}

static DEFAULT_KEYS: LazyLock<ServerKeys> = LazyLock::new(|| {
    ServerKeys::parse(Some(DEFAULT_RSA_PUBLIC_KEY), Some(DEFAULT_SM2_PUBLIC_KEY))
        .expect("the built-in default public keys parse")
});

impl ServerKeys {
    /// Parses the keys as `GET /api/v3/system` publishes them (`rsa.publicKey`, `sm2.publicKey`).
    ///
    /// - RSA: SPKI PEM (`BEGIN PUBLIC KEY`, any line breaks, also `\n` escapes), PKCS#1 PEM
    ///   (`BEGIN RSA PUBLIC KEY`), or bare base64 of either DER.
    /// - SM2: hex of the uncompressed point, `04‖X‖Y` (130 digits) or `X‖Y` (128), any case; the
    ///   point must be on the curve.
    ///
    /// `None`, an empty or a whitespace-only string means "no key of that kind".
    ///
    /// # Errors
    /// [`Error::Config`] for a malformed key (the message quotes at most a short prefix of it).
    pub fn parse(
        rsa_public_key: Option<&str>,
        sm2_public_key: Option<&str>,
    ) -> Result<Self, Error> {
        fn present(k: Option<&str>) -> Option<&str> {
            k.filter(|s| !s.trim().is_empty())
        }
        Ok(Self {
            rsa: present(rsa_public_key).map(RsaKey::parse).transpose()?,
            sm2: present(sm2_public_key).map(Sm2Key::parse).transpose()?,
        })
    }

    /// The documented default keys ([`DEFAULT_RSA_PUBLIC_KEY`], [`DEFAULT_SM2_PUBLIC_KEY`]).
    pub fn default_public() -> Self {
        DEFAULT_KEYS.clone()
    }

    /// Whether a password can be encrypted with `t` (always true for [`PasswordEncryptType::None`]).
    pub fn has(&self, t: PasswordEncryptType) -> bool {
        match t {
            PasswordEncryptType::None => true,
            PasswordEncryptType::Rsa => self.rsa.is_some(),
            PasswordEncryptType::Sm2 => self.sm2.is_some(),
        }
    }

    /// The RSA key, if any.
    pub fn rsa(&self) -> Option<&RsaKey> {
        self.rsa.as_ref()
    }

    /// The SM2 key, if any.
    pub fn sm2(&self) -> Option<&Sm2Key> {
        self.sm2.as_ref()
    }

    /// These keys with the RSA key replaced.
    pub fn with_rsa(mut self, key: RsaKey) -> Self {
        self.rsa = Some(key);
        self
    }

    /// These keys with the SM2 key replaced.
    pub fn with_sm2(mut self, key: Sm2Key) -> Self {
        self.sm2 = Some(key);
        self
    }
}

impl fmt::Debug for ServerKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerKeys")
            .field("rsa", &self.rsa)
            .field("sm2", &self.sm2)
            .finish()
    }
}

/// Turns a password into the string sent on the wire for a given `passwordEncryptType`.
///
/// Implement it to plug in another scheme (an HSM, a different SM2 layout…); the client calls it
/// once per password field per attempt.
pub trait PasswordEncryptor: Send + Sync + fmt::Debug + 'static {
    /// Returns the ciphertext string to put on the wire.
    ///
    /// # Errors
    /// [`Error::Config`] when `keys` has no key for `kind`; [`Error::Encrypt`] when the password
    /// cannot be encrypted (too long for the RSA key, empty for SM2). Messages never contain the
    /// password.
    fn encrypt(
        &self,
        kind: PasswordEncryptType,
        password: &str,
        keys: &ServerKeys,
    ) -> Result<String, Error>;
}

/// The built-in [`PasswordEncryptor`]: RSA PKCS#1 v1.5 (base64) and SM2 in the chosen layout (hex).
#[derive(Debug, Clone, Default)]
pub struct DefaultEncryptor {
    /// SM2 ciphertext layout; defaults to [`Sm2Layout::C1C3C2`] (js5).
    pub sm2_layout: Sm2Layout,
}

impl PasswordEncryptor for DefaultEncryptor {
    fn encrypt(
        &self,
        kind: PasswordEncryptType,
        password: &str,
        keys: &ServerKeys,
    ) -> Result<String, Error> {
        match kind {
            PasswordEncryptType::None => Ok(password.to_owned()),
            PasswordEncryptType::Rsa => rsa_encrypt(
                keys.rsa().ok_or_else(|| missing(kind))?,
                password.as_bytes(),
            ),
            PasswordEncryptType::Sm2 => sm2_encrypt(
                keys.sm2().ok_or_else(|| missing(kind))?,
                password.as_bytes(),
                self.sm2_layout,
            ),
        }
    }
}

fn missing(kind: PasswordEncryptType) -> Error {
    Error::Config(format!(
        "passwordEncryptType is \"{kind}\" but no {} public key is configured or published by the server",
        kind.as_str().to_uppercase()
    ))
}

/// At most 12 characters of `s`, for error messages about malformed keys and names.
pub(crate) fn short(s: &str) -> String {
    const MAX: usize = 12;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}
