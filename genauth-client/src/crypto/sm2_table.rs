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
//! - [`Table::select`]: reads *every* entry of the window and keeps the wanted one by AND-ing each
//!   with an all-ones/all-zeros mask computed arithmetically (no branch, no secret index);
//!   the sign is applied with a `ConditionallySelectable` select of `y` and `−y`.
//! - additions: the complete mixed addition of Renes–Costello–Batina (2015, algorithm 5, a = −3),
//!   the formula `primeorder` uses, written out in [`add_mixed`] over the `sm2` crate's field
//!   elements: valid for every accumulator, including the identity and equal points, so there is no
//!   special case to branch on. A zero digit (the affine identity, which the formula cannot take)
//!   keeps the old accumulator with a conditional select, after the addition has been computed.
//! - the loop always runs [`DIGITS`] times whatever the digits are (leading zero digits included).
//! - the conversion to affine coordinates uses one inversion for both points, by Fermat's little
//!   theorem with a fixed addition chain ([`invert`]): the same squarings and multiplications
//!   whatever the input.

use std::sync::LazyLock;

use ::sm2::elliptic_curve::ff::PrimeField;
use ::sm2::elliptic_curve::group::Group;
use ::sm2::elliptic_curve::hazmat::FieldArithmetic;
use ::sm2::elliptic_curve::point::{AffineCoordinates, BatchNormalize};
use ::sm2::elliptic_curve::subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use ::sm2::{FieldBytes, ProjectivePoint, Sm2};
use zeroize::{Zeroize, Zeroizing};

/// An element of the field of sm2p256v1 (the `sm2` crate's fiat-crypto implementation).
type Fe = <Sm2 as FieldArithmetic>::FieldElement;

/// The curve coefficient b (a = −3).
const B: Fe =
    Fe::from_hex_vartime("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93");

/// Window width in bits. With 6, a multiplication is 43 complete mixed additions and 43 scans of
/// 32 entries; in the profile (`perf`, `benches/crypto.rs`) the additions' field multiplications
/// take about twice the time of the scans, so wider windows (fewer additions, longer scans) gain
/// little. Other widths were not measured.
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

// The digits reach past the top bit of any scalar, so the last carry always has a place.
const _: () = assert!(DIGITS * WIDTH > SCALAR_BITS);

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

/// One table entry: the affine point `x‖y` (big-endian canonical bytes) as eight native words, so
/// that the constant-time scan works on whole words.
type Entry = [u64; 8];

/// The precomputed multiples of one fixed point: `DIGITS` windows of `ENTRIES` affine points
/// (43 × 32 × 64 bytes = 86 KB for `WIDTH` = 6), built once per point.
pub(crate) struct Table {
    windows: Box<[[Entry; ENTRIES]]>,
}

/// A point in projective coordinates (X : Y : Z), the identity being (0 : 1 : 0).
#[derive(Clone, Copy)]
struct Projective {
    x: Fe,
    y: Fe,
    z: Fe,
}

impl Zeroize for Projective {
    fn zeroize(&mut self) {
        *self = Projective::IDENTITY;
    }
}

impl Projective {
    const IDENTITY: Self = Self {
        x: Fe::ZERO,
        y: Fe::ONE,
        z: Fe::ZERO,
    };
}

