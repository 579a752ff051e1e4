//! The fake server's OIDC / OAuth 2.0 side: signing keys and the JWKS, the token endpoint (all
//! grants, client auth, PKCE), introspection, revocation, userinfo, and the state they share
//! with QR-code and mobile login (token minting, client auth on `/api/v3/*`).
//!
//! Protocol endpoints take form bodies and answer bare JSON; failures are RFC 6749 errors
//! `{"error", "error_description"}` with HTTP 400 (`invalid_request`, `invalid_grant`,
//! `unsupported_grant_type`, `invalid_scope`) or 401 (`invalid_client`, `invalid_token`).
//!
//! Access tokens and ID tokens are real JWTs: RS256 with the current signing key (its `kid` is
//! published at `/oidc/.well-known/jwks.json`), or HS256 with the app secret for ID tokens when
//! [`FakeOidcConfig::id_token_alg`] says so. The issuer is `http://<Host header>/oidc`, which is
//! [`FakeServer::issuer`] for a client that uses [`FakeServer::base_url`].

use std::fmt;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ::rsa::RsaPrivateKey;
use ::rsa::pkcs1v15::SigningKey;
use ::rsa::pkcs8::DecodePrivateKey;
use ::rsa::signature::{SignatureEncoding, Signer};
use ::rsa::traits::PublicKeyParts;
use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

use super::FakeServer;
use super::handlers::{AuthMethod, Ctx, Reply};
use super::signin::parse_basic;
use super::users::{Identifier, UserId, strip_bearer};
use genauth_client::TokenEndpointAuthMethod;

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

static SIGNING_KEYS: LazyLock<[RsaPrivateKey; 3]> = LazyLock::new(|| {
    [KEY_1, KEY_2, KEY_3]
        .map(|pem| RsaPrivateKey::from_pkcs8_pem(pem).expect("the fixed signing keys parse"))
});

/// How the fake signs ID tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FakeIdTokenAlg {
    /// RS256 with the current signing key (the default).
    #[default]
    Rs256,
    /// HS256 keyed with the app secret (an app setting on the real service).
    Hs256,
}

/// Protocol, QR-code and mobile-login settings of a [`FakeServer`]
/// ([`super::FakeServerConfig::oidc`]).
#[derive(Clone)]
pub struct FakeOidcConfig {
    /// How long a QR code stays `PENDING`/`SCANNED` before it is `EXPIRED`. Default 120 s.
    pub qr_code_ttl: Duration,
    /// How long the ticket of an `AUTHORIZED` QR code can be exchanged. Default 60 s.
    pub qr_ticket_ttl: Duration,
    /// How long an authorization code is valid. Default 600 s.
    pub authorization_code_ttl: Duration,
    /// ID token signing. Default RS256.
    pub id_token_alg: FakeIdTokenAlg,
    /// AccessKey of the one programmatic-access account (client-credentials grant). Default
    /// `"fake-access-key"`.
    pub m2m_access_key: String,
    /// Its SecretKey. Default `"fake-secret-key"`.
    pub m2m_secret_key: String,
    /// Client auth required on introspection; `None` (default): the app's `auth_method`.
    pub introspection_auth_method: Option<TokenEndpointAuthMethod>,
    /// Client auth required on revocation; `None` (default): the app's `auth_method`.
    pub revocation_auth_method: Option<TokenEndpointAuthMethod>,
}

impl Default for FakeOidcConfig {
    fn default() -> Self {
        FakeOidcConfig {
            qr_code_ttl: Duration::from_secs(120),
            qr_ticket_ttl: Duration::from_secs(60),
            authorization_code_ttl: Duration::from_secs(600),
            id_token_alg: FakeIdTokenAlg::Rs256,
            m2m_access_key: "fake-access-key".to_owned(),
            m2m_secret_key: "fake-secret-key".to_owned(),
            introspection_auth_method: None,
            revocation_auth_method: None,
        }
    }
}

