//! Password encryption end to end: the client encrypts with the server's public key (fetched from
//! `/api/v3/system` once, or pinned), the fake server decrypts with its private keys.

use genauth::crypto::Sm2Layout;
use genauth::{
    Account, AuthenticationExt, ClientOptions, DeleteAccountPasswordPayload, Error, GenAuthClient,
    PasswordEncryptType, ResetPasswordDto, SignInOptions, SignUpConnection, SignUpDto,
    SignUpOptions, SignUpPasswordPayload, UpdatePasswordDto, VerifyDeleteAccountRequestDto,
    VerifyMethod,
};
use genauth_fake::{FakeServer, FakeServerConfig};
use serde_json::json;

const MODES: [PasswordEncryptType; 3] = [
    PasswordEncryptType::None,
    PasswordEncryptType::Rsa,
    PasswordEncryptType::Sm2,
];

async fn setup(layout: Sm2Layout, system_enveloped: bool) -> (FakeServer, GenAuthClient) {
    let server = FakeServer::start(FakeServerConfig {
        sm2_layout: layout,
        system_enveloped,
        ..Default::default()
    })
    .await
    .unwrap();
    let client = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .sm2_layout(layout)
            .build()
            .unwrap(),
    )
    .unwrap();
    (server, client)
}

fn opts(mode: PasswordEncryptType) -> Option<SignInOptions> {
    Some(SignInOptions {
        password_encrypt_type: Some(mode),
        ..Default::default()
    })
}

fn last_body(server: &FakeServer, path: &str) -> serde_json::Value {
    server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path == path)
        .unwrap()
        .body_json()
        .unwrap()
}

/// The ciphertext on the wire has the expected shape and never contains the plaintext.
fn check_cipher(mode: PasswordEncryptType, layout: Sm2Layout, wire: &str, plain: &str) {
    match mode {
        PasswordEncryptType::None => assert_eq!(wire, plain),
        PasswordEncryptType::Rsa => {
            assert_ne!(wire, plain);
            use base64::Engine as _;
            let raw = base64::engine::general_purpose::STANDARD
                .decode(wire)
                .unwrap();
            assert_eq!(raw.len(), 128, "RSA-1024 ciphertext is one modulus long");
        }
        PasswordEncryptType::Sm2 => {
            assert!(
                wire.chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            );
            match layout {
                // C1 (64) + C3 (32) + C2 (len)
                Sm2Layout::C1C3C2 => assert_eq!(wire.len(), 2 * (64 + 32 + plain.len())),
                // 04 + C1 + C2 (base64 of password) + C3
                Sm2Layout::MobileC1C2C3 => {
                    assert!(wire.starts_with("04"));
                    assert!(wire.len() > 2 * (65 + 32 + plain.len()));
                }
            }
        }
    }
}

#[tokio::test]
async fn every_signin_connection_round_trips_in_every_mode_and_layout() {
    for layout in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
        let (server, c) = setup(layout, false).await;
        for mode in MODES {
            c.sign_in_by_account_password("alice", "Passw0rd!", opts(mode))
                .await
                .unwrap();
            let b = last_body(&server, "/api/v3/signin");
            assert_eq!(b["options"]["passwordEncryptType"], json!(mode.as_str()));
            check_cipher(
                mode,
                layout,
                b["passwordPayload"]["password"].as_str().unwrap(),
                "Passw0rd!",
            );

            c.sign_in_by_ldap("alice", "Passw0rd!", opts(mode))
                .await
                .unwrap();
            let b = last_body(&server, "/api/v3/signin");
            check_cipher(
                mode,
                layout,
                b["ldapPayload"]["password"].as_str().unwrap(),
                "Passw0rd!",
            );

            c.sign_in_by_ad("alice", "Passw0rd!", opts(mode))
                .await
                .unwrap();
            let b = last_body(&server, "/api/v3/signin");
            check_cipher(
                mode,
                layout,
                b["adPayload"]["password"].as_str().unwrap(),
                "Passw0rd!",
            );

            // A wrong password still fails after decryption (the server really compares).
            let e = c
                .sign_in_by_email_password("alice@example.com", "Passw0rd?", opts(mode))
                .await
                .unwrap_err();
            assert_eq!(
                e.api_code(),
                Some(genauth::ApiCode::InvalidCredentials),
                "{mode:?}: {e:?}"
            );
        }
        assert_eq!(server.request_count("/api/v3/system"), 1);
    }
}

