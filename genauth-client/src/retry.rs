//! Opt-in retries ([`RetryPolicy`]): which failures are safe to retry, and how long to wait.

use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::error::Error;
use crate::transport::TransportError;

/// Retry policy for transient failures. Off unless set with
/// [`crate::ClientOptionsBuilder::retry`].
///
/// # What is retried
///
/// | failure | `GET` | any other method (`POST` logins, `send-sms`, …) |
/// |---|---|---|
/// | connection not established (refused, unreachable, connect timeout): [`TransportError::Connect`](crate::TransportError::Connect) | yes | yes: the request was never sent |
/// | HTTP 429 or 503 (any body) | yes | yes: the server says it did not handle the request |
/// | HTTP 502 or 504 (any body) | yes | **no**: a gateway may have forwarded the request upstream |
/// | any other transport failure: reset, closed before or during the reply, total timeout | yes | **no**: the request may have been processed |
/// | body over the limit, undecodable body, OAuth error, any other HTTP status | no | no |
/// | envelope error (`statusCode != 200` inside the body), whatever its `statusCode` | no | no |
///
/// So a login that reached the server is never sent twice, and the server's failed-attempt
/// counters are never inflated by the SDK. Envelope errors are never retried, not even
/// `statusCode` 429/503: they are application answers from a server that processed the request
/// (a business 429 is how the service reports too many failed logins, which waiting a few
/// hundred milliseconds does not fix and a retry would make worse).
///
/// # How long to wait
///
/// Before retry `n` (1-based) the client sleeps an *equal-jitter* exponential backoff:
/// `b = min(max_backoff, initial_backoff · 2^(n-1))`, sleep uniformly in `[b/2, b]`. A
/// `Retry-After: <seconds>` header on a 429/503 raises the sleep to at least that long
/// (HTTP-date values are ignored). Nothing is retried when the sleep would end past the overall
/// deadline; each attempt's timeout is also cut to what remains of the deadline, and a call that
/// runs out of deadline during an attempt fails with [`Error::Timeout`] carrying the deadline.
///
/// Every attempt rebuilds the request from the call's arguments, so an encrypted password is
/// encrypted afresh (new random padding / ephemeral key) for each attempt. The
/// `/api/v3/system` key fetch that an encrypted call may make first is a `GET` retried under the
/// same policy (with a deadline of its own). The one-off refetch of the server's keys after
/// `apiCode` 2016 (password not decryptable: the key rotated) is not counted as an attempt.
///
/// ```
/// # extern crate genauth_client as genauth;
/// use std::time::Duration;
/// use genauth::RetryPolicy;
///
/// let policy = RetryPolicy::new(4)
///     .with_initial_backoff(Duration::from_millis(200))
///     .with_max_backoff(Duration::from_secs(2))
///     .with_deadline(Duration::from_secs(10));
/// assert_eq!(policy.max_attempts(), 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    deadline: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 100 ms initial backoff, 2 s maximum backoff, 30 s overall deadline.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            deadline: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The default policy with `max_attempts` attempts in all (1 = no retry; 0 counts as 1).
    pub fn new(max_attempts: u32) -> Self {
        RetryPolicy::default().with_max_attempts(max_attempts)
    }

    /// Attempts in all, the first included (1 = no retry; 0 counts as 1).
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Backoff before the first retry (doubled for each further retry, up to the maximum
    /// backoff).
    pub fn with_initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// Largest backoff between two attempts (a `Retry-After` header may ask for more).
    pub fn with_max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// Overall deadline for one call: all attempts and the sleeps between them.
    pub fn with_deadline(mut self, d: Duration) -> Self {
        self.deadline = d;
        self
    }

    /// Attempts in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Backoff before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// Largest backoff.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// Overall deadline.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    /// The sleep before retry `n` (1-based), before `Retry-After` is taken into account.
    pub fn backoff(&self, n: u32) -> Duration {
        equal_jitter_backoff(self.initial_backoff, self.max_backoff, n)
    }
}

