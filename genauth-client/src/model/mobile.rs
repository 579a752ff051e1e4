//! `POST /api/v3/signin-by-mobile` (mobile social login) and `GET /api/v3/get-alipay-authinfo`.
//!
//! The body is `{extIdpConnidentifier, connection, <x>Payload, options?}` (+ `client_id` /
//! `client_secret`, added by the pipeline per the client auth method). [`MobileConnection`] is
//! the typed `connection` + payload pair: each variant serialises to its wire `connection` name
//! and its payload key, including the irregular ones (`linkedInPayload`, `dingTalkPayload`,
//! `wechatworkAgencyPayload`).

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// Body of `POST /api/v3/signin-by-mobile` (`SigninByMobileDto`).
///
/// ```
/// use genauth_client::{MobileConnection, SignInByMobileDto};
///
/// let dto = SignInByMobileDto::new("my-wechat-conn", MobileConnection::wechat("CODE"));
/// assert_eq!(
///     serde_json::to_value(&dto).unwrap(),
///     serde_json::json!({
///         "extIdpConnidentifier": "my-wechat-conn",
///         "connection": "wechat",
///         "wechatPayload": {"code": "CODE"}
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInByMobileDto {
    /// The identifier of the external identity-provider connection (console: "唯一标识").
    /// The wire name is `extIdpConnidentifier` (sic, lowercase `i`).
    #[serde(rename = "extIdpConnidentifier")]
    pub ext_idp_conn_identifier: String,
    /// `connection` and its payload.
    #[serde(flatten)]
    pub connection: MobileConnection,
    /// Sign-in options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<SignInByMobileOptions>,
}

impl SignInByMobileDto {
    /// A body with no options.
    pub fn new(ext_idp_conn_identifier: impl Into<String>, connection: MobileConnection) -> Self {
        SignInByMobileDto {
            ext_idp_conn_identifier: ext_idp_conn_identifier.into(),
            connection,
            options: None,
        }
    }

    /// Sets [`SignInByMobileDto::options`].
    pub fn with_options(mut self, options: SignInByMobileOptions) -> Self {
        self.options = Some(options);
        self
    }
}

/// `options` of `signin-by-mobile` (`SignInByMobileOptionsDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInByMobileOptions {
    /// Space-separated scopes; must include `openid` (`offline_access` yields a refresh token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Passed to pipeline `context`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    /// Tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Extra custom data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<serde_json::Value>,
}

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

macro_rules! mobile_connections {
    ($(
        $(#[$doc:meta])*
        $variant:ident($payload:ty) = $wire:literal, $key:literal;
    )*) => {
        /// `connection` of `signin-by-mobile` with its payload: one variant per connection of
        /// api doc 5.2. Serialises (flattened into [`SignInByMobileDto`]) as
        /// `"connection": "<wire name>", "<payload key>": {...}`.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "connection")]
        #[non_exhaustive]
        pub enum MobileConnection {
            $(
                $(#[$doc])*
                #[serde(rename = $wire)]
                $variant {
                    /// The connection's payload.
                    #[serde(rename = $key)]
                    payload: $payload,
                },
            )*
        }

        impl MobileConnection {
            /// Every `(connection, payload key)` pair on the wire, in declaration order.
            pub const WIRE_NAMES: &'static [(&'static str, &'static str)] = &[$(($wire, $key)),*];

            /// The wire `connection` value, e.g. `wechatwork_agency`.
            pub fn connection_name(&self) -> &'static str {
                match self {
                    $(MobileConnection::$variant { .. } => $wire,)*
                }
            }

            /// The payload's key in the body, e.g. `wechatworkAgencyPayload`.
            pub fn payload_key(&self) -> &'static str {
                match self {
                    $(MobileConnection::$variant { .. } => $key,)*
                }
            }
        }
    };
}

