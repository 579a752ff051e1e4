//! WeChat mobile login through the v2 external-connection API (`/api/v2/ecConn/wechatMobile/*`),
//! including the "ask to bind" flow: when the connection asks new WeChat users to bind an
//! existing account, `authByCodeIdentity` yields an intermediate-state `key`, and one of the
//! bind endpoints (by account + password, email code, phone code, account id, a selected account,
//! or registering a new user) finishes the login with it.
//!
//! Request shapes are the recorded wire (node `*InputApi` DTOs). Responses: node types them as
//! the bare token set (`LoginTokenResponseDataDto` / `WechatLoginTokenRespDto`), so the endpoints
//! accept it bare or enveloped.

use super::{LoginTokenSet, SignInOptions};
use crate::dto;
use crate::secret::{Password, Secret};

/// Body of `POST /api/v2/ecConn/wechatMobile/authByCodeIdentity` (node
/// `WechatMobileAuthByCodeIdentityInput`).
#[dto]
pub struct WechatMobileAuthByCodeIdentityDto {
    /// The authorization code the WeChat SDK returned to the app (redacted in `Debug`).
    pub code: Secret,
    /// Application id.
    pub app_id: Option<String>,
    /// The WeChat connection id.
    pub conn_id: Option<String>,
    /// Sign-in options (node `SignInOptionsDto`, as for `/api/v3/signin`).
    pub options: Option<SignInOptions>,
}

/// What `authByCodeIdentity` answers: a token set when the login completed; otherwise (the
/// "ask to bind" intermediate state, whose shape is not established by any source) whatever the
/// server sent, in `extra`.
///
/// `token_set` is `None` when the reply has no expiry (`expire_in` / `expires_in`); the token
/// fields it reads (`access_token`, `id_token`, `refresh_token`, `token_type`, `scope`,
/// `expire_in`, `expires_in`) are then not in `extra` either.
#[dto(extra)]
pub struct WechatMobileAuthResult {
    /// The tokens, when the login completed.
    #[serde(flatten)]
    pub token_set: Option<LoginTokenSet>,
}

/// Body of `POST /api/v2/ecConn/wechatMobile/register` (node `BindByRegiserInputApi`): create a
/// user from the WeChat profile and bind it.
#[dto]
pub struct WechatBindByRegisterDto {
    /// The intermediate-state key from `authByCodeIdentity` (redacted in `Debug`).
    pub key: Secret,
    /// The operation code.
    pub action: String,
}

/// Body of `POST /api/v2/ecConn/wechatMobile/byEmailCode` (node `BindByEmailCodeInputApi`).
#[dto]
pub struct WechatBindByEmailCodeDto {
    /// The intermediate-state key from `authByCodeIdentity`.
    pub key: Secret,
    /// The operation code.
    pub action: String,
    /// The email passcode (4 or 6 digits).
    pub code: Secret,
    /// The email it was sent to.
    pub email: String,
}

/// Body of `POST /api/v2/ecConn/wechatMobile/byPhoneCode` (node `BindByPhoneCodeInputApi`).
#[dto]
pub struct WechatBindByPhoneCodeDto {
    /// The intermediate-state key from `authByCodeIdentity`.
    pub key: Secret,
    /// The operation code.
    pub action: String,
    /// The SMS passcode (4 or 6 digits).
    pub code: Secret,
    /// The phone it was sent to.
    pub phone: String,
    /// Country code such as `+86`.
    pub phone_country_code: Option<String>,
}

/// Body of `POST /api/v2/ecConn/wechatMobile/byAccount` (node `BindByAccountInputApi`).
///
/// The password is sent as given: this body has no `passwordEncryptType` on the wire (neither
/// SDK sends one and node's DTO declares none), so the password hook cannot apply.
#[dto]
pub struct WechatBindByAccountDto {
    /// The intermediate-state key from `authByCodeIdentity`.
    pub key: Secret,
    /// The operation code.
    pub action: String,
    /// The account's password (plain; redacted in `Debug`).
    pub password: Password,
    /// Username, phone or email.
    pub account: String,
}

/// Body of `POST /api/v2/ecConn/wechatMobile/select` (node `BindByAccountsInputApi`): bind one
/// of several matching accounts.
#[dto]
pub struct WechatSelectAccountDto {
    /// The intermediate-state key from `authByCodeIdentity`.
    pub key: Secret,
    /// The operation code.
    pub action: String,
    /// The selected account's id.
    pub account: String,
}

/// Body of `POST /api/v2/ecConn/wechatMobile/byAccountId` (node `BindByAccountIdInputApi`).
#[dto]
pub struct WechatBindByAccountIdDto {
    /// The intermediate-state key from `authByCodeIdentity`.
    pub key: Secret,
    /// The operation code.
    pub action: String,
    /// The account id.
    pub account_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_result_is_tokens_or_raw() {
        let r: WechatMobileAuthResult =
            serde_json::from_str(r#"{"access_token":"AT-7","token_type":"bearer","expire_in":60}"#)
                .unwrap();
        assert_eq!(r.token_set.as_ref().map(|t| t.expires_in), Some(60));
        assert!(r.extra.is_empty());
        assert!(!format!("{r:?}").contains("AT-7"));
        let r: WechatMobileAuthResult =
            serde_json::from_str(r#"{"key":"K","accounts":[]}"#).unwrap();
        assert!(r.token_set.is_none());
        assert_eq!(r.extra["key"], "K");
    }
}