impl Table {
    /// Builds the table of `p`. Runs once per cached key (about a millisecond); `p` is public, so
    /// this part need not be constant-time (it uses `primeorder`'s complete formulas anyway).
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
                let mut window = [[0u64; 8]; ENTRIES];
                for (entry, point) in window.iter_mut().zip(w) {
                    let mut bytes = [0u8; 64];
                    bytes[..32].copy_from_slice(&point.x());
                    bytes[32..].copy_from_slice(&point.y());
                    for (word, chunk) in entry.iter_mut().zip(bytes.chunks_exact(8)) {
                        let mut b = [0u8; 8];
                        b.copy_from_slice(chunk);
                        *word = u64::from_ne_bytes(b);
                    }
                }
                window
            })
            .collect();
        Self { windows }
    }

    /// The affine coordinates of `|d|·2^(W·i)·P` (all zero for `d = 0`) for `|d| ≤ 2^(W−1)`, in
    /// constant time: every entry of window `i` is read and AND-ed with a mask that is all ones for
    /// the wanted entry and zero otherwise; `i` is a public loop index. Returns `(x, y)`.
    #[inline]
    fn select(&self, i: usize, abs: u32) -> (Fe, Fe) {
        let mut acc = [0u64; 8];
        for (j, entry) in self.windows[i].iter().enumerate() {
            // 1 when abs = j + 1, else 0, by arithmetic: `abs ^ (j + 1)` is below 2^32, so
            // subtracting 1 in 64 bits borrows into bit 63 exactly when it is zero. (`subtle`'s
            // ct_eq does the same behind an optimisation barrier per entry, which cost a third
            // of the scan; this form compiles to flag-setting arithmetic, no branch.)
            let hit = u64::from(abs ^ (j as u32 + 1)).wrapping_sub(1) >> 63;
            let mask = 0u64.wrapping_sub(hit);
            for (a, e) in acc.iter_mut().zip(entry) {
                *a |= e & mask;
            }
        }
        let mut bytes = Zeroizing::new([0u8; 64]);
        for (chunk, word) in bytes.chunks_exact_mut(8).zip(&acc) {
            chunk.copy_from_slice(&word.to_ne_bytes());
        }
        acc.zeroize();
        // Canonical bytes from the table (or zeros): `from_repr` always succeeds; its validity
        // flag is a constant, so `unwrap_or` (a constant-time select) never substitutes anything.
        let x = Fe::from_repr(FieldBytes::try_from(&bytes[..32]).unwrap_or_default());
        let y = Fe::from_repr(FieldBytes::try_from(&bytes[32..]).unwrap_or_default());
        (x.unwrap_or(Fe::ZERO), y.unwrap_or(Fe::ZERO))
    }

    /// `acc + d·2^(W·i)·P`, constant-time in `d` (see the module docs).
    #[inline]
    fn add_digit(&self, acc: &mut Projective, i: usize, d: i32) {
        // |d| and sign(d) without branches: `sign` is all ones for negative d, zero otherwise.
        let sign = d >> 31;
        let abs = ((d ^ sign) - sign) as u32;
        let (x, y) = self.select(i, abs);
        let y = Fe::conditional_select(&y, &-y, Choice::from((sign & 1) as u8));
        let sum = add_mixed(acc, &x, &y);
        // d = 0 selected (0, 0), which is not a point: keep acc instead of the sum.
        let zero = abs.ct_eq(&0);
        acc.x = Fe::conditional_select(&sum.x, &acc.x, zero);
        acc.y = Fe::conditional_select(&sum.y, &acc.y, zero);
        acc.z = Fe::conditional_select(&sum.z, &acc.z, zero);
    }

    /// `[k]P` as affine `x‖y` bytes, `None` for the identity (tests only).
    #[cfg(test)]
    pub(crate) fn mul(&self, k: &Digits) -> Option<[u8; 64]> {
        let mut acc = Projective::IDENTITY;
        for (i, &d) in k.0.iter().enumerate() {
            self.add_digit(&mut acc, i, d);
        }
        if bool::from(acc.z.is_zero()) {
            return None;
        }
        let zinv = invert(&acc.z);
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&(acc.x * zinv).to_repr());
        out[32..].copy_from_slice(&(acc.y * zinv).to_repr());
        Some(out)
    }
}

/// `acc + (x, y)` for an affine point (x, y) on the curve: Renes–Costello–Batina 2015, algorithm 5
/// (complete mixed addition for a = −3), as in `primeorder`. Straight-line field arithmetic.
#[inline]
fn add_mixed(lhs: &Projective, x2: &Fe, y2: &Fe) -> Projective {
    let xx = lhs.x * x2;
    let yy = lhs.y * y2;
    let xy_pairs = ((lhs.x + lhs.y) * (*x2 + y2)) - (xx + yy);
    let yz_pairs = (*y2 * lhs.z) + lhs.y;
    let xz_pairs = (*x2 * lhs.z) + lhs.x;

    let bz_part = xz_pairs - (B * lhs.z);
    let bz3_part = bz_part.double() + bz_part;
    let yy_m_bzz3 = yy - bz3_part;
    let yy_p_bzz3 = yy + bz3_part;

    let z3 = lhs.z.double() + lhs.z;
    let bxz_part = (B * xz_pairs) - (z3 + xx);
    let bxz3_part = bxz_part.double() + bxz_part;
    let xx3_m_zz3 = xx.double() + xx - z3;

    Projective {
        x: (yy_p_bzz3 * xy_pairs) - (yz_pairs * bxz3_part),
        y: (yy_p_bzz3 * yy_m_bzz3) + (xx3_m_zz3 * bxz3_part),
        z: (yy_m_bzz3 * yz_pairs) + (xy_pairs * xx3_m_zz3),
    }
}

/// `a^(2^n)`; `n` is a constant of the addition chain.
#[inline]
fn sqn(a: &Fe, n: usize) -> Fe {
    let mut r = *a;
    for _ in 0..n {
        r = r.square();
    }
    r
}

