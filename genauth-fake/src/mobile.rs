//! Mobile social login on the fake server: `POST /api/v3/signin-by-mobile` and
//! `GET /api/v3/get-alipay-authinfo`.
//!
//! Every connection `signin-by-mobile` documents is accepted with its own payload key and fields; the
//! provider's credential (the `code`, `access_token`, Yidun `token`, …) must be
//! [`FakeServer::mobile_test_code`] for that connection. The first sign-in through a connection
//! creates the user `mobile-<connection>`; later ones sign the same user in.

use serde_json::{Map, Value};

use super::handlers::{Ctx, Fields, Reply};
use super::oidc::{check_client, login_token_data};
use super::users::Identifier;
use super::{FakeServer, FakeUser};

/// Which fields a payload has and where the provider credential sits.
#[derive(Clone, Copy)]
enum Shape {
    /// `{code}`.
    Code,
    /// `{access_token}`.
    AccessToken,
    /// `{access_token, id_token?}`.
    Line,
    /// `{code?, access_token?}`: either.
    Baidu,
    /// `{token?, accessToken?}`: either.
    Yidun,
    /// `{code, isSnsCode?}`.
    DingTalk,
    /// `{code, encryptedData?, iv?}`.
    MiniCode,
    /// `{code, encryptedData, iv}`.
    MiniPhone,
    /// `{wxLoginInfo: MiniCode, wxPhoneInfo: {code}}`.
    WechatCodeAndPhone,
    /// `{loginParams: MiniCode, phoneParams: {encryptedData?, iv?}}`.
    DouyinCodeAndPhone,
}

const CONNECTIONS: &[(&str, &str, Shape)] = &[
    ("apple", "applePayload", Shape::Code),
    ("wechat", "wechatPayload", Shape::Code),
    ("alipay", "alipayPayload", Shape::Code),
    ("wechatwork", "wechatworkPayload", Shape::Code),
    ("wechatwork_agency", "wechatworkAgencyPayload", Shape::Code),
    ("lark_internal", "larkInternalPayload", Shape::Code),
    ("lark_public", "larkPublicPayload", Shape::Code),
    ("lark_block", "larkBlockPayload", Shape::Code),
    ("yidun", "yidunPayload", Shape::Yidun),
    (
        "wechat_mini_program_code",
        "wechatMiniProgramCodePayload",
        Shape::MiniCode,
    ),
    (
        "wechat_mini_program_phone",
        "wechatMiniProgramPhonePayload",
        Shape::MiniPhone,
    ),
    (
        "wechat_mini_program_code_and_phone",
        "wechatMiniProgramCodeAndPhonePayload",
        Shape::WechatCodeAndPhone,
    ),
    (
        "douyin_mini_program_code",
        "douyinMiniProgramCodePayload",
        Shape::MiniCode,
    ),
    (
        "douyin_mini_program_code_and_phone",
        "douyinMiniProgramCodeAndPhonePayload",
        Shape::DouyinCodeAndPhone,
    ),
    ("google", "googlePayload", Shape::Code),
    ("facebook", "facebookPayload", Shape::AccessToken),
    ("qq", "qqPayload", Shape::AccessToken),
    ("weibo", "weiboPayload", Shape::AccessToken),
    ("baidu", "baiduPayload", Shape::Baidu),
    ("linkedin", "linkedInPayload", Shape::Code),
    ("dingtalk", "dingTalkPayload", Shape::DingTalk),
    ("github", "githubPayload", Shape::Code),
    ("gitee", "giteePayload", Shape::Code),
    ("gitlab", "gitlabPayload", Shape::Code),
    ("douyin", "douyinPayload", Shape::Code),
    ("kuaishou", "kuaishouPayload", Shape::Code),
    ("xiaomi", "xiaomiPayload", Shape::Code),
    ("line", "linePayload", Shape::Line),
    ("slack", "slackPayload", Shape::Code),
    ("oppo", "oppoPayload", Shape::Code),
    ("huawei", "huaweiPayload", Shape::Code),
    ("amazon", "amazonPayload", Shape::AccessToken),
];

const OPTIONS: &[&str] = &["scope", "context", "tenantId", "customData"];

fn mini_code<'a>(f: &Fields<'a>) -> Result<&'a str, Reply> {
    f.allow_only(&["code", "encryptedData", "iv"])?;
    f.opt_str("encryptedData")?;
    f.opt_str("iv")?;
    f.req_str("code")
}

