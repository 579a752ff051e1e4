//! The one request pipeline every endpoint goes through:
//! build (path, query, body) → client auth → password hook → headers → send/retry → decode.
//!
//! One module per concern: [`request`] (URI and headers), [`auth`] (the one client-auth rule
//! and the user token), [`password`] (the typed password hook), [`send`] (the one send and
//! retry loop). Only [`execute`] is generic over the response type, and only to decode.

pub(crate) mod auth;
pub(crate) mod password;
pub(crate) mod request;
pub(crate) mod send;

use std::time::Instant;

use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::call::Call;
use crate::client::Ctx;
use crate::envelope;
use crate::error::{Error, Result};
use crate::retry::Retrier;
use crate::transport::Transport;

/// Runs `call` through the pipeline and decodes the reply into `T`.
///
/// This is what every generated endpoint method calls. With a [`crate::RetryPolicy`] in the
/// options, build → client auth → password encryption → send is repeated for each attempt (see
/// the policy for what is retried); each attempt encrypts the password afresh.
#[doc(hidden)]
pub async fn execute<T: DeserializeOwned, Tr: Transport>(
    ctx: Ctx<'_, Tr>,
    call: Call<'_>,
) -> Result<T> {
    let ep = call.endpoint;
    // Fields are metadata only: never a body, a header value or a query string.
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
    // The clock is read only when someone listens to the span.
    let started = (!span.is_disabled()).then(Instant::now);
    // Boxed once here: the pipeline's state machine (request building, the send loop, the
    // transport's future) lives on the heap instead of being copied through every enclosing
    // future as they are created and moved (one allocation is cheaper than those copies).
    let result = Box::pin(run::<T, Tr>(&ctx, call).instrument(span.clone())).await;
    if let Some(started) = started {
        span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        let _entered = span.enter();
        match &result {
            Ok(_) => tracing::debug!("ok"),
            Err(e) => tracing::debug!(kind = e.kind().as_str(), "failed"),
        }
    }
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

async fn run<T: DeserializeOwned, Tr: Transport>(
    ctx: &Ctx<'_, Tr>,
    mut call: Call<'_>,
) -> Result<T> {
    if let Some(e) = call.error.take() {
        return Err(e);
    }
    let ep = call.endpoint;
    let o = &ctx.client.inner.options;
    call.encrypt = password::resolve(&mut call, o.password_encrypt_type);
    request::resolve_protocol(&mut call, o.protocol);
    let mut retrier = Retrier::new(o.retry.as_ref());
    let mut refetched_keys = false;
    let span = tracing::Span::current();
    let result = loop {
        let (response, key_generation) = match send::send(ctx, &mut call, &mut retrier).await {
            Ok(r) => r,
            Err(e) => break Err(e),
        };
        let (result, meta) = envelope::decode_with_meta::<T>(ep.response, response);
        record_meta(&span, &meta);
        // The server could not decrypt: its key may have rotated. Refetch once; calls that
        // failed with the same keys at the same time share that one refetch.
        if !refetched_keys
            && let Some(generation) = key_generation
            && matches!(&result, Err(e) if is_decrypt_failure(e))
        {
            refetched_keys = true;
            ctx.client.inner.keys.invalidate(generation);
            retrier.grant_extra_attempt();
            continue;
        }
        break result;
    };
    span.record("attempts", retrier.attempts());
    result
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
