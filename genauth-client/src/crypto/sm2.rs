//! SM2 public-key encryption (GM/T 0003, curve sm2p256v1, SM3 KDF, C3 = SM3(x2‖M‖y2)) in the two
//! layouts the official SDKs use; see [`Sm2Layout`].
//!
//! The RustCrypto `sm2` crate always writes C1 as an uncompressed SEC1 point (`04‖X‖Y`). The js5
//! layout drops that `04` (sm-crypto's `doEncrypt` emits `X‖Y`); the mobile layout keeps it.

use std::fmt;
use std::sync::{Arc, OnceLock};

use ::sm2::elliptic_curve::Generate;
use ::sm2::elliptic_curve::rand_core::TryCryptoRng;
use ::sm2::{NonZeroScalar, ProjectivePoint, PublicKey};
use base64ct::Encoding as _;
use sm3::{Digest, Sm3};
use zeroize::Zeroizing;

use super::sm2_table::{Digits, Table, mul_g_and_p};
use super::{Sm2Layout, short};
use crate::error::Error;

/// SEC1 tag of an uncompressed point.
const UNCOMPRESSED: u8 = 0x04;

/// A parsed SM2 public key (a point on sm2p256v1, not the identity).
///
/// Cheap to clone: the precomputed multiples of the key used by [`sm2_encrypt`] are built on the
/// first encryption and shared by every clone. `Debug` shows the first digits of X.
#[derive(Clone)]
pub struct Sm2Key {
    key: PublicKey,
    /// `Table` of the key, built once (about a millisecond) on first use.
    table: Arc<OnceLock<Table>>,
}

