//! The RSA public-key operation `m^e mod n` on fixed-size, stack-allocated integers for 1024-, 2048-
//! and 4096-bit moduli, with the Montgomery parameters of `n` computed once per cached key.
//!
//! `rsa` 0.10 does the same operation on heap-allocated `BoxedUint`s and recomputes nothing per
//! key, but allocates several times per call; `crypto-bigint`'s `FixedMontyForm<LIMBS>` lives on the
//! stack. Other sizes fall back to the `rsa` crate (`RsaKey` keeps no `FixedRsa` for them).
//!
//! # Squaring
//! For e = 65537 the operation is 16 squarings and one multiplication, so the squaring is what
//! counts. `crypto-bigint` 0.7 squares in Montgomery form by multiplying the value by itself
//! (a dedicated squaring only for 4 limbs). [`mont_square`] instead takes `crypto-bigint`'s own
//! wide square (`Uint::widening_square`: Karatsuba over schoolbook squaring, about half the limb
//! products of a multiplication) and reduces it with the textbook Montgomery reduction (HAC
//! 14.32), which `crypto-bigint` keeps private: the limb products are `crypto-bigint`'s
//! (`Limb::carrying_mul_add`), only the reduction loop is written here.
//!
//! # Constant time
//! The message `m` (the padded password) is secret; `n` and `e` are public. `crypto-bigint`'s
//! Montgomery multiplication and wide squaring are constant-time in their operands (no branch on
//! limb values). [`mont_square`]'s reduction runs the same fixed loops for every input, and its
//! final conditional subtraction of `n` is computed always and chosen by a mask built from the
//! borrow and carry words, with no branch. The square-and-multiply schedule branches on the bits
//! of `e` only, which are public, so the sequence of operations is the same for every message.

use ::rsa::BoxedUint;
use ::rsa::traits::PublicKeyParts;
use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Limb, Odd, Uint};
use zeroize::Zeroize;

/// Per-key parameters for one modulus size (`LIMBS` 64-bit words).
#[derive(Clone)]
pub(crate) struct Fixed<const LIMBS: usize> {
    params: FixedMontyParams<LIMBS>,
    /// The public exponent (`rsa` accepts 2 < e < 2^33; 65537 in practice).
    e: u64,
}

/// The fixed-size key for the supported modulus sizes.
#[derive(Clone)]
pub(crate) enum FixedRsa {
    /// 1024-bit modulus (128 bytes).
    R1024(Box<Fixed<{ 1024 / LIMB_BITS }>>),
    /// 2048-bit modulus (256 bytes).
    R2048(Box<Fixed<{ 2048 / LIMB_BITS }>>),
    /// 4096-bit modulus (512 bytes).
    R4096(Box<Fixed<{ 4096 / LIMB_BITS }>>),
}

/// Bits per limb of the platform's `crypto-bigint` word (64 on 64-bit targets).
const LIMB_BITS: usize = Limb::BITS as usize;

/// The largest supported modulus, in bytes.
pub(crate) const MAX_BYTES: usize = 512;

/// The largest supported modulus, in limbs.
const MAX_LIMBS: usize = MAX_BYTES * 8 / LIMB_BITS;

impl FixedRsa {
    /// The fixed-size form of `key`, or `None` when its modulus is not 128, 256 or 512 bytes long
    /// (or the exponent does not fit a `u64`, which `rsa` does not accept anyway).
    pub(crate) fn new(key: &::rsa::PublicKey) -> Option<Self> {
        let e = key.e();
        if e.bit_width_vartime() > 64 {
            return None;
        }
        // At most 64 bits (checked above), so shifting the higher limbs out loses nothing.
        let e = e.as_limbs().iter().rev().fold(0u64, |acc, l| {
            #[allow(clippy::useless_conversion, reason = "limbs are u32 on 32-bit targets")]
            let word = u64::from(l.0);
            acc.checked_shl(Limb::BITS).unwrap_or(0) | word
        });
        let n = key.n();
        match key.size() {
            128 => Fixed::new(n, e).map(|f| Self::R1024(Box::new(f))),
            256 => Fixed::new(n, e).map(|f| Self::R2048(Box::new(f))),
            512 => Fixed::new(n, e).map(|f| Self::R4096(Box::new(f))),
            _ => None,
        }
    }

