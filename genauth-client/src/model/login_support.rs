//! Graphic captcha (`GET /api/v3/get-captcha-code`) and public-account switching
//! (`POST /api/v3/switch-login-by-user`), plus the `{scope, context, customData}` options shared by
//! the newer login endpoints (push, fastpass, WebAuthn, switch).

use crate::dto;

/// `options` of the newer login endpoints: node's `SignInBySwitchOptionsDto`,
/// `SignInByPushOptionsDto`, `SignInFastpassOptionsDto` and `SignInByWebAuthnOptionsDto`, which
/// all carry these three fields.
#[dto]
pub struct SignInScopeOptions {
    /// Space-separated scopes; must include `openid` (`offline_access` yields a refresh token).
    pub scope: Option<String>,
    /// Passed to pipeline `context` (a JSON object; node types it `any`, or `string` for push).
    pub context: Option<serde_json::Value>,
    /// Extra user custom data (the fields must be configured in the console first).
    pub custom_data: Option<serde_json::Value>,
}

/// `data` of `GET /api/v3/get-captcha-code` (node `GetCaptchaCodeDataDto`).
#[dto]
pub struct CaptchaCode {
    /// The captcha image, as SVG markup.
    pub captcha_code_svg: String,
    /// Send it back as `options.captchaToken` together with the user's answer in
    /// `options.captchaCode`.
    pub captcha_token: String,
}

/// Body of `POST /api/v3/switch-login-by-user` (node `PublicAccountSwitchLoginDto`).
#[dto]
pub struct SwitchLoginByUserDto {
    /// The user to switch to: a public account linked to the signed-in personal account, or back.
    pub target_user_id: String,
    /// Token options.
    pub options: Option<SignInScopeOptions>,
}