/// `a^(p−2) = a^−1` (Fermat; 0 for 0) with a fixed addition chain for
/// p − 2 = FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFD:
/// 31 ones, a zero, 128 ones, 32 zeros, 62 ones, a zero, a one. `t_k` below is `a^(2^k − 1)`.
/// 383 squarings and 14 multiplications whatever `a` is: constant-time.
pub(crate) fn invert(a: &Fe) -> Fe {
    let t1 = *a;
    let t2 = sqn(&t1, 1) * t1;
    let t3 = sqn(&t2, 1) * t1;
    let t6 = sqn(&t3, 3) * t3;
    let t12 = sqn(&t6, 6) * t6;
    let t15 = sqn(&t12, 3) * t3;
    let t30 = sqn(&t15, 15) * t15;
    let t31 = sqn(&t30, 1) * t1;
    let t32 = sqn(&t31, 1) * t1;
    let t62 = sqn(&t31, 31) * t31;
    let t64 = sqn(&t32, 32) * t32;
    let t128 = sqn(&t64, 64) * t64;
    let r = sqn(&t31, 1 + 128) * t128; // 31 ones, 0, 128 ones
    let r = sqn(&r, 32 + 62) * t62; // 32 zeros, 62 ones
    sqn(&r, 2) * t1 // 0, 1
}

/// The table of the generator `G`, built on first use (once per process).
pub(crate) static GENERATOR: LazyLock<Table> =
    LazyLock::new(|| Table::new(&ProjectivePoint::generator()));

/// `([k]G, [k]P)` as affine `x‖y` bytes for the table `p` of `P`, both in one pass over the digits
/// and one shared inversion. Constant-time in `k`. The first is C1 (public); the second is the
/// shared secret, returned in a zeroizing buffer.
///
/// Requires `0 < k < n` and `P` not the identity (what the callers guarantee): then neither result
/// is the identity (the group has prime order `n`), so both Z are invertible.
pub(crate) fn mul_g_and_p(p: &Table, k: &Digits) -> ([u8; 64], Zeroizing<[u8; 64]>) {
    let g = &*GENERATOR;
    let mut kg = Projective::IDENTITY;
    let mut kp = Projective::IDENTITY;
    for (i, &d) in k.0.iter().enumerate() {
        g.add_digit(&mut kg, i, d);
        p.add_digit(&mut kp, i, d);
    }
    // One inversion for both: 1/Z_G = Z_P/(Z_G·Z_P), 1/Z_P = Z_G/(Z_G·Z_P).
    let inv = invert(&(kg.z * kp.z));
    let (zg_inv, zp_inv) = (inv * kp.z, inv * kg.z);
    let mut c1 = [0u8; 64];
    c1[..32].copy_from_slice(&(kg.x * zg_inv).to_repr());
    c1[32..].copy_from_slice(&(kg.y * zg_inv).to_repr());
    let mut shared = Zeroizing::new([0u8; 64]);
    shared[..32].copy_from_slice(&(kp.x * zp_inv).to_repr());
    shared[32..].copy_from_slice(&(kp.y * zp_inv).to_repr());
    kg.zeroize();
    kp.zeroize();
    (c1, shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::sm2::Scalar;
    use ::sm2::elliptic_curve::Generate;
    use ::sm2::elliptic_curve::ff::PrimeField;

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
                assert!(
                    (-(1 << (WIDTH - 1))..=1 << (WIDTH - 1)).contains(&di),
                    "{di}"
                );
                let m = from_u64(u64::from(di.unsigned_abs()));
                sum += if di < 0 { -(pow * m) } else { pow * m };
                for _ in 0..WIDTH {
                    pow = pow.double();
                }
            }
            assert_eq!(sum, k);
        }
    }

    fn affine_bytes(p: &ProjectivePoint) -> Option<[u8; 64]> {
        if bool::from(p.is_identity()) {
            return None;
        }
        let a = p.to_affine();
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&a.x());
        out[32..].copy_from_slice(&a.y());
        Some(out)
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
            // and the sm2 crate's own basepoint table
            assert_eq!(ProjectivePoint::mul_by_generator(&k), want_g);
            assert_eq!(GENERATOR.mul(&d), affine_bytes(&want_g), "[k]G, k = {k:?}");
            assert_eq!(p_table.mul(&d), affine_bytes(&want_p), "[k]P, k = {k:?}");
            if k != Scalar::ZERO {
                let (kg, kp) = mul_g_and_p(&p_table, &d);
                assert_eq!(Some(kg), affine_bytes(&want_g));
                assert_eq!(Some(*kp), affine_bytes(&want_p));
            }
        }
        assert_eq!(GENERATOR.mul(&Digits::recode(&[0; 32])), None);
    }

    #[test]
    fn fermat_inversion_equals_the_field_inversion() {
        let mut values = vec![Fe::ONE, -Fe::ONE, Fe::from_u64(2), B];
        for _ in 0..50 {
            let s = Scalar::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
            values.push(Fe::from_repr(s.to_repr()).unwrap());
        }
        for v in values {
            assert_eq!(invert(&v), v.invert().unwrap());
            assert_eq!(invert(&v) * v, Fe::ONE);
        }
        assert_eq!(invert(&Fe::ZERO), Fe::ZERO);
    }

    #[test]
    fn generator_table_has_one_window_per_digit() {
        assert_eq!(GENERATOR.windows.len(), DIGITS);
    }
}
