//! WeChat and Douyin mini-program helpers: decrypt open data, get the WeChat access token.

use serde::{Deserialize, Deserializer};

use crate::dto;
use crate::secret::Secret;

/// Body of `POST /api/v3/decrypt-wechat-miniprogram-data` and
/// `POST /api/v3/decrypt-douyin-miniprogram-data`.
#[dto]
pub struct DecryptMiniProgramDataDto {
    /// The `code` of `wx.login` / `tt.login`.
    pub code: Secret,
    /// The IV of `encrypted_data`.
    pub iv: String,
    /// The encrypted open data.
    pub encrypted_data: String,
    /// The mini program's identity-provider connection identifier. The wire name is
    /// `extIdpConnidentifier` (sic, lowercase `i`).
    #[serde(rename = "extIdpConnidentifier")]
    pub ext_idp_conn_identifier: String,
}

/// Body of `POST /api/v3/get-wechat-access-token` and
/// `POST /api/v3/get-wechat-access-token-info`.
#[dto]
pub struct WechatAccessTokenDto {
    /// The WeChat mini program's or official account's AppId.
    pub app_id: String,
    /// Its AppSecret (redacted in `Debug`).
    pub app_secret: Secret,
}

/// `data` of the WeChat access-token endpoints (`GetWechatAccessTokenDataDto`).
#[dto]
pub struct WechatAccessToken {
    /// The WeChat access token GenAuth caches.
    pub access_token: Secret,
    /// Expiry, seconds since the epoch. node types it as a string; a JSON number is accepted too.
    #[serde(deserialize_with = "string_or_number")]
    pub expires_at: Option<String>,
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        S(String),
        N(serde_json::Number),
    }
    Ok(Option::<Raw>::deserialize(d)?.map(|r| match r {
        Raw::S(s) => s,
        Raw::N(n) => n.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_as_string_or_number() {
        for raw in [
            r#"{"accessToken":"AT","expiresAt":"1700000000"}"#,
            r#"{"accessToken":"AT","expiresAt":1700000000}"#,
        ] {
            let t: WechatAccessToken = serde_json::from_str(raw).unwrap();
            assert_eq!(t.expires_at.as_deref(), Some("1700000000"));
            assert!(!format!("{t:?}").contains("AT\""));
        }
    }
}