impl fmt::Debug for FakeOidcConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeOidcConfig")
            .field("qr_code_ttl", &self.qr_code_ttl)
            .field("qr_ticket_ttl", &self.qr_ticket_ttl)
            .field("authorization_code_ttl", &self.authorization_code_ttl)
            .field("id_token_alg", &self.id_token_alg)
            .field("m2m_access_key", &self.m2m_access_key)
            .field("m2m_secret_key", &"<redacted>")
            .field("introspection_auth_method", &self.introspection_auth_method)
            .field("revocation_auth_method", &self.revocation_auth_method)
            .finish()
    }
}

/// An issued authorization code.
#[derive(Debug)]
struct AuthCode {
    code: String,
    user: UserId,
    redirect_uri: String,
    scope: String,
    nonce: Option<String>,
    challenge: Option<(String, String)>,
    issued: Instant,
}

/// An issued protocol access token (a JWT) or refresh token.
#[derive(Debug)]
struct TokenGrant {
    token: String,
    refresh: bool,
    user: Option<UserId>,
    client_id: String,
    scope: String,
    iat: u64,
    exp: u64,
    revoked: bool,
}

/// A QR code of the QR-login flow.
#[derive(Debug)]
pub(super) struct QrRecord {
    pub(super) id: String,
    pub(super) created: Instant,
    pub(super) status: &'static str,
    pub(super) user: Option<UserId>,
    pub(super) ticket: Option<String>,
    pub(super) authorized_at: Option<Instant>,
    pub(super) ticket_used: bool,
}

/// Mutable protocol state (one mutex; never held across an `.await`).
#[derive(Debug, Default)]
pub(super) struct ProtocolStore {
    key_index: usize,
    codes: Vec<AuthCode>,
    grants: Vec<TokenGrant>,
    pub(super) qr_codes: Vec<QrRecord>,
}

/// The fake's protocol configuration and state, a field of the server state.
#[derive(Debug)]
pub(super) struct ProtocolState {
    pub(super) config: FakeOidcConfig,
    store: Mutex<ProtocolStore>,
}

impl ProtocolState {
    pub(super) fn new(config: FakeOidcConfig) -> Self {
        ProtocolState {
            config,
            store: Mutex::new(ProtocolStore::default()),
        }
    }

