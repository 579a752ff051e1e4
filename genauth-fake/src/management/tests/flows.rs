//! The stateful Management endpoints over loopback HTTP, each answer decoded as the Node SDK's
//! response type (`genauth_management::model`).

use genauth_client::crypto::{
    DefaultEncryptor, PasswordEncryptType, PasswordEncryptor, ServerKeys,
};
use genauth_management::model::{
    CheckPermissionRespDto, GroupPaginatedRespDto, GroupSingleRespDto, IsActionAllowedRespDtp,
    IsSuccessRespDto, RolePaginatedRespDto, RoleSingleRespDto, UserDtoStatus,
    UserDtoUserSourceType, UserPaginatedRespDto, UserSingleRespDto,
};
use reqwest::Method;
use serde_json::{Value, json};

use super::{Mgmt, decode, send, start};
use crate::FakeServer;

/// `POST /api/v3/signin` with a username and password: the statusCode.
async fn sign_in(server: &FakeServer, username: &str, password: &str) -> u64 {
    let body = json!({
        "connection": "PASSWORD",
        "passwordPayload": { "username": username, "password": password },
        "client_id": server.app_id(),
        "client_secret": server.app_secret(),
    });
    let headers = [
        ("x-genauth-app-id".to_owned(), server.app_id().to_owned()),
        ("content-type".to_owned(), "application/json".to_owned()),
    ];
    let (status, reply) = send(
        server,
        &Method::POST,
        "/api/v3/signin",
        &headers,
        Some(body.to_string().into_bytes()),
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    if reply["statusCode"] == 200 {
        assert!(reply["data"]["access_token"].is_string(), "{reply}");
    }
    reply["statusCode"].as_u64().unwrap_or_default()
}

async fn create_user(mgmt: &Mgmt<'_>, body: Value) -> String {
    let reply = mgmt.post("/api/v3/create-user", &body).await;
    let user: UserSingleRespDto = decode(&reply);
    user.data.user_id
}

async fn encrypted(server: &FakeServer, kind: PasswordEncryptType, plain: &str) -> String {
    let headers = [("x-genauth-app-id".to_owned(), server.app_id().to_owned())];
    let (_, info) = send(server, &Method::GET, "/api/v3/system", &headers, None).await;
    let keys = ServerKeys::parse(
        info["rsa"]["publicKey"].as_str(),
        info["sm2"]["publicKey"].as_str(),
    )
    .expect("published keys");
    DefaultEncryptor::default()
        .encrypt(kind, plain, &keys)
        .expect("encrypts")
}

#[tokio::test]
async fn created_users_sign_in_and_answer_as_user_dto() {
    let server = start().await;
    let mgmt = Mgmt::token(&server).await;
    let reply = mgmt
        .post(
            "/api/v3/create-user",
            &json!({
                "username": "bob",
                "email": "bob@example.com",
                "phone": "13900000000",
                "password": "b0b-Passw0rd",
                "name": "Bob",
                "gender": "M",
                "status": "Activated",
                "customData": {"team": "blue"},
                "options": {"passwordEncryptType": "none", "resetPasswordOnFirstLogin": false},
            }),
        )
        .await;
    let user: UserSingleRespDto = decode(&reply);
    let bob = user.data;
    assert_eq!(bob.username.as_deref(), Some("bob"));
    assert_eq!(bob.email.as_deref(), Some("bob@example.com"));
    assert_eq!(bob.name.as_deref(), Some("Bob"));
    assert_eq!(bob.status, UserDtoStatus::Activated);
    assert_eq!(bob.user_source_type, UserDtoUserSourceType::AdminCreated);
    assert_eq!(bob.created_at, bob.updated_at);
    assert!(
        !reply.to_string().contains("b0b-Passw0rd"),
        "no password in answers"
    );

    // The Authentication API sees the same user.
    assert_eq!(sign_in(&server, "bob", "b0b-Passw0rd").await, 200);
    assert_eq!(sign_in(&server, "bob", "wrong").await, 403);

    // Encrypted passwords, as on sign-in.
    for (kind, name) in [
        (PasswordEncryptType::Rsa, "rsa-user"),
        (PasswordEncryptType::Sm2, "sm2-user"),
    ] {
        let ciphertext = encrypted(&server, kind, "Encrypted-1").await;
        create_user(
            &mgmt,
            json!({"username": name, "password": ciphertext, "options": {"passwordEncryptType": kind.as_str()}}),
        )
        .await;
        assert_eq!(sign_in(&server, name, "Encrypted-1").await, 200, "{name}");
    }
    let (_, reply) = mgmt
        .call(
            Method::POST,
            "/api/v3/create-user",
            Some(&json!({"username": "x", "password": "not-a-ciphertext", "options": {"passwordEncryptType": "rsa"}})),
        )
        .await;
    assert_eq!(
        (reply["statusCode"].clone(), reply["apiCode"].clone()),
        (json!(400), json!(2016)),
        "{reply}"
    );

    // get-user by each id type, with custom data.
    for target in [
        format!(
            "/api/v3/get-user?userId={}&withCustomData=true",
            bob.user_id
        ),
        "/api/v3/get-user?userId=bob&userIdType=username&withCustomData=true".to_owned(),
        "/api/v3/get-user?userId=bob%40example.com&userIdType=email&withCustomData=true".to_owned(),
        "/api/v3/get-user?userId=13900000000&userIdType=phone&withCustomData=True".to_owned(),
    ] {
        let user: UserSingleRespDto = decode(&mgmt.get(&target).await);
        assert_eq!(user.data.user_id, bob.user_id, "{target}");
        assert_eq!(
            user.data.custom_data,
            Some(json!({"team": "blue"})),
            "{target}"
        );
    }
    let flat = mgmt
        .get(&format!(
            "/api/v3/get-user?userId={}&flatCustomData=true",
            bob.user_id
        ))
        .await;
    assert_eq!(flat["data"]["team"], "blue");
    let missing = mgmt.get("/api/v3/get-user?userId=nobody").await;
    assert_eq!(
        (missing["statusCode"].clone(), missing["apiCode"].clone()),
        (json!(404), json!(2004))
    );
    let bad = mgmt.get("/api/v3/get-user?userId=bob&bogus=1").await;
    assert_eq!(bad["statusCode"], 400, "{bad}");

    // Taken identifiers, missing identifiers, bad values.
    for (body, status) in [
        (json!({"username": "bob"}), 409),
        (json!({"email": "BOB@example.com"}), 409),
        (
            json!({"phone": "13900000000", "phoneCountryCode": "+1"}),
            409,
        ),
        (json!({"name": "nameless"}), 400),
        (json!({"username": "z", "gender": "X"}), 400),
        (json!({"username": "z", "email": "not-an-email"}), 400),
        (json!({"username": "z", "bogus": 1}), 400),
    ] {
        let (_, reply) = mgmt
            .call(Method::POST, "/api/v3/create-user", Some(&body))
            .await;
        assert_eq!(reply["statusCode"], status, "{body}: {reply}");
    }
    // `null` reads as absent.
    create_user(
        &mgmt,
        json!({"username": "nully", "email": null, "options": null}),
    )
    .await;
    server.shutdown().await;
}

#[tokio::test]
async fn update_and_delete_users() {
    let server = start().await;
    let mgmt = Mgmt::signature(&server);
    let id = create_user(
        &mgmt,
        json!({"username": "carol", "password": "Old-pass-1"}),
    )
    .await;
    let reply = mgmt
        .post(
            "/api/v3/update-user",
            &json!({"userId": "carol", "username": "carol2", "password": "New-pass-2",
                    "nickname": "C", "options": {"userIdType": "username"}}),
        )
        .await;
    let user: UserSingleRespDto = decode(&reply);
    assert_eq!(user.data.user_id, id);
    assert_eq!(user.data.username.as_deref(), Some("carol2"));
    assert_eq!(user.data.nickname.as_deref(), Some("C"));
    assert_ne!(user.data.created_at, user.data.updated_at);
    assert_eq!(sign_in(&server, "carol2", "New-pass-2").await, 200);
    assert_eq!(sign_in(&server, "carol2", "Old-pass-1").await, 403);
    assert_eq!(sign_in(&server, "carol", "Old-pass-1").await, 403);
    // Another user's username is taken.
    let (_, reply) = mgmt
        .call(
            Method::POST,
            "/api/v3/update-user",
            Some(&json!({"userId": id, "username": "alice"})),
        )
        .await;
    assert_eq!(reply["apiCode"], 2026, "{reply}");

    let reply = mgmt
        .post(
            "/api/v3/delete-users-batch",
            &json!({"userIds": [id, "no-such-user"]}),
        )
        .await;
    let done: IsSuccessRespDto = decode(&reply);
    assert!(done.data.success);
    let gone = mgmt.get(&format!("/api/v3/get-user?userId={id}")).await;
    assert_eq!(gone["apiCode"], 2004, "{gone}");
    assert_eq!(sign_in(&server, "carol2", "New-pass-2").await, 403);
    server.shutdown().await;
}

#[tokio::test]
async fn list_users_pages_through_250_users() {
    let server = start().await;
    let mgmt = Mgmt::token(&server).await;
    let mut created = Vec::new();
    for i in 0..250 {
        created.push(create_user(&mgmt, json!({"username": format!("user-{i:03}")})).await);
    }
    // alice (the demo user) first, then the 250 in creation order.
    let mut expected = vec!["fake-user-1".to_owned()];
    expected.extend(created);

    let mut listed = Vec::new();
    for page in 1..=6 {
        let reply = mgmt
            .post(
                "/api/v3/list-users",
                &json!({"options": {"pagination": {"page": page, "limit": 50}}}),
            )
            .await;
        let users: UserPaginatedRespDto = decode(&reply);
        assert_eq!(users.data.total_count, 251);
        assert_eq!(
            users.data.list.len(),
            if page < 6 { 50 } else { 1 },
            "page {page}"
        );
        listed.extend(users.data.list.into_iter().map(|u| u.user_id));
    }
    assert_eq!(listed, expected);
    let past: UserPaginatedRespDto = decode(
        &mgmt
            .post(
                "/api/v3/list-users",
                &json!({"options": {"pagination": {"page": 7, "limit": 50}}}),
            )
            .await,
    );
    assert_eq!((past.data.total_count, past.data.list.len()), (251, 0));
    // Defaults: page 1, 10 users.
    let first: UserPaginatedRespDto = decode(&mgmt.post("/api/v3/list-users", &json!({})).await);
    assert_eq!(first.data.list.len(), 10);
    assert_eq!(first.data.list[0].user_id, expected[0]);

    // The GET listing pages the same way.
    let legacy: UserPaginatedRespDto = decode(
        &mgmt
            .get("/api/v3/list-users?page=3&limit=50&withCustomData=false")
            .await,
    );
    assert_eq!(legacy.data.total_count, 251);
    let ids: Vec<&str> = legacy
        .data
        .list
        .iter()
        .map(|u| u.user_id.as_str())
        .collect();
    assert_eq!(
        ids,
        expected[100..150]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );

    // Keywords.
    let found: UserPaginatedRespDto = decode(
        &mgmt
            .post(
                "/api/v3/list-users",
                &json!({"keywords": "USER-12", "options": {"pagination": {"limit": 50}}}),
            )
            .await,
    );
    assert_eq!(found.data.total_count, 10, "user-120 … user-129");
    // Out-of-range pages and unsupported filters are refused.
    for body in [
        json!({"options": {"pagination": {"page": 1, "limit": 51}}}),
        json!({"options": {"pagination": {"page": 0, "limit": 10}}}),
        json!({"advancedFilter": [{"field": "username", "operator": "EQUAL", "value": "x"}]}),
    ] {
        let (_, reply) = mgmt
            .call(Method::POST, "/api/v3/list-users", Some(&body))
            .await;
        assert_eq!(reply["statusCode"], 400, "{body}: {reply}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn role_assignments_show_in_user_roles_and_members() {
    let server = start().await;
    let mgmt = Mgmt::signature(&server);
    let dave = create_user(&mgmt, json!({"username": "dave"})).await;
    let role: RoleSingleRespDto = decode(
        &mgmt
            .post(
                "/api/v3/create-role",
                &json!({"code": "editor", "description": "edits"}),
            )
            .await,
    );
    assert_eq!(
        (
            role.data.code.as_str(),
            role.data.namespace.as_str(),
            role.data.name.as_str()
        ),
        ("editor", "default", "editor")
    );
    let (_, dup) = mgmt
        .call(
            Method::POST,
            "/api/v3/create-role",
            Some(&json!({"code": "editor"})),
        )
        .await;
    assert_eq!(dup["statusCode"], 409, "{dup}");
    // Same code, another namespace: another role.
    mgmt.post(
        "/api/v3/create-role",
        &json!({"code": "editor", "namespace": "ns2"}),
    )
    .await;

    let before: RolePaginatedRespDto = decode(
        &mgmt
            .get(&format!("/api/v3/get-user-roles?userId={dave}"))
            .await,
    );
    assert_eq!(before.data.total_count, 0);
    let assigned: IsSuccessRespDto = decode(
        &mgmt
            .post(
                "/api/v3/assign-role",
                &json!({"code": "editor", "targets": [{"targetType": "USER", "targetIdentifier": dave}]}),
            )
            .await,
    );
    assert!(assigned.data.success);
    let roles: RolePaginatedRespDto = decode(
        &mgmt
            .get(&format!(
                "/api/v3/get-user-roles?userId={dave}&userIdType=user_id"
            ))
            .await,
    );
    assert_eq!(roles.data.total_count, 1);
    assert_eq!(
        (
            roles.data.list[0].code.as_str(),
            roles.data.list[0].namespace.as_str()
        ),
        ("editor", "default")
    );
    let by_name: RolePaginatedRespDto = decode(
        &mgmt
            .get("/api/v3/get-user-roles?userId=dave&userIdType=username&namespace=ns2")
            .await,
    );
    assert_eq!(by_name.data.total_count, 0);

    let members: UserPaginatedRespDto = decode(
        &mgmt
            .get("/api/v3/list-role-members?code=editor&namespace=default")
            .await,
    );
    assert_eq!(members.data.total_count, 1);
    assert_eq!(members.data.list[0].user_id, dave);
    let got: RoleSingleRespDto =
        decode(&mgmt.get("/api/v3/get-role?code=editor&namespace=ns2").await);
    assert_eq!(got.data.namespace, "ns2");
    let listed: RolePaginatedRespDto = decode(
        &mgmt
            .get("/api/v3/list-roles?page=1&limit=10&namespace=default")
            .await,
    );
    assert_eq!(listed.data.total_count, 1);

    // Unknown targets and roles.
    let (_, reply) = mgmt
        .call(Method::POST, "/api/v3/assign-role", Some(&json!({"code": "editor", "targets": [{"targetType": "USER", "targetIdentifier": "nobody"}]})))
        .await;
    assert_eq!(reply["apiCode"], 2004, "{reply}");
    let (_, reply) = mgmt
        .call(Method::POST, "/api/v3/assign-role", Some(&json!({"code": "nope", "targets": [{"targetType": "USER", "targetIdentifier": dave}]})))
        .await;
    assert_eq!(reply["statusCode"], 404, "{reply}");
    let missing = mgmt.get("/api/v3/get-role?code=nope").await;
    assert_eq!(missing["statusCode"], 404, "{missing}");

    // An assignment that has ended no longer counts.
    mgmt.post(
        "/api/v3/assign-role",
        &json!({"code": "editor", "namespace": "ns2", "endTime": 1_000,
                "targets": [{"targetType": "USER", "targetIdentifier": dave}]}),
    )
    .await;
    let roles: RolePaginatedRespDto = decode(
        &mgmt
            .get(&format!("/api/v3/get-user-roles?userId={dave}"))
            .await,
    );
    assert_eq!(
        roles.data.total_count, 1,
        "the ended ns2 assignment is not listed"
    );

    mgmt.post(
        "/api/v3/revoke-role",
        &json!({"code": "editor", "targets": [{"targetType": "USER", "targetIdentifier": dave}]}),
    )
    .await;
    let roles: RolePaginatedRespDto = decode(
        &mgmt
            .get(&format!("/api/v3/get-user-roles?userId={dave}"))
            .await,
    );
    assert_eq!(roles.data.total_count, 0);
    server.shutdown().await;
}

#[tokio::test]
async fn group_members_and_user_groups() {
    let server = start().await;
    let mgmt = Mgmt::token(&server).await;
    let erin = create_user(&mgmt, json!({"username": "erin"})).await;
    let group: GroupSingleRespDto = decode(
        &mgmt
            .post(
                "/api/v3/create-group",
                &json!({"code": "ops", "name": "Ops", "type": "static", "description": ""}),
            )
            .await,
    );
    assert_eq!(
        (group.data.code.as_str(), group.data.members.len()),
        ("ops", 0)
    );
    let (_, reply) = mgmt
        .call(
            Method::POST,
            "/api/v3/create-group",
            Some(&json!({"code": "x", "name": "X"})),
        )
        .await;
    assert_eq!(
        reply["statusCode"], 400,
        "type and description are required: {reply}"
    );

    let added: IsSuccessRespDto = decode(
        &mgmt
            .post(
                "/api/v3/add-group-members",
                &json!({"code": "ops", "userIds": [erin, "fake-user-1"]}),
            )
            .await,
    );
    assert!(added.data.success);
    let members: UserPaginatedRespDto = decode(
        &mgmt
            .get("/api/v3/list-group-members?code=ops&page=1&limit=1")
            .await,
    );
    assert_eq!(members.data.total_count, 2);
    assert_eq!(members.data.list[0].user_id, erin);
    let groups: GroupPaginatedRespDto = decode(
        &mgmt
            .get(&format!("/api/v3/get-user-groups?userId={erin}"))
            .await,
    );
    assert_eq!(groups.data.total_count, 1);
    assert_eq!(groups.data.list[0].code, "ops");
    assert_eq!(groups.data.list[0].members.len(), 2);
    let got: GroupSingleRespDto = decode(&mgmt.get("/api/v3/get-group?code=ops").await);
    assert_eq!(got.data.name, "Ops");

    mgmt.post(
        "/api/v3/remove-group-members",
        &json!({"code": "ops", "userIds": [erin]}),
    )
    .await;
    let groups: GroupPaginatedRespDto = decode(
        &mgmt
            .get(&format!("/api/v3/get-user-groups?userId={erin}"))
            .await,
    );
    assert_eq!(groups.data.total_count, 0);
    let (_, reply) = mgmt
        .call(
            Method::POST,
            "/api/v3/add-group-members",
            Some(&json!({"code": "ops", "userIds": ["nobody"]})),
        )
        .await;
    assert_eq!(reply["apiCode"], 2004, "{reply}");
    server.shutdown().await;
}

async fn allowed(mgmt: &Mgmt<'_>, user: &str, resource: &str, action: &str) -> bool {
    let reply = mgmt
        .post(
            "/api/v3/is-action-allowed",
            &json!({"userId": user, "resource": resource, "action": action, "namespace": "app1"}),
        )
        .await;
    let answer: IsActionAllowedRespDtp = decode(&reply);
    answer.data.allowed
}

async fn enabled(mgmt: &Mgmt<'_>, user: &str, resources: &[&str], action: &str) -> Vec<bool> {
    let reply = mgmt
        .post(
            "/api/v3/check-permission",
            &json!({"userId": user, "resources": resources, "action": action, "namespaceCode": "app1"}),
        )
        .await;
    let answer: CheckPermissionRespDto = decode(&reply);
    assert!(
        answer
            .data
            .check_result_list
            .iter()
            .zip(resources)
            .all(|(r, resource)| r.resource == *resource
                && r.action == action
                && r.namespace_code == "app1")
    );
    answer
        .data
        .check_result_list
        .iter()
        .map(|r| r.enabled)
        .collect()
}

#[tokio::test]
async fn permission_checks_follow_grants() {
    let server = start().await;
    let mgmt = Mgmt::signature(&server);
    let frank = create_user(&mgmt, json!({"username": "frank"})).await;
    let grace = create_user(&mgmt, json!({"username": "grace"})).await;
    mgmt.post(
        "/api/v3/create-role",
        &json!({"code": "reader", "namespace": "app1"}),
    )
    .await;
    mgmt.post(
        "/api/v3/assign-role",
        &json!({"code": "reader", "namespace": "app1",
                "targets": [{"targetType": "USER", "targetIdentifier": frank}]}),
    )
    .await;

    assert!(!allowed(&mgmt, &frank, "books", "read").await);
    assert_eq!(
        enabled(&mgmt, &frank, &["books", "films"], "read").await,
        [false, false]
    );

    // Grant `read` on `books` to the role.
    let reply = mgmt
        .post(
            "/api/v3/authorize-resources",
            &json!({"namespace": "app1", "list": [{
                "targetType": "ROLE", "targetIdentifiers": ["reader"],
                "resources": [{"code": "books", "actions": ["read"], "resourceType": "DATA"}],
            }]}),
        )
        .await;
    let done: IsSuccessRespDto = decode(&reply);
    assert!(done.data.success);
    assert!(allowed(&mgmt, &frank, "books", "read").await);
    assert!(!allowed(&mgmt, &frank, "books", "write").await);
    assert!(
        !allowed(&mgmt, &grace, "books", "read").await,
        "grace lacks the role"
    );
    assert_eq!(
        enabled(&mgmt, &frank, &["books", "films"], "read").await,
        [true, false]
    );

    // Directly to a user, and through a group.
    mgmt.post(
        "/api/v3/authorize-resources",
        &json!({"namespace": "app1", "list": [{
            "targetType": "USER", "targetIdentifiers": [grace],
            "resources": [{"code": "films", "actions": ["read", "write"], "resourceType": "API"}],
        }]}),
    )
    .await;
    assert!(allowed(&mgmt, &grace, "films", "write").await);
    mgmt.post(
        "/api/v3/create-group",
        &json!({"code": "g1", "name": "G1", "type": "", "description": ""}),
    )
    .await;
    mgmt.post(
        "/api/v3/authorize-resources",
        &json!({"namespace": "app1", "list": [{
            "targetType": "GROUP", "targetIdentifiers": ["g1"],
            "resources": [{"code": "music", "actions": ["play"], "resourceType": "MENU"}],
        }]}),
    )
    .await;
    assert!(!allowed(&mgmt, &frank, "music", "play").await);
    mgmt.post(
        "/api/v3/add-group-members",
        &json!({"code": "g1", "userIds": [frank]}),
    )
    .await;
    assert!(allowed(&mgmt, &frank, "music", "play").await);
    // Another namespace sees none of it.
    let reply = mgmt
        .post(
            "/api/v3/is-action-allowed",
            &json!({"userId": frank, "resource": "books", "action": "read"}),
        )
        .await;
    assert_eq!(reply["data"]["allowed"], false, "{reply}");

    // Unknown targets refuse the whole list.
    let (_, reply) = mgmt
        .call(
            Method::POST,
            "/api/v3/authorize-resources",
            Some(&json!({"namespace": "app1", "list": [{
                "targetType": "ROLE", "targetIdentifiers": ["no-such-role"],
                "resources": [{"code": "books", "actions": ["write"], "resourceType": "DATA"}],
            }]})),
        )
        .await;
    assert_eq!(reply["statusCode"], 404, "{reply}");
    assert!(!allowed(&mgmt, &frank, "books", "write").await);
    server.shutdown().await;
}
