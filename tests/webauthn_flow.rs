//! The two WebAuthn ceremonies end to end against the in-repo fake server: registration for a
//! signed-in user, then authentication with the bound credential, whose tokens work on
//! `get-profile`; and the ceremony's bookkeeping failures (replayed ticket, wrong challenge,
//! wrong `type`, unknown credential). The browser's part is played here: the client data is real
//! JSON, the attestation object, authenticator data and signature are made up (the fake does not
//! verify them; see `genauth-fake/src/webauthn.rs`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use genauth::api::WebAuthn;
use genauth::{
    AuthenticationExt, AuthenticationResponseJson, AuthenticatorAssertionResponseJson,
    AuthenticatorAttestationResponseJson, AuthenticatorTransport, Error, GenAuthClient,
    GetProfileQuery, Profile, PublicKeyCredentialType, RegistrationResponseJson, UserClient,
    VerifyAuthenticationDto, VerifyRegistrationDto,
};
use genauth_fake::{FakeServer, FakeServerConfig};
use serde_json::json;

const ORIGIN: &str = "https://example.com";

async fn start() -> (FakeServer, GenAuthClient, UserClient) {
    let server = FakeServer::start(FakeServerConfig::default())
        .await
        .expect("fake server starts");
    let client = server.client();
    let tokens = client
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await
        .expect("alice signs in");
    let user = client.with_user_token(tokens.access_token.expect("an access token"));
    (server, client, user)
}

fn client_data(kind: &str, challenge: &str) -> String {
    let data = json!({"type": kind, "challenge": challenge, "origin": ORIGIN});
    URL_SAFE_NO_PAD.encode(data.to_string())
}

/// What `navigator.credentials.create()` + `toJSON()` would give for `challenge`.
fn new_credential(id: &str, kind: &str, challenge: &str) -> RegistrationResponseJson {
    RegistrationResponseJson {
        id: id.to_owned(),
        raw_id: id.to_owned(),
        response: AuthenticatorAttestationResponseJson {
            attestation_object: URL_SAFE_NO_PAD.encode(b"made-up CBOR attestation object"),
            client_data_json: client_data(kind, challenge),
            transports: Some(vec![AuthenticatorTransport::Internal]),
            ..Default::default()
        },
        transports: None,
        credential_type: PublicKeyCredentialType::PublicKey,
        authenticator_attachment: None,
        client_extension_results: None,
    }
    .with_top_level_transports()
}

/// What `navigator.credentials.get()` + `toJSON()` would give for `challenge`.
fn assertion(id: &str, kind: &str, challenge: &str) -> AuthenticationResponseJson {
    AuthenticationResponseJson {
        id: id.to_owned(),
        raw_id: id.to_owned(),
        response: AuthenticatorAssertionResponseJson {
            authenticator_data: URL_SAFE_NO_PAD.encode(b"made-up authenticator data"),
            client_data_json: client_data(kind, challenge),
            signature: URL_SAFE_NO_PAD.encode(b"made-up signature"),
            user_handle: None,
        },
        credential_type: PublicKeyCredentialType::PublicKey,
        authenticator_attachment: None,
        client_extension_results: None,
    }
}

fn business_status(result: Result<impl std::fmt::Debug, Error>) -> i64 {
    match result {
        Err(Error::Api { status_code, .. }) => status_code,
        other => panic!("expected a business error, got {other:?}"),
    }
}

/// Registers `id` for the signed-in `user` through the whole ceremony.
async fn register(user: &UserClient, id: &str) {
    let init = user
        .init_register_options()
        .await
        .expect("registration options");
    let credential = new_credential(id, "webauthn.create", &init.registration_options.challenge);
    let bound = user
        .verify_register(VerifyRegistrationDto {
            ticket: init.ticket,
            registration_credential: credential,
            ..Default::default()
        })
        .await
        .expect("registration verifies");
    assert!(bound.verified);
}

