//! The Management client end to end against the fake server on 127.0.0.1, through the
//! generated traits: 64 concurrent calls share one management token, and after the server
//! expires every token they share one refetch; a tampered signature is refused; 250 users
//! listed with `pages()`; both schemes create a user who then signs in.

use std::time::Duration;

use futures_util::TryStreamExt as _;
use genauth::{AuthenticationExt, Error, ManagementAuthScheme};
use genauth_fake::{FakeServer, FakeServerConfig};
use genauth_management::model::{
    CreateUserReqDto, GetUserQuery, ListUsersOptionsDto, ListUsersRequestDto, PaginationDto,
};
use genauth_management::{ManagementClient, ManagementOptions, Users, pages};

const WAIT: Duration = Duration::from_secs(30);

async fn server() -> FakeServer {
    FakeServer::start(FakeServerConfig::default())
        .await
        .expect("fake server starts")
}

fn client(server: &FakeServer, scheme: ManagementAuthScheme, secret: &str) -> ManagementClient {
    ManagementClient::new(
        ManagementOptions::builder()
            .access_key_id(server.management_access_key_id())
            .access_key_secret(secret)
            .host(server.base_url())
            .scheme(scheme)
            .build()
            .unwrap(),
    )
    .unwrap()
}

fn new_user(name: &str) -> CreateUserReqDto {
    CreateUserReqDto {
        username: Some(name.into()),
        password: Some("Passw0rd-e2e!".into()),
        ..Default::default()
    }
}

fn get(user_id: &str) -> GetUserQuery {
    GetUserQuery {
        user_id: user_id.into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_concurrent_calls_share_one_token_and_one_refetch() {
    let server = server().await;
    let mgmt = client(
        &server,
        ManagementAuthScheme::Token,
        server.management_access_key_secret(),
    );
    let user = mgmt.create_user(new_user("concurrent")).await.unwrap();
    assert_eq!(server.management_token_requests(), 1);
    let burst = |mgmt: &ManagementClient| {
        let calls: Vec<_> = (0..64)
            .map(|_| {
                let (mgmt, id) = (mgmt.clone(), user.user_id.clone());
                tokio::spawn(async move { mgmt.get_user(get(&id)).await })
            })
            .collect();
        async move {
            for call in calls {
                let got = call.await.unwrap().expect("get-user");
                assert_eq!(got.username.as_deref(), Some("concurrent"));
            }
        }
    };
    tokio::time::timeout(WAIT, burst(&mgmt)).await.unwrap();
    assert_eq!(server.management_token_requests(), 1, "the cached token");
    // Every issued token is now rejected: the 64 calls refetch once between them.
    server.expire_management_tokens();
    tokio::time::timeout(WAIT, burst(&mgmt)).await.unwrap();
    assert_eq!(server.management_token_requests(), 2, "one refetch");
}

#[tokio::test]
async fn both_schemes_create_users_who_sign_in_and_a_wrong_secret_is_refused() {
    let server = server().await;
    let app = server.client();
    for (scheme, name) in [
        (ManagementAuthScheme::Token, "by-token"),
        (ManagementAuthScheme::Signature, "by-signature"),
    ] {
        let mgmt = client(&server, scheme, server.management_access_key_secret());
        mgmt.create_user(new_user(name)).await.unwrap();
        let tokens = app
            .sign_in_by_account_password(name, "Passw0rd-e2e!", None)
            .await
            .unwrap_or_else(|e| panic!("{scheme:?}: {e}"));
        assert!(tokens.access_token.is_some());
        // A signature (or a token request) with the wrong secret: the server's 401.
        let wrong = client(&server, scheme, "tampered-secret");
        let err = wrong.get_user(get("fake-user-1")).await.unwrap_err();
        match (scheme, &err) {
            (
                ManagementAuthScheme::Signature,
                Error::Api {
                    status_code: 401, ..
                },
            ) => {}
            (
                ManagementAuthScheme::Token,
                Error::Api {
                    status_code: 401, ..
                },
            ) => {}
            _ => panic!("{scheme:?}: {err:?}"),
        }
        let text = format!("{err} {err:?}");
        assert!(!text.contains("tampered-secret"), "{text}");
    }
}

#[tokio::test]
async fn pages_lists_250_users() {
    let server = server().await;
    let mgmt = client(
        &server,
        ManagementAuthScheme::Signature,
        server.management_access_key_secret(),
    );
    for i in 0..249 {
        mgmt.create_user(new_user(&format!("user-{i:03}")))
            .await
            .unwrap();
    }
    let users: Vec<_> = pages(50, |page, limit| {
        mgmt.list_users(ListUsersRequestDto {
            options: Some(ListUsersOptionsDto {
                pagination: Some(PaginationDto {
                    page: Some(page),
                    limit: Some(limit),
                }),
                ..Default::default()
            }),
            ..Default::default()
        })
    })
    .try_collect()
    .await
    .unwrap();
    // alice, who the fake starts with, and the 249 created here.
    assert_eq!(users.len(), 250);
    let mut ids: Vec<_> = users.iter().map(|u| u.user_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 250, "no user twice");
    assert_eq!(
        server.request_count("/api/v3/list-users"),
        5,
        "five pages of 50, no sixth request"
    );
}
