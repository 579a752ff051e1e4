//! The signing keys: the three fixed RSA keys, RS256/HS256 JWT signing, the JWKS endpoint and
//! the key helpers of [`FakeServer`].

use std::sync::LazyLock;

use ::rsa::PrivateKey;
use ::rsa::pkcs1v15::SigningKey;
use ::rsa::pkcs8::DecodePrivateKey;
use ::rsa::signature::{SignatureEncoding, Signer};
use ::rsa::traits::PublicKeyParts;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::FakeServer;
use crate::handlers::{Ctx, Reply};

// Three fixed RSA-2048 signing keys (test material only: public, in this repository). The fake
// signs with one at a time; `rotate_signing_key` moves to the next.
const KEY_1: &str = r"-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCV/2FYRC3ZI9lh
BT0ioH0QHasbddBLe+hD3/mL1dQgJO28yXx4dAFRaArkkAQge18nIesHsaCPKQ2c
OVhNt+j2/UFVxS6NSwcjcJW9okoBk2nMY0eauWhxB7ZoF/1DDthCeZSm/vtQL4AI
ryLCkMza1jWlCrP7BffdFu6pysEwYv0NrLIngJJDvOKserSyw9QvjdZTtaOUiZgX
SKDEt6jllvVjKOW6YzfMy7/y5csJggBZCmqGSBaKlCeVsCQZa5mlyciaicZeFVSW
sQPOWhOcl+nAoVeD0rh0K2dlmRBWAPbxi8q5bctcGjScD8UMNqbWgJAXyWURspYU
LN7515ujAgMBAAECggEAPB5WSsVQxvX6W0t5PFasqXfqq5/ls0tfRU0QvL4gPh3u
9zqeW7zLBnC35PHf5ZDtC0cp5zSHULm4jcPiI4wxoETTGehlBxZqLwchzRatqMIH
pnaoLVhghuT7c+8hf+4EOWh3bxNFcNcI7vIa8XaN1KwEZjjK+DJlLMTTNVRhZ923
gm2U34TmMUOwj9I0KFifgVKJQf4b2gbGJXdzkMJ97yHNMSru8wMCIhhMaDDtwH1x
APvFNxUpeQ8E7ObLo8D2z3F+6iqUMnR2FSu5b5PFIy+fm/lWaNRPYS/3bJMPb8Nl
gf2MYXeT5FSNt+7a3xFRtZQDG21eEf24z03ICjeRmQKBgQDQid0RiNjJhgASWihW
dgoMiZAkEuWnAOjZkCZFCEbrrgMIDs7oR2x7VDTZ/SSOLxRf1nyd0/39AxeBH9ic
P/CeuXwFGKP1n4FnCllsk9ngPDTJK/E6jVW188/2WFMIvPb6xgj6IVviXk2iGmam
sz0Vn8GpmQaTI+h3ljuhP2nL3QKBgQC4IrrElO5ZNx3CdSqOPbFU3BdNpisBtiby
KQK2aVXI1A219l5z3UY7xfCWIojlb8jsYQUW7Ic9u9aHVQeVUDD+BLH4I7T27eD8
H0aY8N4CZyc/2aHU1x5THbRAZ2kEmQVpV3cYr3/6jgHiABw7NNgmb9nDe6W7oFlq
4aONRpJNfwKBgQCqCU9dJcUGBKH4VNUBMrwc3unN0C67Dk3OX/AkZ4xUTQ2hu1lQ
IjS9FrsFZ5gv6wlk36G6mwlFDQlUOuBG/we2lC0ghqfh9g3wM4sYsjF72ft8cLz/
7hAODV/rULdbr6B+d40ITrz6BcStQXOjxxAumpWxMNogja3WHIRAhVFBbQKBgGYa
O94NhyzJNyNAvNwqsU4QzIst/OLyEh5tRyfGuN6nVwLzHeS5adxzIbjeZXJzzcHk
+mF/vm4o3ggkyhOtZ70y9UxW4F2cAglLfmYICdLjSAxLrUTME/Cao/yiWsVF5I5J
Ba0Wg6x3Wevri7v4zXJiyyluQrQLcgmmHH6WB0IZAoGAMoFVGfqZh3oEjsnLigkR
WIbjIKzvZlzTQzc0p3EHd5fRP5O64c8lg6+53LxmuyoP9ciqAVOnoEDjjbnORkG3
BKfRkZ3wZQiy30rqtmwBU5vVMDs6Kj7e3xfjv8HIzDSmd0xY2He17jojT6mL/DZd
ybwTLxbC3ec85I7HV3k40I4=
-----END PRIVATE KEY-----
";
const KEY_2: &str = r"-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDodEq0g9oMtk+H
dAjh+5sq/DzTQ0DsBi0EpUQs2LbJ4R03feI1GQJnP3tBS78PqMMhiwpGX7Vf1OVI
LP1wwa8yieytdaNkU0viwor6MNXK6EIF8FqrRAclty5NOiNmdIshhBqb9rjY366r
QW4gPtSfJtlVaZqfztMeeuGLkIM2o0Vl2aKWxrjSeokVHxpZwEVZgoSnCaWE4PAf
d893jCjln6Aw29ANChEgCLGz6t6bMPxzvlY6n64esst4tD1jG3+zYO2w3gv+VYBR
WOWNx0KcQ2TDZiz2oJxPmZSmaTQuBVZ2JIlPsi7PV16MgOqX4xVvJW8+OnadFFVw
Q6fd1iUNAgMBAAECggEADR7Ok6XzN1n39FuIinwkMTbXq7ilUAfLioerKNkvkgap
L+y58/NzgbE2gK7o5mueXe+Q4Xwn9YmDn9ay6bvI6tJC9V8eh+cKsWPNKoYknxAL
yqAwd0UUSTJFGa9LzbiLcirDF2VY4BwvVJ5mu/OylmwVLXS+jpbC2aV9GF6hsAJH
ehoAqaN4KCle9W2jXDjqM9BcMU4wEE2+0FGHfBDIf8SX+ZhjrgQtjx/9elZWngzF
DkiuV86QIzREWvhyLNvPJABr9yaIe5pj+tsN3LNOYPDlfvsmc50ykJ6g6MFOM/pe
wznzY/1QnTtC1jfyS/20+7IwwBtnfYbbwWB7gsEf6QKBgQD3DlBAmw+hbDDPtFAB
zzWitOaZBJjKcXyUEa1QE6dD8o4PO5rQdIX6cHo894UwMgbCvMQEGcX1kskYTOnR
EdtE8f0NM8v2tvFdN6ZmQJNlIbnahvZC1VH7oO1pm1fkzD+DACI9hUlfopmmE5Ba
XLDY2TJO1r0dwAn0sfbwgmFHOQKBgQDw3qbjAMCaqFlqAyv/Ny5HZtUSqUWPF/Ml
rp6+dxj/GCsXo0VlpaPyeEqznzACV76J8bqo1UoXvpKg4N2T0aKv5naPIySTNqP0
+AapAPu11FMxvb6uit7/Oxcf4VaxPMPvXhVas/dxLv+6KGj5wI0CIWH4Uafm+8Fr
sMVLAQ1YdQKBgG/Cwt0nCEAe4EnlqNfYs8vCCBsqsC/MfO3CvWNfMKiVPlx3u0YX
oFA1t6aC1naB+vr3R7kPK7U2zM+4Y4GXkVi0G6RwTRFzmuZveVACYGs8gYXwzdBY
DflFyICgrHctSoHpepPYCuQ/e0Bc0019ZucCAjcV/4FI0XgnVa1hXb5JAoGAe4NQ
xHqwSR4mq4vw1bAwFQEQJb+TIatATYRbdoOP189G2ZopjdQAW+d/NthcP/dKh2Xj
N4wXsFFS0xg7xv7qk5R0GzYEHVEZhhZhI+yTJkw4VPtdehdP/kUIuJpOYBguyOHP
xXEfY3ScQZNTMS6hoAQKPtFwbauPJW/B25Iwi7kCgYEAlsfAjkt58kv2+CXjcTYD
6VIWxctmqKsYgvPEIZKE62HZBXKPIuoOmjNAezn/WJzns0EDCfiR8JZhCDr3Lcm6
H9F8SMb2C8Q3o9JIkfwIZM/2GL91pp/y9pParYtXIGCOUH/bZCfQO4OstfXaIo9u
puJpytgqK5aZeLJxEew+vOQ=
-----END PRIVATE KEY-----
";
const KEY_3: &str = r"-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDgU1wuPhIAhbA2
P6bZDZYIsWIXV54522PVgYveHaTXUjFLyhdItUItaTNocq3+vtEAyZgpieZjpYcC
364PnifpovGHljrj6fSCT9Wp9W/W/Jf9b3XiTVV2djtbZvlMmKCSNiQRlRd6Go9z
86W+rOqqUmejiupgtwHNu47z6/aWLpmvW6igq3aAqrhHLUAfZmroPN68RWH8lzV1
CzBTaWfwjVMiuYdp6+LS6GjXVlefhTk14d/gYoLIhKkR872Fuoun9enkmWMAulrU
U+6SV2VCkDznb8/Jac31yDBfLSTzLNOGxLXfj6k8MkSpt0T2DNvdvhev1O32IJwz
mxlNaM3XAgMBAAECggEADGR+iK10KCQ6jlyo1n/aJIPMI/b6rj6Q/tgHxo8DrsOD
Jqk07RbaX5Davq/rLdIT0MPSTKUqHaIk2cNKpeE6Wj1es3tYqIOhtts7NgbxlUJi
ESWpsQVNrdwtPkjrh9A8uqcUCgafA+dYunKg2u5Jjnw77nx7ozko99kfNhl4h2ZU
HaRIXRfK236HwfD7snFwslPjcTmKcBiKX548xryya/a5KtcFcHllZy8LUh1j9uXi
u/VvVuXRXrF4Ghwc6GpKxusE91YXYpSPZAKJj7rvhAM9KVv0NDvNqGk0/doSMsJy
T++6PLufKX4E+4fVMiPtiFIPyhs9prO2BTxPatn+MQKBgQD/tKEwl7AXGye+b8Qi
mGL23y6YtQZmSOvNvA5EyaS5O9+vHAt5pyaZLzeWvgHm65R2a7Nc+si2MRFZ4Oc6
+b3acMZbmrBRWIxQrPIrHT6TN79HnsDSHHQNll8b2TQ0fa/ZOoPwTcEPMwfbJFLz
G7pdWiC6cpbc/0pHCCVloR635wKBgQDglXsmKdmu/nZEFlwGRP9XoIHc4HawophQ
6GzuA8cTRva+d3JSGdMMk7bdrxNP6Lwk+r8Wy6PACkHK4/YhJNg6ey+0lmm1FmID
LyEqkRkD5Td5HOgnfIYuYUIpe/Z2APxanG8AuFFZXWbnsmAhxeD1o+v798TsqNH3
6LkTgcO8kQKBgQDTReZs5NgMr1YuReBziR8zxQGWEPRBrPyQF1JeyZC9r9fIsk5U
7KO6q8WtWj7uEjWvhptDNr6BspcYgPfsxY51Hvr1kyEdhSEiQ1MwBlC+iLAVt/iv
Ye0NkPHya4tz12lk/bEn6saaDVrvWNrknUNlgGNMSgOWg6RWfkeP6gkcfwKBgCZU
PLVRtS4xjZunOUN0qSOaaC97O6Z/yYEdeeHRUTuQA/KTzjYG5EckOrRw+dnMfbfN
96j7TlIrLfljmJEliaXJemXWuenHDSk/9Ogf5WYNy77m2RRMI1ZtEO6lknWnS2pn
gmZcDr4yu6pVfiSlcfRaap8RNVGyqksmM9gJcI+RAoGBANXmJFF6+pIefIIanUBF
9qhJuuztTNQYm+k1zPI+XoGc5Jc5qufJRI7sNF/ZsqaVLuekOIp/pf5hnDvkNq62
JZmauz/dVVwpHKc7wR0mZQViCywH//qGOiMYMc/cUP7CM01d70dBWqNoK+ZVPjq7
+Nj2eNbVXrLGsgkvyXX9Bbyi
-----END PRIVATE KEY-----
";

