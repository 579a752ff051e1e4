//! HTTPS over loopback: the fake server with a certificate generated at start, the real client
//! (reqwest, rustls) trusting its CA through `ClientOptionsBuilder::add_root_certificate_pem`, and
//! failing cleanly without it.

use genauth::{AuthenticationExt, ClientOptions, ErrorKind, GenAuthClient, ReqwestTransport};
use genauth_fake::{FakeServer, FakeServerConfig};

async fn tls_server() -> FakeServer {
    FakeServer::start(FakeServerConfig::default().tls(true))
        .await
        .expect("TLS fake server starts")
}

#[tokio::test]
async fn base_url_and_ca_follow_the_tls_setting() {
    let plain = FakeServer::start(FakeServerConfig::default())
        .await
        .unwrap();
    assert!(plain.base_url().starts_with("http://127.0.0.1:"));
    assert_eq!(plain.ca_certificate_pem(), None);

    let tls = tls_server().await;
    assert_eq!(
        tls.base_url(),
        format!("https://127.0.0.1:{}", tls.local_addr().port())
    );
    let ca = tls.ca_certificate_pem().expect("a TLS server has a CA");
    assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"), "{ca}");
    // a fresh CA per server
    assert_ne!(tls_server().await.ca_certificate_pem(), Some(ca));
}

#[tokio::test]
async fn sign_in_over_https_with_the_ca_added() {
    let server = tls_server().await;
    let options = ClientOptions::builder()
        .app_id(server.app_id())
        .app_secret(server.app_secret())
        .app_host(server.base_url())
        .add_root_certificate_pem(server.ca_certificate_pem().unwrap())
        .build()
        .unwrap();
    let transport = ReqwestTransport::from_options(&options).unwrap();
    let client = GenAuthClient::with_transport(options, transport).unwrap();

    let tokens = client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect("sign-in over https");
    assert!(tokens.access_token.as_ref().is_some_and(|a| !a.is_empty()));
    assert_eq!(server.request_count("/api/v3/signin"), 1);

    // keep-alive works over TLS too: a second call reuses the connection
    client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect("second sign-in over https");
    assert_eq!(server.connection_count(), 1);
}

#[tokio::test]
async fn server_client_trusts_its_own_ca() {
    let server = tls_server().await;
    let client = server.client();
    assert!(client.options().app_host().starts_with("https://"));
    client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect("sign-in with FakeServer::client over https");
}

#[tokio::test]
async fn without_the_ca_the_handshake_fails_as_a_transport_error() {
    let server = tls_server().await;
    let options = ClientOptions::builder()
        .app_id(server.app_id())
        .app_secret(server.app_secret())
        .app_host(server.base_url())
        .build()
        .unwrap();
    let client = GenAuthClient::new(options).unwrap();

    let err = client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect_err("an untrusted certificate must not be accepted");
    assert_eq!(err.kind(), ErrorKind::Transport, "{err:?}");
    let msg = err.to_string();
    assert!(msg.to_lowercase().contains("certificate"), "{msg}");
    // the request never reached the handlers
    assert_eq!(server.request_count("/api/v3/signin"), 0);
}
