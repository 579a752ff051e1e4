//! OIDC / OAuth 2.0 protocol bodies. All requests are form-encoded
//! (`application/x-www-form-urlencoded`); replies are bare JSON (not enveloped). Token responses
//! decode into [`crate::LoginTokenSet`], which accepts `expires_in` as the protocol sends it.

use serde::{Deserialize, Serialize};

use super::login::RawLoginTokenSet;
use crate::dto;
use crate::secret::{Password, Secret};

/// A `POST /oidc/token` (or `/oauth/token`) request authenticated as the application (client
/// auth per the token endpoint auth method, added by the pipeline).
///
/// ```
/// # extern crate genauth_client as genauth;
/// use genauth::TokenRequest;
///
/// let body = TokenRequest::AuthorizationCode {
///     code: "CODE".into(),
///     redirect_uri: "https://app.example/cb".into(),
///     code_verifier: None,
/// };
/// assert_eq!(
///     serde_json::to_value(&body).unwrap(),
///     serde_json::json!({"grant_type": "authorization_code", "code": "CODE",
///                        "redirect_uri": "https://app.example/cb"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "grant_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenRequest {
    /// `grant_type=authorization_code`: exchange the code the authorize redirect returned.
    AuthorizationCode {
        /// The single-use code (valid 10 minutes).
        code: Secret,
        /// Must equal the `redirect_uri` of the authorize request.
        redirect_uri: String,
        /// The PKCE verifier (the original value, not its digest).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code_verifier: Option<Secret>,
    },
    /// `grant_type=refresh_token`: a new access token (refresh tokens need `offline_access`).
    RefreshToken {
        /// The refresh token.
        refresh_token: Secret,
        /// Narrower scope, optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<String>,
    },
    /// `grant_type=password` (documented, not in py/node): username, email or phone + password.
    Password {
        /// Which identifier signs in.
        #[serde(flatten)]
        identity: PasswordGrantIdentity,
        /// The password (sent as is: the protocol endpoint has no `passwordEncryptType`).
        password: Password,
        /// Space-separated scopes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope: Option<String>,
    },
}

/// The identifier of a password grant: exactly one of `username`, `email`, `phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordGrantIdentity {
    /// `username=`.
    Username(String),
    /// `email=`.
    Email(String),
    /// `phone=`.
    Phone(String),
}

/// `grant_type=client_credentials` (M2M): authenticated by a programmatic-access account's
/// AccessKey/SecretKey, always in the form (never Basic), whatever the app's auth method.
#[dto(rename_all = "snake_case")]
#[serde(tag = "grant_type", rename = "client_credentials")]
pub struct ClientCredentialsRequest {
    /// Required space-separated scopes (resource:action items).
    pub scope: String,
    /// The AccessKey (`client_id`).
    pub client_id: String,
    /// The SecretKey (`client_secret`).
    pub client_secret: Secret,
}

/// `grant_type=refresh_token` as [`crate::Oidc::refresh_token`] sends it: a new access token
/// for a refresh token (refresh tokens need the `offline_access` scope at login).
#[dto(rename_all = "snake_case")]
#[serde(tag = "grant_type", rename = "refresh_token")]
pub struct RefreshTokenRequest {
    /// The refresh token.
    pub refresh_token: Secret,
    /// Narrower scope, optional.
    pub scope: Option<String>,
}

/// The reply of the refresh-token grant ([`crate::Oidc::refresh_token`]), decoded leniently:
/// RFC 6749 (§5.1, §6) requires only `access_token` and `token_type`, and a server that does not
/// rotate refresh tokens sends no new one, so everything else is optional (`None`: keep what you
/// had; an absent lifetime is unknown). `expires_in` is read from `expires_in` or `expire_in`.
/// Tokens are redacted in `Debug`.
#[dto(rename_all = "snake_case")]
#[serde(try_from = "RawLoginTokenSet")]
pub struct RefreshedTokenSet {
    /// The new access token.
    pub access_token: Secret,
    /// A new refresh token, when the server rotates them.
    pub refresh_token: Option<Secret>,
    /// A new ID token, when the server sends one.
    pub id_token: Option<Secret>,
    /// Token type, e.g. `Bearer`.
    pub token_type: Option<String>,
    /// Lifetime of the new access token in seconds, when the server says.
    pub expires_in: Option<u64>,
    /// Granted scope, when it changed or the server repeats it.
    pub scope: Option<String>,
}

impl TryFrom<RawLoginTokenSet> for RefreshedTokenSet {
    type Error = &'static str;

    fn try_from(raw: RawLoginTokenSet) -> Result<Self, Self::Error> {
        Ok(RefreshedTokenSet {
            access_token: raw.access_token.ok_or("missing field `access_token`")?,
            refresh_token: raw.refresh_token,
            id_token: raw.id_token,
            token_type: raw.token_type,
            expires_in: raw.expires_in.or(raw.expire_in),
            scope: raw.scope,
        })
    }
}

