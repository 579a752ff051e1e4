//! `POST /api/v3/signin`: client authentication, payload validation, password decryption and
//! the credential check, in that order.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::FakeUser;
use super::handlers::{
    AuthMethod, Ctx, Fields, Reply, check_country_code, check_email, check_phone,
};
use super::oidc::login_token_data;
use super::users::{Identifier, PasscodeTarget, UserId};
use genauth_client::crypto::PasswordEncryptType;

/// Top-level keys of `SigninByCredentialsDto`.
const TOP_LEVEL: &[&str] = &[
    "connection",
    "passwordPayload",
    "passCodePayload",
    "ldapPayload",
    "adPayload",
    "options",
    "client_id",
    "client_secret",
];

/// `(connection, payload key)`.
const CONNECTIONS: &[(&str, &str)] = &[
    ("PASSWORD", "passwordPayload"),
    ("PASSCODE", "passCodePayload"),
    ("LDAP", "ldapPayload"),
    ("AD", "adPayload"),
];

/// Keys of `SignInOptionsDto`.
const OPTIONS: &[&str] = &[
    "scope",
    "passwordEncryptType",
    "autoRegister",
    "clientIp",
    "context",
    "tenantId",
    "customData",
    "captchaCode",
    "captchaToken",
];

/// Scope when the request has none.
const DEFAULT_SCOPE: &str = "openid profile";

fn wrong_credentials() -> Reply {
    Reply::api_error(403, 2333, "Account not exists or password is incorrect.")
}

/// The parts of `options` that change the outcome.
struct SignInOptions {
    scope: String,
    encrypt: PasswordEncryptType,
    auto_register: bool,
}

impl SignInOptions {
    fn parse(value: Option<&Value>) -> Result<Self, Reply> {
        let mut options = SignInOptions {
            scope: DEFAULT_SCOPE.to_owned(),
            encrypt: PasswordEncryptType::None,
            auto_register: false,
        };
        let Some(value) = value else {
            return Ok(options);
        };
        let fields = Fields::of(value, "options")?;
        fields.allow_only(OPTIONS)?;
        if let Some(scope) = fields.opt_str("scope")? {
            if !scope.split(' ').any(|s| s == "openid") {
                return Err(Reply::error(
                    400,
                    format!("`options.scope` must include `openid`, got {scope:?}"),
                ));
            }
            options.scope = scope.to_owned();
        }
        options.encrypt = fields.encrypt_type("passwordEncryptType")?;
        options.auto_register = fields.opt_bool("autoRegister")?.unwrap_or(false);
        for key in ["clientIp", "tenantId", "captchaCode", "captchaToken"] {
            fields.opt_str(key)?;
        }
        for key in ["context", "customData"] {
            fields.opt_object(key)?;
        }
        if fields.has("captchaCode") != fields.has("captchaToken") {
            return Err(Reply::error(
                400,
                "`options.captchaCode` and `options.captchaToken` go together",
            ));
        }
        Ok(options)
    }
}

pub(super) fn handle(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(TOP_LEVEL)?;
    check_client_auth(ctx, &fields)?;

    let connection = fields.req_str("connection")?;
    let Some(&(_, payload_key)) = CONNECTIONS.iter().find(|(c, _)| *c == connection) else {
        return Err(Reply::error(
            400,
            format!("unknown connection {connection:?}; expected PASSWORD, PASSCODE, LDAP or AD"),
        ));
    };
    for &(_, other) in CONNECTIONS {
        if other != payload_key && fields.has(other) {
            return Err(Reply::error(
                400,
                format!("`{other}` does not belong to connection {connection}"),
            ));
        }
    }
    let options = SignInOptions::parse(fields.get("options"))?;
    let payload = fields.get(payload_key).ok_or_else(|| {
        Reply::error(
            400,
            format!("connection {connection} requires `{payload_key}`"),
        )
    })?;
    let payload = Fields::of(payload, payload_key)?;

    let user = match connection {
        "PASSWORD" => password_login(ctx, &payload, &options)?,
        "PASSCODE" => passcode_login(ctx, &payload, &options)?,
        _ => directory_login(ctx, &payload, &options, connection == "LDAP")?,
    };

    Ok(Reply::success(Some(login_token_data(
        ctx,
        user,
        &options.scope,
    ))))
}