    /// Modulus size in bytes.
    pub(crate) fn size(&self) -> usize {
        match self {
            Self::R1024(_) => 128,
            Self::R2048(_) => 256,
            Self::R4096(_) => 512,
        }
    }

    /// Replaces `buf` (exactly [`FixedRsa::size`] bytes, big-endian, a value below n) by
    /// `buf^e mod n`, big-endian, same length.
    pub(crate) fn public_op(&self, buf: &mut [u8]) {
        match self {
            Self::R1024(f) => f.public_op(buf),
            Self::R2048(f) => f.public_op(buf),
            Self::R4096(f) => f.public_op(buf),
        }
    }

    /// Whether `buf` (exactly [`FixedRsa::size`] bytes, big-endian) is below the modulus.
    #[cfg(feature = "jwt")]
    fn below_modulus(&self, buf: &[u8]) -> bool {
        match self {
            Self::R1024(f) => f.below_modulus(buf),
            Self::R2048(f) => f.below_modulus(buf),
            Self::R4096(f) => f.below_modulus(buf),
        }
    }

    /// RSASSA-PKCS1-v1_5 verification with SHA-256 (JWS `RS256`, RFC 8017 §8.2.2): the
    /// signature must be exactly the modulus' length and below it (RSAVP1), and `s^e mod n` must
    /// be the EMSA-PKCS1-v1_5 encoding of SHA-256(`message`), byte for byte. Everything here is
    /// public (a token, its signature, the issuer's key), so early exits are fine.
    #[cfg(feature = "jwt")]
    pub(crate) fn verify_rs256(&self, message: &[u8], signature: &[u8]) -> bool {
        use sha2::{Digest as _, Sha256};
        /// DER of `DigestInfo { sha256, NULL }` up to the digest (RFC 8017 §9.2, note 1).
        const SHA256_PREFIX: [u8; 19] = [
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ];
        let k = self.size();
        if signature.len() != k || !self.below_modulus(signature) {
            return false;
        }
        let mut em = [0u8; MAX_BYTES];
        let em = &mut em[..k];
        em.copy_from_slice(signature);
        self.public_op(em);
        // EM = 0x00 ‖ 0x01 ‖ PS (0xff, at least 8 bytes: k ≥ 128) ‖ 0x00 ‖ DigestInfo ‖ H.
        let (head, digest) = em.split_at(k - 32);
        let (head, info) = head.split_at(head.len() - SHA256_PREFIX.len());
        let (head, zero) = head.split_at(head.len() - 1);
        head[..2] == [0x00, 0x01]
            && head[2..].iter().all(|&b| b == 0xff)
            && zero == [0x00]
            && info == SHA256_PREFIX
            && digest == Sha256::digest(message).as_slice()
    }
}

impl<const LIMBS: usize> Fixed<LIMBS> {
    fn new(n: &BoxedUint, e: u64) -> Option<Self> {
        if n.as_limbs().len() > LIMBS {
            // `n` is stored with more limbs than its size says; keep the `rsa` path.
            return None;
        }
        let mut limbs = [Limb::ZERO; LIMBS];
        limbs[..n.as_limbs().len()].copy_from_slice(n.as_limbs());
        let n = Option::<Odd<Uint<LIMBS>>>::from(Odd::new(Uint::new(limbs)))?;
        // `n` is public: the variable-time constructor is fine and faster.
        Some(Self {
            params: FixedMontyParams::new_vartime(n),
            e,
        })
    }