/// Body of the introspection and revocation endpoints (`token`, optional `token_type_hint`).
#[dto(rename_all = "snake_case")]
pub struct TokenRequestBody {
    /// The access or refresh token.
    pub token: Secret,
    /// `access_token` or `refresh_token`.
    pub token_type_hint: Option<String>,
}

/// Reply of `POST /oidc/token/introspection` (RFC 7662 style; only `active` is guaranteed).
#[dto(rename_all = "snake_case", extra)]
pub struct TokenIntrospection {
    /// Whether the token is valid now.
    pub active: bool,
    /// Granted scope.
    pub scope: Option<String>,
    /// The client the token was issued to.
    pub client_id: Option<String>,
    /// Subject (user id).
    pub sub: Option<String>,
    /// `access_token` / `refresh_token` / `Bearer`.
    pub token_type: Option<String>,
    /// Expiry (seconds since the epoch).
    pub exp: Option<u64>,
    /// Issued at (seconds since the epoch).
    pub iat: Option<u64>,
    /// Issuer.
    pub iss: Option<String>,
    /// Audience (a string or an array).
    pub aud: Option<serde_json::Value>,
}

/// Body of `POST /oidc/me` (RFC 6750 §2.2: the token in the form body, not in a URL).
#[dto(rename_all = "snake_case")]
pub struct UserInfoRequest {
    /// The user's access token.
    pub access_token: Secret,
}

/// Reply of the userinfo endpoint: standard OIDC claims (those granted by the token's scope).
#[dto(rename_all = "snake_case", extra)]
pub struct OidcUserInfo {
    /// Subject: the user id.
    pub sub: String,
    /// Full name.
    pub name: Option<String>,
    /// Nickname.
    pub nickname: Option<String>,
    /// Preferred username.
    pub preferred_username: Option<String>,
    /// Avatar URL.
    pub picture: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Whether the email is verified.
    pub email_verified: Option<bool>,
    /// Phone number.
    pub phone_number: Option<String>,
    /// Whether the phone number is verified.
    pub phone_number_verified: Option<bool>,
}

/// `GET /oidc/.well-known/jwks.json`: the application's public signing keys.
#[dto(rename_all = "snake_case")]
pub struct Jwks {
    /// The keys.
    pub keys: Vec<Jwk>,
}

/// One JSON Web Key (RSA members only; others are kept in `extra`).
#[dto(rename_all = "snake_case", extra)]
pub struct Jwk {
    /// Key type, `RSA` for GenAuth's signing keys.
    pub kty: String,
    /// Key id, matched against a token header's `kid`.
    pub kid: Option<String>,
    /// Intended use, `sig`.
    #[serde(rename = "use")]
    pub key_use: Option<String>,
    /// Algorithm, e.g. `RS256`.
    pub alg: Option<String>,
    /// RSA modulus (base64url).
    pub n: Option<String>,
    /// RSA exponent (base64url).
    pub e: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refreshed_token_sets_decode_leniently_but_need_an_access_token() {
        let only: RefreshedTokenSet = serde_json::from_str(r#"{"access_token":"a"}"#).unwrap();
        assert_eq!(only.access_token.expose(), "a");
        assert_eq!((only.expires_in, only.refresh_token), (None, None));
        let dto: RefreshedTokenSet = serde_json::from_str(
            r#"{"access_token":"a","expire_in":60,"refresh_token":"r","token_type":"Bearer"}"#,
        )
        .unwrap();
        assert_eq!(dto.expires_in, Some(60));
        assert_eq!(dto.refresh_token.as_ref().unwrap().expose(), "r");
        let err = serde_json::from_str::<RefreshedTokenSet>(r#"{"expires_in":60}"#).unwrap_err();
        assert!(err.to_string().contains("access_token"), "{err}");
        assert!(
            !format!("{dto:?}").contains("\"a\""),
            "tokens redacted in Debug"
        );
    }

    #[test]
    fn grants_serialise_with_grant_type() {
        let body = TokenRequest::Password {
            identity: PasswordGrantIdentity::Email("a@b.c".into()),
            password: "pw".into(),
            scope: Some("openid".into()),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"grant_type":"password","email":"a@b.c","password":"pw","scope":"openid"})
        );
        let body = TokenRequest::RefreshToken {
            refresh_token: "RT".into(),
            scope: None,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"grant_type":"refresh_token","refresh_token":"RT"})
        );
        assert!(!format!("{body:?}").contains("RT\""));
        let cc = ClientCredentialsRequest {
            scope: "s".into(),
            client_id: "ak".into(),
            client_secret: "sk".into(),
        };
        assert_eq!(
            serde_json::to_value(&cc).unwrap(),
            json!({"grant_type":"client_credentials","scope":"s","client_id":"ak","client_secret":"sk"})
        );
    }
}