/// Client authentication per the application's token endpoint auth method (statusCode 401).
/// Messages never echo what was sent.
pub(super) fn check_client_auth(ctx: &Ctx<'_>, body: &Fields<'_>) -> Result<(), Reply> {
    let state = ctx.state;
    let client_id = body.opt_str("client_id")?;
    let client_secret = body.opt_str("client_secret")?;
    let authorization = ctx.header("authorization");
    let fail = |message: &str| {
        Err(Reply::error(
            401,
            format!("client authentication failed: {message}"),
        ))
    };
    match state.auth_method {
        AuthMethod::ClientSecretPost => match (client_id, client_secret) {
            (Some(id), Some(secret)) if id == state.app_id && secret == state.app_secret => Ok(()),
            (Some(_), Some(_)) => fail("client_id or client_secret is wrong"),
            _ => fail(
                "this application uses client_secret_post: send client_id and client_secret in the JSON body",
            ),
        },
        AuthMethod::ClientSecretBasic => {
            if client_id.is_some() || client_secret.is_some() {
                return fail(
                    "this application uses client_secret_basic: send the credentials only in the `authorization: Basic` header, not in the body",
                );
            }
            match authorization.and_then(parse_basic) {
                Some((id, secret)) if id == state.app_id && secret == state.app_secret => Ok(()),
                Some(_) => fail("the Basic credentials are wrong"),
                None => fail(
                    "this application uses client_secret_basic: send `authorization: Basic base64(appId:appSecret)`",
                ),
            }
        }
        AuthMethod::None => {
            if client_secret.is_some() || authorization.and_then(parse_basic).is_some() {
                return fail(
                    "this application uses token endpoint auth method none: do not send a client secret",
                );
            }
            match client_id {
                Some(id) if id != state.app_id => fail("client_id does not match the application"),
                _ => Ok(()),
            }
        }
    }
}

/// `Basic base64(id:secret)` → `(id, secret)`.
pub(super) fn parse_basic(value: &str) -> Option<(String, String)> {
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// `passwordPayload {password, account | username | email | phone}`.
fn password_login(
    ctx: &Ctx<'_>,
    payload: &Fields<'_>,
    options: &SignInOptions,
) -> Result<UserId, Reply> {
    payload.allow_only(&["password", "account", "username", "email", "phone"])?;
    let ciphertext = payload.req_str("password")?;
    let mut given = Vec::new();
    for key in ["account", "username", "email", "phone"] {
        if let Some(value) = payload.opt_str(key)? {
            given.push((key, value));
        }
    }
    let &[(key, value)] = given.as_slice() else {
        return Err(Reply::error(
            400,
            format!(
                "`passwordPayload` needs exactly one of account, username, email, phone; got {}",
                given.len()
            ),
        ));
    };
    let ident = match key {
        "account" => Identifier::Account(value),
        "username" => Identifier::Username(value),
        "email" => {
            check_email(value, "passwordPayload.email")?;
            Identifier::Email(value)
        }
        _ => {
            check_phone(value, "passwordPayload.phone")?;
            Identifier::Phone(value)
        }
    };
    let password =
        ctx.state
            .decrypt_password(options.encrypt, "passwordPayload.password", ciphertext)?;

    let mut store = ctx.state.store();
    match store.find_by_identifier(ident) {
        Some(id) if store.password_matches(&id, &password) => Ok(id),
        Some(_) => Err(wrong_credentials()),
        None if options.auto_register && !matches!(ident, Identifier::Account(_)) => {
            let user = match ident {
                Identifier::Username(v) => FakeUser::new().username(v),
                Identifier::Email(v) => FakeUser::new().email(v),
                _ => FakeUser::new().phone(value),
            };
            Ok(store.add_user(user.password(password)))
        }
        None => Err(wrong_credentials()),
    }
}

/// `passCodePayload {passCode, email | phone, phoneCountryCode?}`, against `CHANNEL_LOGIN`
/// passcodes; each passcode works once.
fn passcode_login(
    ctx: &Ctx<'_>,
    payload: &Fields<'_>,
    options: &SignInOptions,
) -> Result<UserId, Reply> {
    let (target, code) = pass_code_payload(payload)?;
    let mut store = ctx.state.store();
    if !target.consume(&mut store, "CHANNEL_LOGIN", code) {
        return Err(wrong_passcode());
    }
    match target.find_user(&store) {
        Some(id) => Ok(id),
        None if options.auto_register => Ok(store.add_user(target.new_user())),
        None => Err(Reply::api_error(403, 2004, "User does not exist.")),
    }
}

/// statusCode 403, apiCode 2001: no such outstanding passcode for that target and channel.
pub(super) fn wrong_passcode() -> Reply {
    Reply::api_error(403, 2001, "Invalid or expired passcode.")
}

/// Validates a `passCodePayload {passCode, email | phone, phoneCountryCode?}` (sign-in and
/// sign-up) and returns where the passcode went and the code.
pub(super) fn pass_code_payload<'a>(
    payload: &Fields<'a>,
) -> Result<(PasscodeTarget<'a>, &'a str), Reply> {
    payload.allow_only(&["passCode", "email", "phone", "phoneCountryCode"])?;
    let code = payload.req_str("passCode")?;
    let email = payload.opt_str("email")?;
    let phone = payload.opt_str("phone")?;
    let country_code = payload.opt_str("phoneCountryCode")?;
    let target = match (email, phone) {
        (Some(email), None) => {
            if country_code.is_some() {
                return Err(Reply::error(
                    400,
                    "`passCodePayload.phoneCountryCode` only goes with `phone`",
                ));
            }
            check_email(email, "passCodePayload.email")?;
            PasscodeTarget::Email(email)
        }
        (None, Some(phone)) => {
            check_phone(phone, "passCodePayload.phone")?;
            if let Some(cc) = country_code {
                check_country_code(cc)?;
            }
            PasscodeTarget::Phone {
                number: phone,
                country_code,
            }
        }
        _ => {
            return Err(Reply::error(
                400,
                "`passCodePayload` needs exactly one of email, phone",
            ));
        }
    };
    Ok((target, code))
}

