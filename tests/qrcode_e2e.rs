//! QR-code login over loopback: the web side (generate, poll, exchange the ticket) and the APP
//! side (scan, confirm, cancel with the user's token), the polling helper's outcomes, and the
//! failure paths (expired code, reused ticket, wrong user, missing token).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use genauth::{
    AuthenticationExt, ChangeQrCodeStatusDto, ClientOptions, Error,
    ExchangeTokenSetWithQrCodeTicketDto, GenAuthClient, GeneQrCodeDto, QrCodeAction, QrCodeLogin,
    QrCodeLoginExt, QrCodeStatus, QrCodeType, QrPollOptions, QrPollOutcome, QrStatusEndpoint,
    TokenEndpointAuthMethod, UserClient,
};
use genauth_fake::{FakeOidcConfig, FakeServer, FakeServerConfig};
use serde_json::json;

async fn server(method: TokenEndpointAuthMethod, qr_ttl: Duration) -> FakeServer {
    FakeServer::start(FakeServerConfig {
        auth_method: method.as_str().to_owned(),
        oidc: FakeOidcConfig {
            qr_code_ttl: qr_ttl,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("fake server starts")
}

fn client(server: &FakeServer, method: TokenEndpointAuthMethod) -> GenAuthClient {
    let mut b = ClientOptions::builder()
        .app_id(server.app_id())
        .app_host(server.base_url())
        .auth_method(method);
    if method != TokenEndpointAuthMethod::None {
        b = b.app_secret(server.app_secret());
    }
    GenAuthClient::new(b.build().unwrap()).unwrap()
}

/// An APP-side client signed in as the demo user `alice`.
async fn app_client(server: &FakeServer, method: TokenEndpointAuthMethod) -> UserClient {
    let app = client(server, method);
    let tokens = app
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .unwrap();
    app.with_user_token(tokens.access_token.unwrap())
}

fn action(id: &str, action: QrCodeAction) -> ChangeQrCodeStatusDto {
    ChangeQrCodeStatusDto {
        qrcode_id: id.to_owned(),
        action,
    }
}

fn fast() -> QrPollOptions {
    QrPollOptions::new(Duration::from_millis(20), Duration::from_secs(10))
}

#[tokio::test]
async fn full_flow_with_the_poller_under_each_auth_method() {
    for method in [
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
        TokenEndpointAuthMethod::None,
    ] {
        let server = server(method, Duration::from_secs(60)).await;
        let web = client(&server, method);
        let app = app_client(&server, method).await;

        let qr = web
            .gene_qr_code(GeneQrCodeDto {
                qrcode_type: QrCodeType::MobileApp,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(qr.url.contains(&qr.qrcode_id));
        assert_eq!(
            server
                .requests()
                .iter()
                .rev()
                .find(|r| r.path == "/api/v3/gene-qrcode")
                .unwrap()
                .body_json()
                .unwrap(),
            json!({"type": "MOBILE_APP"})
        );

        let seen = Arc::new(Mutex::new(Vec::new()));
        let poll = {
            let (web, id, seen) = (web.clone(), qr.qrcode_id.clone(), Arc::clone(&seen));
            tokio::spawn(async move {
                web.wait_for_qr_code(&id, fast(), std::future::pending(), |s| {
                    seen.lock().unwrap().push(s.status);
                })
                .await
            })
        };
        tokio::time::sleep(Duration::from_millis(80)).await;
        app.change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Scan))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(80)).await;
        app.change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Confirm))
            .await
            .unwrap();

        let QrPollOutcome::Finished(done) = poll.await.unwrap().unwrap() else {
            panic!("not finished");
        };
        assert_eq!(done.status, QrCodeStatus::Authorized);
        assert_eq!(done.brief_user_info.as_ref().unwrap().display_name, "alice");
        assert_eq!(
            *seen.lock().unwrap(),
            vec![
                QrCodeStatus::Pending,
                QrCodeStatus::Scanned,
                QrCodeStatus::Authorized
            ]
        );
        let ticket = done.ticket.clone().expect("a ticket");
        let tokens = web
            .exchange_token_set_with_qr_code_ticket(ExchangeTokenSetWithQrCodeTicketDto {
                ticket: ticket.clone(),
            })
            .await
            .unwrap();
        let at = tokens.access_token.as_ref().unwrap().expose();
        assert_eq!(
            server.user_for_token(at).unwrap().username.as_deref(),
            Some("alice")
        );
        let r = server
            .requests()
            .into_iter()
            .rev()
            .find(|r| r.path == "/api/v3/exchange-tokenset-with-qrcode-ticket")
            .unwrap();
        let body = r.body_json().unwrap();
        assert_eq!(body["ticket"], ticket.expose());
        assert_eq!(
            body.get("client_secret").is_some(),
            method == TokenEndpointAuthMethod::ClientSecretPost
        );
        assert_eq!(
            r.header("authorization")
                .is_some_and(|h| h.starts_with("Basic ")),
            method == TokenEndpointAuthMethod::ClientSecretBasic
        );

        // A ticket works once.
        let e = web
            .exchange_token_set_with_qr_code_ticket(ExchangeTokenSetWithQrCodeTicketDto { ticket })
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Api {
                    status_code: 403,
                    ..
                }
            ),
            "{e:?}"
        );
        server.shutdown().await;
    }
}

