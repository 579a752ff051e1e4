//! Constant-time fixed-base scalar multiplication on sm2p256v1 with per-point precomputed tables.
//!
//! SM2 encryption needs `[k]G` and `[k]P_B` for a fresh secret nonce `k`. Both bases are fixed for
//! the life of a client (the generator, and the server key that the client caches), so each gets a
//! table built once: for every window `i` of [`WIDTH`] bits, the affine points
//! `j·2^(WIDTH·i)·P` for `j = 1..=2^(WIDTH−1)`. A multiplication is then one table lookup and one
//! complete mixed addition per window, no doublings: [`DIGITS`] additions per base.
//!
//! The field arithmetic, the complete addition formulas and the inversion are the RustCrypto ones
//! (`sm2`'s fiat-crypto field, `primeorder`'s Renes–Costello–Batina formulas); this module only adds
//! the schedule and the tables.
//!
//! # Constant time
//! Nothing here branches on, or indexes memory with, a value derived from `k`:
//! - [`Digits::recode`]: fixed loop bounds; bits are extracted with shifts and masks, and the
//!   re-centering carry is an arithmetic shift (`(u + 2^(W−1)) >> W`), so no comparison branches.
//! - [`Table::select`]: reads *every* entry of the window and keeps the wanted one with
//!   `ConditionallySelectable` (mask-based, no branch, no secret index); the sign is applied with a
//!   conditional select of the negation. A zero digit keeps the identity that the scan starts from.
//! - additions: `primeorder`'s complete mixed addition (valid for every pair of inputs, including
//!   the identity and equal points, so there is no special case to branch on); an identity on the
//!   right is handled with `conditional_assign` inside `primeorder`.
//! - the loop always runs [`DIGITS`] times whatever the digits are (leading zero digits included).
//! - the final conversion to affine is `primeorder`'s batch normalisation, whose inversion is
//!   fiat-crypto's constant-time divstep (Bernstein–Yang).

use std::sync::LazyLock;

use ::sm2::elliptic_curve::BatchNormalize;
use ::sm2::elliptic_curve::group::Group;
use ::sm2::elliptic_curve::subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use ::sm2::{AffinePoint, ProjectivePoint};
use zeroize::Zeroize;

/// Window width in bits. 6 balances the two per-window costs measured on x86-64: one complete
/// mixed addition (~12 field multiplications) against a constant-time scan of `2^(W−1)` affine
/// entries (`benches/crypto.rs`; 4 and 5 were slower, 7 doubles the table for no gain).
pub(crate) const WIDTH: usize = 6;

/// Entries per window: the multiples `1..=2^(W−1)` (signed digits cover the negative half).
const ENTRIES: usize = 1 << (WIDTH - 1);

/// Bits of a scalar (the order `n` of sm2p256v1 is just below 2^256).
const SCALAR_BITS: usize = 256;

/// Number of signed digits: one per window, plus a carry digit when the last window is too wide to
/// absorb the re-centering carry (it is not for `WIDTH` = 5, 6, 7; it is for 4 and 8).
pub(crate) const DIGITS: usize = {
    let windows = SCALAR_BITS.div_ceil(WIDTH);
    let top_bits = SCALAR_BITS - WIDTH * (windows - 1);
    // The top digit is at most 2^top_bits − 1, plus a carry of 1; it needs no further carry while
    // that stays below 2^(W−1).
    if top_bits + 2 <= WIDTH {
        windows
    } else {
        windows + 1
    }
};

/// The signed radix-2^W digits of a scalar: `k = Σ d_i·2^(W·i)` with `−2^(W−1) ≤ d_i < 2^(W−1)`.
pub(crate) struct Digits([i32; DIGITS]);

