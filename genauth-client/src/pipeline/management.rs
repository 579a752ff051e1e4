//! Management credentials (`auth = management` endpoints), both schemes of
//! [`ManagementAuthScheme`]:
//!
//! - **token**: [`ManagementAuth::grant`] hands out the cached management token, fetching it
//!   with the access key ([`MANAGEMENT_TOKEN`], by [`super::Pipeline::fetch_management_token`])
//!   when there is none or it is within its refresh margin of expiring; concurrent callers
//!   share one fetch. [`apply`] puts `authorization: Bearer …` and the user pool id header on
//!   the built request. A call the server answers "token invalid or expired" fetches again,
//!   once ([`rejected_token`], in [`super::Pipeline::run`]).
//! - **signature**: no token. [`apply`] signs the built request as it will be sent ([`sign`]):
//!   the method, the `date` and `x-authing-*` headers, the decoded path and the parameters a
//!   server reads back from the wire (the query of a GET, grouping `name[]` into a JSON array;
//!   the top-level members of any other method's JSON body).
//!
//! [`ManagementAuthScheme`]: crate::management::ManagementAuthScheme
//! [`sign`]: crate::management::sign

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderName, HeaderValue};
use serde::Deserialize;

use tracing::Instrument as _;

use super::{Pipeline, Trace, Who};
use crate::call::Call;
use crate::endpoint::{Auth, ClientAuthOf, Encoding, Endpoint, Method, ResponseKind};
use crate::error::{Error, Result};
use crate::fetch_cache::FetchCache;
use crate::management::ManagementAuthScheme;
use crate::management::sign::{ParamValue, RequestToSign, Signer};
use crate::retry::Retrier;
use crate::secret::Secret;
use crate::transport::Transport;

/// `POST /api/v3/get-management-token`: the access key in the body, the token in `data`.
pub(crate) const MANAGEMENT_TOKEN: Endpoint = Endpoint {
    name: "get_management_token",
    method: Method::Post,
    path: "/api/v3/get-management-token",
    auth: Auth::None,
    client_auth: ClientAuthOf::Token,
    encoding: Encoding::Json,
    response: ResponseKind::Envelope,
    passwords: &[],
    password_flag: None,
};

/// The body of [`MANAGEMENT_TOKEN`].
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TokenRequest<'a> {
    pub(crate) access_key_id: &'a str,
    pub(crate) access_key_secret: &'a str,
}

/// The `data` of [`MANAGEMENT_TOKEN`].
#[derive(Deserialize)]
pub(crate) struct TokenReply {
    access_token: Secret,
    expires_in: u64,
}

/// A management token ready to put on requests.
pub(crate) struct ManagementToken {
    /// `Bearer <token>`, marked sensitive.
    bearer: HeaderValue,
    /// The user pool the token is scoped to.
    userpool_id: HeaderValue,
}

/// What one attempt of a management call carries.
#[derive(Clone)]
pub(crate) enum Grant {
    /// The token of `generation` (to forget it if the server rejects it).
    Token(Arc<ManagementToken>, u64),
    /// Sign the request.
    Signature,
}

/// One client's management credentials: the access key and, for the token scheme, the cache.
pub(crate) struct ManagementAuth {
    scheme: ManagementAuthScheme,
    /// The access key (id and secret).
    signer: Signer,
    userpool_id: Option<String>,
    refresh_margin: Duration,
    tokens: FetchCache<ManagementToken>,
}

impl fmt::Debug for ManagementAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The signer prints the key id and `<redacted>`; the token is never printed.
        f.debug_struct("ManagementAuth")
            .field("scheme", &self.scheme)
            .field("signer", &self.signer)
            .finish_non_exhaustive()
    }
}

impl ManagementAuth {
    pub(crate) fn new(
        access_key_id: String,
        access_key_secret: Secret,
        scheme: ManagementAuthScheme,
        userpool_id: Option<String>,
        refresh_margin: Duration,
    ) -> Self {
        ManagementAuth {
            scheme,
            signer: Signer::new(access_key_id, access_key_secret),
            userpool_id,
            refresh_margin,
            tokens: FetchCache::default(),
        }
    }

    pub(crate) fn scheme(&self) -> ManagementAuthScheme {
        self.scheme
    }

    pub(crate) fn access_key_id(&self) -> &str {
        self.signer.access_key_id()
    }

    pub(crate) fn websocket_authorization(&self) -> String {
        self.signer.websocket_authorization()
    }