    pub(super) fn store(&self) -> MutexGuard<'_, ProtocolStore> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// A random URL-safe string (CSPRNG; the fake's codes and tokens must not be guessable by a
/// test that forgets to use the real one).
pub(super) fn random_id(prefix: &str) -> String {
    let token =
        genauth_client::oidc::random_token(24).unwrap_or_else(|_| format!("{}", now_secs()));
    format!("{prefix}{token}")
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `header.claims.signature` with RS256 and fixed key `index`.
fn sign_rs256(index: usize, claims: &Value) -> String {
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
fn sign_hs256(secret: &str, claims: &Value) -> String {
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

/// `http://<host>/oidc`, from the request's `Host` header.
fn issuer(ctx: &Ctx<'_>) -> String {
    format!("http://{}/oidc", ctx.header("host").unwrap_or("127.0.0.1"))
}

/// Client authentication per `method`: the credentials come from the body
/// (`client_id` / `client_secret`, JSON or form) or the `authorization: Basic` header. The error
/// text never echoes what was sent.
pub(super) fn check_client(
    ctx: &Ctx<'_>,
    method: AuthMethod,
    client_id: Option<&str>,
    client_secret: Option<&str>,
) -> Result<(), String> {
    let state = ctx.state;
    let basic = ctx.header("authorization").and_then(parse_basic);
    match method {
        AuthMethod::ClientSecretPost => match (client_id, client_secret) {
            (Some(id), Some(secret)) if id == state.app_id && secret == state.app_secret => Ok(()),
            (Some(_), Some(_)) => Err("client_id or client_secret is wrong".into()),
            _ => Err("this application uses client_secret_post: send client_id and client_secret in the body".into()),
        },
        AuthMethod::ClientSecretBasic => {
            if client_id.is_some() || client_secret.is_some() {
                return Err("this application uses client_secret_basic: send the credentials only in the `authorization: Basic` header".into());
            }
            match basic {
                Some((id, secret)) if id == state.app_id && secret == state.app_secret => Ok(()),
                Some(_) => Err("the Basic credentials are wrong".into()),
                None => Err("this application uses client_secret_basic: send `authorization: Basic base64(appId:appSecret)`".into()),
            }
        }
        AuthMethod::None => {
            if client_secret.is_some() || basic.is_some() {
                return Err("this application uses token endpoint auth method none: do not send a client secret".into());
            }
            match client_id {
                Some(id) if id != state.app_id => Err("client_id does not match the application".into()),
                _ => Ok(()),
            }
        }
    }
}

fn auth_method(m: Option<TokenEndpointAuthMethod>, default: AuthMethod) -> AuthMethod {
    match m {
        None => default,
        Some(TokenEndpointAuthMethod::ClientSecretPost) => AuthMethod::ClientSecretPost,
        Some(TokenEndpointAuthMethod::ClientSecretBasic) => AuthMethod::ClientSecretBasic,
        Some(TokenEndpointAuthMethod::None) => AuthMethod::None,
    }
}

/// An RFC 6749 error reply.
pub(super) fn oauth_error(status: u16, error: &str, description: impl Into<String>) -> Reply {
    Reply::Status(
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        json!({"error": error, "error_description": description.into()}),
    )
}

fn invalid_request(description: impl Into<String>) -> Reply {
    oauth_error(400, "invalid_request", description)
}

fn invalid_grant(description: impl Into<String>) -> Reply {
    oauth_error(400, "invalid_grant", description)
}

/// A form body: `content-type: application/x-www-form-urlencoded`, no repeated keys.
struct Form(Vec<(String, String)>);

impl Form {
    fn parse(ctx: &Ctx<'_>) -> Result<Form, Reply> {
        let content_type = ctx.header("content-type").unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(invalid_request(format!(
                "expected content-type application/x-www-form-urlencoded, got {content_type:?}"
            )));
        }
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(&ctx.req.body).into_owned().collect();
        for (i, (k, _)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(other, _)| other == k) {
                return Err(invalid_request(format!("parameter `{k}` is repeated")));
            }
        }
        Ok(Form(pairs))
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn req(&self, key: &str) -> Result<&str, Reply> {
        match self.get(key) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(invalid_request(format!("missing parameter `{key}`"))),
        }
    }

    fn allow_only(&self, allowed: &[&str]) -> Result<(), Reply> {
        match self.0.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            Some((k, _)) => Err(invalid_request(format!(
                "unknown parameter `{k}`; expected one of {allowed:?}"
            ))),
            None => Ok(()),
        }
    }
}

fn has_scope(scope: &str, wanted: &str) -> bool {
    scope.split_whitespace().any(|s| s == wanted)
}

/// Profile claims of `user` allowed by `scope`.
fn profile_claims(ctx: &Ctx<'_>, user: &UserId, scope: &str, claims: &mut Map<String, Value>) {
    let store = ctx.state.store();
    let Some(u) = store.user(user) else {
        return;
    };
    if (has_scope(scope, "profile") || has_scope(scope, "username"))
        && let Some(n) = &u.username
    {
        claims.insert("preferred_username".into(), n.clone().into());
        claims.insert("name".into(), n.clone().into());
    }
    if has_scope(scope, "email")
        && let Some(e) = &u.email
    {
        claims.insert("email".into(), e.clone().into());
        claims.insert("email_verified".into(), false.into());
    }
    if has_scope(scope, "phone")
        && let Some(p) = &u.phone
    {
        claims.insert("phone_number".into(), p.clone().into());
        claims.insert("phone_number_verified".into(), false.into());
    }
}

/// A signed ID token for `user`.
fn id_token(ctx: &Ctx<'_>, user: &UserId, scope: &str, nonce: Option<&str>) -> String {
    let now = now_secs();
    let mut claims = Map::new();
    claims.insert("iss".into(), issuer(ctx).into());
    claims.insert("sub".into(), user.0.clone().into());
    claims.insert("aud".into(), ctx.state.app_id.clone().into());
    claims.insert("iat".into(), now.into());
    claims.insert("exp".into(), (now + ctx.state.token_ttl).into());
    claims.insert("auth_time".into(), now.into());
    if let Some(n) = nonce {
        claims.insert("nonce".into(), n.into());
    }
    profile_claims(ctx, user, scope, &mut claims);
    let claims = Value::Object(claims);
    match ctx.state.protocol.config.id_token_alg {
        FakeIdTokenAlg::Rs256 => sign_rs256(ctx.state.protocol.store().key_index, &claims),
        FakeIdTokenAlg::Hs256 => sign_hs256(&ctx.state.app_secret, &claims),
    }
}

/// Mints and records an RS256 access token.
fn access_token(ctx: &Ctx<'_>, user: Option<&UserId>, client_id: &str, scope: &str) -> String {
    let now = now_secs();
    let exp = now + ctx.state.token_ttl;
    let mut claims = json!({
        "iss": issuer(ctx),
        "aud": ctx.state.app_id,
        "iat": now,
        "exp": exp,
        "scope": scope,
        "client_id": client_id,
        "jti": random_id(""),
    });
    if let Some(u) = user {
        claims["sub"] = u.0.clone().into();
    }
    let mut store = ctx.state.protocol.store();
    let token = sign_rs256(store.key_index, &claims);
    store.grants.push(TokenGrant {
        token: token.clone(),
        refresh: false,
        user: user.cloned(),
        client_id: client_id.to_owned(),
        scope: scope.to_owned(),
        iat: now,
        exp,
        revoked: false,
    });
    token
}

/// The protocol token response for a user grant (code, refresh, password).
fn user_token_response(
    ctx: &Ctx<'_>,
    user: &UserId,
    scope: &str,
    nonce: Option<&str>,
    refresh_token: Option<String>,
) -> Reply {
    let app_id = ctx.state.app_id.clone();
    let mut body = Map::new();
    body.insert(
        "access_token".into(),
        access_token(ctx, Some(user), &app_id, scope).into(),
    );
    body.insert("expires_in".into(), ctx.state.token_ttl.into());
    if has_scope(scope, "openid") {
        body.insert("id_token".into(), id_token(ctx, user, scope, nonce).into());
    }
    let refresh = refresh_token.or_else(|| {
        has_scope(scope, "offline_access").then(|| {
            let token = random_id("fake_rt_");
            ctx.state.protocol.store().grants.push(TokenGrant {
                token: token.clone(),
                refresh: true,
                user: Some(user.clone()),
                client_id: app_id.clone(),
                scope: scope.to_owned(),
                iat: now_secs(),
                exp: u64::MAX,
                revoked: false,
            });
            token
        })
    });
    if let Some(r) = refresh {
        body.insert("refresh_token".into(), r.into());
    }
    body.insert("scope".into(), scope.into());
    body.insert("token_type".into(), "Bearer".into());
    Reply::Bare(Value::Object(body))
}

/// The enveloped `data` of a `/api/v3/*` login (QR ticket exchange, mobile sign-in): opaque
/// access/refresh tokens from the user store (so user endpoints accept them) and a signed ID
/// token.
pub(super) fn login_token_data(ctx: &Ctx<'_>, user: UserId, scope: &str) -> Value {
    let id = id_token(ctx, &user, scope, None);
    let tokens = ctx
        .state
        .store()
        .issue_tokens(user, scope, ctx.state.token_ttl);
    let mut data = Map::new();
    data.insert("scope".into(), tokens.scope.into());
    data.insert("access_token".into(), tokens.access_token.into());
    data.insert("id_token".into(), id.into());
    if let Some(refresh) = tokens.refresh_token {
        data.insert("refresh_token".into(), refresh.into());
    }
    data.insert("token_type".into(), "Bearer".into());
    data.insert("expire_in".into(), ctx.state.token_ttl.into());
    Value::Object(data)
}

const CLIENT_FIELDS: [&str; 2] = ["client_id", "client_secret"];

fn with_client_fields<'a>(fields: &[&'a str]) -> Vec<&'a str> {
    let mut all = fields.to_vec();
    all.extend(CLIENT_FIELDS);
    all
}