const KIDS: [&str; 3] = ["fake-rsa-1", "fake-rsa-2", "fake-rsa-3"];

static SIGNING_KEYS: LazyLock<[PrivateKey; 3]> = LazyLock::new(|| {
    [KEY_1, KEY_2, KEY_3]
        .map(|pem| PrivateKey::from_pkcs8_pem(pem).expect("the fixed signing keys parse"))
});

pub(super) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `header.claims.signature` with RS256 and fixed key `index`.
pub(super) fn sign_rs256(index: usize, claims: &Value) -> String {
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": KIDS[index]});
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let key = SigningKey::<Sha256>::new(SIGNING_KEYS[index].clone());
    let signature = key.sign(input.as_bytes()).to_vec();
    format!("{input}.{}", b64(&signature))
}

/// `header.claims.signature` with HS256.
pub(crate) fn sign_hs256(secret: &str, claims: &Value) -> String {
    let header = json!({"alg": "HS256", "typ": "JWT"});
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key size");
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

fn jwk(index: usize) -> Value {
    let public = SIGNING_KEYS[index].to_public_key();
    json!({
        "kty": "RSA",
        "kid": KIDS[index],
        "use": "sig",
        "alg": "RS256",
        "n": b64(&public.n_bytes()),
        "e": b64(&public.e_bytes()),
    })
}

/// `GET /oidc/.well-known/jwks.json`: the current signing key.
pub(crate) fn jwks(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let index = ctx.state.protocol.store().key_index;
    Ok(Reply::Bare(json!({ "keys": [jwk(index)] })))
}

/// Protocol helpers for tests: the signing keys.
impl FakeServer {
    /// The `kid` of the current signing key (the one the JWKS publishes).
    pub fn signing_kid(&self) -> &'static str {
        KIDS[self.state.protocol.store().key_index]
    }

    /// Rotates the signing key: new tokens get a new `kid`, and the JWKS publishes only the new
    /// key (tokens signed before no longer verify).
    pub fn rotate_signing_key(&self) {
        let mut store = self.state.protocol.store();
        store.key_index = (store.key_index + 1) % KIDS.len();
    }

    /// Signs `claims` (any JSON object) as an RS256 JWT with the current, published key.
    pub fn sign_jwt(&self, claims: &Value) -> String {
        sign_rs256(self.state.protocol.store().key_index, claims)
    }

    /// Signs `claims` as an RS256 JWT with a key (and `kid`) the JWKS does not publish.
    pub fn sign_jwt_with_unpublished_key(&self, claims: &Value) -> String {
        let index = (self.state.protocol.store().key_index + 1) % KIDS.len();
        sign_rs256(index, claims)
    }

    /// Signs `claims` as an HS256 JWT keyed with the app secret.
    pub fn sign_jwt_hs256(&self, claims: &Value) -> String {
        sign_hs256(&self.state.app_secret, claims)
    }
}
