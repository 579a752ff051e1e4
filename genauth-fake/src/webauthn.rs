//! The two WebAuthn ceremonies: registration (`GET` then `POST /api/v3/webauthn/registration`,
//! user token) and authentication (`GET` then `POST /api/v3/webauthn/authentication`, no token).
//!
//! Step 1 answers standard options with a fresh random base64url challenge and a `ticket`; the
//! server remembers ticket → (ceremony, user, challenge). Step 2 spends the ticket (single use,
//! whatever the outcome), base64url-decodes and parses `response.clientDataJSON`, and checks its
//! `type` (`webauthn.create` / `webauthn.get`) and `challenge`. Registration then binds the
//! credential id to the user and answers `{verified: true}`; authentication requires a credential
//! id bound earlier and answers `{verified: true, tokenSet}` with tokens of the credential's user
//! (issued like the `/api/v3` logins, so they work on `get-profile`).
//!
//! The fake does NOT parse the CBOR attestation object or authenticator data, and verifies no
//! signature, origin or RP id hash: it checks the ceremony's bookkeeping — ticket, challenge,
//! type, known credential — which is what a client SDK controls.
//!
//! Errors (business errors, HTTP 200): a malformed body 400; an unknown, spent, expired or
//! other-ceremony ticket 403 / apiCode 2060; a registration ticket of another user 403 /
//! apiCode 2060; bad `clientDataJSON` 400; wrong `type` or `challenge` 403 / apiCode 2061; an
//! already registered credential 409; an unknown credential 403 / apiCode 2062.

use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use genauth_client::{VerifyAuthenticationDto, VerifyRegistrationDto};
use serde_json::{Value, json};

use super::handlers::{Ctx, Reply};
use super::oidc::{login_token_data, random_id};
use super::users::UserId;

/// How long a ticket is valid (the options' `timeout` is a fifth of it).
const TICKET_TTL: Duration = Duration::from_secs(300);

/// The relying party the options name.
const RP_ID: &str = "example.com";
const RP_NAME: &str = "GenAuth (fake)";

/// Scope of the tokens when the body's `options.scope` is absent (as sign-in).
const DEFAULT_SCOPE: &str = "openid profile";

const INVALID_TICKET: u32 = 2060;
const CLIENT_DATA_MISMATCH: u32 = 2061;
const UNKNOWN_CREDENTIAL: u32 = 2062;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Ceremony {
    /// Binding a credential to this user.
    Registration(UserId),
    /// Logging in with any bound credential.
    Authentication,
}

#[derive(Debug)]
struct Pending {
    ticket: String,
    ceremony: Ceremony,
    challenge: String,
    issued: Instant,
}

#[derive(Debug)]
struct Credential {
    id: String,
    user: UserId,
}

/// Pending ceremonies and bound credentials, a field of the user store.
#[derive(Debug, Default)]
pub(super) struct WebAuthnStore {
    pending: Vec<Pending>,
    credentials: Vec<Credential>,
}

impl WebAuthnStore {
    fn begin(&mut self, ceremony: Ceremony) -> (String, String) {
        self.pending.retain(|p| p.issued.elapsed() < TICKET_TTL);
        let pending = Pending {
            ticket: random_id("webauthn-ticket-"),
            ceremony,
            challenge: random_id(""),
            issued: Instant::now(),
        };
        let out = (pending.ticket.clone(), pending.challenge.clone());
        self.pending.push(pending);
        out
    }

    /// Removes and returns the pending ceremony of `ticket` (spent whatever comes next).
    fn take(&mut self, ticket: &str) -> Option<Pending> {
        let index = self.pending.iter().position(|p| p.ticket == ticket)?;
        let pending = self.pending.swap_remove(index);
        (pending.issued.elapsed() < TICKET_TTL).then_some(pending)
    }

    fn credentials_of(&self, user: &UserId) -> Vec<Value> {
        self.credentials
            .iter()
            .filter(|c| &c.user == user)
            .map(|c| json!({"id": c.id, "type": "public-key"}))
            .collect()
    }
}

fn invalid_ticket() -> Reply {
    Reply::api_error(
        403,
        INVALID_TICKET,
        "invalid ticket: unknown, already used, expired or of another ceremony",
    )
}

/// Decodes `clientDataJSON` and checks its `type` and `challenge`.
fn check_client_data(encoded: &str, expected_type: &str, challenge: &str) -> Result<(), Reply> {
    let bytes = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|e| Reply::error(400, format!("`clientDataJSON` is not base64url: {e}")))?;
    let data: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Reply::error(400, format!("`clientDataJSON` is not JSON: {e}")))?;
    let got_type = data.get("type").and_then(Value::as_str);
    if got_type != Some(expected_type) {
        return Err(Reply::api_error(
            403,
            CLIENT_DATA_MISMATCH,
            format!("clientDataJSON.type must be {expected_type:?}, got {got_type:?}"),
        ));
    }
    if data.get("challenge").and_then(Value::as_str) != Some(challenge) {
        return Err(Reply::api_error(
            403,
            CLIENT_DATA_MISMATCH,
            "clientDataJSON.challenge does not match the ticket's challenge",
        ));
    }
    Ok(())
}