fn authenticate_form(ctx: &Ctx<'_>, form: &Form, method: AuthMethod) -> Result<(), Reply> {
    check_client(
        ctx,
        method,
        form.get("client_id"),
        form.get("client_secret"),
    )
    .map_err(|m| {
        oauth_error(
            401,
            "invalid_client",
            format!("client authentication failed: {m}"),
        )
    })
}

/// `POST /oidc/token` and `/oauth/token`.
pub(super) fn token(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let form = Form::parse(ctx)?;
    match form.req("grant_type")? {
        "client_credentials" => client_credentials(ctx, &form),
        "authorization_code" => {
            form.allow_only(&with_client_fields(&[
                "grant_type",
                "code",
                "redirect_uri",
                "code_verifier",
            ]))?;
            authenticate_form(ctx, &form, ctx.state.auth_method)?;
            authorization_code(ctx, &form)
        }
        "refresh_token" => {
            form.allow_only(&with_client_fields(&[
                "grant_type",
                "refresh_token",
                "scope",
            ]))?;
            authenticate_form(ctx, &form, ctx.state.auth_method)?;
            refresh_token(ctx, &form)
        }
        "password" => {
            form.allow_only(&with_client_fields(&[
                "grant_type",
                "username",
                "email",
                "phone",
                "password",
                "scope",
            ]))?;
            authenticate_form(ctx, &form, ctx.state.auth_method)?;
            password_grant(ctx, &form)
        }
        other => Err(oauth_error(
            400,
            "unsupported_grant_type",
            format!("grant_type {other:?} is not supported"),
        )),
    }
}

