//! Payloads of `signin-by-mobile`, one type per payload shape.

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// A payload carrying only the provider's authorization `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodePayload {
    /// The authorization code the provider's mobile SDK returned (redacted in `Debug`).
    pub code: Secret,
}

/// A payload carrying the provider's `access_token` (Facebook, QQ, Weibo, Amazon).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessTokenPayload {
    /// The provider's access token (wire name `access_token`).
    pub access_token: Secret,
}

/// `linePayload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePayload {
    /// LINE access token.
    pub access_token: Secret,
    /// LINE id token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<Secret>,
}

/// `baiduPayload`: `code` or `access_token` (the server prefers `code`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaiduPayload {
    /// Authorization code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Secret>,
    /// Access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
}

/// `dingTalkPayload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DingTalkPayload {
    /// Authorization code.
    pub code: Secret,
    /// Whether `code` is a DingTalk SNS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_sns_code: Option<bool>,
}

/// `yidunPayload` (NetEase Yidun one-tap login).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct YidunPayload {
    /// Yidun token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// Carrier access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
}

/// A mini-program `code` login, with optional encrypted user data (WeChat and Douyin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MiniProgramCodePayload {
    /// `wx.login` / `tt.login` code.
    pub code: Secret,
    /// Encrypted user data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_data: Option<String>,
    /// IV of `encrypted_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iv: Option<String>,
}

/// `wechatMiniProgramPhonePayload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WechatMiniProgramPhonePayload {
    /// `wx.login` code.
    pub code: Secret,
    /// Encrypted phone data.
    pub encrypted_data: String,
    /// IV of `encrypted_data`.
    pub iv: String,
}

/// `wxPhoneInfo` of `wechatMiniProgramCodeAndPhonePayload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WechatMiniProgramPhoneInfo {
    /// `getPhoneNumber` code.
    pub code: Secret,
}

/// `wechatMiniProgramCodeAndPhonePayload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WechatMiniProgramCodeAndPhonePayload {
    /// The login part.
    pub wx_login_info: MiniProgramCodePayload,
    /// The phone part.
    pub wx_phone_info: WechatMiniProgramPhoneInfo,
}

/// `phoneParams` of `douyinMiniProgramCodeAndPhonePayload`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DouyinMiniProgramPhoneInfo {
    /// Encrypted phone data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_data: Option<String>,
    /// IV of `encrypted_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iv: Option<String>,
}

/// `douyinMiniProgramCodeAndPhonePayload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DouyinMiniProgramCodeAndPhonePayload {
    /// The login part.
    pub login_params: MiniProgramCodePayload,
    /// The phone part.
    pub phone_params: DouyinMiniProgramPhoneInfo,
}