#[tokio::test]
async fn client_default_applies_and_per_call_overrides() {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let c = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .password_encrypt_type(PasswordEncryptType::Sm2)
            .build()
            .unwrap(),
    )
    .unwrap();
    c.sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .unwrap();
    let b = last_body(&server, "/api/v3/signin");
    assert_eq!(b["options"]["passwordEncryptType"], "sm2");
    check_cipher(
        PasswordEncryptType::Sm2,
        Sm2Layout::C1C3C2,
        b["passwordPayload"]["password"].as_str().unwrap(),
        "Passw0rd!",
    );
    c.sign_in_by_account_password("alice", "Passw0rd!", opts(PasswordEncryptType::None))
        .await
        .unwrap();
    let b = last_body(&server, "/api/v3/signin");
    assert_eq!(b["passwordPayload"]["password"], "Passw0rd!");
    // A passcode login has no password: nothing is encrypted, no key fetch needed for it.
    assert_eq!(server.request_count("/api/v3/system"), 1);
}

#[tokio::test]
async fn unicode_and_long_passwords() {
    let (server, c) = setup(Sm2Layout::C1C3C2, true).await;
    let pw = "pä$$wörd-密码-🔑";
    for mode in MODES {
        let o = Some(SignInOptions {
            password_encrypt_type: Some(mode),
            auto_register: Some(true),
            ..Default::default()
        });
        c.sign_in_by_username_password(&format!("uni-{}", mode.as_str()), pw, o.clone())
            .await
            .unwrap();
        c.sign_in_by_username_password(&format!("uni-{}", mode.as_str()), pw, o)
            .await
            .unwrap();
    }
    // RSA-1024 PKCS#1 v1.5 carries at most 117 bytes: a clear error, nothing sent.
    let before = server.request_count("/api/v3/signin");
    let long = "x".repeat(118);
    let e = c
        .sign_in_by_account_password("alice", long.as_str(), opts(PasswordEncryptType::Rsa))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Encrypt(_)), "{e:?}");
    assert!(!e.to_string().contains(&long));
    assert_eq!(server.request_count("/api/v3/signin"), before);
    // SM2 has no such limit.
    let e = c
        .sign_in_by_account_password("alice", long.as_str(), opts(PasswordEncryptType::Sm2))
        .await
        .unwrap_err();
    assert_eq!(e.api_code(), Some(genauth::ApiCode::InvalidCredentials));
}

