use serde::{Deserialize, Serialize};

use crate::WireSchema;
use crate::crypto::PasswordEncryptType;
use crate::dto;
use crate::secret::{Password, Secret};

/// `connection` of `POST /api/v3/signin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
pub enum Connection {
    /// Password with an identifier (`passwordPayload`).
    #[default]
    #[serde(rename = "PASSWORD")]
    Password,
    /// One-time passcode by SMS or email (`passCodePayload`).
    #[serde(rename = "PASSCODE")]
    Passcode,
    /// LDAP account (`ldapPayload`).
    #[serde(rename = "LDAP")]
    Ldap,
    /// Active Directory account (`adPayload`).
    #[serde(rename = "AD")]
    Ad,
}

/// Body of `POST /api/v3/signin` (`SigninByCredentialsDto`). `client_id`/`client_secret` are
/// added by the pipeline per the client's auth method.
#[dto]
pub struct SignInByCredentialsDto {
    /// Which credential kind follows.
    pub connection: Connection,
    /// For [`Connection::Password`].
    pub password_payload: Option<PasswordPayload>,
    /// For [`Connection::Passcode`].
    pub pass_code_payload: Option<PassCodePayload>,
    /// For [`Connection::Ldap`].
    pub ldap_payload: Option<DirectoryPayload>,
    /// For [`Connection::Ad`].
    pub ad_payload: Option<DirectoryPayload>,
    /// Sign-in options.
    pub options: Option<SignInOptions>,
}

/// `passwordPayload`: a password and exactly one identifier.
#[dto]
pub struct PasswordPayload {
    /// The password (encrypted on the wire per `passwordEncryptType`).
    pub password: Password,
    /// Username, phone or email.
    pub account: Option<String>,
    /// Email (case-insensitive).
    pub email: Option<String>,
    /// Username.
    pub username: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// `passCodePayload`: a one-time code sent by `send-sms` / `send-email` (`CHANNEL_LOGIN`).
#[dto]
pub struct PassCodePayload {
    /// The code.
    pub pass_code: Secret,
    /// Email the code was sent to.
    pub email: Option<String>,
    /// Phone the code was sent to.
    pub phone: Option<String>,
    /// Country code such as `+86` (optional for mainland China).
    pub phone_country_code: Option<String>,
}

/// `ldapPayload` / `adPayload`.
#[dto]
pub struct DirectoryPayload {
    /// The directory account name.
    #[serde(rename = "sAMAccountName")]
    pub sam_account_name: String,
    /// The password (encrypted on the wire per `passwordEncryptType`).
    pub password: Password,
}

/// `options` of `POST /api/v3/signin` (`SignInOptionsDto`).
#[dto]
pub struct SignInOptions {
    /// Space-separated scopes; must include `openid` (`offline_access` yields a refresh token).
    pub scope: Option<String>,
    /// The end user's IP when calling from a backend.
    pub client_ip: Option<String>,
    /// Passed to pipeline `context`.
    pub context: Option<serde_json::Value>,
    /// Tenant id.
    pub tenant_id: Option<String>,
    /// Extra custom data.
    pub custom_data: Option<serde_json::Value>,
    /// Create the user if missing (username/email/phone password logins only). `Some(false)` is sent.
    pub auto_register: Option<bool>,
    /// Graphic captcha answer.
    pub captcha_code: Option<String>,
    /// Captcha token from `get-captcha-code`.
    pub captcha_token: Option<String>,
    /// `none` / `rsa` / `sm2`. Unset: the client default applies (and is written here when it
    /// is not `none`).
    pub password_encrypt_type: Option<PasswordEncryptType>,
}

/// The token set a login returns (`LoginTokenResponseDataDto`). Tokens are redacted in `Debug`.
#[dto(rename_all = "snake_case")]
#[serde(try_from = "RawLoginTokenSet")]
pub struct LoginTokenSet {
    /// Access token.
    pub access_token: Option<Secret>,
    /// OIDC id token.
    pub id_token: Option<Secret>,
    /// Refresh token (only with `offline_access`).
    pub refresh_token: Option<Secret>,
    /// Token type, e.g. `Bearer`.
    pub token_type: String,
    /// Lifetime in seconds. Read from `expires_in` or the DTOs' `expire_in`.
    pub expires_in: u64,
    /// Granted scope.
    pub scope: Option<String>,
}

/// A token reply as sent, every field optional: decoded into [`LoginTokenSet`] (which needs a
/// lifetime) and into [`crate::RefreshedTokenSet`] (which needs an access token).
#[derive(Deserialize)]
pub(super) struct RawLoginTokenSet {
    #[serde(default)]
    pub(super) access_token: Option<Secret>,
    #[serde(default)]
    pub(super) id_token: Option<Secret>,
    #[serde(default)]
    pub(super) refresh_token: Option<Secret>,
    #[serde(default)]
    pub(super) token_type: Option<String>,
    #[serde(default)]
    pub(super) expires_in: Option<u64>,
    #[serde(default)]
    pub(super) expire_in: Option<u64>,
    #[serde(default)]
    pub(super) scope: Option<String>,
}

impl TryFrom<RawLoginTokenSet> for LoginTokenSet {
    type Error = &'static str;

