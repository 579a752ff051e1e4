//! `POST /api/v3/signin-by-mobile` (mobile social login) and `GET /api/v3/get-alipay-authinfo`.
//!
//! The body is `{extIdpConnidentifier, connection, <x>Payload, options?}` (+ `client_id` /
//! `client_secret`, added by the pipeline per the client auth method). [`MobileConnection`] is
//! the typed `connection` + payload pair: each variant serialises to its wire `connection` name
//! and its payload key, including the irregular ones (`linkedInPayload`, `dingTalkPayload`,
//! `wechatworkAgencyPayload`).
//!
//! - this module: the `signin-by-mobile` body and options, and `get-alipay-authinfo`'s `data`;
//! - `payloads`: the providers' payload types;
//! - `connection`: [`MobileConnection`] and its constructors.

mod connection;
mod payloads;
#[cfg(test)]
mod tests;

use crate::dto;

pub use connection::*;
pub use payloads::*;

/// Body of `POST /api/v3/signin-by-mobile` (`SigninByMobileDto`).
///
/// ```
/// # extern crate genauth_client as genauth;
/// use genauth::{MobileConnection, SignInByMobileDto};
///
/// let dto = SignInByMobileDto {
///     ext_idp_conn_identifier: "my-wechat-conn".into(),
///     connection: MobileConnection::wechat("CODE"),
///     ..Default::default()
/// };
/// assert_eq!(
///     serde_json::to_value(&dto).unwrap(),
///     serde_json::json!({
///         "extIdpConnidentifier": "my-wechat-conn",
///         "connection": "wechat",
///         "wechatPayload": {"code": "CODE"}
///     })
/// );
/// ```
#[dto]
pub struct SignInByMobileDto {
    /// The identifier of the external identity-provider connection (console: "唯一标识").
    /// The wire name is `extIdpConnidentifier` (sic, lowercase `i`).
    #[serde(rename = "extIdpConnidentifier")]
    pub ext_idp_conn_identifier: String,
    /// `connection` and its payload.
    #[serde(flatten)]
    pub connection: MobileConnection,
    /// Sign-in options.
    pub options: Option<SignInByMobileOptions>,
}

/// `options` of `signin-by-mobile` (`SignInByMobileOptionsDto`).
#[dto]
pub struct SignInByMobileOptions {
    /// Space-separated scopes; must include `openid` (`offline_access` yields a refresh token).
    pub scope: Option<String>,
    /// Passed to pipeline `context`.
    pub context: Option<serde_json::Value>,
    /// Tenant id.
    pub tenant_id: Option<String>,
    /// Extra custom data.
    pub custom_data: Option<serde_json::Value>,
}

/// `data` of `GET /api/v3/get-alipay-authinfo`.
#[dto]
pub struct AlipayAuthInfo {
    /// The `authInfo` string the Alipay SDK is launched with.
    pub auth_info: String,
}
