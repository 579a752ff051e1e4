//! Routing, request recording, the response envelope, and the small endpoints.
//!
//! One axum fallback handler ([`entry`]) receives every request, buffers and records it, then
//! looks the route up in [`ROUTES`]. Endpoint handlers are plain synchronous functions from a
//! [`Ctx`] to a [`Reply`]; a failure is an `Err(Reply)`, so validation reads as a chain of `?`.
//!
//! To add an endpoint: write `fn(&Ctx<'_>) -> Result<Reply, Reply>` (in its own module when it
//! is more than a screen), and add one [`Route`] line. Protocol endpoints that are not enveloped
//! (`/oidc/*`) answer with [`Reply::Bare`] and choose their own HTTP status.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::users::{Rng, Store, UserId};
use super::{FakeServerConfig, RecordedRequest, account, signin};
use super::{mfa, mobile, oidc, profile, qrcode, resources, webauthn};
use crate::crypto::FakeServerKeys;
use genauth_client::crypto::{PasswordEncryptType, Sm2Layout};

/// Largest request body the server accepts (1 MiB); larger bodies get statusCode 413.
const BODY_LIMIT: usize = 1024 * 1024;

/// Bodies up to this size are read to the end even when over [`BODY_LIMIT`], so the client gets
/// its 413 answer instead of a connection reset while it is still writing.
const BODY_DRAIN_LIMIT: usize = 16 * BODY_LIMIT;

/// The channels `send-sms` accepts (TSV notes for `send_sms`).
const SMS_CHANNELS: &[&str] = &[
    "CHANNEL_LOGIN",
    "CHANNEL_REGISTER",
    "CHANNEL_RESET_PASSWORD",
    "CHANNEL_BIND_PHONE",
    "CHANNEL_UNBIND_PHONE",
    "CHANNEL_BIND_MFA",
    "CHANNEL_VERIFY_MFA",
    "CHANNEL_UNBIND_MFA",
    "CHANNEL_COMPLETE_PHONE",
    "CHANNEL_IDENTITY_VERIFICATION",
    "CHANNEL_DELETE_ACCOUNT",
];

/// The channels `send-email` accepts (TSV notes for `send_email`).
const EMAIL_CHANNELS: &[&str] = &[
    "CHANNEL_LOGIN",
    "CHANNEL_REGISTER",
    "CHANNEL_RESET_PASSWORD",
    "CHANNEL_VERIFY_EMAIL_LINK",
    "CHANNEL_UPDATE_EMAIL",
    "CHANNEL_BIND_EMAIL",
    "CHANNEL_UNBIND_EMAIL",
    "CHANNEL_VERIFY_MFA",
    "CHANNEL_UNLOCK_ACCOUNT",
    "CHANNEL_COMPLETE_EMAIL",
    "CHANNEL_DELETE_ACCOUNT",
];

/// Whether a route needs the `<prefix>app-id` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AppIdRule {
    /// Missing: statusCode 400. Wrong: statusCode 404, apiCode 2011.
    Required,
    /// May be absent; when present it must be right.
    Optional,
}