    /// The body of the token request (the secret leaves this type only here).
    pub(crate) fn token_request(&self) -> TokenRequest<'_> {
        TokenRequest {
            access_key_id: self.signer.access_key_id(),
            access_key_secret: self.signer.access_key_secret().expose(),
        }
    }

    /// What the next attempt carries: for the token scheme the cached token, or one fetched by
    /// `fetch` (single flight) when there is none, it is near expiry, or it is the `rejected`
    /// generation.
    pub(crate) async fn grant<Fut>(
        &self,
        rejected: Option<u64>,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<Grant>
    where
        Fut: Future<Output = Result<TokenReply>>,
    {
        if self.scheme == ManagementAuthScheme::Signature {
            return Ok(Grant::Signature);
        }
        let entry = self
            .tokens
            .get_or_fetch(rejected, || async {
                let reply = fetch().await?;
                let lifetime = Duration::from_secs(reply.expires_in);
                // Replace the token `margin` before it expires, but use a short-lived one for
                // at least nine tenths of its life.
                let margin = self.refresh_margin.min(lifetime / 10);
                let token = self.token(reply.access_token)?;
                Ok::<_, Error>((token, Some(Instant::now() + lifetime - margin)))
            })
            .await?;
        Ok(Grant::Token(entry.value, entry.generation))
    }

    fn token(&self, token: Secret) -> Result<ManagementToken> {
        let userpool_id = match &self.userpool_id {
            Some(id) => id.clone(),
            None => scoped_userpool_id(token.expose()).ok_or_else(|| {
                Error::Config(
                    "the management token carries no `scoped_userpool_id` claim: set \
                     ManagementOptionsBuilder::userpool_id"
                        .into(),
                )
            })?,
        };
        let mut bearer =
            HeaderValue::try_from(format!("Bearer {}", token.expose())).map_err(|_| {
                Error::Config("the management token is not a valid header value".into())
            })?;
        bearer.set_sensitive(true);
        let userpool_id = HeaderValue::try_from(userpool_id)
            .map_err(|_| Error::Config("the user pool id is not a valid header value".into()))?;
        Ok(ManagementToken {
            bearer,
            userpool_id,
        })
    }
}

/// The `scoped_userpool_id` claim of a JWT's payload, read without verifying it (the client
/// only needs to know which pool the token is for; the server checks the token).
fn scoped_userpool_id(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    // base64url as JWTs use it; the Python SDK decodes standard base64, so accept both.
    let normalised: String = payload
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(normalised)
        .ok()?;
    #[derive(Deserialize)]
    struct Claims {
        scoped_userpool_id: Option<String>,
    }
    serde_json::from_slice::<Claims>(&bytes)
        .ok()?
        .scoped_userpool_id
        .filter(|id| !id.is_empty())
}

impl<T: Transport> Pipeline<T> {
    /// Step 2b of [`Pipeline::run`]: the management credentials of the next attempt of a call
    /// to `ep` made with `auth` (`None` for an endpoint that is not `auth = management`).
    /// `rejected`: the token generation the server rejected on the previous attempt.
    pub(super) async fn management_grant(
        &self,
        ep: &Endpoint,
        auth: Option<&ManagementAuth>,
        rejected: Option<u64>,
    ) -> Result<Option<Grant>> {
        match (ep.auth, auth) {
            (Auth::Management, Some(auth)) => auth
                .grant(rejected, || self.fetch_management_token(auth))
                .await
                .map(Some),
            (Auth::Management, None) => Err(not_a_management_client(ep)),
            _ => Ok(None),
        }
    }

    /// The token fetch: [`MANAGEMENT_TOKEN`] through steps 3–5, in a span of its own, with its
    /// own retry budget and deadline (like the key fetch).
    async fn fetch_management_token(&self, auth: &ManagementAuth) -> Result<TokenReply> {
        let trace = Trace::start(&MANAGEMENT_TOKEN);
        let mut retrier = Retrier::new(self.options.retry.as_ref());
        let mut call = Call::new(&MANAGEMENT_TOKEN).owned_body(auth.token_request());
        let result = self
            .exchange(Who::default(), None, &mut call, None, &mut retrier)
            .instrument(trace.span.clone())
            .await;
        trace.finish(retrier.attempts(), &result);
        result
    }
}

/// The error of an `auth = management` endpoint called without management credentials.
pub(crate) fn not_a_management_client(ep: &Endpoint) -> Error {
    Error::Config(format!(
        "`{}` is a Management API endpoint: call it on a ManagementClient",
        ep.name
    ))
}

/// The generation of the management token `grant` carried, if `result` says the server
/// rejected it as invalid or expired: HTTP 401, or an envelope with `statusCode` 401.
pub(crate) fn rejected_token<R>(grant: Option<&Grant>, result: &Result<R>) -> Option<u64> {
    match (grant, result) {
        (
            Some(Grant::Token(_, generation)),
            Err(
                Error::Api {
                    status_code: 401, ..
                }
                | Error::HttpStatus { status: 401, .. },
            ),
        ) => Some(*generation),
        _ => None,
    }
}