#[tokio::test]
async fn register_then_authenticate_signs_alice_in() {
    let (_server, client, user) = start().await;

    let init = user.init_register_options().await.unwrap();
    let options = &init.registration_options;
    assert!(!options.challenge.is_empty());
    assert!(
        URL_SAFE_NO_PAD.decode(&options.challenge).is_ok(),
        "challenge is base64url"
    );
    assert_eq!(options.user.name, "alice");
    assert!(!options.rp.name.is_empty());
    assert!(!init.ticket.is_empty());
    let credential = new_credential("cred-alice-1", "webauthn.create", &options.challenge);
    let bound = user
        .verify_register(VerifyRegistrationDto {
            ticket: init.ticket,
            registration_credential: credential,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(bound.verified);

    // A second registration excludes the bound credential.
    let again = user.init_register_options().await.unwrap();
    let excluded = again
        .registration_options
        .exclude_credentials
        .unwrap_or_default();
    assert!(excluded.iter().any(|c| c.id == "cred-alice-1"));
    assert_ne!(
        again.registration_options.challenge,
        init.registration_options.challenge
    );

    let init = client.init_authentication_options().await.unwrap();
    let challenge = &init.authentication_options.challenge;
    let result = client
        .verify_authentication(VerifyAuthenticationDto {
            ticket: init.ticket,
            authentication_credential: assertion("cred-alice-1", "webauthn.get", challenge),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(result.verified);
    let tokens = result.token_set.expect("a token set");
    assert!(tokens.expires_in > 0);
    let access = tokens.access_token.expect("an access token");
    let profile = client
        .with_user_token(access)
        .get_profile(GetProfileQuery::default())
        .await
        .unwrap();
    assert_eq!(profile.username.as_deref(), Some("alice"));
}

#[tokio::test]
async fn registration_ticket_is_single_use_and_bound_to_its_challenge() {
    let (_server, _client, user) = start().await;

    // Replayed ticket.
    let init = user.init_register_options().await.unwrap();
    let challenge = init.registration_options.challenge.clone();
    let first = new_credential("cred-a", "webauthn.create", &challenge);
    user.verify_register(VerifyRegistrationDto {
        ticket: init.ticket.clone(),
        registration_credential: first,
        ..Default::default()
    })
    .await
    .unwrap();
    let replay = new_credential("cred-b", "webauthn.create", &challenge);
    let status = business_status(
        user.verify_register(VerifyRegistrationDto {
            ticket: init.ticket,
            registration_credential: replay,
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 403);

    // Unknown ticket.
    let unknown = new_credential("cred-c", "webauthn.create", &challenge);
    let status = business_status(
        user.verify_register(VerifyRegistrationDto {
            ticket: "no-such-ticket".into(),
            registration_credential: unknown,
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 403);

    // Wrong challenge.
    let init = user.init_register_options().await.unwrap();
    let wrong = new_credential("cred-d", "webauthn.create", "not-the-challenge");
    let status = business_status(
        user.verify_register(VerifyRegistrationDto {
            ticket: init.ticket,
            registration_credential: wrong,
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 403);

    // Wrong client-data type (an assertion's).
    let init = user.init_register_options().await.unwrap();
    let wrong = new_credential(
        "cred-e",
        "webauthn.get",
        &init.registration_options.challenge,
    );
    let status = business_status(
        user.verify_register(VerifyRegistrationDto {
            ticket: init.ticket,
            registration_credential: wrong,
            ..Default::default()
        })
        .await,
    );
    assert_eq!(status, 403);
}

#[tokio::test]
async fn authentication_failures_are_business_errors() {
    let (_server, client, user) = start().await;
    register(&user, "cred-known").await;

    // Unknown credential.
    let init = client.init_authentication_options().await.unwrap();
    let challenge = init.authentication_options.challenge.clone();
    let status = business_status(
        client
            .verify_authentication(VerifyAuthenticationDto {
                ticket: init.ticket,
                authentication_credential: assertion("cred-unknown", "webauthn.get", &challenge),
                ..Default::default()
            })
            .await,
    );
    assert_eq!(status, 403);

    // Wrong challenge.
    let init = client.init_authentication_options().await.unwrap();
    let status = business_status(
        client
            .verify_authentication(VerifyAuthenticationDto {
                ticket: init.ticket,
                authentication_credential: assertion(
                    "cred-known",
                    "webauthn.get",
                    "not-the-challenge",
                ),
                ..Default::default()
            })
            .await,
    );
    assert_eq!(status, 403);

    // Wrong client-data type (a registration's).
    let init = client.init_authentication_options().await.unwrap();
    let challenge = init.authentication_options.challenge.clone();
    let status = business_status(
        client
            .verify_authentication(VerifyAuthenticationDto {
                ticket: init.ticket,
                authentication_credential: assertion("cred-known", "webauthn.create", &challenge),
                ..Default::default()
            })
            .await,
    );
    assert_eq!(status, 403);

    // Replayed ticket: the first use succeeds, the second is refused.
    let init = client.init_authentication_options().await.unwrap();
    let challenge = init.authentication_options.challenge.clone();
    let ok = client
        .verify_authentication(VerifyAuthenticationDto {
            ticket: init.ticket.clone(),
            authentication_credential: assertion("cred-known", "webauthn.get", &challenge),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(ok.verified && ok.token_set.is_some());
    let status = business_status(
        client
            .verify_authentication(VerifyAuthenticationDto {
                ticket: init.ticket,
                authentication_credential: assertion("cred-known", "webauthn.get", &challenge),
                ..Default::default()
            })
            .await,
    );
    assert_eq!(status, 403);

    // A registration ticket is not an authentication ticket.
    let reg = user.init_register_options().await.unwrap();
    let status = business_status(
        client
            .verify_authentication(VerifyAuthenticationDto {
                ticket: reg.ticket,
                authentication_credential: assertion(
                    "cred-known",
                    "webauthn.get",
                    &reg.registration_options.challenge,
                ),
                ..Default::default()
            })
            .await,
    );
    assert_eq!(status, 403);
}