type Handler = fn(&Ctx<'_>) -> Result<Reply, Reply>;

struct Route {
    method: &'static str,
    path: &'static str,
    app_id: AppIdRule,
    handler: Handler,
}

/// Every endpoint the fake serves. Paths match exactly (no trailing-slash or `//` leniency).
const ROUTES: &[Route] = &[
    Route {
        method: "POST",
        path: "/api/v3/signin",
        app_id: AppIdRule::Required,
        handler: signin::handle,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-sms",
        app_id: AppIdRule::Required,
        handler: send_sms,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-email",
        app_id: AppIdRule::Required,
        handler: send_email,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-profile",
        app_id: AppIdRule::Required,
        handler: get_profile,
    },
    Route {
        method: "POST",
        path: "/api/v3/signup",
        app_id: AppIdRule::Required,
        handler: account::sign_up,
    },
    Route {
        method: "POST",
        path: "/api/v3/update-password",
        app_id: AppIdRule::Required,
        handler: account::update_password,
    },
    Route {
        method: "POST",
        path: "/api/v3/verify-reset-password-request",
        app_id: AppIdRule::Required,
        handler: account::verify_reset_password_request,
    },
    Route {
        method: "POST",
        path: "/api/v3/reset-password",
        app_id: AppIdRule::Required,
        handler: account::reset_password,
    },
    Route {
        method: "POST",
        path: "/api/v3/verify-delete-account-request",
        app_id: AppIdRule::Required,
        handler: account::verify_delete_account_request,
    },
    // Profile and contact bindings, MFA factors, permission checks (src/{profile,mfa,resources}.rs).
    Route {
        method: "POST",
        path: "/api/v3/update-profile",
        app_id: AppIdRule::Required,
        handler: profile::update_profile,
    },
    Route {
        method: "POST",
        path: "/api/v3/bind-email",
        app_id: AppIdRule::Required,
        handler: profile::bind_email,
    },
    Route {
        method: "POST",
        path: "/api/v3/unbind-email",
        app_id: AppIdRule::Required,
        handler: profile::unbind_email,
    },
    Route {
        method: "POST",
        path: "/api/v3/bind-phone",
        app_id: AppIdRule::Required,
        handler: profile::bind_phone,
    },
    Route {
        method: "POST",
        path: "/api/v3/unbind-phone",
        app_id: AppIdRule::Required,
        handler: profile::unbind_phone,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-enroll-factor-request",
        app_id: AppIdRule::Required,
        handler: mfa::send_enroll_factor_request,
    },
    Route {
        method: "POST",
        path: "/api/v3/enroll-factor",
        app_id: AppIdRule::Required,
        handler: mfa::enroll_factor,
    },
    Route {
        method: "POST",
        path: "/api/v3/reset-factor",
        app_id: AppIdRule::Required,
        handler: mfa::reset_factor,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-enrolled-factors",
        app_id: AppIdRule::Required,
        handler: mfa::list_enrolled_factors,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-factor",
        app_id: AppIdRule::Required,
        handler: mfa::get_factor,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-factors-to-enroll",
        app_id: AppIdRule::Required,
        handler: mfa::list_factors_to_enroll,
    },
    Route {
        method: "POST",
        path: "/api/v3/mfa-totp-verify",
        app_id: AppIdRule::Required,
        handler: mfa::totp_verify,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-string-resource",
        app_id: AppIdRule::Required,
        handler: resources::check_string,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-array-resource",
        app_id: AppIdRule::Required,
        handler: resources::check_array,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-tree-resource",
        app_id: AppIdRule::Required,
        handler: resources::check_tree,
    },
    Route {
        method: "GET",
        path: "/api/v3/system",
        app_id: AppIdRule::Optional,
        handler: system,
    },
    // Mobile social login, QR-code login and the OIDC/OAuth protocol (src/{mobile,qrcode,oidc}.rs).
    Route {
        method: "POST",
        path: "/api/v3/signin-by-mobile",
        app_id: AppIdRule::Required,
        handler: mobile::sign_in,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-alipay-authinfo",
        app_id: AppIdRule::Required,
        handler: mobile::alipay_auth_info,
    },
    Route {
        method: "POST",
        path: "/api/v3/gene-qrcode",
        app_id: AppIdRule::Required,
        handler: qrcode::gene,
    },
    Route {
        method: "GET",
        path: "/api/v3/check-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::status,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::status,
    },
    Route {
        method: "POST",
        path: "/api/v3/change-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::change_status,
    },
    Route {
        method: "POST",
        path: "/api/v3/set-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::set_status,
    },
    Route {
        method: "POST",
        path: "/api/v3/exchange-tokenset-with-qrcode-ticket",
        app_id: AppIdRule::Required,
        handler: qrcode::exchange_ticket,
    },
    Route {
        method: "POST",
        path: "/oidc/token",
        app_id: AppIdRule::Optional,
        handler: oidc::token,
    },
    Route {
        method: "POST",
        path: "/oidc/token/introspection",
        app_id: AppIdRule::Optional,
        handler: oidc::introspect,
    },
    Route {
        method: "POST",
        path: "/oidc/token/revocation",
        app_id: AppIdRule::Optional,
        handler: oidc::revoke,
    },
    Route {
        method: "GET",
        path: "/oidc/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oidc/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oauth/token",
        app_id: AppIdRule::Optional,
        handler: oidc::token,
    },
    Route {
        method: "POST",
        path: "/oauth/token/introspection",
        app_id: AppIdRule::Optional,
        handler: oidc::introspect,
    },
    Route {
        method: "POST",
        path: "/oauth/token/revocation",
        app_id: AppIdRule::Optional,
        handler: oidc::revoke,
    },
    Route {
        method: "GET",
        path: "/oauth/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oauth/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "GET",
        path: "/oidc/.well-known/jwks.json",
        app_id: AppIdRule::Optional,
        handler: oidc::jwks,
    },
    Route {
        method: "POST",
        path: "/api/v3/pub-userEvent",
        app_id: AppIdRule::Required,
        handler: crate::events::publish,
    },
    Route {
        method: "GET",
        path: "/api/v3/webauthn/registration",
        app_id: AppIdRule::Required,
        handler: webauthn::registration_options,
    },
    Route {
        method: "POST",
        path: "/api/v3/webauthn/registration",
        app_id: AppIdRule::Required,
        handler: webauthn::verify_registration,
    },
    Route {
        method: "GET",
        path: "/api/v3/webauthn/authentication",
        app_id: AppIdRule::Required,
        handler: webauthn::authentication_options,
    },
    Route {
        method: "POST",
        path: "/api/v3/webauthn/authentication",
        app_id: AppIdRule::Required,
        handler: webauthn::verify_authentication,
    },
];

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
            keys: RwLock::new(Arc::new(config.keys.unwrap_or_else(FakeServerKeys::fixed))),
            store: Mutex::new(Store::new()),
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            faults: Default::default(),
            seq: AtomicU64::new(0),
            rng: Rng::new(),
            protocol: oidc::ProtocolState::new(config.oidc),
            events: Default::default(),
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
/// [`ROUTES`], with GenAuth-shaped answers for unknown paths and bad methods.
pub(super) fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(
            crate::events::SUB_PATH,
            axum::routing::get(crate::events::subscribe),
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

fn dispatch(ctx: &Ctx<'_>) -> Reply {
    let req = ctx.req;
    let on_path = || ROUTES.iter().filter(|r| r.path == req.path);
    let Some(route) = on_path().find(|r| r.method == req.method) else {
        // No handler of its own: the declared endpoint's default handler, if it is declared.
        if let Some(ep) = super::declared::find(&req.method, &req.path) {
            return super::declared::handle(ctx, ep).unwrap_or_else(|reply| reply);
        }
        let message = if on_path().next().is_some() {
            format!("method {} is not supported on {}", req.method, req.path)
        } else {
            format!("no such endpoint: {} {}", req.method, req.path)
        };
        return Reply::not_found(message);
    };
    ctx.check_app_id(route.app_id)
        .and_then(|()| (route.handler)(ctx))
        .unwrap_or_else(|reply| reply)
}

/// What a handler sees: the shared state and the recorded request.
pub(super) struct Ctx<'a> {
    pub(super) state: &'a ServerState,
    pub(super) req: &'a RecordedRequest,
}

impl Ctx<'_> {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.req.header(name)
    }

    pub(super) fn check_app_id(&self, rule: AppIdRule) -> Result<(), Reply> {
        let name = format!("{}app-id", self.state.header_prefix);
        match self.header(&name) {
            Some(id) if id == self.state.app_id => Ok(()),
            Some(_) => Err(Reply::api_error(404, 2011, "application does not exist")),
            None if rule == AppIdRule::Optional => Ok(()),
            None => {
                let other = self
                    .req
                    .headers
                    .iter()
                    .find(|(n, _)| n.ends_with("-app-id"))
                    .map(|(n, _)| {
                        format!(
                            " (got `{n}`; this server expects the prefix `{}`)",
                            self.state.header_prefix
                        )
                    })
                    .unwrap_or_default();
                Err(Reply::error(400, format!("missing `{name}` header{other}")))
            }
        }
    }

    /// The body as a JSON object: requires `content-type: application/json`.
    pub(super) fn json_body(&self) -> Result<Value, Reply> {
        let content_type = self.header("content-type").unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/json") {
            return Err(Reply::error(
                400,
                format!("expected content-type application/json, got {content_type:?}"),
            ));
        }
        if self.req.body.is_empty() {
            return Err(Reply::error(
                400,
                "request body is empty; expected a JSON object",
            ));
        }
        serde_json::from_slice(&self.req.body)
            .map_err(|e| Reply::error(400, format!("malformed JSON body: {e}")))
    }

    /// The user named by the `authorization` header (raw access token or `Bearer <token>`,
    /// from an `/api/v3` login or from `/oidc/token`, unexpired and unrevoked); otherwise
    /// statusCode 401, apiCode 2020.
    pub(super) fn require_user(&self) -> Result<UserId, Reply> {
        let not_logged_in = || {
            Reply::api_error(
                401,
                2020,
                "not logged in: send a valid access token in `authorization`",
            )
        };
        let authorization = self.header("authorization").ok_or_else(not_logged_in)?;
        let login = self.state.store().user_for_token(authorization);
        login
            .or_else(|| oidc::protocol_token_user(self, authorization))
            .ok_or_else(not_logged_in)
    }
}