#[tokio::test]
async fn set_status_get_status_and_cancel() {
    let server = server(
        TokenEndpointAuthMethod::ClientSecretPost,
        Duration::from_secs(60),
    )
    .await;
    let web = client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let app = app_client(&server, TokenEndpointAuthMethod::ClientSecretPost).await;
    let qr = web
        .gene_qr_code(GeneQrCodeDto {
            qrcode_type: QrCodeType::MobileApp,
            ..Default::default()
        })
        .await
        .unwrap();
    let s = web.get_qr_code_status(qr.qrcode_id.clone()).await.unwrap();
    assert_eq!(
        (s.status, s.ticket.is_none()),
        (QrCodeStatus::Pending, true)
    );
    assert!(
        app.set_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Scan))
            .await
            .unwrap()
            .success
    );
    let s = web
        .check_qr_code_status(qr.qrcode_id.clone())
        .await
        .unwrap();
    assert_eq!(s.status, QrCodeStatus::Scanned);
    assert!(
        app.set_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Cancel))
            .await
            .unwrap()
            .success
    );
    let options = QrPollOptions {
        endpoint: QrStatusEndpoint::Get,
        ..fast()
    };
    let outcome = web
        .wait_for_qr_code(&qr.qrcode_id, options, std::future::pending(), |_| {})
        .await
        .unwrap();
    assert!(
        matches!(outcome, QrPollOutcome::Finished(ref s) if s.status == QrCodeStatus::Cancelled && s.ticket.is_none())
    );
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.path == "/api/v3/get-qrcode-status")
    );
    // CONFIRM after CANCEL is refused.
    let e = app
        .change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Confirm))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 400,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn expired_code() {
    let server = server(
        TokenEndpointAuthMethod::ClientSecretPost,
        Duration::from_millis(150),
    )
    .await;
    let web = client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let app = app_client(&server, TokenEndpointAuthMethod::ClientSecretPost).await;
    let qr = web
        .gene_qr_code(GeneQrCodeDto {
            qrcode_type: QrCodeType::MobileApp,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut statuses = Vec::new();
    let outcome = web
        .wait_for_qr_code(&qr.qrcode_id, fast(), std::future::pending(), |s| {
            statuses.push(s.status)
        })
        .await
        .unwrap();
    assert!(matches!(outcome, QrPollOutcome::Finished(ref s) if s.status == QrCodeStatus::Expired));
    assert_eq!(statuses, vec![QrCodeStatus::Pending, QrCodeStatus::Expired]);
    let e = app
        .change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Scan))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 400,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn poller_deadline_and_cancellation() {
    let server = server(
        TokenEndpointAuthMethod::ClientSecretPost,
        Duration::from_secs(60),
    )
    .await;
    let web = client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let qr = web
        .gene_qr_code(GeneQrCodeDto {
            qrcode_type: QrCodeType::MobileApp,
            ..Default::default()
        })
        .await
        .unwrap();

    let started = tokio::time::Instant::now();
    let outcome = web
        .wait_for_qr_code(
            &qr.qrcode_id,
            QrPollOptions::new(Duration::from_millis(50), Duration::from_millis(300)),
            std::future::pending(),
            |_| {},
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, QrPollOutcome::TimedOut(Some(ref s)) if s.status == QrCodeStatus::Pending)
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(3),
        "{took:?}"
    );

    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(120)).await;
        let _ = tx.send(());
    });
    let before = server.request_count("/api/v3/check-qrcode-status");
    let outcome = web
        .wait_for_qr_code(
            &qr.qrcode_id,
            fast(),
            async {
                let _ = rx.await;
            },
            |_| {},
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, QrPollOutcome::Cancelled(Some(_))),
        "{outcome:?}"
    );
    let after_cancel = server.request_count("/api/v3/check-qrcode-status");
    assert!(after_cancel > before);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.request_count("/api/v3/check-qrcode-status"),
        after_cancel,
        "no polling after cancel"
    );

    // An already-fired signal stops before the first request.
    let outcome = web
        .wait_for_qr_code(&qr.qrcode_id, fast(), std::future::ready(()), |_| {
            panic!("no status expected")
        })
        .await
        .unwrap();
    assert_eq!(outcome, QrPollOutcome::Cancelled(None));
}

