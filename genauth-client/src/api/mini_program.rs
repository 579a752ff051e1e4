//! WeChat and Douyin mini-program helpers.

use crate::error::Result;
use crate::model::{DecryptMiniProgramDataDto, WechatAccessToken, WechatAccessTokenDto};
use crate::{genauth_api, genauth_endpoint};

/// Mini-program helpers (the docs' "WeChat Related APIs").
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait MiniProgram {
    /// Decrypt WeChat mini-program open data (`POST /api/v3/decrypt-wechat-miniprogram-data`).
    /// The decrypted data is whatever WeChat encrypted (e.g. `phoneNumber`, `watermark`), so it
    /// is returned as JSON.
    #[genauth_endpoint(path = "/api/v3/decrypt-wechat-miniprogram-data", method = POST)]
    async fn decrypt_wechat_mini_program_data(
        &self,
        body: DecryptMiniProgramDataDto,
    ) -> Result<serde_json::Value>;

    /// The WeChat access token GenAuth caches for a mini program or official account
    /// (`POST /api/v3/get-wechat-access-token`; deprecated in favour of
    /// `get-wechat-access-token-info`; the SDKs' `get_wechat_mp_access_token`).
    #[genauth_endpoint(path = "/api/v3/get-wechat-access-token", method = POST)]
    async fn get_wechat_mp_access_token(
        &self,
        body: WechatAccessTokenDto,
    ) -> Result<WechatAccessToken>;

    /// The WeChat access token with its expiry (`POST /api/v3/get-wechat-access-token-info`;
    /// the SDKs' `get_wechat_mp_access_token_info`).
    #[genauth_endpoint(path = "/api/v3/get-wechat-access-token-info", method = POST)]
    async fn get_wechat_mp_access_token_info(
        &self,
        body: WechatAccessTokenDto,
    ) -> Result<WechatAccessToken>;

    /// Decrypt Douyin mini-program open data (`POST /api/v3/decrypt-douyin-miniprogram-data`;
    /// node SDK only). Returned as JSON, like the WeChat one.
    #[genauth_endpoint(path = "/api/v3/decrypt-douyin-miniprogram-data", method = POST)]
    async fn decrypt_douyin_mini_program_data(
        &self,
        body: DecryptMiniProgramDataDto,
    ) -> Result<serde_json::Value>;
}
