//! The Management API: create a user, list the user pool page by page, create a role and
//! assign it, then show the new user signing in through the Authentication API.
//!
//! ```text
//! cargo run --example management                       # against the in-repo fake server
//! GENAUTH_MANAGEMENT_SCHEME=signature cargo run --example management
//! ```
//!
//! Against a real user pool, set `GENAUTH_ACCESS_KEY_ID`, `GENAUTH_ACCESS_KEY_SECRET` and
//! `GENAUTH_HOST` (and `GENAUTH_APP_ID`, `GENAUTH_APP_SECRET`, `GENAUTH_APP_HOST` for the
//! sign-in step): it then creates a user `genauth-rs-example-<time>` and a role of the same code
//! in that pool, and deletes the user at the end.
//!
//! In your own crate: `genauth` with the feature `management`, then `use genauth::management::…`.

use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::TryStreamExt as _;
use genauth::{AuthenticationExt, ClientOptions, GenAuthClient, ManagementAuthScheme};
use genauth_fake::{FakeServer, FakeServerConfig};
use genauth_management::model::{
    AssignRoleDto, CreateRoleDto, CreateUserReqDto, DeleteUsersBatchDto, GetUserRolesQuery,
    ListUsersOptionsDto, ListUsersRequestDto, PaginationDto, TargetDto, TargetDtoTargetType,
};
use genauth_management::{ManagementClient, ManagementOptions, Roles, Users, pages};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scheme = match std::env::var("GENAUTH_MANAGEMENT_SCHEME").as_deref() {
        Ok("signature") => ManagementAuthScheme::Signature,
        _ => ManagementAuthScheme::Token,
    };
    // 1. A user pool: a real one from the environment, else the fake server on loopback.
    let real = std::env::var("GENAUTH_ACCESS_KEY_ID").is_ok();
    let (_server, management, app) = if real {
        let management = ManagementClient::new(ManagementOptions::from_env()?)?;
        let app = std::env::var("GENAUTH_APP_ID")
            .ok()
            .map(|_| ClientOptions::from_env().and_then(GenAuthClient::new))
            .transpose()?;
        (None, management, app)
    } else {
        let server = FakeServer::start(FakeServerConfig::default()).await?;
        println!("fake GenAuth server listening on {}", server.base_url());
        let management = ManagementClient::new(
            ManagementOptions::builder()
                .access_key_id(server.management_access_key_id())
                .access_key_secret(server.management_access_key_secret())
                .host(server.base_url())
                .scheme(scheme)
                .build()?,
        )?;
        let app = Some(server.client());
        (Some(server), management, app)
    };
    println!("management client: {:?} scheme", management.scheme());

    // 2. Create a user (as an administrator: no verification code needed).
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let username = format!("genauth-rs-example-{stamp}");
    let password = "Example-Passw0rd!";
    let user = management
        .create_user(CreateUserReqDto {
            username: Some(username.clone()),
            password: Some(password.into()),
            ..Default::default()
        })
        .await?;
    println!("created user {} ({})", username, user.user_id);

    // 3. Every user of the pool, 10 per request, as one stream.
    let users: Vec<_> = pages(10, |page, limit| {
        management.list_users(ListUsersRequestDto {
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
    .await?;
    println!("the pool has {} users:", users.len());
    for u in users.iter().take(5) {
        println!("  {} {}", u.user_id, u.username.as_deref().unwrap_or("-"));
    }

    // 4. A role, assigned to the new user.
    let code = format!("example-role-{stamp}");
    management
        .create_role(CreateRoleDto {
            code: code.clone(),
            description: Some("created by examples/management.rs".into()),
            ..Default::default()
        })
        .await?;
    management
        .assign_role(AssignRoleDto {
            code: code.clone(),
            targets: vec![TargetDto {
                target_type: TargetDtoTargetType::User,
                target_identifier: user.user_id.clone(),
            }],
            ..Default::default()
        })
        .await?;
    let roles = management
        .get_user_roles(GetUserRolesQuery {
            user_id: user.user_id.clone(),
            ..Default::default()
        })
        .await?;
    let codes: Vec<_> = roles.list.iter().map(|r| r.code.as_str()).collect();
    println!("{username} has the roles {codes:?}");

    // 5. The new user signs in through the Authentication API.
    if let Some(app) = app {
        let tokens = app
            .sign_in_by_account_password(&username, password, None)
            .await?;
        println!(
            "{username} signed in: access token of {} characters, expires in {:?} s",
            tokens.access_token.as_ref().map_or(0, |t| t.expose().len()),
            tokens.expires_in
        );
    }

    if real {
        management
            .delete_users_batch(DeleteUsersBatchDto {
                user_ids: vec![user.user_id.clone()],
                ..Default::default()
            })
            .await?;
        println!("deleted {username}");
    }
    Ok(())
}
