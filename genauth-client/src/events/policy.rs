//! [`ReconnectPolicy`]: when and how often a subscription reconnects.

use std::time::Duration;

/// When and how often a subscription reconnects.
///
/// A subscription counts *failures in a row*: a connection attempt that fails, or a connection
/// that ends before it delivered a message and before it was up for
/// [`STABLE_AFTER`](ReconnectPolicy::STABLE_AFTER). Any other connection resets the count when it
/// ends. Before reconnection `n` (1-based) it sleeps an equal-jitter exponential backoff,
/// `b = min(max_backoff, initial_backoff · 2^(n-1))`, uniformly in `[b/2, b]`. At the
/// `max_attempts`-th failure in a row the stream yields that failure's error and ends.
///
/// A handshake refused with HTTP 401 or 403 (a bad or expired access token) ends the stream at
/// once, whatever the policy: subscribe again with a fresh token.
///
/// ```
/// # extern crate genauth_client as genauth;
/// use std::time::Duration;
/// use genauth::ReconnectPolicy;
///
/// let policy = ReconnectPolicy::new(8)
///     .with_initial_backoff(Duration::from_millis(250))
///     .with_max_backoff(Duration::from_secs(10));
/// assert!(policy.backoff(1) <= Duration::from_millis(250));
/// assert_eq!(ReconnectPolicy::default().max_attempts(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconnectPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for ReconnectPolicy {
    /// 5 failures in a row (node's `retryTimes` default), 500 ms initial backoff, 30 s maximum.
    fn default() -> Self {
        ReconnectPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl ReconnectPolicy {
    /// A connection that stayed up this long counts as good even if it delivered nothing.
    pub const STABLE_AFTER: Duration = Duration::from_secs(30);

    /// The default policy, giving up at the `max_attempts`-th failure in a row (1 = never
    /// reconnect; 0 counts as 1).
    pub fn new(max_attempts: u32) -> Self {
        ReconnectPolicy::default().with_max_attempts(max_attempts)
    }

    /// Failures in a row that end the stream (0 counts as 1).
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Backoff before the first reconnection (doubled each further one, up to `max_backoff`).
    pub fn with_initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// Largest backoff between two connection attempts.
    pub fn with_max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// Failures in a row that end the stream.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Backoff before the first reconnection.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// Largest backoff.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The sleep before reconnection `n` (1-based), jitter included.
    pub fn backoff(&self, n: u32) -> Duration {
        crate::retry::equal_jitter_backoff(self.initial_backoff, self.max_backoff, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_equal_jitter_up_to_the_maximum() {
        let p = ReconnectPolicy::new(0)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(1000));
        assert_eq!(p.max_attempts(), 1);
        for _ in 0..50 {
            let b1 = p.backoff(1);
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&b1));
            let b3 = p.backoff(3);
            assert!((Duration::from_millis(200)..=Duration::from_millis(400)).contains(&b3));
            let b40 = p.backoff(40);
            assert!((Duration::from_millis(500)..=Duration::from_millis(1000)).contains(&b40));
        }
    }
}