fn client_credentials(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    form.allow_only(&with_client_fields(&["grant_type", "scope"]))?;
    let config = &ctx.state.protocol.config;
    if ctx.header("authorization").and_then(parse_basic).is_some() {
        return Err(oauth_error(
            401,
            "invalid_client",
            "client_credentials takes the AccessKey/SecretKey in the form, not as Basic",
        ));
    }
    match (form.get("client_id"), form.get("client_secret")) {
        (Some(ak), Some(sk)) if ak == config.m2m_access_key && sk == config.m2m_secret_key => {}
        _ => {
            return Err(oauth_error(
                401,
                "invalid_client",
                "unknown AccessKey or wrong SecretKey",
            ));
        }
    }
    let scope = form
        .get("scope")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| oauth_error(400, "invalid_scope", "client_credentials requires a scope"))?;
    let token = access_token(ctx, None, &config.m2m_access_key, scope);
    Ok(Reply::Bare(json!({
        "access_token": token,
        "expires_in": ctx.state.token_ttl,
        "scope": scope,
        "token_type": "Bearer",
    })))
}

fn authorization_code(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    let code = form.req("code")?;
    let redirect_uri = form.req("redirect_uri")?;
    let record = {
        let mut store = ctx.state.protocol.store();
        let at = store.codes.iter().position(|c| c.code == code);
        // Single use: consumed whatever happens next.
        at.map(|i| store.codes.remove(i))
    };
    let record =
        record.ok_or_else(|| invalid_grant("authorization code is invalid or was already used"))?;
    if record.issued.elapsed() > ctx.state.protocol.config.authorization_code_ttl {
        return Err(invalid_grant("authorization code expired"));
    }
    if record.redirect_uri != redirect_uri {
        return Err(invalid_grant(
            "redirect_uri does not match the authorize request",
        ));
    }
    match (&record.challenge, form.get("code_verifier")) {
        (Some((challenge, method)), Some(verifier)) => {
            let computed = if method == "S256" {
                b64(&Sha256::digest(verifier.as_bytes()))
            } else {
                verifier.to_owned()
            };
            if &computed != challenge {
                return Err(invalid_grant("PKCE verification failed"));
            }
        }
        (Some(_), None) => return Err(invalid_grant("code_verifier required")),
        (None, Some(_)) => {
            return Err(invalid_grant(
                "code_verifier sent but the authorize request had no code_challenge",
            ));
        }
        (None, None) if ctx.state.auth_method == AuthMethod::None => {
            return Err(invalid_grant("public clients must use PKCE"));
        }
        (None, None) => {}
    }
    Ok(user_token_response(
        ctx,
        &record.user,
        &record.scope,
        record.nonce.as_deref(),
        None,
    ))
}

