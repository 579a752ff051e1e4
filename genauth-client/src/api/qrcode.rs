//! QR-code login, both sides, and a polling helper for the web side.

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;

use crate::error::Result;
use crate::model::{
    ChangeQrCodeStatusDto, ExchangeTokenSetWithQrCodeTicketDto, GeneQrCode, GeneQrCodeDto,
    IsSuccess, LoginTokenSet, QrCodeStatusInfo,
};
use crate::{genauth_api, genauth_endpoint};

/// QR-code login: the web side generates a code ([`QrCodeLogin::gene_qr_code`]) and polls it
/// ([`QrCodeLogin::check_qr_code_status`], or [`QrCodeLoginExt::wait_for_qr_code`]); the APP
/// side, with the signed-in user's access token set on its client, scans and confirms it
/// ([`QrCodeLogin::change_qr_code_status`]); the web side then exchanges the ticket for tokens
/// ([`QrCodeLogin::exchange_token_set_with_qr_code_ticket`]).
///
/// The flow end to end against the fake server is in `examples/qrcode_login.rs`.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait QrCodeLogin {
    /// Web side: generate a login QR code (`POST /api/v3/gene-qrcode`).
    #[genauth_endpoint(path = "/api/v3/gene-qrcode", method = POST)]
    async fn gene_qr_code(&self, body: GeneQrCodeDto) -> Result<GeneQrCode>;

    /// Web side: a code's status (`GET /api/v3/check-qrcode-status?qrcodeId=`).
    #[genauth_endpoint(path = "/api/v3/check-qrcode-status", method = GET)]
    async fn check_qr_code_status(
        &self,
        #[query = "qrcodeId"] qrcode_id: String,
    ) -> Result<QrCodeStatusInfo>;

    /// Web side: a code's status, the endpoint the node SDK recommends
    /// (`GET /api/v3/get-qrcode-status?qrcodeId=`).
    #[genauth_endpoint(path = "/api/v3/get-qrcode-status", method = GET)]
    async fn get_qr_code_status(
        &self,
        #[query = "qrcodeId"] qrcode_id: String,
    ) -> Result<QrCodeStatusInfo>;

    /// APP side, signed-in user: scan, confirm or cancel a code
    /// (`POST /api/v3/change-qrcode-status`, user token).
    #[genauth_endpoint(path = "/api/v3/change-qrcode-status", method = POST, auth = user)]
    async fn change_qr_code_status(&self, body: ChangeQrCodeStatusDto) -> Result<()>;

    /// APP side, signed-in user: the same as `change-qrcode-status`, answering `{success}`
    /// (`POST /api/v3/set-qrcode-status`, user token; node SDK only).
    #[genauth_endpoint(path = "/api/v3/set-qrcode-status", method = POST, auth = user)]
    async fn set_qr_code_status(&self, body: ChangeQrCodeStatusDto) -> Result<IsSuccess>;

    /// Web side: exchange the ticket of an `AUTHORIZED` code for a token set
    /// (`POST /api/v3/exchange-tokenset-with-qrcode-ticket`, client auth as for signin).
    #[genauth_endpoint(path = "/api/v3/exchange-tokenset-with-qrcode-ticket", method = POST,
        auth = client)]
    async fn exchange_token_set_with_qr_code_ticket(
        &self,
        body: ExchangeTokenSetWithQrCodeTicketDto,
    ) -> Result<LoginTokenSet>;
}

/// Which status endpoint [`QrCodeLoginExt::wait_for_qr_code`] polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QrStatusEndpoint {
    /// `GET /api/v3/check-qrcode-status` (py and node; the docs' "Check QR Code Status").
    #[default]
    Check,
    /// `GET /api/v3/get-qrcode-status` (node only).
    Get,
}

/// How [`QrCodeLoginExt::wait_for_qr_code`] polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QrPollOptions {
    /// Pause between two status requests (measured from the end of one to the start of the
    /// next). Default 1 s.
    pub interval: Duration,
    /// Overall deadline, from the call: polling stops (even mid-request) when it passes.
    /// Default 120 s.
    pub timeout: Duration,
    /// The status endpoint to poll. Default [`QrStatusEndpoint::Check`].
    pub endpoint: QrStatusEndpoint,
}

impl Default for QrPollOptions {
    fn default() -> Self {
        QrPollOptions {
            interval: Duration::from_secs(1),
            timeout: Duration::from_secs(120),
            endpoint: QrStatusEndpoint::Check,
        }
    }
}

impl QrPollOptions {
    /// Options with the given interval and deadline, polling `check-qrcode-status`.
    pub fn new(interval: Duration, timeout: Duration) -> Self {
        QrPollOptions {
            interval,
            timeout,
            endpoint: QrStatusEndpoint::Check,
        }
    }
}