/// Puts `grant`'s credentials on the built request. `userpool_header` is the prefixed name of
/// the user pool id header.
pub(crate) fn apply(
    auth: &ManagementAuth,
    grant: &Grant,
    userpool_header: &HeaderName,
    req: &mut http::Request<Bytes>,
) -> Result<()> {
    match grant {
        Grant::Token(token, _) => {
            let h = req.headers_mut();
            h.insert(http::header::AUTHORIZATION, token.bearer.clone());
            h.insert(userpool_header.clone(), token.userpool_id.clone());
        }
        Grant::Signature => {
            let signed = {
                let params = signed_params(req)?;
                let params: Vec<(&str, ParamValue<'_>)> = params
                    .iter()
                    .map(|(k, v)| (k.as_str(), ParamValue::Str(v)))
                    .collect();
                // The path as the server sees it (percent-decoded); the `x-authing-*` and
                // `date` headers are picked out of all of them by the signer.
                let path =
                    percent_encoding::percent_decode_str(req.uri().path()).decode_utf8_lossy();
                let headers: Vec<(&str, &str)> = req
                    .headers()
                    .iter()
                    .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str(), v)))
                    .collect();
                let get = req.method() == http::Method::GET;
                let none: &[(&str, ParamValue<'_>)] = &[];
                auth.signer
                    .sign_request(&RequestToSign {
                        method: req.method().as_str(),
                        path: &path,
                        query: if get { &params } else { none },
                        body: if get { none } else { &params },
                        headers: &headers,
                    })
                    .map_err(|e| Error::Config(e.to_string()))?
            };
            let h = req.headers_mut();
            for (name, value) in signed.pairs() {
                let mut v = HeaderValue::try_from(value).map_err(|_| {
                    Error::InvalidRequest("a signature header is not a valid header value".into())
                })?;
                v.set_sensitive(name == "authorization");
                h.insert(HeaderName::from_static(name), v);
            }
        }
    }
    Ok(())
}

/// The parameters `req`'s signature covers, as a server reads them back from the wire: the
/// query of a GET, the top-level members of any other method's JSON body.
pub(crate) fn signed_params(req: &http::Request<Bytes>) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if req.method() == http::Method::GET {
        signed_query(req.uri().query().unwrap_or(""), &mut out);
    } else if !req.body().is_empty() {
        signed_body(req.body(), &mut out)?;
    }
    Ok(out)
}

/// The query of a GET as the server reads it: repeated `name[]` pairs are one array (signed as
/// its JSON text), every other pair its decoded text.
fn signed_query(query: &str, out: &mut Vec<(String, String)>) {
    let mut arrays: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match k.strip_suffix("[]") {
            Some(name) => match arrays.iter_mut().find(|(n, _)| n == name) {
                Some((_, items)) => items.push(v.into_owned()),
                None => arrays.push((name.to_owned(), vec![v.into_owned()])),
            },
            None => out.push((k.into_owned(), v.into_owned())),
        }
    }
    for (name, items) in arrays {
        let text = serde_json::to_string(&items).unwrap_or_default();
        out.push((name, text));
    }
}

/// The top-level members of a JSON body, rendered as JavaScript renders them when it builds the
/// string to sign: a string as itself, `null` as `null`, anything else as `JSON.stringify`
/// writes it ([`js_json`]).
fn signed_body(body: &[u8], out: &mut Vec<(String, String)>) -> Result<()> {
    let map: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(body) {
        Ok(serde_json::Value::Object(map)) => map,
        // Not an object: no members to sign (a bodiless POST sends none).
        Ok(_) => return Ok(()),
        Err(e) => {
            return Err(Error::InvalidRequest(format!(
                "a signed body must be JSON: {e}"
            )));
        }
    };
    for (k, v) in map {
        let text = match v {
            serde_json::Value::String(s) => s,
            other => {
                let mut s = String::new();
                js_json(&other, &mut s);
                s
            }
        };
        out.push((k, text));
    }
    Ok(())
}

/// `JSON.stringify(value)`: serde_json's compact form, except numbers, which JavaScript writes
/// without a fraction when they are whole (`1`, where serde_json writes an `f64` 1 as `1.0`).
pub(crate) fn js_json(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Number(n) => out.push_str(&js_number(n)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                js_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                js_json(v, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// A JSON number as JavaScript's `Number.prototype.toString` writes it, for the values a body
/// holds: integers as they are, whole floats below 1e21 without `.0`.
fn js_number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if (n.is_f64()) && f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        _ => n.to_string(),
    }
}
