//! The SDK's own `ManagementClient` against the fake, with both schemes, through endpoints
//! declared here as a user of the SDK would declare them (the generated Management traits are
//! not on this branch yet). Declaring them also puts them in the program's endpoint inventory,
//! so `list-tenants`, which has no handler of its own, is answered by the default handler
//! (`declared.rs`), behind the same credentials check.

use genauth_client::{
    Error, GenAuthClient, HeaderPrefix, ManagementAuthScheme, ManagementClient, ManagementOptions,
    genauth_api, genauth_endpoint,
};
use genauth_management::model::UserDto;
use reqwest::Method;
use serde_json::{Value, json};

use super::{Mgmt, assert_unauthorized, send, start, start_with};
use crate::{FakeManagementConfig, FakeServer};

/// A few Management endpoints.
#[genauth_api(crate = genauth_client)]
pub trait TestManagement {
    /// `POST /api/v3/create-user`.
    #[genauth_endpoint(path = "/api/v3/create-user", method = POST, auth = management)]
    async fn create_user(&self, body: Value) -> genauth_client::Result<UserDto>;

    /// `GET /api/v3/get-user?userId=`.
    #[genauth_endpoint(path = "/api/v3/get-user", method = GET, auth = management)]
    async fn get_user(
        &self,
        #[query = "userId"] user_id: String,
    ) -> genauth_client::Result<UserDto>;

    /// `GET /api/v3/list-tenants`: no handler in the fake, answered by the default handler.
    #[genauth_endpoint(path = "/api/v3/list-tenants", method = GET, auth = management)]
    async fn list_tenants(&self) -> genauth_client::Result<Value>;

    /// `POST /api/v3/pub-userEvent`: also an Authentication endpoint (user token), which the
    /// fake serves; Management credentials reach the default handler instead.
    #[genauth_endpoint(path = "/api/v3/pub-userEvent", method = POST, auth = management)]
    async fn pub_user_event(&self, body: Value) -> genauth_client::Result<Value>;
}

fn client(server: &FakeServer, scheme: ManagementAuthScheme, secret: &str) -> ManagementClient {
    client_with(server, scheme, secret, HeaderPrefix::GenAuth)
}

fn client_with(
    server: &FakeServer,
    scheme: ManagementAuthScheme,
    secret: &str,
    prefix: HeaderPrefix,
) -> ManagementClient {
    let options = ManagementOptions::builder()
        .access_key_id(server.management_access_key_id())
        .access_key_secret(secret.to_owned())
        .host(server.base_url())
        .scheme(scheme)
        .header_prefix(prefix)
        .build()
        .expect("management options");
    ManagementClient::new(options).expect("a client")
}

/// Signs in through the Authentication API with the SDK's own client.
async fn sign_in(server: &FakeServer, username: &str, password: &str) -> bool {
    use genauth_client::AuthenticationExt as _;
    let client: GenAuthClient = server.client();
    client
        .sign_in_by_account_password(username, password, None)
        .await
        .is_ok()
}

#[track_caller]
fn assert_401(result: Result<impl std::fmt::Debug, Error>) {
    match result {
        Err(Error::Api {
            status_code: 401, ..
        })
        | Err(Error::HttpStatus { status: 401, .. }) => {}
        other => panic!("expected a 401, got {other:?}"),
    }
}

#[tokio::test]
async fn management_client_creates_users_that_sign_in_with_both_schemes() {
    let server = start().await;
    let secret = server.management_access_key_secret().to_owned();
    for (scheme, name) in [
        (ManagementAuthScheme::Token, "token-user"),
        (ManagementAuthScheme::Signature, "signed-user"),
    ] {
        let mgmt = client(&server, scheme, &secret);
        let user = mgmt
            .create_user(json!({"username": name, "password": "Passw0rd-e2e"}))
            .await
            .unwrap_or_else(|e| panic!("{scheme:?}: {e}"));
        assert_eq!(user.username.as_deref(), Some(name));
        assert!(sign_in(&server, name, "Passw0rd-e2e").await, "{scheme:?}");
        assert!(!sign_in(&server, name, "wrong").await, "{scheme:?}");
        let got = mgmt.get_user(user.user_id.clone()).await.expect("get-user");
        assert_eq!(got.user_id, user.user_id);
        // The default handler, after the credentials check: a sample of the declared reply
        // type (`{}` when the inventory holds only this test's trait; the generated `Tenants`
        // trait's sample when genauth-management is linked too), always an object.
        assert!(mgmt.list_tenants().await.expect("list-tenants").is_object());
    }
    // The token scheme fetched one token for its three calls; the signature scheme none.
    assert_eq!(server.management_token_requests(), 1);

    // Wrong secrets: refused either way.
    assert_401(
        client(&server, ManagementAuthScheme::Signature, "wrong")
            .get_user("fake-user-1".into())
            .await,
    );
    assert_401(
        client(&server, ManagementAuthScheme::Token, "wrong")
            .get_user("fake-user-1".into())
            .await,
    );
    server.shutdown().await;
}

