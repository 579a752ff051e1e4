//! The RSA public-key operation `m^e mod n` on fixed-size, stack-allocated integers for 1024-, 2048-
//! and 4096-bit moduli, with the Montgomery parameters of `n` computed once per cached key.
//!
//! `rsa` 0.10 does the same operation on heap-allocated `BoxedUint`s and recomputes nothing per
//! key, but allocates several times per call; `crypto-bigint`'s `FixedMontyForm<LIMBS>` lives on the
//! stack. Other sizes fall back to the `rsa` crate (`RsaKey` keeps no `FixedRsa` for them).
//!
//! # Constant time
//! The message `m` (the padded password) is secret; `n` and `e` are public. `crypto-bigint`'s
//! Montgomery multiplication and squaring are constant-time in their operands (no branch on limb
//! values; the final subtraction of `n` is a masked select). The square-and-multiply schedule
//! branches on the bits of `e` only, which are public, so the sequence of operations is the same
//! for every message.

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

impl FixedRsa {
    /// The fixed-size form of `key`, or `None` when its modulus is not 128, 256 or 512 bytes long
    /// (or the exponent does not fit a `u64`, which `rsa` does not accept anyway).
    pub(crate) fn new(key: &::rsa::RsaPublicKey) -> Option<Self> {
        let e = key.e();
        if e.bits_vartime() > 64 {
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

    /// `buf ← buf^e mod n` (see [`FixedRsa::public_op`]). No heap allocation.
    fn public_op(&self, buf: &mut [u8]) {
        debug_assert_eq!(buf.len(), LIMBS * LIMB_BITS / 8);
        let mut m = Uint::<LIMBS>::from_be_slice(buf);
        // To Montgomery form (one multiplication by R² mod n).
        let base = FixedMontyForm::new(&m, &self.params);
        // Left-to-right square-and-multiply over the bits of the *public* exponent, below its top
        // bit: for e = 65537, 16 squarings and one multiplication. Constant-time in `m`.
        let mut acc = base;
        for bit in (0..63 - self.e.leading_zeros()).rev() {
            acc = acc.square();
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