    fn try_from(raw: RawLoginTokenSet) -> Result<Self, Self::Error> {
        Ok(LoginTokenSet {
            expires_in: raw
                .expires_in
                .or(raw.expire_in)
                .ok_or("missing field `expires_in (or expire_in)`")?,
            access_token: raw.access_token,
            id_token: raw.id_token,
            refresh_token: raw.refresh_token,
            token_type: raw.token_type.unwrap_or_else(|| "Bearer".to_owned()),
            scope: raw.scope,
        })
    }
}

/// `channel` of `POST /api/v3/send-sms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
#[allow(missing_docs)]
pub enum SmsChannel {
    #[default]
    #[serde(rename = "CHANNEL_LOGIN")]
    Login,
    #[serde(rename = "CHANNEL_REGISTER")]
    Register,
    #[serde(rename = "CHANNEL_RESET_PASSWORD")]
    ResetPassword,
    #[serde(rename = "CHANNEL_BIND_PHONE")]
    BindPhone,
    #[serde(rename = "CHANNEL_UNBIND_PHONE")]
    UnbindPhone,
    #[serde(rename = "CHANNEL_BIND_MFA")]
    BindMfa,
    #[serde(rename = "CHANNEL_VERIFY_MFA")]
    VerifyMfa,
    #[serde(rename = "CHANNEL_UNBIND_MFA")]
    UnbindMfa,
    #[serde(rename = "CHANNEL_COMPLETE_PHONE")]
    CompletePhone,
    #[serde(rename = "CHANNEL_IDENTITY_VERIFICATION")]
    IdentityVerification,
    #[serde(rename = "CHANNEL_DELETE_ACCOUNT")]
    DeleteAccount,
}

/// Body of `POST /api/v3/send-sms`.
#[dto]
pub struct SendSmsDto {
    /// What the code is for.
    pub channel: SmsChannel,
    /// Phone number.
    pub phone_number: String,
    /// Country code such as `+86`.
    pub phone_country_code: Option<String>,
}

/// `channel` of `POST /api/v3/send-email`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
#[allow(missing_docs)]
pub enum EmailChannel {
    #[default]
    #[serde(rename = "CHANNEL_LOGIN")]
    Login,
    #[serde(rename = "CHANNEL_REGISTER")]
    Register,
    #[serde(rename = "CHANNEL_RESET_PASSWORD")]
    ResetPassword,
    #[serde(rename = "CHANNEL_VERIFY_EMAIL_LINK")]
    VerifyEmailLink,
    #[serde(rename = "CHANNEL_UPDATE_EMAIL")]
    UpdateEmail,
    #[serde(rename = "CHANNEL_BIND_EMAIL")]
    BindEmail,
    #[serde(rename = "CHANNEL_UNBIND_EMAIL")]
    UnbindEmail,
    #[serde(rename = "CHANNEL_VERIFY_MFA")]
    VerifyMfa,
    #[serde(rename = "CHANNEL_UNLOCK_ACCOUNT")]
    UnlockAccount,
    #[serde(rename = "CHANNEL_COMPLETE_EMAIL")]
    CompleteEmail,
    #[serde(rename = "CHANNEL_DELETE_ACCOUNT")]
    DeleteAccount,
}

/// Body of `POST /api/v3/send-email`.
#[dto]
pub struct SendEmailDto {
    /// What the code is for.
    pub channel: EmailChannel,
    /// Email address.
    pub email: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_set_accepts_both_expiry_names_and_redacts() {
        let a: LoginTokenSet = serde_json::from_str(
            r#"{"access_token":"AT-1","token_type":"bearer","expire_in":7200}"#,
        )
        .unwrap();
        let b: LoginTokenSet =
            serde_json::from_str(r#"{"access_token":"AT-1","expires_in":7200}"#).unwrap();
        assert_eq!(a.expires_in, 7200);
        assert_eq!(b.expires_in, 7200);
        assert!(!format!("{a:?}").contains("AT-1"));
        assert!(serde_json::from_str::<LoginTokenSet>(r#"{"access_token":"x"}"#).is_err());
    }

    #[test]
    fn absent_fields_omitted_false_kept() {
        let dto = SignInByCredentialsDto {
            connection: Connection::Password,
            password_payload: Some(PasswordPayload {
                password: "pw".into(),
                email: Some("a@b.c".into()),
                ..Default::default()
            }),
            options: Some(SignInOptions {
                auto_register: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&dto).unwrap(),
            r#"{"connection":"PASSWORD","passwordPayload":{"password":"pw","email":"a@b.c"},"options":{"autoRegister":false}}"#
        );
    }
}