mobile_connections! {
    /// Apple.
    Apple(CodePayload) = "apple", "applePayload";
    /// WeChat mobile app.
    Wechat(CodePayload) = "wechat", "wechatPayload";
    /// Alipay mobile app (get the `authInfo` to launch Alipay with `get-alipay-authinfo`).
    Alipay(CodePayload) = "alipay", "alipayPayload";
    /// WeCom (WeChat Work) mobile app.
    Wechatwork(CodePayload) = "wechatwork", "wechatworkPayload";
    /// WeCom mobile app, agency (代开发) mode.
    WechatworkAgency(CodePayload) = "wechatwork_agency", "wechatworkAgencyPayload";
    /// Lark self-built (internal) app.
    LarkInternal(CodePayload) = "lark_internal", "larkInternalPayload";
    /// Lark app-store app.
    LarkPublic(CodePayload) = "lark_public", "larkPublicPayload";
    /// Lark block (widget).
    LarkBlock(CodePayload) = "lark_block", "larkBlockPayload";
    /// NetEase Yidun one-tap login.
    Yidun(YidunPayload) = "yidun", "yidunPayload";
    /// WeChat mini program, by `code`.
    WechatMiniProgramCode(MiniProgramCodePayload) = "wechat_mini_program_code", "wechatMiniProgramCodePayload";
    /// WeChat mini program, by phone number.
    WechatMiniProgramPhone(WechatMiniProgramPhonePayload) = "wechat_mini_program_phone", "wechatMiniProgramPhonePayload";
    /// WeChat mini program, by `code` and phone number.
    WechatMiniProgramCodeAndPhone(WechatMiniProgramCodeAndPhonePayload) = "wechat_mini_program_code_and_phone", "wechatMiniProgramCodeAndPhonePayload";
    /// Douyin mini program, by `code` (node SDK only).
    DouyinMiniProgramCode(MiniProgramCodePayload) = "douyin_mini_program_code", "douyinMiniProgramCodePayload";
    /// Douyin mini program, by `code` and phone number (node SDK only).
    DouyinMiniProgramCodeAndPhone(DouyinMiniProgramCodeAndPhonePayload) = "douyin_mini_program_code_and_phone", "douyinMiniProgramCodeAndPhonePayload";
    /// Google.
    Google(CodePayload) = "google", "googlePayload";
    /// Facebook.
    Facebook(AccessTokenPayload) = "facebook", "facebookPayload";
    /// QQ.
    Qq(AccessTokenPayload) = "qq", "qqPayload";
    /// Sina Weibo.
    Weibo(AccessTokenPayload) = "weibo", "weiboPayload";
    /// Baidu.
    Baidu(BaiduPayload) = "baidu", "baiduPayload";
    /// LinkedIn (payload key `linkedInPayload`).
    LinkedIn(CodePayload) = "linkedin", "linkedInPayload";
    /// DingTalk (payload key `dingTalkPayload`).
    DingTalk(DingTalkPayload) = "dingtalk", "dingTalkPayload";
    /// GitHub.
    Github(CodePayload) = "github", "githubPayload";
    /// Gitee.
    Gitee(CodePayload) = "gitee", "giteePayload";
    /// GitLab.
    Gitlab(CodePayload) = "gitlab", "gitlabPayload";
    /// Douyin.
    Douyin(CodePayload) = "douyin", "douyinPayload";
    /// Kuaishou.
    Kuaishou(CodePayload) = "kuaishou", "kuaishouPayload";
    /// Xiaomi.
    Xiaomi(CodePayload) = "xiaomi", "xiaomiPayload";
    /// LINE.
    Line(LinePayload) = "line", "linePayload";
    /// Slack.
    Slack(CodePayload) = "slack", "slackPayload";
    /// OPPO.
    Oppo(CodePayload) = "oppo", "oppoPayload";
    /// Huawei.
    Huawei(CodePayload) = "huawei", "huaweiPayload";
    /// Amazon.
    Amazon(AccessTokenPayload) = "amazon", "amazonPayload";
}