/// The one backoff schedule (retries here, event-stream reconnections in `events/`): before
/// attempt `n + 1` (`n` 1-based), `b = min(max, initial · 2^(n-1))`, uniformly in `[b/2, b]`.
pub(crate) fn equal_jitter_backoff(initial: Duration, max: Duration, n: u32) -> Duration {
    let exp = 2u32.saturating_pow(n.saturating_sub(1));
    let base = initial.saturating_mul(exp).min(max);
    let half = base / 2;
    let span = (base - half).as_nanos() as u64;
    let jitter = if span == 0 {
        0
    } else {
        random_u64() % (span + 1)
    };
    half + Duration::from_nanos(jitter)
}

fn random_u64() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        // No OS randomness: the clock's low bits still spread clients apart.
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos() as u64)
    })
}

/// Why an attempt is retried (a tracing field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryReason {
    Connect,
    Transport,
    Status(u16),
}

impl RetryReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RetryReason::Connect => "connect",
            RetryReason::Transport => "transport",
            RetryReason::Status(429) => "http_429",
            RetryReason::Status(502) => "http_502",
            RetryReason::Status(503) => "http_503",
            RetryReason::Status(504) => "http_504",
            RetryReason::Status(_) => "http_status",
        }
    }
}

/// Whether `outcome` may be retried for a request that is (or is not) idempotent, and the
/// server's `Retry-After` hint.
pub(crate) fn classify(
    idempotent: bool,
    outcome: &Result<http::Response<Bytes>, TransportError>,
) -> Option<(RetryReason, Option<Duration>)> {
    match outcome {
        Err(TransportError::Connect(_)) => Some((RetryReason::Connect, None)),
        Err(TransportError::BodyTooLarge(_)) => None,
        Err(_) => idempotent.then_some((RetryReason::Transport, None)),
        Ok(resp) => {
            let status = resp.status().as_u16();
            let retry = match status {
                429 | 503 => true,
                502 | 504 => idempotent,
                _ => false,
            };
            retry.then(|| (RetryReason::Status(status), retry_after(resp.headers())))
        }
    }
}

/// `Retry-After: <delay-seconds>`; HTTP-dates are not interpreted.
fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let v = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The retry bookkeeping of one call.
pub(crate) struct Retrier<'a> {
    policy: Option<&'a RetryPolicy>,
    started: Instant,
    /// Attempts made so far.
    attempts: u32,
    /// Attempts allowed (the policy's, plus any granted).
    budget: u32,
    /// The last attempt's timeout was cut short by the deadline.
    capped: bool,
}

impl<'a> Retrier<'a> {
    pub(crate) fn new(policy: Option<&'a RetryPolicy>) -> Self {
        Retrier {
            policy,
            started: Instant::now(),
            attempts: 0,
            budget: policy.map_or(1, |p| p.max_attempts),
            capped: false,
        }
    }

    /// Attempts started so far.
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// One more attempt that does not count against the policy (the key-rotation refetch).
    pub(crate) fn grant_extra_attempt(&mut self) {
        self.budget += 1;
    }

    /// Starts an attempt; returns its timeout: `base`, cut to what remains of the deadline.
    pub(crate) fn begin(&mut self, base: Duration) -> Duration {
        self.attempts += 1;
        self.capped = false;
        let Some(p) = self.policy else {
            return base;
        };
        let remaining = p.deadline.saturating_sub(self.started.elapsed());
        if remaining < base {
            self.capped = true;
            remaining.max(Duration::from_millis(1))
        } else {
            base
        }
    }

    /// After a failed or retryable attempt: the sleep before the next one, or `None` to stop.
    pub(crate) fn next_delay(
        &self,
        idempotent: bool,
        outcome: &Result<http::Response<Bytes>, TransportError>,
    ) -> Option<(Duration, RetryReason)> {
        let p = self.policy?;
        if self.attempts >= self.budget {
            return None;
        }
        let (reason, hint) = classify(idempotent, outcome)?;
        let mut delay = p.backoff(self.attempts);
        if let Some(h) = hint {
            delay = delay.max(h);
        }
        // The next attempt must start, with a useful slice of time, before the deadline.
        let after_sleep = self.started.elapsed() + delay + Duration::from_millis(1);
        (after_sleep < p.deadline).then_some((delay, reason))
    }