fn malformed(e: serde_json::Error) -> Reply {
    Reply::error(400, format!("malformed body: {e}"))
}

/// `GET /api/v3/webauthn/registration` (user token): `{registrationOptions, ticket}`.
pub(super) fn registration_options(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let user = ctx.require_user()?;
    let mut store = ctx.state.store();
    let (name, display) = store
        .user(&user)
        .map(|u| {
            let name = u
                .username
                .clone()
                .or_else(|| u.email.clone())
                .or_else(|| u.phone.clone())
                .unwrap_or_else(|| user.0.clone());
            (name.clone(), name)
        })
        .unwrap_or_else(|| (user.0.clone(), user.0.clone()));
    let exclude = store.webauthn.credentials_of(&user);
    let (ticket, challenge) = store.webauthn.begin(Ceremony::Registration(user.clone()));
    drop(store);
    Ok(Reply::success(Some(json!({
        "registrationOptions": {
            "rp": {"id": RP_ID, "name": RP_NAME},
            "user": {
                "id": URL_SAFE_NO_PAD.encode(user.0.as_bytes()),
                "name": name,
                "displayName": display,
            },
            "challenge": challenge,
            "pubKeyCredParams": [
                {"type": "public-key", "alg": -7},
                {"type": "public-key", "alg": -257},
            ],
            "timeout": TICKET_TTL.as_millis() / 5,
            "excludeCredentials": exclude,
            "authenticatorSelection": {"residentKey": "preferred", "userVerification": "preferred"},
            "attestation": "none",
        },
        "ticket": ticket,
    }))))
}

/// `POST /api/v3/webauthn/registration` (user token, `VerifyRegistrationDto`): `{verified}`.
pub(super) fn verify_registration(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let user = ctx.require_user()?;
    let body: VerifyRegistrationDto =
        serde_json::from_value(ctx.json_body()?).map_err(malformed)?;
    let mut store = ctx.state.store();
    let pending = store
        .webauthn
        .take(&body.ticket)
        .ok_or_else(invalid_ticket)?;
    if pending.ceremony != Ceremony::Registration(user.clone()) {
        return Err(invalid_ticket());
    }
    let credential = &body.registration_credential;
    check_client_data(
        &credential.response.client_data_json,
        "webauthn.create",
        &pending.challenge,
    )?;
    if credential.id.is_empty() || credential.id != credential.raw_id {
        return Err(Reply::error(
            400,
            "`registrationCredential.id` must be non-empty and equal `rawId`",
        ));
    }
    if store
        .webauthn
        .credentials
        .iter()
        .any(|c| c.id == credential.id)
    {
        return Err(Reply::error(409, "this credential is already registered"));
    }
    store.webauthn.credentials.push(Credential {
        id: credential.id.clone(),
        user,
    });
    Ok(Reply::success(Some(json!({"verified": true}))))
}

/// `GET /api/v3/webauthn/authentication` (no token): `{authenticationOptions, ticket}`.
pub(super) fn authentication_options(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let (ticket, challenge) = ctx.state.store().webauthn.begin(Ceremony::Authentication);
    Ok(Reply::success(Some(json!({
        "authenticationOptions": {
            "challenge": challenge,
            "timeout": TICKET_TTL.as_millis() / 5,
            "rpId": RP_ID,
            "userVerification": "preferred",
        },
        "ticket": ticket,
    }))))
}

/// `POST /api/v3/webauthn/authentication` (`VerifyAuthenticationDto`): `{verified, tokenSet}`.
pub(super) fn verify_authentication(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body: VerifyAuthenticationDto =
        serde_json::from_value(ctx.json_body()?).map_err(malformed)?;
    let scope = match body.options.as_ref().and_then(|o| o.scope.as_deref()) {
        Some(scope) if !scope.split(' ').any(|s| s == "openid") => {
            return Err(Reply::error(
                400,
                format!("`options.scope` must include `openid`, got {scope:?}"),
            ));
        }
        Some(scope) => scope.to_owned(),
        None => DEFAULT_SCOPE.to_owned(),
    };
    let user = {
        let mut store = ctx.state.store();
        let pending = store
            .webauthn
            .take(&body.ticket)
            .ok_or_else(invalid_ticket)?;
        if pending.ceremony != Ceremony::Authentication {
            return Err(invalid_ticket());
        }
        let credential = &body.authentication_credential;
        check_client_data(
            &credential.response.client_data_json,
            "webauthn.get",
            &pending.challenge,
        )?;
        store
            .webauthn
            .credentials
            .iter()
            .find(|c| c.id == credential.id && c.id == credential.raw_id)
            .map(|c| c.user.clone())
            .ok_or_else(|| {
                Reply::api_error(403, UNKNOWN_CREDENTIAL, "no such credential is registered")
            })?
    };
    // The store guard is released: `login_token_data` takes it again.
    let tokens = login_token_data(ctx, user, &scope);
    Ok(Reply::success(Some(
        json!({"verified": true, "tokenSet": tokens}),
    )))
}