#[tokio::test]
async fn one_system_fetch_for_a_thousand_logins() {
    let (server, c) = setup(Sm2Layout::C1C3C2, false).await;
    for i in 0..1000 {
        let mode = MODES[i % 3];
        c.sign_in_by_account_password("alice", "Passw0rd!", opts(mode))
            .await
            .unwrap();
    }
    assert_eq!(server.request_count("/api/v3/signin"), 1000);
    assert_eq!(server.request_count("/api/v3/system"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_calls_make_one_fetch() {
    let (server, c) = setup(Sm2Layout::C1C3C2, false).await;
    let mut tasks = Vec::new();
    for i in 0..32 {
        let c = c.clone();
        let mode = if i % 2 == 0 {
            PasswordEncryptType::Rsa
        } else {
            PasswordEncryptType::Sm2
        };
        tasks.push(tokio::spawn(async move {
            c.sign_in_by_account_password("alice", "Passw0rd!", opts(mode))
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(server.request_count("/api/v3/system"), 1);
}

#[tokio::test]
async fn rotated_server_keys_are_refetched_once() {
    let (server, c) = setup(Sm2Layout::C1C3C2, false).await;
    c.sign_in_by_account_password("alice", "Passw0rd!", opts(PasswordEncryptType::Sm2))
        .await
        .unwrap();
    server.rotate_keys();
    // The cached key no longer decrypts: apiCode 2016, refetch, re-encrypt, succeed.
    c.sign_in_by_account_password("alice", "Passw0rd!", opts(PasswordEncryptType::Sm2))
        .await
        .unwrap();
    assert_eq!(server.request_count("/api/v3/system"), 2);
    assert_eq!(server.request_count("/api/v3/signin"), 3);
}

/// Many logins that fail with the same rotated keys at once share one refetch (each invalidates
/// only the generation it used, so a refetch another call already made is kept).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_logins_after_a_rotation_share_one_refetch() {
    let (server, c) = setup(Sm2Layout::C1C3C2, false).await;
    c.sign_in_by_account_password("alice", "Passw0rd!", opts(PasswordEncryptType::Sm2))
        .await
        .unwrap();
    server.rotate_keys();
    // Every login encrypts with the cached (now stale) keys before any reply comes back.
    server.inject_fault(
        "/api/v3/signin",
        genauth_fake::Fault::Delay(std::time::Duration::from_millis(300)),
    );
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                c.sign_in_by_account_password("alice", "Passw0rd!", opts(PasswordEncryptType::Sm2))
                    .await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(
        server.request_count("/api/v3/system"),
        2,
        "one fetch at the start, one refetch after the rotation"
    );
}

#[tokio::test]
async fn pinned_keys_skip_discovery() {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    let info = reqwest_free_system_info(&server).await;
    let c = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .rsa_public_key(info.0)
            .sm2_public_key(info.1)
            .build()
            .unwrap(),
    )
    .unwrap();
    let before = server.request_count("/api/v3/system");
    for mode in MODES {
        c.sign_in_by_account_password("alice", "Passw0rd!", opts(mode))
            .await
            .unwrap();
    }
    assert_eq!(server.request_count("/api/v3/system"), before);

    // A malformed pinned key is a configuration error at construction.
    let e = ClientOptions::builder()
        .app_id("a")
        .app_secret("s")
        .app_host(server.base_url())
        .sm2_public_key("04zz")
        .build()
        .and_then(GenAuthClient::new)
        .unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
}

/// Reads the server's keys through the SDK's own endpoint (one fetch).
async fn reqwest_free_system_info(server: &FakeServer) -> (String, String) {
    use genauth::Authentication;
    let c = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .build()
            .unwrap(),
    )
    .unwrap();
    let info = c.get_system_info().await.unwrap();
    (info.rsa.unwrap().public_key, info.sm2.unwrap().public_key)
}

#[tokio::test]
async fn every_password_bearing_endpoint_round_trips() {
    for layout in [Sm2Layout::C1C3C2, Sm2Layout::MobileC1C2C3] {
        let (server, c) = setup(layout, false).await;
        for mode in MODES {
            let name = format!("new-{}-{layout:?}", mode.as_str()).to_lowercase();
            // sign-up
            let user = c
                .sign_up(SignUpDto {
                    connection: SignUpConnection::Password,
                    password_payload: Some(SignUpPasswordPayload {
                        password: "First#1pw".into(),
                        username: Some(name.clone()),
                        email: None,
                    }),
                    options: Some(SignUpOptions {
                        password_encrypt_type: Some(mode),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .await
                .unwrap();
            assert_eq!(user.username.as_deref(), Some(name.as_str()));
            let b = last_body(&server, "/api/v3/signup");
            check_cipher(
                mode,
                layout,
                b["passwordPayload"]["password"].as_str().unwrap(),
                "First#1pw",
            );

            // update-password (user token from a login with the new password)
            let tokens = c
                .sign_in_by_username_password(&name, "First#1pw", opts(mode))
                .await
                .unwrap();
            let user = c.with_user_token(tokens.access_token.clone().unwrap());
            user.update_password(UpdatePasswordDto {
                new_password: "Second#2pw".into(),
                old_password: Some("First#1pw".into()),
                password_encrypt_type: Some(mode),
                password_reset_token: None,
            })
            .await
            .unwrap();
            let b = last_body(&server, "/api/v3/update-password");
            assert_eq!(b["passwordEncryptType"], json!(mode.as_str()));
            check_cipher(
                mode,
                layout,
                b["newPassword"].as_str().unwrap(),
                "Second#2pw",
            );
            check_cipher(
                mode,
                layout,
                b["oldPassword"].as_str().unwrap(),
                "First#1pw",
            );
            c.sign_in_by_username_password(&name, "Second#2pw", opts(mode))
                .await
                .unwrap();

            // reset-password with a token the server issued for this user
            let token = server.issue_password_reset_token(&name);
            let ok = c
                .reset_password(ResetPasswordDto {
                    password: "Third#3pw".into(),
                    password_reset_token: token.into(),
                    password_encrypt_type: Some(mode),
                })
                .await
                .unwrap();
            assert!(ok.success);
            check_cipher(
                mode,
                layout,
                last_body(&server, "/api/v3/reset-password")["password"]
                    .as_str()
                    .unwrap(),
                "Third#3pw",
            );
            let tokens = c
                .sign_in_by_username_password(&name, "Third#3pw", opts(mode))
                .await
                .unwrap();

            // verify-delete-account-request by password (flag inside passwordPayload)
            let user = c.with_user_token(tokens.access_token.clone().unwrap());
            let del = user
                .verify_delete_account_request(VerifyDeleteAccountRequestDto {
                    verify_method: VerifyMethod::Password,
                    phone_pass_code_payload: None,
                    email_pass_code_payload: None,
                    password_payload: Some(DeleteAccountPasswordPayload {
                        password: "Third#3pw".into(),
                        password_encrypt_type: Some(mode),
                    }),
                })
                .await
                .unwrap();
            assert!(!del.delete_account_token.expose().is_empty());
            let b = last_body(&server, "/api/v3/verify-delete-account-request");
            assert_eq!(
                b["passwordPayload"]["passwordEncryptType"],
                json!(mode.as_str())
            );
            check_cipher(
                mode,
                layout,
                b["passwordPayload"]["password"].as_str().unwrap(),
                "Third#3pw",
            );
        }
    }
}
