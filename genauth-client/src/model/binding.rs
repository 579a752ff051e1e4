//! Account binding: external identities (social and enterprise identity providers) linked to a
//! user, and the identity-provider connections an application enables.

use crate::dto;
use crate::secret::Secret;

open_enum! {
    /// An external identity provider's type (`provider` of an identity, `type` of an enabled
    /// connection).
    pub enum IdentityProvider {
        /// OIDC enterprise identity provider.
        Oidc = "oidc",
        /// OAuth 2.0 enterprise identity provider.
        Oauth2 = "oauth2",
        /// SAML enterprise identity provider.
        Saml = "saml",
        /// LDAP directory.
        Ldap = "ldap",
        /// Active Directory.
        Ad = "ad",
        /// CAS enterprise identity provider.
        Cas = "cas",
        /// Azure AD.
        AzureAd = "azure-ad",
        /// WeChat.
        Wechat = "wechat",
        /// Google.
        Google = "google",
        /// QQ.
        Qq = "qq",
        /// WeCom (WeChat Work).
        Wechatwork = "wechatwork",
        /// DingTalk.
        Dingtalk = "dingtalk",
        /// Sina Weibo.
        Weibo = "weibo",
        /// GitHub.
        Github = "github",
        /// Alipay.
        Alipay = "alipay",
        /// Apple.
        Apple = "apple",
        /// Baidu.
        Baidu = "baidu",
        /// Lark (Feishu).
        Lark = "lark",
        /// GitLab.
        Gitlab = "gitlab",
        /// Twitter.
        Twitter = "twitter",
        /// Facebook.
        Facebook = "facebook",
        /// Slack.
        Slack = "slack",
        /// LinkedIn.
        Linkedin = "linkedin",
        /// NetEase Yidun.
        Yidun = "yidun",
        /// QingCloud.
        Qingcloud = "qingcloud",
        /// Gitee.
        Gitee = "gitee",
        /// Instagram.
        Instagram = "instagram",
        /// WeLink.
        Welink = "welink",
        /// Huawei.
        Huawei = "huawei",
        /// Honor.
        Honor = "honor",
        /// Xiaomi.
        Xiaomi = "xiaomi",
        /// OPPO.
        Oppo = "oppo",
        /// AWS.
        Aws = "aws",
        /// Amazon.
        Amazon = "amazon",
        /// Douyin.
        Douyin = "douyin",
        /// Kuaishou.
        Kuaishou = "kuaishou",
        /// LINE.
        Line = "line",
        /// `sdbz`.
        Sdbz = "sdbz",
        /// `zjzwfw` (Zhejiang government services).
        Zjzwfw = "zjzwfw",
        /// `zzding` (Zhe Zheng Ding).
        Zzding = "zzding",
        /// Seeyon A8 V5.
        Seeyona8v5 = "seeyona8v5",
    }
}

open_enum! {
    /// `extIdpType` of an enabled connection.
    pub enum ExtIdpKind {
        /// A social identity provider.
        Social = "social",
        /// An enterprise identity provider.
        Enterprise = "enterprise",
    }
}

/// Query of `GET /api/v3/generate-link-extidp-url`. The wire names are snake_case.
#[dto(rename_all = "snake_case")]
pub struct GenerateLinkExtIdpUrlQuery {
    /// The identity-provider connection's unique identifier.
    pub ext_idp_conn_identifier: String,
    /// The GenAuth application id.
    pub app_id: String,
    /// The user's id token: it identifies the user to bind (redacted in `Debug`).
    pub id_token: Secret,
    /// Return the binding result by URL redirect. A string on the wire (node types it so;
    /// presumably `"true"` / `"false"`).
    pub need_url_redirect: Option<String>,
    /// With a URL redirect, return only the token (some browsers limit URL length). A string on
    /// the wire, like `need_url_redirect`.
    pub only_redirect_token: Option<String>,
    /// Return the binding result by form post. A string on the wire, like `need_url_redirect`.
    pub need_form_post: Option<String>,
    /// Where the redirect or form post goes.
    pub target_url: Option<String>,
}

/// `data` of `generate-link-extidp-url` (`GenerateBindExtIdpLinkDataDto`).
#[dto]
pub struct ExtIdpLinkUrl {
    /// The URL that starts binding the external identity to the user.
    pub url: String,
}

/// Body of `POST /api/v3/unlink-extidp`.
#[dto]
pub struct UnlinkExtIdpDto {
    /// The identity provider's id (`extIdpId` of an [`Identity`]; not a connection id).
    pub ext_idp_id: String,
}

/// One identity of the user in an external identity provider (`IdentityDto`), e.g. a WeChat
/// `openid` or `unionid`. Unknown fields are kept in `extra`.
#[dto(extra)]
pub struct Identity {
    /// Identity id.
    pub identity_id: String,
    /// The identity provider's id (what `unlink-extidp` takes).
    pub ext_idp_id: Option<String>,
    /// Provider type.
    pub provider: Option<IdentityProvider>,
    /// Identity type such as `openid`, `unionid`, `primary`.
    #[serde(rename = "type")]
    pub identity_type: Option<String>,
    /// The user's id in the provider.
    pub user_id_in_idp: Option<String>,
    /// The user's information in the provider (free-form).
    pub user_info_in_idp: Option<serde_json::Value>,
    /// The provider's access token (only when the user fetches their own identities).
    pub access_token: Option<Secret>,
    /// The provider's refresh token (only when the user fetches their own identities).
    pub refresh_token: Option<Secret>,
    /// The connections this identity came through.
    pub origin_conn_ids: Option<Vec<String>>,
}

/// An external identity-provider connection enabled for the application (`ExtIdpInfoDto`).
/// Unknown fields are kept in `extra`.
#[dto(extra)]
pub struct ExtIdpInfo {
    /// The connection's unique identifier.
    pub identifier: String,
    /// The identity provider's id.
    pub ext_idp_id: Option<String>,
    /// Provider type.
    #[serde(rename = "type")]
    pub provider: Option<IdentityProvider>,
    /// Social or enterprise.
    pub ext_idp_type: Option<ExtIdpKind>,
    /// The URL that starts authentication with this connection.
    pub bind_url: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Display name in English (wire name `name_en`).
    #[serde(rename = "name_en")]
    pub name_en: Option<String>,
    /// Description.
    pub desc: Option<String>,
    /// Description in English (wire name `desc_en`).
    #[serde(rename = "desc_en")]
    pub desc_en: Option<String>,
    /// Icon URL.
    pub logo: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_query_and_unknown_provider() {
        let q = GenerateLinkExtIdpUrlQuery {
            ext_idp_conn_identifier: "conn".into(),
            app_id: "app".into(),
            id_token: "IDT-1".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&q).unwrap(),
            serde_json::json!({"ext_idp_conn_identifier": "conn", "app_id": "app", "id_token": "IDT-1"})
        );
        assert!(!format!("{q:?}").contains("IDT-1"));
        let i: Identity = serde_json::from_str(
            r#"{"identityId":"i","provider":"brand-new-idp","type":"openid","x":1}"#,
        )
        .unwrap();
        assert_eq!(
            i.provider,
            Some(IdentityProvider::Other("brand-new-idp".into()))
        );
        assert_eq!(i.extra["x"], 1);
        let e: ExtIdpInfo =
            serde_json::from_str(r#"{"identifier":"c","type":"azure-ad","name_en":"Azure"}"#)
                .unwrap();
        assert_eq!(e.provider, Some(IdentityProvider::AzureAd));
        assert_eq!(e.name_en.as_deref(), Some("Azure"));
    }
}