fn code(code: impl Into<Secret>) -> CodePayload {
    CodePayload { code: code.into() }
}

fn token(access_token: impl Into<Secret>) -> AccessTokenPayload {
    AccessTokenPayload {
        access_token: access_token.into(),
    }
}

impl MobileConnection {
    /// `apple` with an authorization code.
    pub fn apple(c: impl Into<Secret>) -> Self {
        MobileConnection::Apple { payload: code(c) }
    }
    /// `wechat` with an authorization code.
    pub fn wechat(c: impl Into<Secret>) -> Self {
        MobileConnection::Wechat { payload: code(c) }
    }
    /// `alipay` with an authorization code.
    pub fn alipay(c: impl Into<Secret>) -> Self {
        MobileConnection::Alipay { payload: code(c) }
    }
    /// `wechatwork` with an authorization code.
    pub fn wechatwork(c: impl Into<Secret>) -> Self {
        MobileConnection::Wechatwork { payload: code(c) }
    }
    /// `wechatwork_agency` with an authorization code.
    pub fn wechatwork_agency(c: impl Into<Secret>) -> Self {
        MobileConnection::WechatworkAgency { payload: code(c) }
    }
    /// `lark_internal` with an authorization code.
    pub fn lark_internal(c: impl Into<Secret>) -> Self {
        MobileConnection::LarkInternal { payload: code(c) }
    }
    /// `lark_public` with an authorization code.
    pub fn lark_public(c: impl Into<Secret>) -> Self {
        MobileConnection::LarkPublic { payload: code(c) }
    }
    /// `lark_block` with an authorization code.
    pub fn lark_block(c: impl Into<Secret>) -> Self {
        MobileConnection::LarkBlock { payload: code(c) }
    }
    /// `google` with an authorization code.
    pub fn google(c: impl Into<Secret>) -> Self {
        MobileConnection::Google { payload: code(c) }
    }
    /// `facebook` with an access token.
    pub fn facebook(access_token: impl Into<Secret>) -> Self {
        MobileConnection::Facebook {
            payload: token(access_token),
        }
    }
    /// `qq` with an access token.
    pub fn qq(access_token: impl Into<Secret>) -> Self {
        MobileConnection::Qq {
            payload: token(access_token),
        }
    }
    /// `weibo` with an access token.
    pub fn weibo(access_token: impl Into<Secret>) -> Self {
        MobileConnection::Weibo {
            payload: token(access_token),
        }
    }
    /// `amazon` with an access token.
    pub fn amazon(access_token: impl Into<Secret>) -> Self {
        MobileConnection::Amazon {
            payload: token(access_token),
        }
    }
    /// `linkedin` with an authorization code.
    pub fn linkedin(c: impl Into<Secret>) -> Self {
        MobileConnection::LinkedIn { payload: code(c) }
    }
    /// `dingtalk` with an authorization code.
    pub fn dingtalk(c: impl Into<Secret>) -> Self {
        MobileConnection::DingTalk {
            payload: DingTalkPayload {
                code: c.into(),
                is_sns_code: None,
            },
        }
    }
    /// `github` with an authorization code.
    pub fn github(c: impl Into<Secret>) -> Self {
        MobileConnection::Github { payload: code(c) }
    }
    /// `gitee` with an authorization code.
    pub fn gitee(c: impl Into<Secret>) -> Self {
        MobileConnection::Gitee { payload: code(c) }
    }
    /// `gitlab` with an authorization code.
    pub fn gitlab(c: impl Into<Secret>) -> Self {
        MobileConnection::Gitlab { payload: code(c) }
    }
    /// `douyin` with an authorization code.
    pub fn douyin(c: impl Into<Secret>) -> Self {
        MobileConnection::Douyin { payload: code(c) }
    }
    /// `kuaishou` with an authorization code.
    pub fn kuaishou(c: impl Into<Secret>) -> Self {
        MobileConnection::Kuaishou { payload: code(c) }
    }
    /// `xiaomi` with an authorization code.
    pub fn xiaomi(c: impl Into<Secret>) -> Self {
        MobileConnection::Xiaomi { payload: code(c) }
    }
    /// `slack` with an authorization code.
    pub fn slack(c: impl Into<Secret>) -> Self {
        MobileConnection::Slack { payload: code(c) }
    }
    /// `oppo` with an authorization code.
    pub fn oppo(c: impl Into<Secret>) -> Self {
        MobileConnection::Oppo { payload: code(c) }
    }
    /// `huawei` with an authorization code.
    pub fn huawei(c: impl Into<Secret>) -> Self {
        MobileConnection::Huawei { payload: code(c) }
    }
    /// `wechat_mini_program_code` with a `wx.login` code and no encrypted data.
    pub fn wechat_mini_program_code(c: impl Into<Secret>) -> Self {
        MobileConnection::WechatMiniProgramCode {
            payload: MiniProgramCodePayload {
                code: c.into(),
                encrypted_data: None,
                iv: None,
            },
        }
    }
    /// `douyin_mini_program_code` with a `tt.login` code and no encrypted data.
    pub fn douyin_mini_program_code(c: impl Into<Secret>) -> Self {
        MobileConnection::DouyinMiniProgramCode {
            payload: MiniProgramCodePayload {
                code: c.into(),
                encrypted_data: None,
                iv: None,
            },
        }
    }
}