impl PartialEq for Sm2Key {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Sm2Key {}

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
        // The key's validation, once: SEC1 decoding checks that the point is on the curve and
        // `PublicKey` that it is not the identity. With cofactor h = 1 that is the whole of
        // GM/T 0003's "[h]P_B is not the identity" check, so encryption need not repeat it.
        let key =
            PublicKey::from_sec1_bytes(&point).map_err(|_| bad("not a point on the SM2 curve"))?;
        Ok(Self::from_public_key(key))
    }

    /// The key as 130 lowercase hex digits, `04‖X‖Y` (the form `/api/v3/system` publishes).
    pub fn to_hex(&self) -> String {
        base16ct::lower::encode_string(&self.key.to_sec1_bytes())
    }

    pub(crate) fn from_public_key(key: PublicKey) -> Self {
        Self {
            key,
            table: Arc::new(OnceLock::new()),
        }
    }

    /// The precomputed multiples of the key, built on first use.
    fn table(&self) -> &Table {
        self.table
            .get_or_init(|| Table::new(&ProjectivePoint::from(*self.key.as_affine())))
    }

    #[cfg(test)]
    pub(crate) fn public_key(&self) -> &PublicKey {
        &self.key
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
/// The nonce comes from the OS random source. The two scalar multiplications use precomputed tables
/// of the generator and of the key and are constant-time, and so is everything else that touches
/// the nonce or the password (see the comments in the code). The only heap allocation per call is
/// the returned string.
///
/// # Errors
/// [`Error::Encrypt`] for an empty password (SM2 cannot encrypt an empty message) or when the OS
/// random source fails.
pub fn sm2_encrypt(key: &Sm2Key, password: &[u8], layout: Sm2Layout) -> Result<String, Error> {
    encrypt_with_rng(key, password, layout, &mut getrandom::SysRng)
}

/// SM3 digest size, and the KDF block size.
const HASH: usize = 32;

/// Password bytes per KDF block in the mobile layout: 24 bytes are 32 base64 characters, so
/// base64 can be produced block by block (24 is a multiple of 3: no padding inside the stream).
const B64_IN: usize = 24;

/// [`sm2_encrypt`] with the nonce drawn from `rng` (tests pass a seeded one to compare with the
/// `sm2` crate byte for byte).
pub(crate) fn encrypt_with_rng<R: TryCryptoRng + ?Sized>(
    key: &Sm2Key,
    password: &[u8],
    layout: Sm2Layout,
    rng: &mut R,
) -> Result<String, Error> {
    if password.is_empty() {
        return Err(Error::Encrypt("empty password".into()));
    }
    let table = key.table();
    let msg_len = match layout {
        Sm2Layout::C1C3C2 => password.len(),
        Sm2Layout::MobileC1C2C3 => password.len().div_ceil(3) * 4,
    };
    let c1_prefix: &[u8] = match layout {
        Sm2Layout::C1C3C2 => &[],
        Sm2Layout::MobileC1C2C3 => &[UNCOMPRESSED],
    };
    // The one allocation: the output, exactly sized.
    let cap = 2 * (c1_prefix.len() + 64 + HASH + msg_len);
    let mut out = Vec::with_capacity(cap);
    loop {
        out.clear();
        // A1: k in [1, n−1] from the OS random source, by rejection sampling (`elliptic-curve`'s
        // `NonZeroScalar`): 32 random bytes are accepted when below n (a constant-time comparison)
        // and non-zero. A rejected candidate (probability about 2^−32) only costs another draw; the
        // accepted k never influences a branch.
        let k_bytes = {
            let k = NonZeroScalar::try_generate_from_rng(rng)
                .map_err(|_| Error::Encrypt("the OS random source failed".into()))?;
            Zeroizing::new(<[u8; 32]>::from(k.to_bytes()))
        };
        let digits = Digits::recode(&k_bytes);
        // A2, A4: C1 = [k]G and [k]P_B = (x2, y2), constant-time (see `sm2_table`). A3 ([h]P_B not
        // the identity) was done once when the key was parsed (h = 1).
        let (c1, shared) = mul_g_and_p(table, &digits);
        drop(digits);
        let (x2, y2) = shared.split_at(32);

        // C1: the ephemeral public point, public data.
        push_hex(&mut out, c1_prefix);
        push_hex(&mut out, &c1);
        let c3_at = out.len();
        if layout == Sm2Layout::C1C3C2 {
            // C3 goes before C2 but needs the whole message: reserve its place and fill it after.
            out.resize(c3_at + 2 * HASH, b'0');
        }

        // A5, A6: t = KDF(x2‖y2, klen), C2 = M ⊕ t; A7: C3 = SM3(x2‖M‖y2). One pass over the
        // message, 32 bytes (one KDF block) at a time. x2‖y2 is exactly one SM3 block, so the
        // KDF's hasher absorbs it once and each block clones that state. Every input here is fixed
        // length or the message length (public: it is the ciphertext length); no branch or index
        // depends on the bytes of k, x2, y2, t or the password.
        let mut kdf = Sm3::new();
        kdf.update(x2);
        kdf.update(y2);
        let mut c3 = Sm3::new();
        c3.update(x2);
        // OR of every t byte: t all zero (GM/T 0003 A5, probability 2^−8·klen) means a new k.
        let mut t_or = 0u8;
        let mut block = Zeroizing::new([0u8; HASH]);
        let mut counter = 1u32;
        let mut xor_block = |m: &[u8], out: &mut Vec<u8>| {
            let mut h = kdf.clone();
            h.update(counter.to_be_bytes());
            let t = Zeroizing::new(<[u8; HASH]>::from(h.finalize()));
            counter += 1;
            c3.update(m);
            for (i, (&mi, &ti)) in m.iter().zip(t.iter()).enumerate() {
                t_or |= ti;
                block[i] = mi ^ ti;
            }
            push_hex(out, &block[..m.len()]);
        };
        match layout {
            Sm2Layout::C1C3C2 => {
                for m in password.chunks(HASH) {
                    xor_block(m, &mut out);
                }
            }
            Sm2Layout::MobileC1C2C3 => {
                // base64ct: constant-time base64 (arithmetic, no table indexed by password bytes).
                let mut b64 = Zeroizing::new([0u8; HASH]);
                for p in password.chunks(B64_IN) {
                    let len = base64ct::Base64::encode(p, b64.as_mut_slice())
                        .map_err(|_| Error::Encrypt("SM2 encryption failed".into()))?
                        .len();
                    xor_block(&b64[..len], &mut out);
                }
            }
        }
        c3.update(y2);
        let c3 = c3.finalize();
        if t_or == 0 {
            continue;
        }
        match layout {
            Sm2Layout::C1C3C2 => {
                let mut hex = [0u8; 2 * HASH];
                encode_hex(&c3, &mut hex);
                out[c3_at..c3_at + 2 * HASH].copy_from_slice(&hex);
            }
            Sm2Layout::MobileC1C2C3 => push_hex(&mut out, &c3),
        }
        debug_assert_eq!(out.len(), cap);
        return String::from_utf8(out).map_err(|_| Error::Encrypt("SM2 encryption failed".into()));
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex of `bytes` appended to `out`. Used on ciphertext only (public data: C1, C2, C3),
/// never on the password or the key stream, so the table lookup is harmless.
fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 0xf)]);
    }
}