    /// Whether the big-endian `buf` is below n (public data: variable time is fine).
    #[cfg(feature = "jwt")]
    fn below_modulus(&self, buf: &[u8]) -> bool {
        Uint::<LIMBS>::from_be_slice(buf) < *self.params.modulus().as_ref()
    }

    /// `buf ← buf^e mod n` (see [`FixedRsa::public_op`]). No heap allocation.
    fn public_op(&self, buf: &mut [u8]) {
        debug_assert_eq!(buf.len(), LIMBS * LIMB_BITS / 8);
        let mut m = Uint::<LIMBS>::from_be_slice(buf);
        // To Montgomery form (one multiplication by R² mod n).
        let base = FixedMontyForm::new(&m, &self.params);
        let (n, n_inv) = (self.params.modulus().as_ref(), self.params.mod_neg_inv());
        // Left-to-right square-and-multiply over the bits of the *public* exponent, below its top
        // bit: for e = 65537, 16 squarings and one multiplication. Constant-time in `m`.
        let mut acc = base;
        for bit in (0..63 - self.e.leading_zeros()).rev() {
            *acc.as_montgomery_mut() = mont_square(acc.as_montgomery(), n, n_inv);
            if (self.e >> bit) & 1 == 1 {
                acc = acc.mul(&base);
            }
        }
        let c = acc.retrieve();
        // The result is public (the ciphertext); the input `m` held the padded password.
        m.zeroize();
        for (limb, chunk) in c
            .as_limbs()
            .iter()
            .rev()
            .zip(buf.chunks_exact_mut(LIMB_BITS / 8))
        {
            chunk.copy_from_slice(&limb.0.to_be_bytes());
        }
    }
}

/// Montgomery squaring: `a² · R⁻¹ mod n` for `a < n` in Montgomery form (`R = 2^(64·LIMBS)`,
/// `n_inv = −n⁻¹ mod 2^64`), fully reduced (`< n`), as `FixedMontyForm::square` returns it.
///
/// `crypto-bigint`'s wide square, then the Montgomery reduction of HAC algorithm 14.32: per low
/// limb `i`, `u = t_i · n_inv` makes limb `i` vanish when `u · n` is added at offset `i`; after
/// `LIMBS` rounds the upper half is `(t + U·n) / R < 2n` (as `t = a² < n² < n·R`), plus the
/// carry word out of it. One subtraction of `n` brings it below `n`. Constant-time: fixed loop
/// bounds, no data-dependent branch; the subtraction is always computed and kept or dropped by
/// a mask (see the module docs).
fn mont_square<const LIMBS: usize>(a: &Uint<LIMBS>, n: &Uint<LIMBS>, n_inv: Limb) -> Uint<LIMBS> {
    const { assert!(LIMBS <= MAX_LIMBS) };
    let (lo, hi) = a.widening_square();
    // t = a², little-endian limbs, in one buffer so the inner loop is one slice walk.
    let mut buf = [Limb::ZERO; 2 * MAX_LIMBS];
    let t = &mut buf[..2 * LIMBS];
    t[..LIMBS].copy_from_slice(lo.as_limbs());
    t[LIMBS..].copy_from_slice(hi.as_limbs());
    let n = n.as_limbs();
    let mut top = Limb::ZERO;
    for i in 0..LIMBS {
        let u = t[i].wrapping_mul(n_inv);
        // Limb i becomes zero (that is how u was chosen); only its carry is kept.
        let (_, mut carry) = u.carrying_mul_add(n[0], t[i], Limb::ZERO);
        for (ti, nj) in t[i + 1..i + LIMBS].iter_mut().zip(&n[1..]) {
            (*ti, carry) = u.carrying_mul_add(*nj, *ti, carry);
        }
        (t[i + LIMBS], top) = t[i + LIMBS].carrying_add(carry, top);
    }
    // (top, hi) < 2n: subtract n unless hi < n with no carry word. The borrow's top bit is set
    // when hi < n; `top` is 0 or 1, so `top - 1` is all ones exactly when top = 0. The mask goes
    // through `black_box` (as `crypto-bigint` does with its borrows) so the optimiser cannot
    // turn the select below into a branch.
    let mut hi = [Limb::ZERO; LIMBS];
    hi.copy_from_slice(&t[LIMBS..]);
    let hi = Uint::new(hi);
    let (diff, borrow) = hi.borrowing_sub(&Uint::new(*n), Limb::ZERO);
    let hi_below_n = (borrow.0 >> (Limb::BITS - 1)).wrapping_neg();
    let keep_hi = std::hint::black_box(hi_below_n & top.0.wrapping_sub(1));
    let mut out = diff.to_limbs();
    for (o, h) in out.iter_mut().zip(hi.as_limbs()) {
        o.0 = (h.0 & keep_hi) | (o.0 & !keep_hi);
    }
    Uint::new(out)
}

