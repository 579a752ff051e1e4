//! Password-encryption cost: one encryption per iteration (RSA-1024, RSA-2048, SM2 in both
//! layouts) and key parsing (PEM / hex) on its own; and, in group `vs_crates`, the SDK's paths
//! (`crypto/sm2_table.rs`, `crypto/rsa_fixed.rs`) next to the `sm2` / `rsa` crates' own encryption
//! of the same password with the same key, in the same run (the ratio is the gain).
//!
//! ```text
//! cargo bench -p genauth-client --bench crypto
//! cargo bench -p genauth-client --bench crypto -- vs_crates --warm-up-time 1 --measurement-time 3
//! bash scripts/bench_js_py/bench.sh      # the same operations in sm-crypto, gmssl, OpenSSL
//! ```
//! Keys: the documented default RSA-1024 and SM2 keys, and the RSA-2048 test key of
//! `tests/vectors/keys.json`. Password: 15 ASCII bytes, the same as in the JS/Python script.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use genauth_client::crypto::{
    DEFAULT_RSA_PUBLIC_KEY, DEFAULT_SM2_PUBLIC_KEY, DefaultEncryptor, PasswordEncryptType,
    PasswordEncryptor, RsaKey, ServerKeys, Sm2Key, Sm2Layout,
};

const PASSWORD: &str = "S3cure-passw0rd";

fn rsa2048_public_pem() -> String {
    let keys: serde_json::Value =
        serde_json::from_str(include_str!("../tests/vectors/keys.json")).expect("keys.json");
    keys["rsa2048"]["public_pem"]
        .as_str()
        .expect("rsa2048.public_pem")
        .to_owned()
}

fn encrypt(c: &mut Criterion) {
    let default_keys = ServerKeys::default_public();
    let rsa2048 = ServerKeys::parse(Some(&rsa2048_public_pem()), None).unwrap();
    let js = DefaultEncryptor::default();
    let mobile = DefaultEncryptor {
        sm2_layout: Sm2Layout::MobileC1C2C3,
    };

    let mut g = c.benchmark_group("encrypt");
    g.bench_function("rsa1024", |b| {
        b.iter(|| {
            js.encrypt(PasswordEncryptType::Rsa, black_box(PASSWORD), &default_keys)
                .unwrap()
        })
    });
    g.bench_function("rsa2048", |b| {
        b.iter(|| {
            js.encrypt(PasswordEncryptType::Rsa, black_box(PASSWORD), &rsa2048)
                .unwrap()
        })
    });
    g.bench_function("sm2_c1c3c2", |b| {
        b.iter(|| {
            js.encrypt(PasswordEncryptType::Sm2, black_box(PASSWORD), &default_keys)
                .unwrap()
        })
    });
    g.bench_function("sm2_mobile", |b| {
        b.iter(|| {
            mobile
                .encrypt(PasswordEncryptType::Sm2, black_box(PASSWORD), &default_keys)
                .unwrap()
        })
    });
    g.finish();
}

/// The SDK's encryption against the `sm2` / `rsa` crates' own (what `crypto/` used before).
fn vs_crates(c: &mut Criterion) {
    use rsa::traits::PaddingScheme;

    let keys = ServerKeys::default_public();
    let sm2_key = keys.sm2().unwrap();
    let sm2_public = sm2::PublicKey::from_sec1_bytes(
        &base16ct::lower::decode_vec(DEFAULT_SM2_PUBLIC_KEY).unwrap(),
    )
    .unwrap();
    let sm2_crate = sm2::pke::EncryptingKey::new_with_mode(sm2_public, sm2::pke::Mode::C1C3C2);
    let rsa_pems = [
        ("1024", DEFAULT_RSA_PUBLIC_KEY.to_owned()),
        ("2048", rsa2048_public_pem()),
    ];

    let mut g = c.benchmark_group("vs_crates");
    g.bench_function("sm2/sdk", |b| {
        b.iter(|| {
            genauth_client::crypto::sm2_encrypt(
                sm2_key,
                black_box(PASSWORD.as_bytes()),
                Sm2Layout::C1C3C2,
            )
            .unwrap()
        })
    });
    g.bench_function("sm2/sm2_crate", |b| {
        b.iter(|| {
            let ct = sm2_crate
                .encrypt(&mut getrandom::SysRng, black_box(PASSWORD.as_bytes()))
                .unwrap();
            base16ct::lower::encode_string(&ct[1..])
        })
    });
    for (bits, pem) in &rsa_pems {
        let key = RsaKey::parse(pem).unwrap();
        let crate_key = {
            use rsa::pkcs8::DecodePublicKey;
            rsa::PublicKey::from_public_key_pem(pem).unwrap()
        };
        g.bench_function(format!("rsa{bits}/sdk"), |b| {
            b.iter(|| {
                genauth_client::crypto::rsa_encrypt(&key, black_box(PASSWORD.as_bytes())).unwrap()
            })
        });
        g.bench_function(format!("rsa{bits}/rsa_crate"), |b| {
            b.iter(|| {
                use base64::Engine;
                let ct = rsa::Pkcs1v15Encrypt
                    .encrypt(
                        &mut getrandom::SysRng,
                        &crate_key,
                        black_box(PASSWORD.as_bytes()),
                    )
                    .unwrap();
                base64::engine::general_purpose::STANDARD.encode(ct)
            })
        });
    }
    g.finish();
}

fn parse(c: &mut Criterion) {
    let pem2048 = rsa2048_public_pem();
    let mut g = c.benchmark_group("parse");
    g.bench_function("rsa1024_pem", |b| {
        b.iter(|| RsaKey::parse(black_box(DEFAULT_RSA_PUBLIC_KEY)).unwrap())
    });
    g.bench_function("rsa2048_pem", |b| {
        b.iter(|| RsaKey::parse(black_box(&pem2048)).unwrap())
    });
    g.bench_function("sm2_hex", |b| {
        b.iter(|| Sm2Key::parse(black_box(DEFAULT_SM2_PUBLIC_KEY)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, encrypt, vs_crates, parse);
criterion_main!(benches);
