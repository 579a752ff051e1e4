//! The one request pipeline every endpoint goes through, read top to bottom in [`Pipeline::run`]:
//!
//! 1. settle the call once: the concrete path (`{protocol}`), the password encryption;
//! 2. **keys**: the server's public keys, only when this call encrypts a password (pinned, cached,
//!    or fetched by [`Pipeline::fetch_keys`], which uses steps 3–5 itself); for an
//!    `auth = management` call, its **management credentials** ([`management`]: the cached
//!    management token, fetched the same way, or a signature to put on the request);
//! 3. **build** the request, synchronously ([`request`], with the credentials of [`auth`] and
//!    the passwords of [`password`]);
//! 4. **send**, repeating step 3 and 4 for each transport retry the [`crate::RetryPolicy`]
//!    allows ([`Pipeline::send`]);
//! 5. **decode** the reply ([`crate::envelope`]);
//! 6. if the server could not decrypt the password (`apiCode` 2016: its key rotated), forget
//!    those keys and go back to step 2, once; likewise if it rejected the management token.
//!
//! The pipeline owns everything it needs (the options, the transport, the key cache and what it
//! precomputes from the options: static headers, the Basic credentials). The client above holds
//! a pipeline and calls it; nothing here knows about the client or the API traits. Only
//! [`execute`] is generic over the response type, and only to decode.

pub(crate) mod auth;
pub(crate) mod keys;
#[cfg(feature = "management")]
pub(crate) mod management;
/// Without the `management` feature no client has management credentials: the types are
/// uninhabited and an `auth = management` endpoint is a configuration error.
#[cfg(not(feature = "management"))]
pub(crate) mod management {
    use super::Pipeline;
    use crate::endpoint::{Auth, Endpoint};
    use crate::error::{Error, Result};

    /// Never constructed without the feature.
    pub(crate) enum ManagementAuth {}
    /// Never constructed without the feature.
    pub(crate) enum Grant {}

    impl<T> Pipeline<T> {
        pub(super) async fn management_grant(
            &self,
            ep: &Endpoint,
            _: Option<&ManagementAuth>,
            _: Option<u64>,
        ) -> Result<Option<Grant>> {
            match ep.auth {
                Auth::Management => Err(Error::Config(format!(
                    "`{}` is a Management API endpoint: enable the `management` feature",
                    ep.name
                ))),
                _ => Ok(None),
            }
        }
    }

    pub(crate) fn rejected_token<R>(grant: Option<&Grant>, _: &Result<R>) -> Option<u64> {
        grant.map(|g| match *g {})
    }

    pub(crate) fn apply(
        _: &ManagementAuth,
        grant: &Grant,
        _: &http::HeaderName,
        _: &mut http::Request<bytes::Bytes>,
    ) -> Result<()> {
        match *grant {}
    }
}
pub(crate) mod password;
pub(crate) mod request;

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::call::Call;
use crate::crypto::{DefaultEncryptor, PasswordEncryptType, PasswordEncryptor, ServerKeys};
use crate::endpoint::{Endpoint, Method};
use crate::envelope;
use crate::error::{Error, Result};
use crate::model::SystemInfo;
use crate::options::ClientOptions;
use crate::retry::Retrier;
use crate::secret::Secret;
use crate::transport::{RequestLimits, Transport};
use keys::{KeyCache, SYSTEM_INFO};
use management::{Grant, ManagementAuth};

/// The options, the transport and everything derived from them once per client.
pub(crate) struct Pipeline<T> {
    options: ClientOptions,
    transport: T,
    keys: KeyCache,
    encryptor: Arc<dyn PasswordEncryptor>,
    /// Pre-rendered constant headers (name, value).
    static_headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// `Basic base64(appId:appSecret)`.
    basic_auth: http::HeaderValue,
    /// `<prefix>userpool-id`, sent with a management token.
    userpool_header: http::HeaderName,
}

impl<T: Transport> Pipeline<T> {
    /// Validates what the options imply (pinned keys, header values) and precomputes it.
    pub(crate) fn new(options: ClientOptions, transport: T) -> Result<Self> {
        let static_headers = request::static_headers(&options)?;
        Self::with_headers(options, transport, static_headers)
    }

    /// A pipeline for a Management API client: its constant headers are the SDK version and
    /// the language (no app id).
    #[cfg(feature = "management")]
    pub(crate) fn for_management(options: ClientOptions, transport: T) -> Result<Self> {
        let static_headers = request::management_headers(&options)?;
        Self::with_headers(options, transport, static_headers)
    }

