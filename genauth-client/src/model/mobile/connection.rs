//! [`MobileConnection`]: the `connection` name and payload of `signin-by-mobile`, one variant
//! per connection, with a constructor each.

use serde::{Deserialize, Serialize};

use super::{
    AccessTokenPayload, BaiduPayload, CodePayload, DingTalkPayload,
    DouyinMiniProgramCodeAndPhonePayload, LinePayload, MiniProgramCodePayload,
    WechatMiniProgramCodeAndPhonePayload, WechatMiniProgramPhonePayload, YidunPayload,
};
use crate::secret::Secret;

macro_rules! mobile_connections {
    ($(
        $(#[$doc:meta])*
        $variant:ident($payload:ty) = $wire:literal, $key:literal;
    )*) => {
        /// `connection` of `signin-by-mobile` with its payload: one variant per connection the
        /// endpoint documents. Serialises (flattened into [`SignInByMobileDto`](super::SignInByMobileDto)) as
        /// `"connection": "<wire name>", "<payload key>": {...}`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// `apple` with an empty code. There is no natural connection: this exists so that
/// [`SignInByMobileDto`](super::SignInByMobileDto) is `Default` like every DTO; set yours.
impl Default for MobileConnection {
    fn default() -> Self {
        MobileConnection::Apple {
            payload: CodePayload::default(),
        }
    }
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
