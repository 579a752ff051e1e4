//! The one send path and the one retry loop. Not generic over the response type: it returns
//! the raw reply, and the caller decodes.

use bytes::Bytes;

use crate::call::Call;
use crate::client::Ctx;
use crate::endpoint::Method;
use crate::error::Result;
use crate::retry::Retrier;
use crate::transport::{RequestLimits, Transport};

/// Sends `call`, rebuilding the request for every attempt (so a retried login re-encrypts its
/// password), retrying per the client's [`crate::RetryPolicy`]. Returns the reply and the
/// generation of the fetched server keys (not pinned ones) that encrypted the last attempt.
pub(crate) async fn send<Tr: Transport>(
    ctx: &Ctx<'_, Tr>,
    call: &mut Call<'_>,
    retrier: &mut Retrier<'_>,
) -> Result<(http::Response<Bytes>, Option<u64>)> {
    let inner = &ctx.client.inner;
    let o = &inner.options;
    let idempotent = call.endpoint.method == Method::Get;
    loop {
        let (request, key_generation) = super::request::build(ctx, call).await?;
        let limits = RequestLimits {
            timeout: retrier.begin(o.timeout),
            max_response_bytes: o.max_response_bytes,
        };
        let outcome = inner.transport.execute(request, limits).await;
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
        return outcome
            .map(|r| (r, key_generation))
            .map_err(|e| retrier.error(e));
    }
}
