use super::*;
use sm3::{Digest, Sm3};

/// A seeded, reproducible stream (SM3 in counter mode) standing in for the OS random source, so
/// that the fast path and the `sm2` crate draw the same nonce.
pub(crate) struct SeededRng {
    seed: [u8; 32],
    counter: u64,
}

impl SeededRng {
    pub(crate) fn new(seed: u8) -> Self {
        Self {
            seed: [seed; 32],
            counter: 0,
        }
    }
}

impl ::sm2::elliptic_curve::rand_core::TryRng for SeededRng {
    type Error = std::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(32) {
            self.counter += 1;
            let block = Sm3::new()
                .chain_update(self.seed)
                .chain_update(self.counter.to_be_bytes())
                .finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        Ok(())
    }
}

impl ::sm2::elliptic_curve::rand_core::TryCryptoRng for SeededRng {}

#[test]
fn encrypt_type_round_trips() {
    for (t, s) in [
        (PasswordEncryptType::None, "none"),
        (PasswordEncryptType::Rsa, "rsa"),
        (PasswordEncryptType::Sm2, "sm2"),
    ] {
        assert_eq!(t.as_str(), s);
        assert_eq!(t.to_string(), s);
        assert_eq!(s.parse::<PasswordEncryptType>().unwrap(), t);
        assert_eq!(s.to_uppercase().parse::<PasswordEncryptType>().unwrap(), t);
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{s}\""));
        assert_eq!(
            serde_json::from_str::<PasswordEncryptType>(&format!("\"{s}\"")).unwrap(),
            t
        );
    }
    assert_eq!(PasswordEncryptType::default(), PasswordEncryptType::None);
    let err = "aes".parse::<PasswordEncryptType>().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("\"aes\"")),
        "{err}"
    );
    assert!(serde_json::from_str::<PasswordEncryptType>("\"RSA\"").is_err());
}

#[test]
fn layout_names() {
    assert_eq!(Sm2Layout::default(), Sm2Layout::C1C3C2);
    for l in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
        assert_eq!(l.as_str().parse::<Sm2Layout>().unwrap(), l);
    }
    assert!(matches!(
        "c1c2c3".parse::<Sm2Layout>(),
        Err(Error::Config(_))
    ));
}

#[test]
fn default_keys_are_the_documented_ones() {
    let keys = ServerKeys::default_public();
    assert!(keys.has(PasswordEncryptType::None));
    assert!(keys.has(PasswordEncryptType::Rsa));
    assert!(keys.has(PasswordEncryptType::Sm2));
    let rsa = keys.rsa().unwrap();
    assert_eq!(rsa.bits(), 1024);
    assert_eq!(rsa.max_plaintext_len(), 117);
    // api doc §3.2: SHA-256 of the DER SPKI
    assert_eq!(
        rsa.spki_sha256_hex(),
        "b82ffaca93fee64c09015e45768f61a274fc5483cf25b4c56889e30d5a9e0f27"
    );
    assert_eq!(keys.sm2().unwrap().to_hex(), DEFAULT_SM2_PUBLIC_KEY);
}

#[test]
fn parse_treats_blank_as_absent() {
    let keys = ServerKeys::parse(Some("  \n"), None).unwrap();
    assert!(!keys.has(PasswordEncryptType::Rsa));
    assert!(!keys.has(PasswordEncryptType::Sm2));
    assert!(keys.has(PasswordEncryptType::None));
    let keys = ServerKeys::parse(None, Some(DEFAULT_SM2_PUBLIC_KEY)).unwrap();
    assert!(!keys.has(PasswordEncryptType::Rsa));
    assert!(keys.has(PasswordEncryptType::Sm2));
}

#[test]
fn parse_reports_which_key_is_malformed() {
    let err = ServerKeys::parse(Some("not a key"), Some(DEFAULT_SM2_PUBLIC_KEY)).unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("RSA")),
        "{err}"
    );
    let err = ServerKeys::parse(Some(DEFAULT_RSA_PUBLIC_KEY), Some("04abcd")).unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SM2")),
        "{err}"
    );
}

#[test]
fn debug_is_short_and_names_sizes() {
    let dbg = format!("{:?}", ServerKeys::default_public());
    assert!(dbg.contains("bits: 1024"), "{dbg}");
    assert!(dbg.contains("2bc07187"), "{dbg}");
    assert!(dbg.len() < 200, "{dbg}");
    assert!(!dbg.contains("MIGf"), "{dbg}");
}

#[test]
fn none_passes_the_password_through() {
    let out = DefaultEncryptor::default()
        .encrypt(PasswordEncryptType::None, "pä ss", &ServerKeys::default())
        .unwrap();
    assert_eq!(out, "pä ss");
}

#[test]
fn missing_key_is_a_config_error() {
    let enc = DefaultEncryptor::default();
    for t in [PasswordEncryptType::Rsa, PasswordEncryptType::Sm2] {
        let err = enc
            .encrypt(t, "secret-pw", &ServerKeys::default())
            .unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.contains(&t.as_str().to_uppercase())),
            "{err}"
        );
        assert!(!err.to_string().contains("secret-pw"));
    }
}

#[test]
fn default_encryptor_uses_the_configured_layout() {
    let keys = ServerKeys::default_public();
    let js = DefaultEncryptor::default()
        .encrypt(PasswordEncryptType::Sm2, "abc", &keys)
        .unwrap();
    assert_eq!(js.len(), 2 * (64 + 32 + 3));
    let mobile = DefaultEncryptor {
        sm2_layout: Sm2Layout::MobileC1C2C3,
    }
    .encrypt(PasswordEncryptType::Sm2, "abc", &keys)
    .unwrap();
    // 04 ‖ X ‖ Y ‖ C2(len of base64("abc") = 4) ‖ C3
    assert_eq!(mobile.len(), 2 * (65 + 4 + 32));
    assert!(mobile.starts_with("04"));
    let rsa = DefaultEncryptor::default()
        .encrypt(PasswordEncryptType::Rsa, "abc", &keys)
        .unwrap();
    assert_eq!(rsa.len(), 172); // base64 of 128 bytes
}

#[test]
fn encryptor_is_object_safe() {
    let e: Box<dyn PasswordEncryptor> = Box::new(DefaultEncryptor::default());
    assert_eq!(
        e.encrypt(PasswordEncryptType::None, "x", &ServerKeys::default())
            .unwrap(),
        "x"
    );
}