/// Lowercase hex of `bytes` into `out` (twice as long). Public data only, as [`push_hex`].
fn encode_hex(bytes: &[u8], out: &mut [u8]) {
    for (b, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0xf)];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::DEFAULT_SM2_PUBLIC_KEY;
    use crate::crypto::tests::SeededRng;
    use ::sm2::SecretKey;
    use ::sm2::elliptic_curve::Generate;
    use ::sm2::pke::{DecryptingKey, EncryptingKey, Mode};
    use base64::Engine;

    /// The `sm2` crate's encryption in our wire layouts (the implementation this module replaced).
    fn reference(key: &Sm2Key, password: &[u8], layout: Sm2Layout, rng: &mut SeededRng) -> String {
        match layout {
            Sm2Layout::C1C3C2 => {
                let ct = EncryptingKey::new_with_mode(*key.public_key(), Mode::C1C3C2)
                    .encrypt(rng, password)
                    .unwrap();
                base16ct::lower::encode_string(&ct[1..])
            }
            Sm2Layout::MobileC1C2C3 => {
                let b64 = base64::engine::general_purpose::STANDARD.encode(password);
                let ct = EncryptingKey::new_with_mode(*key.public_key(), Mode::C1C2C3)
                    .encrypt(rng, b64.as_bytes())
                    .unwrap();
                base16ct::lower::encode_string(&ct)
            }
        }
    }

    #[test]
    fn fast_path_equals_the_sm2_crate_for_the_same_nonce() {
        let (_, random_key) = pair();
        let default_key = Sm2Key::parse(DEFAULT_SM2_PUBLIC_KEY).unwrap();
        let mut lengths: Vec<usize> = (1..=70).collect();
        lengths.extend([95, 96, 97, 255, 1000]);
        for (ki, key) in [default_key, random_key].iter().enumerate() {
            for &len in &lengths {
                let password: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
                for layout in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
                    let seed = (ki * 31 + len) as u8;
                    let ours = encrypt_with_rng(key, &password, layout, &mut SeededRng::new(seed))
                        .unwrap();
                    let theirs = reference(key, &password, layout, &mut SeededRng::new(seed));
                    assert_eq!(ours, theirs, "key {ki}, length {len}, {layout}");
                }
            }
        }
    }

    #[test]
    fn both_layouts_decrypt_with_the_private_key() {
        let (sk, pk) = pair();
        for password in ["p", "pä ss wörd 密码", &"x".repeat(200)] {
            let js = sm2_encrypt(&pk, password.as_bytes(), Sm2Layout::C1C3C2).unwrap();
            let mut raw = vec![UNCOMPRESSED];
            raw.extend(base16ct::lower::decode_vec(&js).unwrap());
            let plain = DecryptingKey::new_with_mode(sk.to_nonzero_scalar(), Mode::C1C3C2)
                .decrypt(&raw)
                .unwrap();
            assert_eq!(plain, password.as_bytes());
            let mobile = sm2_encrypt(&pk, password.as_bytes(), Sm2Layout::MobileC1C2C3).unwrap();
            let raw = base16ct::lower::decode_vec(&mobile).unwrap();
            let inner = DecryptingKey::new_with_mode(sk.to_nonzero_scalar(), Mode::C1C2C3)
                .decrypt(&raw)
                .unwrap();
            assert_eq!(
                inner,
                base64::engine::general_purpose::STANDARD
                    .encode(password)
                    .as_bytes()
            );
        }
    }

    #[test]
    fn clones_share_the_table_built_once() {
        let key = Sm2Key::parse(DEFAULT_SM2_PUBLIC_KEY).unwrap();
        let clone = key.clone();
        assert!(key.table.get().is_none());
        sm2_encrypt(&clone, b"pw", Sm2Layout::C1C3C2).unwrap();
        assert!(key.table.get().is_some());
        assert!(std::ptr::eq(key.table(), clone.table()));
    }

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