/// `grant_type=refresh_token`: a protocol refresh token, or one from an `/api/v3` login
/// (`offline_access`); either way it is kept, and the new access token is a protocol one.
fn refresh_token(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    let token = form.req("refresh_token")?;
    let protocol = {
        let store = ctx.state.protocol.store();
        store
            .grants
            .iter()
            .find(|g| g.refresh && g.token == token)
            .map(|g| (g.user.clone(), g.scope.clone(), g.revoked))
    };
    let login = || {
        let found = ctx.state.store().refresh_grant(token);
        found.map(|(user, scope, revoked)| (Some(user), scope, revoked))
    };
    let (user, scope) = match protocol.or_else(login) {
        None => return Err(invalid_grant("refresh token is invalid")),
        Some((_, _, true)) => return Err(invalid_grant("refresh token was revoked")),
        Some((user, scope, false)) => (user, scope),
    };
    let user = user.ok_or_else(|| invalid_grant("refresh token has no user"))?;
    let scope = match form.get("scope") {
        Some(s) if s.split_whitespace().all(|w| has_scope(&scope, w)) => s.to_owned(),
        Some(_) => {
            return Err(oauth_error(
                400,
                "invalid_scope",
                "scope exceeds the original grant",
            ));
        }
        None => scope,
    };
    Ok(user_token_response(
        ctx,
        &user,
        &scope,
        None,
        Some(token.to_owned()),
    ))
}

fn password_grant(ctx: &Ctx<'_>, form: &Form) -> Result<Reply, Reply> {
    let given: Vec<(&str, &str)> = ["username", "email", "phone"]
        .into_iter()
        .filter_map(|k| form.get(k).map(|v| (k, v)))
        .collect();
    let &[(key, value)] = given.as_slice() else {
        return Err(invalid_request(
            "exactly one of username, email, phone is required",
        ));
    };
    let password = form.req("password")?;
    let ident = match key {
        "username" => Identifier::Username(value),
        "email" => Identifier::Email(value),
        _ => Identifier::Phone(value),
    };
    let user = {
        let store = ctx.state.store();
        store
            .find_by_identifier(ident)
            .filter(|id| store.password_matches(id, password))
    };
    let user = user.ok_or_else(|| invalid_grant("invalid credentials provided"))?;
    let scope = form.get("scope").unwrap_or("openid profile").to_owned();
    Ok(user_token_response(ctx, &user, &scope, None, None))
}

/// `POST /oidc/token/introspection` and `/oauth/token/introspection`.
pub(super) fn introspect(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let form = Form::parse(ctx)?;
    form.allow_only(&with_client_fields(&["token", "token_type_hint"]))?;
    let method = auth_method(
        ctx.state.protocol.config.introspection_auth_method,
        ctx.state.auth_method,
    );
    authenticate_form(ctx, &form, method)?;
    let token = form.req("token")?;
    let store = ctx.state.protocol.store();
    let now = now_secs();
    let found = store
        .grants
        .iter()
        .find(|g| g.token == token && !g.revoked && g.exp > now);
    Ok(Reply::Bare(match found {
        None => {
            drop(store);
            login_token_introspection(ctx, token)
        }
        Some(g) => {
            let mut body = json!({
                "active": true,
                "scope": g.scope,
                "client_id": g.client_id,
                "token_type": if g.refresh { "refresh_token" } else { "access_token" },
                "iat": g.iat,
                "iss": issuer(ctx),
                "aud": ctx.state.app_id,
            });
            if !g.refresh {
                body["exp"] = g.exp.into();
            }
            if let Some(u) = &g.user {
                body["sub"] = u.0.clone().into();
            }
            body
        }
    }))
}