#[tokio::test]
async fn an_expired_token_is_fetched_again_once() {
    let server = start().await;
    let secret = server.management_access_key_secret().to_owned();
    let mgmt = client(&server, ManagementAuthScheme::Token, &secret);
    mgmt.get_user("fake-user-1".into())
        .await
        .expect("first call");
    assert_eq!(server.management_token_requests(), 1);
    server.expire_management_tokens();
    // The server answers 401; the client fetches a new token and retries, once.
    let user = mgmt
        .get_user("fake-user-1".into())
        .await
        .expect("after expiry");
    assert_eq!(user.username.as_deref(), Some("alice"));
    assert_eq!(server.management_token_requests(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn the_authing_prefix_works_end_to_end() {
    let server = start_with(|c| {
        c.header_prefix = "x-authing-".into();
        c.management = FakeManagementConfig::default().userpool_id("pool-7");
    })
    .await;
    let secret = server.management_access_key_secret().to_owned();
    let mgmt = client_with(
        &server,
        ManagementAuthScheme::Token,
        &secret,
        HeaderPrefix::Authing,
    );
    mgmt.get_user("fake-user-1".into())
        .await
        .expect("x-authing-userpool-id");
    let sent = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v3/get-user")
        .expect("recorded");
    assert_eq!(sent.header("x-authing-userpool-id"), Some("pool-7"));
    assert_eq!(
        sent.header("x-authing-app-id"),
        None,
        "no app id on Management calls"
    );
    server.shutdown().await;
}

/// `POST /api/v3/pub-userEvent` is in both APIs: Management credentials make it a Management
/// call (the default handler), a user's access token keeps it an Authentication call.
#[tokio::test]
async fn a_path_of_both_apis_goes_by_the_credentials() {
    let server = start().await;
    let secret = server.management_access_key_secret().to_owned();
    let body = json!({"eventType": "my-event", "eventData": "{}"});
    for scheme in [ManagementAuthScheme::Token, ManagementAuthScheme::Signature] {
        let mgmt = client(&server, scheme, &secret);
        mgmt.pub_user_event(body.clone())
            .await
            .unwrap_or_else(|e| panic!("{scheme:?}: {e}"));
    }
    // A bad signature there is refused like on any Management route.
    assert_401(
        client(&server, ManagementAuthScheme::Signature, "wrong")
            .pub_user_event(body.clone())
            .await,
    );
    // Without Management credentials it is the Authentication endpoint: app id, user token.
    let headers = [
        ("x-genauth-app-id".to_owned(), server.app_id().to_owned()),
        ("content-type".to_owned(), "application/json".to_owned()),
    ];
    let (status, reply) = send(
        &server,
        &Method::POST,
        "/api/v3/pub-userEvent",
        &headers,
        Some(body.to_string().into_bytes()),
    )
    .await;
    assert_eq!(
        (status, reply["statusCode"].clone()),
        (200, json!(401)),
        "{reply}"
    );
    assert_eq!(reply["apiCode"], 2020, "the user-endpoint refusal: {reply}");
    server.shutdown().await;
}

/// A declared Management endpoint without a handler of its own is checked like the others.
#[tokio::test]
async fn the_default_handler_checks_management_credentials() {
    let server = start().await;
    let (status, reply) = send(&server, &Method::GET, "/api/v3/list-tenants", &[], None).await;
    assert_unauthorized(status, &reply, "needs `authorization`");
    // The Authentication API's app id is no credential here.
    let app = [("x-genauth-app-id".to_owned(), server.app_id().to_owned())];
    let (status, reply) = send(&server, &Method::GET, "/api/v3/list-tenants", &app, None).await;
    assert_unauthorized(status, &reply, "needs `authorization`");
    for mgmt in [Mgmt::token(&server).await, Mgmt::signature(&server)] {
        let reply = mgmt.get("/api/v3/list-tenants").await;
        assert_eq!(reply["statusCode"], 200, "{reply}");
    }
    server.expire_management_tokens();
    let stale = Mgmt::token(&server).await;
    server.expire_management_tokens();
    let (status, reply) = stale.call(Method::GET, "/api/v3/list-tenants", None).await;
    assert_unauthorized(status, &reply, "has expired");
    server.shutdown().await;
}
