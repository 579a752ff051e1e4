//! End-to-end flows that span endpoints, over loopback against the in-repo fake server: a
//! profile update read back, binding and unbinding an email and a phone with passcodes, MFA
//! OTP enrolment with TOTP codes computed here (RFC 6238), permission checks against resources
//! granted in the fake, and logout by token revocation.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use genauth::transport::RequestLimits;
use genauth::{
    Authentication, AuthenticationExt, BindEmailDto, BindPhoneDto, CheckResourcePermissionDto,
    EmailChannel, EnrollFactorDto, Error, FactorEnrollmentData, GenAuthClient, Gender,
    GetProfileQuery, LoginTokenSet, Mfa, MfaFactor, MfaFactorType, MfaOtpVerifyDto, OidcExt,
    Profile, ReqwestTransport, ResetFactorDto, ResourcePermissionChecks, Resources, SendEmailDto,
    SendEnrollFactorRequestDto, SendSmsDto, SignInOptions, SmsChannel, Transport, UnbindEmailDto,
    UnbindPhoneDto, UpdateProfileDto, UserClient,
};
use genauth_fake::{FakeResourceType, FakeServer, FakeServerConfig, FakeUser};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha1::Sha1;

async fn start() -> (FakeServer, GenAuthClient) {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .expect("fake server starts");
    let client = server.client();
    (server, client)
}

async fn sign_in(client: &GenAuthClient, account: &str, scope: Option<&str>) -> LoginTokenSet {
    let options = scope.map(|s| SignInOptions {
        scope: Some(s.to_owned()),
        ..Default::default()
    });
    client
        .sign_in_by_account_password(account, "Passw0rd!", options)
        .await
        .unwrap_or_else(|e| panic!("{account} signs in: {e}"))
}

async fn user_of(client: &GenAuthClient, account: &str) -> UserClient {
    let tokens = sign_in(client, account, None).await;
    client.with_user_token(tokens.access_token.expect("an access token"))
}

/// `(statusCode, apiCode)` of a business error.
fn api_error<T: std::fmt::Debug>(result: genauth::Result<T>) -> (i64, Option<i64>) {
    match result {
        Err(Error::Api {
            status_code,
            api_code,
            ..
        }) => (status_code, api_code),
        other => panic!("expected a business error, got {other:?}"),
    }
}

/// A 6-digit code that differs from `code`.
fn other_code(code: &str) -> String {
    let last = code.as_bytes()[5];
    let changed = if last == b'9' {
        '0'
    } else {
        char::from(last + 1)
    };
    format!("{}{changed}", &code[..5])
}

async fn send_email(client: &GenAuthClient, channel: EmailChannel, email: &str) {
    client
        .send_email(SendEmailDto {
            channel,
            email: email.to_owned(),
        })
        .await
        .unwrap();
}

async fn send_sms(client: &GenAuthClient, channel: SmsChannel, phone: &str) {
    client
        .send_sms(SendSmsDto {
            channel,
            phone_number: phone.to_owned(),
            phone_country_code: None,
        })
        .await
        .unwrap();
}

async fn profile(user: &UserClient) -> genauth::UserProfile {
    user.get_profile(GetProfileQuery::default()).await.unwrap()
}

/// One raw JSON request (no SDK types), for what the typed DTOs cannot send.
async fn raw(server: &FakeServer, path: &str, token: Option<&str>, body: Value) -> Value {
    let transport = ReqwestTransport::new(Duration::from_secs(5), Duration::from_secs(10)).unwrap();
    let mut request = http::Request::builder()
        .method("POST")
        .uri(format!("{}{path}", server.base_url()))
        .header("x-genauth-app-id", server.app_id())
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", token);
    }
    let request = request.body(Bytes::from(body.to_string())).unwrap();
    let limits = RequestLimits {
        timeout: Duration::from_secs(10),
        max_response_bytes: 1 << 20,
    };
    let response = transport.execute(request, limits).await.unwrap();
    serde_json::from_slice(response.body()).unwrap()
}