/// A handler's answer.
#[derive(Debug)]
pub(super) enum Reply {
    /// The v3 envelope `{statusCode, message, apiCode?, requestId, data?}`.
    Envelope {
        http: StatusCode,
        status_code: u16,
        message: String,
        api_code: Option<u32>,
        data: Option<Value>,
    },
    /// A JSON body sent as is (HTTP 200), for endpoints the real service does not envelope.
    Bare(Value),
    /// A JSON body sent as is with its own HTTP status (OAuth `{error, error_description}`).
    Status(StatusCode, Value),
}

impl Reply {
    /// statusCode 200, with `data` when given.
    pub(super) fn success(data: Option<Value>) -> Self {
        Reply::Envelope {
            http: StatusCode::OK,
            status_code: 200,
            message: "Success".to_owned(),
            api_code: None,
            data,
        }
    }

    /// A business error without an apiCode (HTTP 200).
    pub(super) fn error(status_code: u16, message: impl Into<String>) -> Self {
        Reply::Envelope {
            http: StatusCode::OK,
            status_code,
            message: message.into(),
            api_code: None,
            data: None,
        }
    }

    /// A business error with an apiCode (HTTP 200).
    pub(super) fn api_error(status_code: u16, api_code: u32, message: impl Into<String>) -> Self {
        Reply::Envelope {
            http: StatusCode::OK,
            status_code,
            message: message.into(),
            api_code: Some(api_code),
            data: None,
        }
    }