#[tokio::test]
async fn failure_paths() {
    let server = server(
        TokenEndpointAuthMethod::ClientSecretPost,
        Duration::from_secs(60),
    )
    .await;
    let web = client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let qr = web
        .gene_qr_code(GeneQrCodeDto {
            qrcode_type: QrCodeType::MobileApp,
            ..Default::default()
        })
        .await
        .unwrap();

    // The APP side needs a user token: a configuration error, nothing sent.
    let before = server.requests().len();
    let e = web
        .change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Scan))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
    assert_eq!(server.requests().len(), before);

    // Unknown code, and a poll of an unknown code is an error, not a timeout.
    let e = web.check_qr_code_status("nope".into()).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 404,
                ..
            }
        ),
        "{e:?}"
    );
    let e = web
        .wait_for_qr_code("nope", fast(), std::future::pending(), |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 404,
                ..
            }
        ),
        "{e:?}"
    );

    // CONFIRM before SCAN.
    let alice = app_client(&server, TokenEndpointAuthMethod::ClientSecretPost).await;
    let e = alice
        .change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Confirm))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 400,
                ..
            }
        ),
        "{e:?}"
    );

    // Only the scanner may confirm.
    alice
        .change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Scan))
        .await
        .unwrap();
    server.add_user(
        genauth_fake::FakeUser::new()
            .username("bob")
            .password("B0b-pass!"),
    );
    let bob = client(&server, TokenEndpointAuthMethod::ClientSecretPost);
    let t = bob
        .sign_in_by_username_password("bob", "B0b-pass!", None)
        .await
        .unwrap();
    let bob = bob.with_user_token(t.access_token.unwrap());
    let e = bob
        .change_qr_code_status(action(&qr.qrcode_id, QrCodeAction::Confirm))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 403,
                ..
            }
        ),
        "{e:?}"
    );

    // A made-up ticket.
    let e = web
        .exchange_token_set_with_qr_code_ticket(ExchangeTokenSetWithQrCodeTicketDto {
            ticket: "forged-ticket".into(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 403,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!format!("{e} {e:?}").contains("forged-ticket"));
}

#[tokio::test]
async fn the_poller_works_on_a_mock() {
    use genauth::{MockQrCodeLogin, QrCodeStatusInfo};
    let mut mock = MockQrCodeLogin::new();
    let mut seq = vec![
        QrCodeStatus::Authorized,
        QrCodeStatus::Scanned,
        QrCodeStatus::Pending,
        QrCodeStatus::Pending,
    ];
    mock.expect_check_qr_code_status()
        .withf(|id| id == "q-1")
        .times(4)
        .returning(move |_| {
            let status = seq.pop().unwrap();
            Box::pin(async move {
                Ok(QrCodeStatusInfo {
                    status,
                    ticket: (status == QrCodeStatus::Authorized).then(|| "T".into()),
                    brief_user_info: None,
                    token_set: None,
                })
            })
        });
    let mut changes = Vec::new();
    let outcome = mock
        .wait_for_qr_code(
            "q-1",
            QrPollOptions::new(Duration::from_millis(1), Duration::from_secs(5)),
            std::future::pending(),
            |s| changes.push(s.status),
        )
        .await
        .unwrap();
    assert!(matches!(outcome, QrPollOutcome::Finished(ref s) if s.ticket.is_some()));
    assert_eq!(
        changes,
        vec![
            QrCodeStatus::Pending,
            QrCodeStatus::Scanned,
            QrCodeStatus::Authorized
        ]
    );
}