/// `data` of `GET /api/v3/get-alipay-authinfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlipayAuthInfo {
    /// The `authInfo` string the Alipay SDK is launched with.
    pub auth_info: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn irregular_payload_keys_and_snake_case_fields() {
        let cases = [
            (
                MobileConnection::linkedin("c"),
                json!({"connection":"linkedin","linkedInPayload":{"code":"c"}}),
            ),
            (
                MobileConnection::dingtalk("c"),
                json!({"connection":"dingtalk","dingTalkPayload":{"code":"c"}}),
            ),
            (
                MobileConnection::wechatwork_agency("c"),
                json!({"connection":"wechatwork_agency","wechatworkAgencyPayload":{"code":"c"}}),
            ),
            (
                MobileConnection::qq("t"),
                json!({"connection":"qq","qqPayload":{"access_token":"t"}}),
            ),
            (
                MobileConnection::Yidun {
                    payload: YidunPayload {
                        token: Some("a".into()),
                        access_token: Some("b".into()),
                    },
                },
                json!({"connection":"yidun","yidunPayload":{"token":"a","accessToken":"b"}}),
            ),
        ];
        for (conn, want) in cases {
            let mut want = want;
            want["extIdpConnidentifier"] = json!("id");
            let got = serde_json::to_value(SignInByMobileDto::new("id", conn.clone())).unwrap();
            assert_eq!(got, want);
            let back: SignInByMobileDto = serde_json::from_value(got).unwrap();
            assert_eq!(back.connection, conn);
        }
        assert_eq!(MobileConnection::WIRE_NAMES.len(), 32);
    }

    #[test]
    fn mini_program_code_and_phone_nests() {
        let conn = MobileConnection::WechatMiniProgramCodeAndPhone {
            payload: WechatMiniProgramCodeAndPhonePayload {
                wx_login_info: MiniProgramCodePayload {
                    code: "l".into(),
                    encrypted_data: None,
                    iv: Some("iv".into()),
                },
                wx_phone_info: WechatMiniProgramPhoneInfo { code: "p".into() },
            },
        };
        let v = serde_json::to_value(SignInByMobileDto::new("x", conn)).unwrap();
        assert_eq!(
            v["wechatMiniProgramCodeAndPhonePayload"],
            json!({"wxLoginInfo":{"code":"l","iv":"iv"},"wxPhoneInfo":{"code":"p"}})
        );
        assert!(!format!("{:?}", MobileConnection::wechat("SECRET-CODE")).contains("SECRET-CODE"));
    }
}