/// Introspection of a token issued by an `/api/v3` login (sign-in, QR ticket, mobile), which
/// lives in the user store: `{"active": false}` unless it is valid.
fn login_token_introspection(ctx: &Ctx<'_>, token: &str) -> Value {
    let Some(info) = ctx.state.store().token_info(token) else {
        return json!({"active": false});
    };
    let mut body = json!({
        "active": true,
        "scope": info.scope,
        "client_id": ctx.state.app_id,
        "token_type": if info.refresh { "refresh_token" } else { "access_token" },
        "iat": info.iat,
        "iss": issuer(ctx),
        "aud": ctx.state.app_id,
        "sub": info.user_id.0,
    });
    if let Some(exp) = info.exp {
        body["exp"] = exp.into();
    }
    body
}

/// `POST /oidc/token/revocation` and `/oauth/token/revocation`: always 200 (RFC 7009). Revokes
/// protocol tokens and `/api/v3` login tokens alike, each token on its own: a revoked refresh
/// token no longer refreshes (`invalid_grant`), a revoked access token is inactive on
/// introspection and rejected by userinfo and every user endpoint (statusCode 401, apiCode 2020).
pub(super) fn revoke(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let form = Form::parse(ctx)?;
    form.allow_only(&with_client_fields(&["token", "token_type_hint"]))?;
    let method = auth_method(
        ctx.state.protocol.config.revocation_auth_method,
        ctx.state.auth_method,
    );
    authenticate_form(ctx, &form, method)?;
    let token = form.req("token")?;
    {
        let mut store = ctx.state.protocol.store();
        for g in store.grants.iter_mut().filter(|g| g.token == token) {
            g.revoked = true;
        }
    }
    ctx.state.store().revoke_token(token);
    Ok(Reply::Bare(json!({})))
}

/// The user of a protocol access token (from `/oidc/token`) that is unrevoked and unexpired,
/// raw or as `Bearer <token>`: user endpoints accept these as well as `/api/v3` login tokens.
pub(super) fn protocol_token_user(ctx: &Ctx<'_>, authorization: &str) -> Option<UserId> {
    let token = strip_bearer(authorization.trim());
    let now = now_secs();
    let store = ctx.state.protocol.store();
    let grant = store
        .grants
        .iter()
        .find(|g| !g.refresh && g.token == token && !g.revoked && g.exp > now)?;
    grant.user.clone()
}

/// `GET|POST /oidc/me` and `/oauth/me`: the token as `Bearer`, form `access_token` (POST) or
/// query `access_token`. Accepts protocol access tokens and `/api/v3` login access tokens.
pub(super) fn user_info(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let invalid = |d: &str| oauth_error(401, "invalid_token", d);
    let from_header = ctx.header("authorization").and_then(|h| {
        let (scheme, rest) = h.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| rest.trim().to_owned())
    });
    let from_body = if ctx.req.method == "POST" && !ctx.req.body.is_empty() {
        let form = Form::parse(ctx)?;
        form.allow_only(&["access_token"])?;
        form.get("access_token").map(str::to_owned)
    } else {
        None
    };
    let from_query = ctx
        .req
        .query_pairs()
        .into_iter()
        .find(|(k, _)| k == "access_token")
        .map(|(_, v)| v);
    let token = from_header
        .or(from_body)
        .or(from_query)
        .ok_or_else(|| invalid("no access token"))?;
    let now = now_secs();
    let grant = {
        let store = ctx.state.protocol.store();
        store
            .grants
            .iter()
            .find(|g| !g.refresh && g.token == token)
            .map(|g| (g.user.clone(), g.scope.clone(), g.revoked || g.exp <= now))
    };
    let (user, scope) = match grant {
        Some((_, _, true)) => return Err(invalid("access token expired or revoked")),
        Some((Some(user), scope, false)) => (user, scope),
        Some((None, _, false)) => {
            return Err(invalid("the token has no user (client credentials)"));
        }
        None => match ctx.state.store().user_for_token(&token) {
            Some(user) => (user, "openid profile email phone".to_owned()),
            None => return Err(invalid("access token is invalid")),
        },
    };
    let mut claims = Map::new();
    claims.insert("sub".into(), user.0.clone().into());
    profile_claims(ctx, &user, &scope, &mut claims);
    Ok(Reply::Bare(Value::Object(claims)))
}