    fn with_headers(
        options: ClientOptions,
        transport: T,
        static_headers: Vec<(http::HeaderName, http::HeaderValue)>,
    ) -> Result<Self> {
        let keys = KeyCache::new(
            options.pinned_rsa_key.as_deref(),
            options.pinned_sm2_key.as_deref(),
        )?;
        let encryptor: Arc<dyn PasswordEncryptor> = match &options.encryptor {
            Some(e) => Arc::clone(e),
            None => Arc::new(DefaultEncryptor {
                sm2_layout: options.sm2_layout,
            }),
        };
        let basic_auth = auth::basic_auth_header(&options)?;
        let userpool_header = request::header_name(&options, "userpool-id")?;
        Ok(Pipeline {
            options,
            transport,
            keys,
            encryptor,
            static_headers,
            basic_auth,
            userpool_header,
        })
    }

    /// The options.
    pub(crate) fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// The transport.
    pub(crate) fn transport(&self) -> &T {
        &self.transport
    }

    /// Steps 1–6 (see the module docs) for one call, made with `who`'s credentials.
    async fn run<R: DeserializeOwned>(
        &self,
        who: Who<'_>,
        mut call: Call<'_>,
        retrier: &mut Retrier<'_>,
    ) -> Result<R> {
        if let Some(e) = call.error.take() {
            return Err(e);
        }
        // 1. Once per call: the concrete path and the encryption the passwords get.
        request::resolve_protocol(&mut call, self.options.protocol);
        call.encrypt = password::resolve(&mut call, self.options.password_encrypt_type);
        let mut refetched_keys = false;
        let mut rejected_token = None;
        loop {
            // 2. The server's keys, when this call encrypts a password.
            let (keys, generation) = match password::to_encrypt(&mut call) {
                Some(kind) => {
                    let (keys, generation) = self.keys.get(|| self.fetch_keys()).await?;
                    (Some((kind, keys)), generation)
                }
                None => (None, None),
            };
            let with = keys.as_ref().map(|(kind, keys)| (*kind, &**keys));
            //    The management credentials, for an `auth = management` call.
            let grant = self
                .management_grant(call.endpoint, who.management, rejected_token)
                .await?;
            // 3–5. Build, send with the transport retries, decode.
            let result = self
                .exchange::<R>(who, grant.as_ref(), &mut call, with, retrier)
                .await;
            // 6. The server could not decrypt: its key may have rotated. Refetch once; calls
            //    that failed with the same keys at the same time share that one refetch. The
            //    extra attempt is not counted against the retry policy.
            if !refetched_keys
                && let Some(generation) = generation
                && matches!(&result, Err(e) if is_decrypt_failure(e))
            {
                refetched_keys = true;
                self.keys.invalidate(generation);
                retrier.grant_extra_attempt();
                continue;
            }
            //    The server rejected the management token (expired early, revoked): fetch a
            //    new one, once. Calls rejected with the same token share that one fetch.
            if rejected_token.is_none()
                && let Some(generation) = management::rejected_token(grant.as_ref(), &result)
            {
                rejected_token = Some(generation);
                retrier.grant_extra_attempt();
                continue;
            }
            return result;
        }
    }

    /// Steps 3–5: [`Pipeline::send`], then the reply decoded as the endpoint declares (what it
    /// said about itself recorded on the current span).
    async fn exchange<R: DeserializeOwned>(
        &self,
        who: Who<'_>,
        grant: Option<&Grant>,
        call: &mut Call<'_>,
        encrypt: Option<(PasswordEncryptType, &ServerKeys)>,
        retrier: &mut Retrier<'_>,
    ) -> Result<R> {
        let response = self.send(who, grant, call, encrypt, retrier).await?;
        let (result, meta) = envelope::decode_with_meta::<R>(call.endpoint.response, response);
        record_meta(&tracing::Span::current(), &meta);
        result
    }