    /// An unknown route: HTTP 404 with a statusCode 404 envelope.
    fn not_found(message: String) -> Self {
        Reply::Envelope {
            http: StatusCode::NOT_FOUND,
            status_code: 404,
            message,
            api_code: None,
            data: None,
        }
    }

    fn into_response(self, request_id: &str) -> Response {
        let (http, body) = match self {
            Reply::Envelope {
                http,
                status_code,
                message,
                api_code,
                data,
            } => {
                let mut body = Map::new();
                body.insert("statusCode".into(), status_code.into());
                body.insert("message".into(), message.into());
                if let Some(code) = api_code {
                    body.insert("apiCode".into(), code.into());
                }
                body.insert("requestId".into(), request_id.into());
                if let Some(data) = data {
                    body.insert("data".into(), data);
                }
                (http, Value::Object(body))
            }
            Reply::Bare(body) => (StatusCode::OK, body),
            Reply::Status(http, body) => (http, body),
        };
        let mut response = Response::new(Body::from(body.to_string()));
        *response.status_mut() = http;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        if let Ok(value) = HeaderValue::from_str(request_id) {
            headers.insert("x-request-id", value);
        }
        response
    }
}

/// Strict access to one JSON object of a request body. `what` names it in error messages
/// (`"body"`, `"passwordPayload"`, ...).
pub(super) struct Fields<'a> {
    map: &'a Map<String, Value>,
    what: &'static str,
}

impl<'a> Fields<'a> {
    pub(super) fn of(value: &'a Value, what: &'static str) -> Result<Self, Reply> {
        match value {
            Value::Object(map) => Ok(Fields { map, what }),
            _ => Err(Reply::error(400, format!("`{what}` must be a JSON object"))),
        }
    }

    /// Rejects keys outside `allowed` and `null` values (absent fields must be omitted).
    pub(super) fn allow_only(&self, allowed: &[&str]) -> Result<(), Reply> {
        for (key, value) in self.map {
            if !allowed.contains(&key.as_str()) {
                return Err(Reply::error(
                    400,
                    format!(
                        "unknown field `{key}` in `{}`; expected one of {allowed:?}",
                        self.what
                    ),
                ));
            }
            if value.is_null() {
                return Err(Reply::error(
                    400,
                    format!("`{}.{key}` is null; omit absent fields instead", self.what),
                ));
            }
        }
        Ok(())
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(super) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub(super) fn opt_str(&self, key: &str) -> Result<Option<&'a str>, Reply> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.wrong_type(key, "a string")),
        }
    }

    /// A present, non-empty string.
    pub(super) fn req_str(&self, key: &str) -> Result<&'a str, Reply> {
        match self.opt_str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            Some(_) => Err(Reply::error(
                400,
                format!("`{}.{key}` must not be empty", self.what),
            )),
            None => Err(Reply::error(
                400,
                format!("`{}.{key}` is required", self.what),
            )),
        }
    }

    pub(super) fn opt_bool(&self, key: &str) -> Result<Option<bool>, Reply> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong_type(key, "a boolean")),
        }
    }

    pub(super) fn opt_object(&self, key: &str) -> Result<Option<&'a Map<String, Value>>, Reply> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => Err(self.wrong_type(key, "an object")),
        }
    }

    /// A `passwordEncryptType` flag: `"none"` (also when absent), `"rsa"` or `"sm2"`, lowercase.
    pub(super) fn encrypt_type(&self, key: &str) -> Result<PasswordEncryptType, Reply> {
        match self.opt_str(key)? {
            None | Some("none") => Ok(PasswordEncryptType::None),
            Some("rsa") => Ok(PasswordEncryptType::Rsa),
            Some("sm2") => Ok(PasswordEncryptType::Sm2),
            Some(other) => Err(Reply::error(
                400,
                format!(
                    "`{}.{key}` must be \"none\", \"rsa\" or \"sm2\", got {other:?}",
                    self.what
                ),
            )),
        }
    }

    fn wrong_type(&self, key: &str, expected: &str) -> Reply {
        Reply::error(400, format!("`{}.{key}` must be {expected}", self.what))
    }
}