/// Validates `payload` for `shape` and returns the provider credential in it.
fn credential<'a>(payload: &'a Value, key: &'static str, shape: Shape) -> Result<&'a str, Reply> {
    let f = Fields::of(payload, key)?;
    match shape {
        Shape::Code => {
            f.allow_only(&["code"])?;
            f.req_str("code")
        }
        Shape::AccessToken => {
            f.allow_only(&["access_token"])?;
            f.req_str("access_token")
        }
        Shape::Line => {
            f.allow_only(&["access_token", "id_token"])?;
            f.opt_str("id_token")?;
            f.req_str("access_token")
        }
        Shape::Baidu => {
            f.allow_only(&["code", "access_token"])?;
            match (f.opt_str("code")?, f.opt_str("access_token")?) {
                (Some(c), _) => Ok(c),
                (None, Some(t)) => Ok(t),
                (None, None) => Err(Reply::error(
                    400,
                    format!("`{key}` needs `code` or `access_token`"),
                )),
            }
        }
        Shape::Yidun => {
            f.allow_only(&["token", "accessToken"])?;
            f.opt_str("accessToken")?;
            f.opt_str("token")?
                .ok_or_else(|| Reply::error(400, format!("`{key}.token` is required")))
        }
        Shape::DingTalk => {
            f.allow_only(&["code", "isSnsCode"])?;
            f.opt_bool("isSnsCode")?;
            f.req_str("code")
        }
        Shape::MiniCode => mini_code(&f),
        Shape::MiniPhone => {
            f.allow_only(&["code", "encryptedData", "iv"])?;
            f.req_str("encryptedData")?;
            f.req_str("iv")?;
            f.req_str("code")
        }
        Shape::WechatCodeAndPhone => {
            f.allow_only(&["wxLoginInfo", "wxPhoneInfo"])?;
            let login = f
                .get("wxLoginInfo")
                .ok_or_else(|| Reply::error(400, "`wxLoginInfo` is required"))?;
            let phone = f
                .get("wxPhoneInfo")
                .ok_or_else(|| Reply::error(400, "`wxPhoneInfo` is required"))?;
            let phone = Fields::of(phone, "wxPhoneInfo")?;
            phone.allow_only(&["code"])?;
            phone.req_str("code")?;
            mini_code(&Fields::of(login, "wxLoginInfo")?)
        }
        Shape::DouyinCodeAndPhone => {
            f.allow_only(&["loginParams", "phoneParams"])?;
            let login = f
                .get("loginParams")
                .ok_or_else(|| Reply::error(400, "`loginParams` is required"))?;
            let phone = f
                .get("phoneParams")
                .ok_or_else(|| Reply::error(400, "`phoneParams` is required"))?;
            let phone = Fields::of(phone, "phoneParams")?;
            phone.allow_only(&["encryptedData", "iv"])?;
            mini_code(&Fields::of(login, "loginParams")?)
        }
    }
}

/// `POST /api/v3/signin-by-mobile`.
pub(super) fn sign_in(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    let connection = fields.req_str("connection")?;
    let Some(&(_, key, shape)) = CONNECTIONS.iter().find(|(c, _, _)| *c == connection) else {
        return Err(Reply::error(
            400,
            format!("unknown connection {connection:?}"),
        ));
    };
    fields.allow_only(&[
        "extIdpConnidentifier",
        "connection",
        key,
        "options",
        "client_id",
        "client_secret",
    ])?;
    check_client(
        ctx,
        ctx.state.auth_method,
        fields.opt_str("client_id")?,
        fields.opt_str("client_secret")?,
    )
    .map_err(|m| Reply::error(401, format!("client authentication failed: {m}")))?;
    fields.req_str("extIdpConnidentifier")?;
    let mut scope = "openid profile".to_owned();
    if let Some(options) = fields.get("options") {
        let options = Fields::of(options, "options")?;
        options.allow_only(OPTIONS)?;
        if let Some(s) = options.opt_str("scope")? {
            if !s.split_whitespace().any(|w| w == "openid") {
                return Err(Reply::error(
                    400,
                    format!("`options.scope` must include `openid`, got {s:?}"),
                ));
            }
            scope = s.to_owned();
        }
        options.opt_str("tenantId")?;
        options.opt_object("context")?;
        options.opt_object("customData")?;
    }
    let payload = fields
        .get(key)
        .ok_or_else(|| Reply::error(400, format!("connection {connection} requires `{key}`")))?;
    if credential(payload, key, shape)? != FakeServer::mobile_test_code(connection) {
        return Err(Reply::error(
            403,
            "social login failed: the identity provider rejected the credential",
        ));
    }
    let username = format!("mobile-{connection}");
    let user = {
        let mut store = ctx.state.store();
        match store.find_by_identifier(Identifier::Username(&username)) {
            Some(id) => id,
            None => store.add_user(FakeUser::new().username(username)),
        }
    };
    Ok(Reply::success(Some(login_token_data(ctx, user, &scope))))
}

/// `GET /api/v3/get-alipay-authinfo?extIdpConnidentifier=`.
pub(super) fn alipay_auth_info(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let mut id = None;
    for (name, value) in ctx.req.query_pairs() {
        match name.as_str() {
            "extIdpConnidentifier" => id = Some(value),
            other => {
                return Err(Reply::error(
                    400,
                    format!("unknown query parameter `{other}`"),
                ));
            }
        }
    }
    let id = id
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Reply::error(400, "`extIdpConnidentifier` is required"))?;
    let mut auth_info = form_urlencoded::Serializer::new(String::new());
    auth_info
        .append_pair("apiname", "com.alipay.account.auth")
        .append_pair("app_id", "fake-alipay-app")
        .append_pair("biz_type", "openservice")
        .append_pair("target_id", &id)
        .append_pair("sign", "fake");
    let mut data = Map::new();
    data.insert("authInfo".into(), auth_info.finish().into());
    Ok(Reply::success(Some(Value::Object(data))))
}

impl FakeServer {
    /// The provider credential the fake accepts for mobile `connection` (e.g. `wechat`):
    /// `fake-<connection>-code`, used as the payload's `code`, `access_token` or `token`.
    pub fn mobile_test_code(connection: &str) -> String {
        format!("fake-{connection}-code")
    }

    /// Every mobile connection the fake accepts, as `(connection, payload key)`.
    pub fn mobile_connections() -> Vec<(&'static str, &'static str)> {
        CONNECTIONS.iter().map(|(c, k, _)| (*c, *k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_client_enum() {
        let client: Vec<_> = genauth_client::MobileConnection::WIRE_NAMES.to_vec();
        assert_eq!(FakeServer::mobile_connections(), client);
    }
}