    /// Converts the final transport failure: a timeout caused by the deadline reports the
    /// deadline.
    pub(crate) fn error(&self, e: TransportError) -> Error {
        match (e, self.policy) {
            (TransportError::Timeout(_), Some(p)) if self.capped => Error::Timeout(p.deadline),
            (e, _) => e.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(
        status: u16,
        retry_after: Option<&str>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let mut r = http::Response::new(Bytes::new());
        *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
        if let Some(v) = retry_after {
            r.headers_mut()
                .insert(http::header::RETRY_AFTER, v.parse().unwrap());
        }
        Ok(r)
    }

    #[test]
    fn backoff_is_exponential_with_equal_jitter_and_capped() {
        let p = RetryPolicy::new(10)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(500));
        for _ in 0..50 {
            let b1 = p.backoff(1);
            assert!(
                b1 >= Duration::from_millis(50) && b1 <= Duration::from_millis(100),
                "{b1:?}"
            );
            let b2 = p.backoff(2);
            assert!(
                b2 >= Duration::from_millis(100) && b2 <= Duration::from_millis(200),
                "{b2:?}"
            );
            let b9 = p.backoff(9);
            assert!(
                b9 >= Duration::from_millis(250) && b9 <= Duration::from_millis(500),
                "{b9:?}"
            );
        }
        assert!(p.backoff(u32::MAX) <= Duration::from_millis(500));
        assert_eq!(RetryPolicy::new(0).max_attempts(), 1);
    }

    #[test]
    fn classification_table() {
        let connect = Err(TransportError::Connect("refused".into()));
        let other = Err(TransportError::Other("closed".into()));
        let timeout = Err(TransportError::Timeout(Duration::from_secs(1)));
        let big = Err(TransportError::BodyTooLarge(10));
        for idempotent in [true, false] {
            assert_eq!(
                classify(idempotent, &connect),
                Some((RetryReason::Connect, None))
            );
            assert!(classify(idempotent, &big).is_none());
            assert_eq!(classify(idempotent, &other).is_some(), idempotent);
            assert_eq!(classify(idempotent, &timeout).is_some(), idempotent);
            for s in [429, 503] {
                assert!(classify(idempotent, &resp(s, None)).is_some());
            }
            for s in [502, 504] {
                assert_eq!(classify(idempotent, &resp(s, None)).is_some(), idempotent);
            }
            for s in [200, 400, 401, 403, 404, 413, 500] {
                assert!(classify(idempotent, &resp(s, None)).is_none(), "{s}");
            }
        }
        assert_eq!(
            classify(false, &resp(429, Some("2"))),
            Some((RetryReason::Status(429), Some(Duration::from_secs(2))))
        );
        assert_eq!(
            classify(false, &resp(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"))),
            Some((RetryReason::Status(503), None))
        );
    }

    #[test]
    fn retrier_respects_attempts_and_deadline() {
        let p = RetryPolicy::new(3)
            .with_initial_backoff(Duration::from_millis(1))
            .with_max_backoff(Duration::from_millis(1))
            .with_deadline(Duration::from_secs(60));
        let mut r = Retrier::new(Some(&p));
        let fail = resp(503, None);
        assert_eq!(r.begin(Duration::from_secs(1)), Duration::from_secs(1));
        assert!(r.next_delay(false, &fail).is_some());
        r.begin(Duration::from_secs(1));
        assert!(r.next_delay(false, &fail).is_some());
        r.begin(Duration::from_secs(1));
        assert!(r.next_delay(false, &fail).is_none(), "3 attempts in all");

        // A Retry-After beyond the deadline stops retrying at once.
        let mut r = Retrier::new(Some(&p));
        r.begin(Duration::from_secs(1));
        assert!(r.next_delay(false, &resp(429, Some("120"))).is_none());

        // The attempt timeout is cut to the deadline, and the timeout reports the deadline.
        let p = RetryPolicy::new(3).with_deadline(Duration::from_millis(50));
        let mut r = Retrier::new(Some(&p));
        assert!(r.begin(Duration::from_secs(5)) <= Duration::from_millis(50));
        let e = r.error(TransportError::Timeout(Duration::from_millis(50)));
        assert!(matches!(e, Error::Timeout(d) if d == Duration::from_millis(50)));

        // No policy: one attempt, nothing retried.
        let mut r = Retrier::new(None);
        r.begin(Duration::from_secs(1));
        assert!(r.next_delay(true, &resp(503, None)).is_none());
    }
}
