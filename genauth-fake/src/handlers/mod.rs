//! Routing, request recording, the response envelope, and the small endpoints.
//!
//! One axum fallback handler ([`entry`]) receives every request, buffers and records it, then
//! looks the route up in `ROUTES` (`routes.rs`). Endpoint handlers are plain synchronous
//! functions from a [`Ctx`] to a [`Reply`]; a failure is an `Err(Reply)`, so validation reads as
//! a chain of `?`.
//!
//! To add an endpoint: write `fn(&Ctx<'_>) -> Result<Reply, Reply>` (in its own module when it
//! is more than a screen), and add one `Route` line. Protocol endpoints that are not enveloped
//! (`/oidc/*`) answer with [`Reply::Bare`] and choose their own HTTP status.
//!
//! This file holds the shared server state and the axum entry point; the route table is in
//! `routes.rs`, the handler context in `ctx.rs`, answers in `reply.rs`, strict body fields and
//! format checks in `fields.rs`, and the small endpoints in `endpoints.rs`.

mod ctx;
mod endpoints;
mod fields;
mod reply;
mod routes;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use axum::Router;
use axum::extract::{Request, State};
use axum::response::Response;

use super::users::{Rng, Store};
use super::{FakeServerConfig, RecordedRequest, oidc};
use crate::crypto::FakeServerKeys;
pub(super) use ctx::Ctx;
pub(super) use fields::{Fields, check_country_code, check_email, check_phone};
use genauth_client::crypto::{PasswordEncryptType, Sm2Layout};
pub(super) use reply::{Reply, no_such_user};
pub(super) use routes::AppIdRule;
use routes::dispatch;

/// Largest request body the server accepts (1 MiB); larger bodies get statusCode 413.
const BODY_LIMIT: usize = 1024 * 1024;

/// Bodies up to this size are read to the end even when over [`BODY_LIMIT`], so the client gets
/// its 413 answer instead of a connection reset while it is still writing.
const BODY_DRAIN_LIMIT: usize = 16 * BODY_LIMIT;

/// How the application authenticates on `/api/v3/signin` (validated in `FakeServer::start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AuthMethod {
    ClientSecretPost,
    ClientSecretBasic,
    None,
}

/// Everything the handlers share.
pub(super) struct ServerState {
    pub(super) app_id: String,
    pub(super) app_secret: String,
    pub(super) header_prefix: String,
    pub(super) auth_method: AuthMethod,
    sm2_layout: Sm2Layout,
    system_enveloped: bool,
    pub(super) token_ttl: u64,
    /// Served over HTTPS ([`FakeServerConfig::tls`]): the hosted page's cookie is `Secure`.
    pub(super) tls: bool,
    keys: RwLock<Arc<FakeServerKeys>>,
    store: Mutex<Store>,
    requests: Mutex<Vec<RecordedRequest>>,
    /// Accepted TCP connections, bumped by the listener.
    pub(super) connections: AtomicUsize,
    /// Faults queued by `FakeServer::inject_fault` (src/faults.rs).
    pub(super) faults: super::faults::FaultQueue,
    seq: AtomicU64,
    rng: Rng,
    /// Protocol, QR-code and mobile-login state (`src/oidc.rs`).
    pub(super) protocol: oidc::ProtocolState,
    /// Event subscriptions (`src/events.rs`).
    pub(super) events: Arc<crate::events::EventHub>,
    /// Management API credentials: issued tokens, accepted nonces (`src/management/`).
    pub(crate) management: crate::management::ManagementState,
}

impl ServerState {
    pub(super) fn new(config: FakeServerConfig) -> Self {
        let auth_method = match config.auth_method.as_str() {
            "client_secret_basic" => AuthMethod::ClientSecretBasic,
            "none" => AuthMethod::None,
            _ => AuthMethod::ClientSecretPost,
        };
        ServerState {
            app_id: config.app_id,
            app_secret: config.app_secret,
            header_prefix: config.header_prefix,
            auth_method,
            sm2_layout: config.sm2_layout,
            system_enveloped: config.system_enveloped,
            token_ttl: config.token_ttl,
            tls: config.tls,
            keys: RwLock::new(Arc::new(config.keys.unwrap_or_else(FakeServerKeys::fixed))),
            store: Mutex::new(Store::new()),
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            faults: Default::default(),
            seq: AtomicU64::new(0),
            rng: Rng::new(),
            protocol: oidc::ProtocolState::new(config.oidc),
            events: Default::default(),
            management: crate::management::ManagementState::new(config.management),
        }
    }

    /// The users/tokens/passcodes table. Never hold the guard across an `.await`.
    pub(super) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn requests(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn keys(&self) -> Arc<FakeServerKeys> {
        Arc::clone(&self.keys.read().unwrap_or_else(PoisonError::into_inner))
    }

    pub(super) fn set_keys(&self, keys: FakeServerKeys) {
        *self.keys.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(keys);
    }

    /// Decrypts a password field sent with `passwordEncryptType`; failure is apiCode 2016.
    pub(super) fn decrypt_password(
        &self,
        kind: PasswordEncryptType,
        field: &str,
        value: &str,
    ) -> Result<String, Reply> {
        if matches!(kind, PasswordEncryptType::None) {
            return Ok(value.to_owned());
        }
        self.keys()
            .decrypt_password(kind, value, self.sm2_layout)
            .map_err(|e| {
                Reply::api_error(
                    400,
                    2016,
                    format!("Client password decryption error ({field}: {e})"),
                )
            })
    }
}

/// The axum app: a single fallback handler, so every request is recorded and routed by
/// `ROUTES` (`routes.rs`), with GenAuth-shaped answers for unknown paths and bad methods.
pub(super) fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(
            crate::events::SUB_PATH,
            axum::routing::get(crate::events::subscribe),
        )
        .route(
            crate::events::MANAGEMENT_SUB_PATH,
            axum::routing::get(crate::events::subscribe_management),
        )
        .fallback(entry)
        .with_state(state)
}

async fn entry(State(state): State<Arc<ServerState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let seq = state.seq.fetch_add(1, Ordering::Relaxed) + 1;
    let request_id = state.rng.request_id(seq);
    let (body, body_error) = match axum::body::to_bytes(body, BODY_DRAIN_LIMIT).await {
        Ok(bytes) if bytes.len() <= BODY_LIMIT => (bytes.to_vec(), false),
        _ => (Vec::new(), true),
    };
    let recorded = RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
        request_id: request_id.clone(),
    };
    state.requests().push(recorded.clone());
    let fault = state.faults.take(&recorded.path);
    if let Some(response) = super::faults::before(fault.as_ref(), &request_id).await {
        return response;
    }

    let reply = if body_error {
        Reply::error(
            413,
            "request body could not be read or exceeds the 1 MiB limit",
        )
    } else {
        dispatch(&Ctx {
            state: &state,
            req: &recorded,
        })
    };
    super::faults::after(fault, reply.into_response(&request_id)).await
}