/// `ldapPayload` / `adPayload` `{sAMAccountName, password}`.
fn directory_login(
    ctx: &Ctx<'_>,
    payload: &Fields<'_>,
    options: &SignInOptions,
    ldap: bool,
) -> Result<UserId, Reply> {
    payload.allow_only(&["sAMAccountName", "password"])?;
    let account = payload.req_str("sAMAccountName")?;
    let ciphertext = payload.req_str("password")?;
    let field = if ldap {
        "ldapPayload.password"
    } else {
        "adPayload.password"
    };
    let password = ctx
        .state
        .decrypt_password(options.encrypt, field, ciphertext)?;
    let store = ctx.state.store();
    let found = if ldap {
        store.find_by_ldap(account)
    } else {
        store.find_by_ad(account)
    };
    match found {
        Some(id) if store.password_matches(&id, &password) => Ok(id),
        _ => Err(wrong_credentials()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parses_basic_credentials() {
        let header = format!("Basic {}", STANDARD.encode("id:sec:ret"));
        assert_eq!(parse_basic(&header), Some(("id".into(), "sec:ret".into())));
        assert_eq!(parse_basic("Bearer abc"), None);
        assert_eq!(parse_basic("Basic !!!"), None);
    }

    #[test]
    fn options_validation() {
        assert!(SignInOptions::parse(Some(&json!({"passwordEncryptType": "RSA"}))).is_err());
        assert!(SignInOptions::parse(Some(&json!({"autoRegister": "true"}))).is_err());
        assert!(SignInOptions::parse(Some(&json!({"scope": "profile"}))).is_err());
        assert!(SignInOptions::parse(Some(&json!({"captchaCode": "x"}))).is_err());
        assert!(SignInOptions::parse(Some(&json!({"bogus": 1}))).is_err());
        let options = SignInOptions::parse(Some(&json!({
            "scope": "openid offline_access", "passwordEncryptType": "sm2", "autoRegister": true,
            "clientIp": "1.2.3.4", "context": {}, "customData": {"a": 1}, "tenantId": "t",
        })))
        .unwrap_or_else(|_| panic!("valid options rejected"));
        assert!(options.auto_register);
        assert!(matches!(options.encrypt, PasswordEncryptType::Sm2));
    }
}