/// `GET /oidc/.well-known/jwks.json`: the current signing key.
pub(super) fn jwks(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let index = ctx.state.protocol.store().key_index;
    Ok(Reply::Bare(json!({ "keys": [jwk(index)] })))
}

/// Protocol helpers for tests.
impl FakeServer {
    /// How many requests reached the token endpoint (`/oidc/token` or `/oauth/token`) with
    /// form field `grant_type` equal to `grant_type` (e.g. `"refresh_token"`), whatever their
    /// outcome: faulted, rejected and successful requests all count, like
    /// [`FakeServer::request_count`].
    pub fn token_grant_count(&self, grant_type: &str) -> usize {
        self.state
            .requests()
            .iter()
            .filter(|r| r.path == "/oidc/token" || r.path == "/oauth/token")
            .filter(|r| {
                form_urlencoded::parse(&r.body).any(|(k, v)| k == "grant_type" && v == grant_type)
            })
            .count()
    }

    /// The issuer in tokens the server signs for a client that uses [`FakeServer::base_url`]:
    /// `http://127.0.0.1:<port>/oidc`.
    pub fn issuer(&self) -> String {
        format!("{}/oidc", self.base_url())
    }

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

    /// Plays the browser and the login page for an authorize URL (from `build_authorize_url`):
    /// validates it, signs in the user whose username is `username` with consent, and returns
    /// the redirect the browser would follow (`<redirect_uri>?code=…&state=…`).
    ///
    /// Accepted: `/oidc/auth` or `/oauth/auth`, `response_type=code`, this app's `client_id`, a
    /// `redirect_uri`, `openid` in the scope for OIDC, and an optional PKCE challenge (`S256`
    /// or `plain`). Errors are descriptive strings.
    pub fn approve_authorization(
        &self,
        authorize_url: &str,
        username: &str,
    ) -> Result<String, String> {
        let (path, query) = authorize_url
            .split_once('?')
            .ok_or("the authorize URL has no query")?;
        let oidc = path.ends_with("/oidc/auth");
        if !oidc && !path.ends_with("/oauth/auth") {
            return Err(format!("not an authorize URL: {path}"));
        }
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        if get("response_type").as_deref() != Some("code") {
            return Err("response_type must be code".into());
        }
        if get("client_id").as_deref() != Some(self.app_id()) {
            return Err("client_id is not this application".into());
        }
        let redirect_uri = get("redirect_uri").ok_or("redirect_uri is required")?;
        let scope = get("scope").unwrap_or_default();
        if oidc && !has_scope(&scope, "openid") {
            return Err("scope must include openid".into());
        }
        let challenge = match (get("code_challenge"), get("code_challenge_method")) {
            (Some(c), m) => {
                let m = m.unwrap_or_else(|| "plain".to_owned());
                if m != "S256" && m != "plain" {
                    return Err(format!("unsupported code_challenge_method {m}"));
                }
                Some((c, m))
            }
            (None, Some(_)) => return Err("code_challenge_method without code_challenge".into()),
            (None, None) => None,
        };
        let user = self
            .state
            .store()
            .find_by_identifier(Identifier::Username(username))
            .ok_or_else(|| format!("no user named {username}"))?;
        let code = random_id("fake_code_");
        self.state.protocol.store().codes.push(AuthCode {
            code: code.clone(),
            user,
            redirect_uri: redirect_uri.clone(),
            scope,
            nonce: get("nonce"),
            challenge,
            issued: Instant::now(),
        });
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("code", &code);
        if let Some(state) = get("state") {
            out.append_pair("state", &state);
        }
        let sep = if redirect_uri.contains('?') { '&' } else { '?' };
        Ok(format!("{redirect_uri}{sep}{}", out.finish()))
    }
}