#[cfg(test)]
mod tests {
    use ::sm2::elliptic_curve::rand_core::TryRng as _;

    use super::*;
    use crate::crypto::tests::SeededRng;

    /// A random odd modulus of exactly `64·LIMBS` bits.
    fn modulus<const LIMBS: usize>(rng: &mut SeededRng) -> Odd<Uint<LIMBS>> {
        let mut limbs = [Limb::ZERO; LIMBS];
        for l in &mut limbs {
            l.0 = rng.try_next_u64().unwrap();
        }
        limbs[0].0 |= 1;
        limbs[LIMBS - 1].0 |= 1 << 63;
        Odd::new(Uint::new(limbs)).unwrap()
    }

    /// `mont_square` equals `crypto-bigint`'s own Montgomery squaring, for random values and for
    /// the edges (0, 1, n − 1, R mod n, values just below n, and the moduli that make the
    /// intermediate sum carry out of the top limb).
    fn squares_like_crypto_bigint<const LIMBS: usize>(seed: u8) {
        let mut rng = SeededRng::new(seed);
        for round in 0..40 {
            let n = if round == 0 {
                // n = 2^(64·LIMBS) − 1: the largest odd modulus, the most carries.
                Odd::new(Uint::<LIMBS>::MAX).unwrap()
            } else {
                modulus::<LIMBS>(&mut rng)
            };
            let params = FixedMontyParams::new_vartime(n);
            let nm1 = n.as_ref().wrapping_sub(&Uint::ONE);
            let mut values = vec![Uint::ZERO, Uint::ONE, nm1, nm1.wrapping_sub(&Uint::ONE)];
            for _ in 0..8 {
                let mut limbs = [Limb::ZERO; LIMBS];
                for l in &mut limbs {
                    l.0 = rng.try_next_u64().unwrap();
                }
                // Reduce to below n by clearing the top bit (n has it set).
                limbs[LIMBS - 1].0 &= !(1 << 63);
                values.push(Uint::new(limbs));
            }
            for v in values {
                let x = FixedMontyForm::new(&v, &params);
                let want = x.square();
                let got = mont_square(x.as_montgomery(), n.as_ref(), params.mod_neg_inv());
                assert_eq!(&got, want.as_montgomery(), "{LIMBS} limbs, round {round}");
                // And it chains: 16 squarings agree.
                let mut a = x;
                let mut b = *x.as_montgomery();
                for _ in 0..16 {
                    a = a.square();
                    b = mont_square(&b, n.as_ref(), params.mod_neg_inv());
                }
                assert_eq!(
                    &b,
                    a.as_montgomery(),
                    "{LIMBS} limbs, round {round}, chained"
                );
            }
        }
    }

    #[test]
    fn mont_square_equals_crypto_bigints_squaring() {
        squares_like_crypto_bigint::<16>(1);
        squares_like_crypto_bigint::<32>(2);
        squares_like_crypto_bigint::<64>(3);
        // Odd sizes too (the reduction has no size-specific path).
        squares_like_crypto_bigint::<4>(4);
        squares_like_crypto_bigint::<5>(5);
    }
}
