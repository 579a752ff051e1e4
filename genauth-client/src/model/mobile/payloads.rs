//! Payloads of `signin-by-mobile`, one type per payload shape.

use crate::dto;
use crate::secret::Secret;

/// A payload carrying only the provider's authorization `code`.
#[dto]
pub struct CodePayload {
    /// The authorization code the provider's mobile SDK returned (redacted in `Debug`).
    pub code: Secret,
}

/// A payload carrying the provider's `access_token` (Facebook, QQ, Weibo, Amazon).
#[dto(rename_all = "snake_case")]
pub struct AccessTokenPayload {
    /// The provider's access token (wire name `access_token`).
    pub access_token: Secret,
}

/// `linePayload`.
#[dto(rename_all = "snake_case")]
pub struct LinePayload {
    /// LINE access token.
    pub access_token: Secret,
    /// LINE id token.
    pub id_token: Option<Secret>,
}

/// `baiduPayload`: `code` or `access_token` (the server prefers `code`).
#[dto(rename_all = "snake_case")]
pub struct BaiduPayload {
    /// Authorization code.
    pub code: Option<Secret>,
    /// Access token.
    pub access_token: Option<Secret>,
}

/// `dingTalkPayload`.
#[dto]
pub struct DingTalkPayload {
    /// Authorization code.
    pub code: Secret,
    /// Whether `code` is a DingTalk SNS code.
    pub is_sns_code: Option<bool>,
}

/// `yidunPayload` (NetEase Yidun one-tap login).
#[dto]
pub struct YidunPayload {
    /// Yidun token.
    pub token: Option<Secret>,
    /// Carrier access token.
    pub access_token: Option<Secret>,
}

/// A mini-program `code` login, with optional encrypted user data (WeChat and Douyin).
#[dto]
pub struct MiniProgramCodePayload {
    /// `wx.login` / `tt.login` code.
    pub code: Secret,
    /// Encrypted user data.
    pub encrypted_data: Option<String>,
    /// IV of `encrypted_data`.
    pub iv: Option<String>,
}

/// `wechatMiniProgramPhonePayload`.
#[dto]
pub struct WechatMiniProgramPhonePayload {
    /// `wx.login` code.
    pub code: Secret,
    /// Encrypted phone data.
    pub encrypted_data: String,
    /// IV of `encrypted_data`.
    pub iv: String,
}

/// `wxPhoneInfo` of `wechatMiniProgramCodeAndPhonePayload`.
#[dto]
pub struct WechatMiniProgramPhoneInfo {
    /// `getPhoneNumber` code.
    pub code: Secret,
}

/// `wechatMiniProgramCodeAndPhonePayload`.
#[dto]
pub struct WechatMiniProgramCodeAndPhonePayload {
    /// The login part.
    pub wx_login_info: MiniProgramCodePayload,
    /// The phone part.
    pub wx_phone_info: WechatMiniProgramPhoneInfo,
}

/// `phoneParams` of `douyinMiniProgramCodeAndPhonePayload`.
#[dto]
pub struct DouyinMiniProgramPhoneInfo {
    /// Encrypted phone data.
    pub encrypted_data: Option<String>,
    /// IV of `encrypted_data`.
    pub iv: Option<String>,
}

/// `douyinMiniProgramCodeAndPhonePayload`.
#[dto]
pub struct DouyinMiniProgramCodeAndPhonePayload {
    /// The login part.
    pub login_params: MiniProgramCodePayload,
    /// The phone part.
    pub phone_params: DouyinMiniProgramPhoneInfo,
}