#[tokio::test]
async fn profile_update_is_read_back() {
    let (server, client) = start().await;
    let alice = user_of(&client, "alice").await;
    let before = profile(&alice).await;
    assert_eq!(before.nickname, None);
    assert_eq!(before.updated_at, None);

    let updated = alice
        .update_profile(UpdateProfileDto {
            nickname: Some("Ali".into()),
            name: Some("Alice Liddell".into()),
            city: Some("Oxford".into()),
            gender: Some(Gender::Female),
            custom_data: Some(json!({"team": "blue"})),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(updated.nickname.as_deref(), Some("Ali"));
    assert_eq!(updated.user_id, before.user_id);

    // A second update changes only what it sends; customData merges key by key.
    alice
        .update_profile(UpdateProfileDto {
            nickname: Some("Al".into()),
            custom_data: Some(json!({"level": 3})),
            ..Default::default()
        })
        .await
        .unwrap();
    let read = profile(&alice).await;
    assert_eq!(read.nickname.as_deref(), Some("Al"));
    assert_eq!(read.name.as_deref(), Some("Alice Liddell"));
    assert_eq!(read.city.as_deref(), Some("Oxford"));
    assert_eq!(read.gender, Some(Gender::Female));
    assert_eq!(read.custom_data, Some(json!({"team": "blue", "level": 3})));
    assert_eq!(read.username.as_deref(), Some("alice"));
    assert!(read.updated_at.is_some());

    // The username is an identity: unique, and sign-in follows it.
    server.add_user(FakeUser::new().username("bob").password("Passw0rd!"));
    let taken = alice
        .update_profile(UpdateProfileDto {
            username: Some("bob".into()),
            ..Default::default()
        })
        .await;
    assert_eq!(api_error(taken), (409, Some(2026)));
    alice
        .update_profile(UpdateProfileDto {
            username: Some("alice2".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    sign_in(&client, "alice2", None).await;

    // Strict bodies, and a token is required.
    let token = sign_in(&client, "alice2", None).await.access_token.unwrap();
    let unknown = raw(
        &server,
        "/api/v3/update-profile",
        Some(token.expose()),
        json!({"nickname": "x", "favouriteColour": "blue"}),
    )
    .await;
    assert_eq!(unknown["statusCode"], 400, "{unknown}");
    let anonymous = raw(
        &server,
        "/api/v3/update-profile",
        None,
        json!({"nickname": "x"}),
    )
    .await;
    assert_eq!(
        (&anonymous["statusCode"], &anonymous["apiCode"]),
        (&json!(401), &json!(2020))
    );
    assert_eq!(profile(&alice).await.nickname.as_deref(), Some("Al"));
    server.shutdown().await;
}

#[tokio::test]
async fn bind_and_unbind_email_with_passcodes() {
    let (server, client) = start().await;
    server.add_user(FakeUser::new().username("bob").password("Passw0rd!"));
    let bob = user_of(&client, "bob").await;
    assert_eq!(profile(&bob).await.email, None);

    // A wrong code, and a code sent on another channel, are 2001; neither binds.
    send_email(&client, EmailChannel::BindEmail, "bob@example.com").await;
    let code = server.last_passcode("bob@example.com").unwrap();
    let wrong = bob
        .bind_email(BindEmailDto {
            pass_code: other_code(&code).into(),
            email: "bob@example.com".into(),
        })
        .await;
    assert_eq!(api_error(wrong), (403, Some(2001)));
    send_email(&client, EmailChannel::Login, "bob@example.com").await;
    let login_code = server.last_passcode("bob@example.com").unwrap();
    let wrong_channel = bob
        .bind_email(BindEmailDto {
            pass_code: login_code.into(),
            email: "bob@example.com".into(),
        })
        .await;
    assert_eq!(api_error(wrong_channel), (403, Some(2001)));
    assert_eq!(profile(&bob).await.email, None);

    // Another user's email cannot be bound.
    send_email(&client, EmailChannel::BindEmail, "alice@example.com").await;
    let alices = server.last_passcode("alice@example.com").unwrap();
    let taken = bob
        .bind_email(BindEmailDto {
            pass_code: alices.into(),
            email: "alice@example.com".into(),
        })
        .await;
    assert_eq!(api_error(taken).0, 409);

    // The right code binds: the profile shows it and the email signs in.
    bob.bind_email(BindEmailDto {
        pass_code: code.clone().into(),
        email: "bob@example.com".into(),
    })
    .await
    .unwrap();
    assert_eq!(
        profile(&bob).await.email.as_deref(),
        Some("bob@example.com")
    );
    let by_email = client
        .sign_in_by_email_password("bob@example.com", "Passw0rd!", None)
        .await
        .unwrap();
    assert!(by_email.access_token.is_some());
    // The code was single-use.
    let again = bob
        .bind_email(BindEmailDto {
            pass_code: code.into(),
            email: "bob@example.com".into(),
        })
        .await;
    assert_eq!(api_error(again).0, 409, "an email is bound already");

    // Unbind with a CHANNEL_UNBIND_EMAIL code sent to the bound email.
    send_email(&client, EmailChannel::UnbindEmail, "bob@example.com").await;
    let unbind = server.last_passcode("bob@example.com").unwrap();
    let wrong = bob
        .unbind_email(UnbindEmailDto {
            pass_code: other_code(&unbind).into(),
        })
        .await;
    assert_eq!(api_error(wrong), (403, Some(2001)));
    bob.unbind_email(UnbindEmailDto {
        pass_code: unbind.into(),
    })
    .await
    .unwrap();
    assert_eq!(profile(&bob).await.email, None);
    let gone = client
        .sign_in_by_email_password("bob@example.com", "Passw0rd!", None)
        .await;
    assert_eq!(api_error(gone).0, 403);
    server.shutdown().await;
}

#[tokio::test]
async fn bind_and_unbind_phone_with_passcodes() {
    let (server, client) = start().await;
    server.add_user(FakeUser::new().username("bob").password("Passw0rd!"));
    let bob = user_of(&client, "bob").await;
    let phone = "13900000001";

    send_sms(&client, SmsChannel::BindPhone, phone).await;
    let code = server.last_passcode(phone).unwrap();
    let wrong = bob
        .bind_phone(BindPhoneDto {
            pass_code: other_code(&code).into(),
            phone_number: phone.into(),
            phone_country_code: None,
        })
        .await;
    assert_eq!(api_error(wrong), (403, Some(2001)));
    // Country codes must agree with the one the code was sent for (none means +86).
    let other_country = bob
        .bind_phone(BindPhoneDto {
            pass_code: code.clone().into(),
            phone_number: phone.into(),
            phone_country_code: Some("+1".into()),
        })
        .await;
    assert_eq!(api_error(other_country), (403, Some(2001)));
    bob.bind_phone(BindPhoneDto {
        pass_code: code.into(),
        phone_number: phone.into(),
        phone_country_code: Some("+86".into()),
    })
    .await
    .unwrap();
    let read = profile(&bob).await;
    assert_eq!(read.phone.as_deref(), Some(phone));
    assert_eq!(read.phone_country_code.as_deref(), Some("+86"));
    client
        .sign_in_by_phone_password(phone, "Passw0rd!", None)
        .await
        .unwrap();

    // alice's phone is taken.
    let alice = user_of(&client, "alice").await;
    send_sms(&client, SmsChannel::BindPhone, phone).await;
    let taken = alice
        .bind_phone(BindPhoneDto {
            pass_code: server.last_passcode(phone).unwrap().into(),
            phone_number: phone.into(),
            phone_country_code: None,
        })
        .await;
    assert_eq!(api_error(taken).0, 409);

    send_sms(&client, SmsChannel::UnbindPhone, phone).await;
    let unbind = server.last_passcode(phone).unwrap();
    let wrong = bob
        .unbind_phone(UnbindPhoneDto {
            pass_code: other_code(&unbind).into(),
        })
        .await;
    assert_eq!(api_error(wrong), (403, Some(2001)));
    bob.unbind_phone(UnbindPhoneDto {
        pass_code: unbind.into(),
    })
    .await
    .unwrap();
    let read = profile(&bob).await;
    assert_eq!((read.phone, read.phone_country_code), (None, None));
    server.shutdown().await;
}

/// RFC 4226 HOTP / RFC 6238 TOTP with HMAC-SHA1: the `digits`-digit code at `unix_time`
/// (30-second steps from the epoch).
fn totp(secret: &[u8], unix_time: u64, digits: u32) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).unwrap();
    mac.update(&(unix_time / 30).to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[19] & 0x0f);
    let bin = u32::from_be_bytes(hash[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!(
        "{:0width$}",
        bin % 10u32.pow(digits),
        width = digits as usize
    )
}

/// RFC 4648 base32 without padding, as in `otpauth://` URIs.
fn base32_decode(text: &str) -> Vec<u8> {
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {text:?}"),
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn totp_matches_the_rfc_6238_sha1_vectors() {
    let seed = b"12345678901234567890";
    assert_eq!(totp(seed, 59, 8), "94287082");
    assert_eq!(totp(seed, 1_111_111_109, 8), "07081804");
    assert_eq!(totp(seed, 1_234_567_890, 8), "89005924");
    assert_eq!(
        base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        seed.to_vec()
    );
}

#[tokio::test]
async fn mfa_otp_enrol_verify_and_reset() {
    let (server, client) = start().await;
    let alice = user_of(&client, "alice").await;
    assert!(alice.list_enrolled_factors().await.unwrap().is_empty());

    let ticket = alice
        .send_enroll_factor_request(SendEnrollFactorRequestDto {
            factor_type: MfaFactorType::Otp,
            ..Default::default()
        })
        .await
        .unwrap();
    let uri = ticket
        .otp_data
        .and_then(|d| d.qr_code_uri)
        .expect("an otpauth URI");
    let uri = uri.expose();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    let secret = uri
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("secret="))
        .expect("a secret parameter");
    let secret = base32_decode(secret);
    assert_eq!(secret.len(), 20);

    // A code outside the ±1-step window (checked against a margin of two steps) is refused.
    let t = now();
    let near: Vec<String> = (0..5).map(|i| totp(&secret, t + i * 30 - 60, 6)).collect();
    let bad = (0..)
        .map(|n| format!("{n:06}"))
        .find(|c| !near.contains(c))
        .unwrap();
    let enrol = |pass_code: &str| EnrollFactorDto {
        enrollment_data: FactorEnrollmentData {
            pass_code: Some(pass_code.into()),
            ..Default::default()
        },
        enrollment_token: ticket.enrollment_token.clone(),
        factor_type: MfaFactorType::Otp,
    };
    assert_eq!(
        api_error(alice.enroll_factor(enrol(&bad)).await),
        (403, Some(6001))
    );
    alice
        .enroll_factor(enrol(&totp(&secret, now(), 6)))
        .await
        .unwrap();
    // The enrolment token is spent.
    let reuse = alice.enroll_factor(enrol(&totp(&secret, now(), 6))).await;
    assert_eq!(api_error(reuse).0, 403);

    let factors: Vec<MfaFactor> = alice.list_enrolled_factors().await.unwrap();
    assert_eq!(factors.len(), 1);
    assert_eq!(factors[0].factor_type, MfaFactorType::Otp);
    let factor_id = factors[0].factor_id.clone();
    assert_eq!(
        alice.get_factor(factor_id.clone()).await.unwrap(),
        factors[0]
    );
    let to_enroll = alice.list_factors_to_enroll().await.unwrap();
    assert!(
        to_enroll
            .iter()
            .all(|f| f.factor_type != MfaFactorType::Otp)
    );

    let verify = |totp: String| MfaOtpVerifyDto { totp: totp.into() };
    let good = alice
        .mfa_otp_verify(verify(totp(&secret, now(), 6)))
        .await
        .unwrap();
    assert!(good.verified);
    let wrong = alice.mfa_otp_verify(verify(bad)).await.unwrap();
    assert!(!wrong.verified);

    alice
        .reset_factor(ResetFactorDto {
            factor_id: factor_id.clone(),
        })
        .await
        .unwrap();
    assert!(alice.list_enrolled_factors().await.unwrap().is_empty());
    assert_eq!(api_error(alice.get_factor(factor_id).await).0, 404);
    let no_factor = alice.mfa_otp_verify(verify(totp(&secret, now(), 6))).await;
    assert_eq!(api_error(no_factor).0, 400);
    server.shutdown().await;
}

fn enabled(checks: &ResourcePermissionChecks) -> Vec<(&str, bool)> {
    checks
        .check_result_list
        .iter()
        .map(|c| (c.resource.as_deref().unwrap(), c.enabled.unwrap()))
        .collect()
}

#[tokio::test]
async fn permission_checks_follow_the_grants() {
    let (server, client) = start().await;
    server.add_user(FakeUser::new().username("bob").password("Passw0rd!"));
    server.grant_permission(
        "alice",
        "shop",
        FakeResourceType::String,
        "orders",
        &["read", "write"],
    );
    server.grant_permission(
        "alice",
        "shop",
        FakeResourceType::Tree,
        "docs/public",
        &["read"],
    );
    let alice = user_of(&client, "alice").await;
    let bob = user_of(&client, "bob").await;
    let check = |resources: &[&str], action: &str| CheckResourcePermissionDto {
        resources: resources.iter().map(|r| (*r).to_owned()).collect(),
        action: action.to_owned(),
    };

    let strings = alice
        .check_permission_by_string_resource(check(&["orders", "invoices"], "read"))
        .await
        .unwrap();
    assert_eq!(enabled(&strings), [("orders", true), ("invoices", false)]);
    let first = &strings.check_result_list[0];
    assert_eq!(first.namespace_code.as_deref(), Some("shop"));
    assert_eq!(first.action.as_deref(), Some("read"));
    let delete = alice
        .check_permission_by_string_resource(check(&["orders"], "delete"))
        .await
        .unwrap();
    assert_eq!(enabled(&delete), [("orders", false)]);
    // Grants are per user and per resource type.
    let bobs = bob
        .check_permission_by_string_resource(check(&["orders"], "read"))
        .await
        .unwrap();
    assert_eq!(enabled(&bobs), [("orders", false)]);
    let arrays = alice
        .check_permission_by_array_resource(check(&["orders"], "read"))
        .await
        .unwrap();
    assert_eq!(enabled(&arrays), [("orders", false)]);
    // A tree grant covers the nodes below it, not its siblings.
    let tree = alice
        .check_permission_by_tree_resource(check(
            &["docs/public", "docs/public/faq", "docs/private"],
            "read",
        ))
        .await
        .unwrap();
    assert_eq!(
        enabled(&tree),
        [
            ("docs/public", true),
            ("docs/public/faq", true),
            ("docs/private", false)
        ]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn logout_revokes_refresh_and_access_tokens() {
    let (server, client) = start().await;
    let tokens = sign_in(&client, "alice", Some("openid profile offline_access")).await;
    let access = tokens.access_token.unwrap();
    let refresh = tokens
        .refresh_token
        .expect("offline_access gives a refresh token");
    let alice = client.with_user_token(access.clone());
    profile(&alice).await;
    assert!(
        client
            .introspect_token(access.clone())
            .await
            .unwrap()
            .active
    );

    // The login's refresh token works at the token endpoint, and its access token on user
    // endpoints.
    let refreshed = client
        .get_new_access_token_by_refresh_token(refresh.clone())
        .await
        .unwrap();
    let second = refreshed.access_token.unwrap();
    let alice2 = client.with_user_token(second.clone());
    assert_eq!(profile(&alice2).await.username.as_deref(), Some("alice"));

    // Logout: revoke the refresh token, then the access tokens.
    client.revoke_token(refresh.clone()).await.unwrap();
    match client.get_new_access_token_by_refresh_token(refresh).await {
        Err(Error::OAuth { status, error, .. }) => {
            assert_eq!((status, error.as_str()), (400, "invalid_grant"));
        }
        other => panic!("expected invalid_grant, got {other:?}"),
    }
    for (token, user) in [(access, &alice), (second, &alice2)] {
        client.revoke_token(token.clone()).await.unwrap();
        assert!(!client.introspect_token(token).await.unwrap().active);
        let refused = user.get_profile(GetProfileQuery::default()).await;
        assert_eq!(api_error(refused), (401, Some(2020)));
    }
    // Other sessions are unaffected.
    profile(&user_of(&client, "alice").await).await;
    server.shutdown().await;
}