/// `POST /api/v3/send-sms` `{channel, phoneNumber, phoneCountryCode?}`: "sends" a passcode.
fn send_sms(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["channel", "phoneNumber", "phoneCountryCode"])?;
    let channel = check_channel(fields.req_str("channel")?, SMS_CHANNELS)?;
    let phone = fields.req_str("phoneNumber")?;
    check_phone(phone, "phoneNumber")?;
    let country_code = fields.opt_str("phoneCountryCode")?;
    if let Some(cc) = country_code {
        check_country_code(cc)?;
    }
    ctx.state
        .store()
        .issue_passcode(channel, phone, country_code);
    Ok(Reply::success(None))
}

/// `POST /api/v3/send-email` `{channel, email}`: "sends" a passcode.
fn send_email(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let body = ctx.json_body()?;
    let fields = Fields::of(&body, "body")?;
    fields.allow_only(&["channel", "email"])?;
    let channel = check_channel(fields.req_str("channel")?, EMAIL_CHANNELS)?;
    let email = fields.req_str("email")?;
    check_email(email, "email")?;
    ctx.state.store().issue_passcode(channel, email, None);
    Ok(Reply::success(None))
}

/// `GET /api/v3/get-profile`: the signed-in user (`data` shaped like the user DTO).
fn get_profile(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    for (name, value) in ctx.req.query_pairs() {
        if !["withCustomData", "withIdentities", "withDepartmentIds"].contains(&name.as_str()) {
            return Err(Reply::error(
                400,
                format!("unknown query parameter `{name}`"),
            ));
        }
        if value != "true" && value != "false" {
            return Err(Reply::error(
                400,
                format!("query parameter `{name}` must be `true` or `false`, got {value:?}"),
            ));
        }
    }
    let id = ctx.require_user()?;
    let data = ctx.state.store().user_json(&id).ok_or_else(no_such_user)?;
    Ok(Reply::success(Some(data)))
}

/// statusCode 404, apiCode 2004: the user a valid token or passcode stands for is gone.
pub(super) fn no_such_user() -> Reply {
    Reply::api_error(404, 2004, "User does not exist.")
}

/// `GET /api/v3/system`: the public keys; bare unless configured enveloped.
fn system(ctx: &Ctx<'_>) -> Result<Reply, Reply> {
    let keys = ctx.state.keys();
    let info = json!({
        "rsa": { "publicKey": keys.rsa_public_pem() },
        "sm2": { "publicKey": keys.sm2_public_hex() },
        "version": { "server": "fake-0.1.0", "console": "fake-0.1.0", "login": "fake-0.1.0" },
        "publicIps": [],
    });
    Ok(if ctx.state.system_enveloped {
        Reply::success(Some(info))
    } else {
        Reply::Bare(info)
    })
}

fn check_channel<'a>(channel: &'a str, allowed: &[&str]) -> Result<&'a str, Reply> {
    if allowed.contains(&channel) {
        Ok(channel)
    } else {
        Err(Reply::error(
            400,
            format!("unknown channel {channel:?}; expected one of {allowed:?}"),
        ))
    }
}

pub(super) fn check_phone(phone: &str, field: &str) -> Result<(), Reply> {
    if phone.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Reply::error(
            400,
            format!("`{field}` must be digits only; send the country code in `phoneCountryCode`"),
        ))
    }
}

pub(super) fn check_country_code(cc: &str) -> Result<(), Reply> {
    let digits = cc.strip_prefix('+').unwrap_or_default();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Reply::error(
            400,
            format!("`phoneCountryCode` must look like \"+86\", got {cc:?}"),
        ))
    }
}

pub(super) fn check_email(email: &str, field: &str) -> Result<(), Reply> {
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(()),
        _ => Err(Reply::error(
            400,
            format!("`{field}` is not an email address"),
        )),
    }
}
