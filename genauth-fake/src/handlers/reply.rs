//! A handler's answer ([`Reply`]): the v3 envelope, bare JSON, or JSON with its own HTTP status.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value};

/// A handler's answer.
#[derive(Debug)]
pub(crate) enum Reply {
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
    /// A browser answer (the hosted login page, `src/oidc/login_page/`): an HTML body (or none,
    /// for a redirect) with its own status and extra headers (`location`, `set-cookie`).
    Page {
        http: StatusCode,
        headers: Vec<(&'static str, String)>,
        html: Option<String>,
    },
}

impl Reply {
    /// statusCode 200, with `data` when given.
    pub(crate) fn success(data: Option<Value>) -> Self {
        Reply::Envelope {
            http: StatusCode::OK,
            status_code: 200,
            message: "Success".to_owned(),
            api_code: None,
            data,
        }
    }

    /// A business error without an apiCode (HTTP 200).
    pub(crate) fn error(status_code: u16, message: impl Into<String>) -> Self {
        Reply::Envelope {
            http: StatusCode::OK,
            status_code,
            message: message.into(),
            api_code: None,
            data: None,
        }
    }

    /// A business error with an apiCode (HTTP 200).
    pub(crate) fn api_error(status_code: u16, api_code: u32, message: impl Into<String>) -> Self {
        Reply::Envelope {
            http: StatusCode::OK,
            status_code,
            message: message.into(),
            api_code: Some(api_code),
            data: None,
        }
    }

    /// Management credentials missing or refused: HTTP 401 with a statusCode 401 envelope
    /// (`crate::management::unauthorized`).
    pub(crate) fn unauthorized(api_code: u32, message: impl Into<String>) -> Self {
        Reply::Envelope {
            http: StatusCode::UNAUTHORIZED,
            status_code: 401,
            message: message.into(),
            api_code: Some(api_code),
            data: None,
        }
    }

    /// An unknown route: HTTP 404 with a statusCode 404 envelope.
    pub(super) fn not_found(message: String) -> Self {
        Reply::Envelope {
            http: StatusCode::NOT_FOUND,
            status_code: 404,
            message,
            api_code: None,
            data: None,
        }
    }

    pub(super) fn into_response(self, request_id: &str) -> Response {
        if let Reply::Page {
            http,
            headers,
            html,
        } = self
        {
            return page_response(http, headers, html, request_id);
        }
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
            Reply::Page { .. } => unreachable!("answered above"),
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

/// A [`Reply::Page`] as an HTTP response: HTML (UTF-8) that is never cached, framed, or given a
/// referrer; no scripts run (the page has none, and the CSP forbids them).
fn page_response(
    http: StatusCode,
    extra: Vec<(&'static str, String)>,
    html: Option<String>,
    request_id: &str,
) -> Response {
    let has_body = html.is_some();
    let mut response = Response::new(Body::from(html.unwrap_or_default()));
    *response.status_mut() = http;
    let headers = response.headers_mut();
    if has_body {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    for (name, value) in extra {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.append(name, value);
        }
    }
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("x-request-id", value);
    }
    response
}

/// statusCode 404, apiCode 2004: the user a valid token or passcode stands for is gone.
pub(crate) fn no_such_user() -> Reply {
    Reply::api_error(404, 2004, "User does not exist.")
}