/// How [`QrCodeLoginExt::wait_for_qr_code`] ended (request failures are `Err` instead).
#[derive(Debug, Clone, PartialEq)]
pub enum QrPollOutcome {
    /// A terminal status: `AUTHORIZED` (with `ticket` or `tokenSet`), `CANCELLED`, `EXPIRED` or
    /// `ERROR`.
    Finished(QrCodeStatusInfo),
    /// The deadline passed first. Holds the last status seen, if any.
    TimedOut(Option<QrCodeStatusInfo>),
    /// The `cancel` future completed first. Holds the last status seen, if any.
    Cancelled(Option<QrCodeStatusInfo>),
}

enum Race<A, B> {
    Left(A),
    Right(B),
}

/// Polls `a` first (so a ready cancel signal wins), then `b`.
async fn race<A: Future, B: Future>(
    mut a: Pin<&mut A>,
    mut b: Pin<&mut B>,
) -> Race<A::Output, B::Output> {
    poll_fn(|cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(Race::Left(v));
        }
        if let Poll::Ready(v) = b.as_mut().poll(cx) {
            return Poll::Ready(Race::Right(v));
        }
        Poll::Pending
    })
    .await
}

/// Helpers over [`QrCodeLogin`]; blanket-implemented, so a mock of the trait gets them too.
pub trait QrCodeLoginExt: QrCodeLogin {
    /// Polls a QR code until it reaches a terminal status, the deadline passes, or `cancel`
    /// completes, whichever comes first.
    ///
    /// * Requests go out every `options.interval` (first one immediately) to
    ///   `options.endpoint`; timing uses `tokio::time`, so it needs a tokio runtime with the time
    ///   driver and honours `tokio::time::pause`.
    /// * `on_change` is called with each *new* status (the first one and every change), before
    ///   the terminal check, so it also sees the terminal status.
    /// * The deadline bounds the whole call, including a request in flight; reaching it is
    ///   [`QrPollOutcome::TimedOut`], not an error.
    /// * Cancellation: pass a future that completes when the caller wants to stop (a
    ///   `tokio::sync::oneshot` receiver, `CancellationToken::cancelled()`, a ctrl-c future…);
    ///   it is checked before every request and raced with every request and pause, giving
    ///   [`QrPollOutcome::Cancelled`]. Pass `std::future::pending()` for no signal. Dropping
    ///   the returned future also stops polling at once (an in-flight request is abandoned).
    /// * A failed status request ends the call with that error; no request is retried here
    ///   (configure [`crate::RetryPolicy`] on the client for transient failures).
    fn wait_for_qr_code<C, F>(
        &self,
        qrcode_id: &str,
        options: QrPollOptions,
        cancel: C,
        mut on_change: F,
    ) -> impl Future<Output = Result<QrPollOutcome>> + Send
    where
        Self: Sync,
        C: Future<Output = ()> + Send,
        F: FnMut(&QrCodeStatusInfo) + Send,
    {
        let qrcode_id = qrcode_id.to_owned();
        async move {
            let deadline = tokio::time::Instant::now() + options.timeout;
            let mut cancel = pin!(cancel);
            let mut last: Option<QrCodeStatusInfo> = None;
            loop {
                let id = qrcode_id.clone();
                let request = async {
                    match options.endpoint {
                        QrStatusEndpoint::Check => self.check_qr_code_status(id).await,
                        QrStatusEndpoint::Get => self.get_qr_code_status(id).await,
                    }
                };
                let bounded = pin!(tokio::time::timeout_at(deadline, request));
                let status = match race(cancel.as_mut(), bounded).await {
                    Race::Left(()) => return Ok(QrPollOutcome::Cancelled(last)),
                    Race::Right(Err(_elapsed)) => return Ok(QrPollOutcome::TimedOut(last)),
                    Race::Right(Ok(result)) => result?,
                };
                if last.as_ref().map(|l| l.status) != Some(status.status) {
                    on_change(&status);
                }
                if status.status.is_terminal() {
                    return Ok(QrPollOutcome::Finished(status));
                }
                last = Some(status);
                let next = tokio::time::Instant::now() + options.interval;
                if next >= deadline {
                    let sleep = pin!(tokio::time::sleep_until(deadline));
                    return Ok(match race(cancel.as_mut(), sleep).await {
                        Race::Left(()) => QrPollOutcome::Cancelled(last),
                        Race::Right(()) => QrPollOutcome::TimedOut(last),
                    });
                }
                let sleep = pin!(tokio::time::sleep_until(next));
                if let Race::Left(()) = race(cancel.as_mut(), sleep).await {
                    return Ok(QrPollOutcome::Cancelled(last));
                }
            }
        }
    }
}

impl<T: QrCodeLogin + ?Sized> QrCodeLoginExt for T {}
