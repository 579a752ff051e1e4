//! Login support endpoints: the graphic captcha and switching between linked accounts.

use crate::error::Result;
use crate::model::{CaptchaCode, LoginTokenSet, SwitchLoginByUserDto};
use crate::{genauth_api, genauth_endpoint};

/// Endpoints that support a login without being one: the graphic captcha a sign-in needs once
/// the security policy asks for it, and switching the signed-in user to a linked account.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait LoginSupport {
    /// A graphic captcha and its token (`GET /api/v3/get-captcha-code`; node SDK only). Needed
    /// when the user pool limits failed logins with a captcha: show `captchaCodeSvg`, then send
    /// the answer and the token as `options.captchaCode` / `options.captchaToken` of the sign-in.
    #[genauth_endpoint(path = "/api/v3/get-captcha-code", method = GET)]
    async fn gene_captcha_code_and_token(&self) -> Result<CaptchaCode>;

    /// Switch the signed-in personal account to a linked public account, or back
    /// (`POST /api/v3/switch-login-by-user`, user token).
    #[genauth_endpoint(path = "/api/v3/switch-login-by-user", method = POST, auth = user)]
    async fn switch_login_by_user(&self, body: SwitchLoginByUserDto) -> Result<LoginTokenSet>;
}