    /// Steps 3–4: builds the request and sends it, building it afresh for every attempt (so a
    /// retried login re-encrypts its password with new randomness), retrying per the policy.
    async fn send(
        &self,
        who: Who<'_>,
        grant: Option<&Grant>,
        call: &mut Call<'_>,
        encrypt: Option<(PasswordEncryptType, &ServerKeys)>,
        retrier: &mut Retrier<'_>,
    ) -> Result<http::Response<Bytes>> {
        let idempotent = call.endpoint.method == Method::Get;
        loop {
            let request = request::build(self, who, grant, call, encrypt)?;
            let limits = RequestLimits {
                timeout: retrier.begin(self.options.timeout),
                max_response_bytes: self.options.max_response_bytes,
            };
            let outcome = self.transport.execute(request, limits).await;
            if let Some((delay, reason)) = retrier.next_delay(idempotent, &outcome) {
                tracing::debug!(
                    attempt = retrier.attempts(),
                    reason = reason.as_str(),
                    delay_ms = delay.as_millis() as u64,
                    "retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            return outcome.map_err(|e| retrier.error(e));
        }
    }

    /// Step 2's fetch: `GET /api/v3/system` through steps 3–5 (it needs no keys, so it does
    /// not come back here), in a span of its own, with its own retry budget and deadline.
    async fn fetch_keys(&self) -> Result<SystemInfo> {
        let trace = Trace::start(&SYSTEM_INFO);
        let mut retrier = Retrier::new(self.options.retry.as_ref());
        let mut call = Call::new(&SYSTEM_INFO);
        let result = self
            .exchange(Who::default(), None, &mut call, None, &mut retrier)
            .instrument(trace.span.clone())
            .await;
        trace.finish(retrier.attempts(), &result);
        result
    }
}

/// The credentials a caller brings beyond the app's own: a user's access token (`auth = user`
/// endpoints), or a management client's access key (`auth = management`).
#[derive(Clone, Copy, Default)]
pub(crate) struct Who<'a> {
    pub(crate) user_token: Option<&'a Secret>,
    pub(crate) management: Option<&'a ManagementAuth>,
}

/// What one generated method call needs: the pipeline and whose credentials. Not public API:
/// the client makes it (`Caller::ctx`), generated code passes it on.
#[doc(hidden)]
pub struct Ctx<'a, T: Transport> {
    pub(crate) pipeline: &'a Pipeline<T>,
    pub(crate) who: Who<'a>,
}

/// Runs `call` through the pipeline and decodes the reply into `T`.
///
/// This is what every generated endpoint method calls.
#[doc(hidden)]
pub async fn execute<T: DeserializeOwned, Tr: Transport>(
    ctx: Ctx<'_, Tr>,
    call: Call<'_>,
) -> Result<T> {
    let Ctx { pipeline, who } = ctx;
    let trace = Trace::start(call.endpoint);
    let mut retrier = Retrier::new(pipeline.options.retry.as_ref());
    // Boxed once here: the pipeline's state machine (request building, the send loop, the
    // transport's future) lives on the heap instead of being copied through every enclosing
    // future as they are created and moved (one allocation is cheaper than those copies).
    let result = Box::pin(
        pipeline
            .run(who, call, &mut retrier)
            .instrument(trace.span.clone()),
    )
    .await;
    trace.finish(retrier.attempts(), &result);
    result
}

/// [`execute`] for endpoints declared `-> Result<()>`: whatever `data` the server sends (`null`,
/// `{"success": true}`, nothing) is accepted and ignored; errors are decoded as usual.
#[doc(hidden)]
pub async fn execute_unit<Tr: Transport>(ctx: Ctx<'_, Tr>, call: Call<'_>) -> Result<()> {
    execute::<serde::de::IgnoredAny, Tr>(ctx, call)
        .await
        .map(|_| ())
}

/// The `genauth.call` span of one call, and when the call started (the clock is read only when
/// someone listens to the span).
struct Trace {
    span: tracing::Span,
    started: Option<Instant>,
}

impl Trace {
    /// Opens the span. Fields are metadata only: never a body, a header value or a query string.
    fn start(ep: &Endpoint) -> Self {
        let span = tracing::debug_span!(
            "genauth.call",
            op = ep.name,
            method = ep.method.as_str(),
            path = ep.path,
            status = tracing::field::Empty,
            http_status = tracing::field::Empty,
            api_code = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempts = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let started = (!span.is_disabled()).then(Instant::now);
        Trace { span, started }
    }

    /// Records how the call went: attempts, elapsed time, the outcome.
    fn finish<R>(&self, attempts: u32, result: &Result<R>) {
        self.span.record("attempts", attempts);
        if let Some(started) = self.started {
            self.span
                .record("elapsed_ms", started.elapsed().as_millis() as u64);
            let _entered = self.span.enter();
            match result {
                Ok(_) => tracing::debug!("ok"),
                Err(e) => tracing::debug!(kind = e.kind().as_str(), "failed"),
            }
        }
    }
}

/// Records what the reply said about itself on the call's span (success or failure).
fn record_meta(span: &tracing::Span, meta: &envelope::ReplyMeta) {
    span.record("http_status", meta.http_status);
    span.record(
        "status",
        meta.status_code.unwrap_or(i64::from(meta.http_status)),
    );
    if let Some(c) = meta.api_code {
        span.record("api_code", c);
    }
    if let Some(r) = &meta.request_id {
        span.record("request_id", r.as_str());
    }
}

/// `apiCode` 2016: the server could not decrypt the password.
fn is_decrypt_failure(e: &Error) -> bool {
    matches!(
        e,
        Error::Api {
            api_code: Some(2016),
            ..
        }
    )
}
