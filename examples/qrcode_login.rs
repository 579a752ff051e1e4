//! QR-code login end to end against the in-process fake GenAuth server.
//!
//! The web side generates a QR code and polls it; the APP side (a user signed in on their phone)
//! scans and confirms it; the web side exchanges the ticket for the user's tokens and verifies
//! the ID token. Prints each status as it changes and exits 0.
//!
//! ```text
//! cargo run --example qrcode_login
//! ```

use std::time::Duration;

use genauth::{
    AuthenticationExt, ChangeQrCodeStatusDto, ClientOptions, ExchangeTokenSetWithQrCodeTicketDto,
    GenAuthClient, GeneQrCodeDto, QrCodeAction, QrCodeLogin, QrCodeLoginExt, QrCodeType,
    QrPollOptions, QrPollOutcome,
};
use genauth_fake::{FakeServer, FakeServerConfig};

fn client_for(server: &FakeServer) -> genauth::Result<GenAuthClient> {
    GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret(server.app_secret())
            .app_host(server.base_url())
            .build()?,
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::start(FakeServerConfig::default()).await?;
    println!("fake GenAuth server at {}", server.base_url());

    // Web side: a QR code for our own APP to scan.
    let web = client_for(&server)?;
    let qr = web
        .gene_qr_code(GeneQrCodeDto {
            qrcode_type: QrCodeType::MobileApp,
            ..Default::default()
        })
        .await?;
    println!("web: QR code {} encodes {}", qr.qrcode_id, qr.url);

    // APP side: alice is signed in on her phone; she scans, then confirms.
    let app = client_for(&server)?;
    let session = app
        .sign_in_by_account_password("alice", "Passw0rd!", None)
        .await?;
    let app = app.with_user_token(session.access_token.ok_or("no access token")?);
    let qrcode_id = qr.qrcode_id.clone();
    let phone = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        println!("app: scanning");
        app.change_qr_code_status(ChangeQrCodeStatusDto {
            qrcode_id: qrcode_id.clone(),
            action: QrCodeAction::Scan,
        })
        .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        println!("app: confirming");
        app.change_qr_code_status(ChangeQrCodeStatusDto {
            qrcode_id,
            action: QrCodeAction::Confirm,
        })
        .await
    });

    // Web side: poll every 100 ms for at most 10 s. `cancel` stops the wait when it completes;
    // a real page would pass e.g. a oneshot receiver fired when the user closes the dialog.
    let (_close_dialog, dialog_closed) = tokio::sync::oneshot::channel::<()>();
    let cancel = async {
        let _ = dialog_closed.await;
        std::future::pending::<()>().await
    };
    let options = QrPollOptions::new(Duration::from_millis(100), Duration::from_secs(10));
    let outcome = web
        .wait_for_qr_code(&qr.qrcode_id, options, cancel, |s| {
            println!("web: status {:?}", s.status);
        })
        .await?;
    phone.await??;

    let status = match outcome {
        QrPollOutcome::Finished(status) => status,
        QrPollOutcome::TimedOut(_) => return Err("the QR code was not confirmed in time".into()),
        QrPollOutcome::Cancelled(_) => return Err("cancelled".into()),
    };
    let ticket = status.ticket.ok_or("the QR code ended without a ticket")?;
    let tokens = web
        .exchange_token_set_with_qr_code_ticket(ExchangeTokenSetWithQrCodeTicketDto { ticket })
        .await?;
    println!("web: got a token set (expires in {} s)", tokens.expires_in);

    let id_token = tokens.id_token.as_ref().ok_or("no id_token")?;
    let claims = web
        .token_verifier()
        .verify_id_token(id_token.expose(), None)
        .await?;
    println!(
        "web: signed in as {} ({})",
        claims.sub, claims.extra["preferred_username"]
    );

    server.shutdown().await;
    Ok(())
}