impl Digits {
    /// Recodes the big-endian 32-byte scalar `k` (any value below 2^256). Branch-free: the loops
    /// have fixed bounds and each step is shifts, masks and additions on the digit values.
    pub(crate) fn recode(k_be: &[u8; 32]) -> Self {
        let mut d = [0i32; DIGITS];
        // Step 1: unsigned digits, bits [W·i, W·i + W) of k.
        for (i, digit) in d.iter_mut().enumerate() {
            let mut v = 0i32;
            for b in 0..WIDTH {
                let bit = i * WIDTH + b;
                if bit < SCALAR_BITS {
                    // `bit` is a public loop index; only the byte's value is secret.
                    let byte = k_be[31 - bit / 8];
                    v |= i32::from((byte >> (bit % 8)) & 1) << b;
                }
            }
            *digit = v;
        }
        // Step 2: re-centre each digit from [0, 2^W] into [−2^(W−1), 2^(W−1)) and carry one into
        // the next digit. `carry` is 0 or 1, computed with an arithmetic shift, not a comparison.
        for i in 0..DIGITS - 1 {
            let carry = (d[i] + (1 << (WIDTH - 1))) >> WIDTH;
            d[i] -= carry << WIDTH;
            d[i + 1] += carry;
        }
        Self(d)
    }
}

impl Drop for Digits {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The precomputed multiples of one fixed point: `DIGITS` windows of `ENTRIES` affine points
/// (43 × 32 × 72 bytes ≈ 99 KB for `WIDTH` = 6), built once per point.
pub(crate) struct Table {
    windows: Box<[[AffinePoint; ENTRIES]]>,
}

impl Table {
    /// Builds the table of `p`. Runs once per cached key (about a millisecond); `p` is public, so
    /// this part need not be constant-time (it is anyway: it uses the same complete formulas).
    pub(crate) fn new(p: &ProjectivePoint) -> Self {
        let mut projective = Vec::with_capacity(DIGITS * ENTRIES);
        let mut base = *p;
        for _ in 0..DIGITS {
            let mut multiple = base;
            for _ in 0..ENTRIES {
                projective.push(multiple);
                multiple += &base;
            }
            for _ in 0..WIDTH {
                base = base.double();
            }
        }
        let affine = <ProjectivePoint as BatchNormalize<[ProjectivePoint]>>::batch_normalize(
            projective.as_slice(),
        );
        let windows = affine
            .chunks_exact(ENTRIES)
            .map(|w| {
                let mut window = [AffinePoint::IDENTITY; ENTRIES];
                window.copy_from_slice(w);
                window
            })
            .collect();
        Self { windows }
    }

    /// `d·2^(W·i)·P` for `−2^(W−1) ≤ d ≤ 2^(W−1)`, in constant time: every entry of window `i` is
    /// read and the wanted one kept with a mask; `i` is a public loop index.
    #[inline]
    fn select(&self, i: usize, d: i32) -> AffinePoint {
        // |d| and sign(d) without branches: `sign` is all ones for negative d, zero otherwise.
        let sign = d >> 31;
        let abs = ((d ^ sign) - sign) as u32;
        let mut t = AffinePoint::IDENTITY;
        for (j, entry) in self.windows[i].iter().enumerate() {
            t.conditional_assign(entry, abs.ct_eq(&(j as u32 + 1)));
        }
        let negative = Choice::from((sign & 1) as u8);
        AffinePoint::conditional_select(&t, &-t, negative)
    }

    /// `[k]P` from the recoded digits of `k`, constant-time (see the module docs).
    #[cfg(test)]
    pub(crate) fn mul(&self, k: &Digits) -> ProjectivePoint {
        let mut acc = ProjectivePoint::IDENTITY;
        for (i, &d) in k.0.iter().enumerate() {
            acc += &self.select(i, d);
        }
        acc
    }
}

/// The table of the generator `G`, built on first use (once per process).
pub(crate) static GENERATOR: LazyLock<Table> =
    LazyLock::new(|| Table::new(&ProjectivePoint::generator()));

/// `([k]G, [k]P)` in affine coordinates for the table `p` of `P`, both in one pass over the digits
/// and one shared inversion (batch normalisation). Constant-time in `k`.
///
/// For `0 < k < n` and `P` not the identity (what the callers guarantee), neither result is the
/// identity (the group has prime order `n`).
pub(crate) fn mul_g_and_p(p: &Table, k: &Digits) -> [AffinePoint; 2] {
    let g = &*GENERATOR;
    let mut kg = ProjectivePoint::IDENTITY;
    let mut kp = ProjectivePoint::IDENTITY;
    for (i, &d) in k.0.iter().enumerate() {
        kg += &g.select(i, d);
        kp += &p.select(i, d);
    }
    let out = ProjectivePoint::batch_normalize(&[kg, kp]);
    kg.zeroize();
    kp.zeroize();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::sm2::Scalar;
    use ::sm2::elliptic_curve::Generate;
    use ::sm2::elliptic_curve::ff::{Field as _, PrimeField};

    fn bytes(s: &Scalar) -> [u8; 32] {
        s.to_repr().into()
    }

    fn from_u64(v: u64) -> Scalar {
        Scalar::from(v)
    }

    /// Edge scalars: 0, 1, 2, small values across the first windows, digit boundaries (±2^(W−1),
    /// 2^W − 1, values whose re-centering carries through many digits), n − 1, n − 2, n − 2^(W−1).
    fn edge_scalars() -> Vec<Scalar> {
        let mut v: Vec<Scalar> = (0..=70).map(from_u64).collect();
        for w in [WIDTH as u32 - 1, WIDTH as u32, 2 * WIDTH as u32] {
            let p = 1u64 << w;
            v.extend([p - 1, p, p + 1].map(from_u64));
        }
        v.extend([u64::MAX, 0x8080_8080_8080_8080, 0x7fff_ffff_ffff_ffff].map(from_u64));
        let n_minus_1 = -Scalar::ONE;
        v.extend([
            n_minus_1,
            n_minus_1 - Scalar::ONE,
            n_minus_1 - from_u64(1 << (WIDTH - 1)),
            n_minus_1.double().double(), // wraps around n
        ]);
        // All digits at the negative extreme: k = Σ 2^(W−1)·2^(W·i) (every unsigned digit 2^(W−1)
        // re-centres to −2^(W−1) and carries into the next).
        let mut all_half = Scalar::ZERO;
        let mut pow = Scalar::ONE;
        for _ in 0..SCALAR_BITS / WIDTH {
            all_half += pow * from_u64(1 << (WIDTH - 1));
            for _ in 0..WIDTH {
                pow = pow.double();
            }
        }
        v.push(all_half);
        v
    }

    fn random_scalars(count: usize) -> Vec<Scalar> {
        (0..count)
            .map(|_| Scalar::try_generate_from_rng(&mut getrandom::SysRng).unwrap())
            .collect()
    }

    #[test]
    fn recoding_is_exact_and_in_range() {
        for k in edge_scalars().into_iter().chain(random_scalars(50)) {
            let d = Digits::recode(&bytes(&k));
            let mut sum = Scalar::ZERO;
            let mut pow = Scalar::ONE;
            for &di in &d.0 {
                assert!(-(1 << (WIDTH - 1)) <= di && di <= 1 << (WIDTH - 1), "{di}");
                let m = from_u64(u64::from(di.unsigned_abs()));
                sum += if di < 0 { -(pow * m) } else { pow * m };
                for _ in 0..WIDTH {
                    pow = pow.double();
                }
            }
            assert_eq!(sum, k);
        }
    }

    #[test]
    fn table_multiplication_equals_the_generic_one() {
        let random_point = ProjectivePoint::generator()
            * Scalar::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
        let p_table = Table::new(&random_point);
        for k in edge_scalars().into_iter().chain(random_scalars(40)) {
            let d = Digits::recode(&bytes(&k));
            // generic constant-time multiplication of primeorder (LookupTable + doublings)
            let want_g = ProjectivePoint::generator() * k;
            let want_p = random_point * k;
            assert_eq!(GENERATOR.mul(&d), want_g, "[k]G, k = {k:?}");
            assert_eq!(p_table.mul(&d), want_p, "[k]P, k = {k:?}");
            // and the sm2 crate's own basepoint table
            assert_eq!(ProjectivePoint::mul_by_generator(&k), want_g);
            if k != Scalar::ZERO {
                let [kg, kp] = mul_g_and_p(&p_table, &d);
                assert_eq!(kg, want_g.to_affine());
                assert_eq!(kp, want_p.to_affine());
            }
        }
    }

    #[test]
    fn digit_count_covers_the_scalar() {
        assert!(DIGITS * WIDTH >= SCALAR_BITS + 1);
        assert_eq!(GENERATOR.windows.len(), DIGITS);
    }
}
