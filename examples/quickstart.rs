//! Quickstart: start the in-repo GenAuth-compatible server on 127.0.0.1, log the demo user in
//! through the real client (HTTP over loopback) with each password-encryption mode, print the
//! token sets, and exit.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use genauth::{
    ApiCode, AuthenticationExt, ClientOptions, GenAuthClient, PasswordEncryptType, SignInOptions,
};
// In your own crate: `genauth` with feature `fake`, then `use genauth::fake::{…}`.
use genauth_fake::{FakeServer, FakeServerConfig};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. A GenAuth-compatible server, in process, on a random loopback port.
    let server = FakeServer::start(FakeServerConfig::default()).await?;
    println!("fake GenAuth server listening on {}", server.base_url());

    // 2. A real client, configured as for a real tenant.
    let options = ClientOptions::builder()
        .app_id(server.app_id())
        .app_secret(server.app_secret())
        .app_host(server.base_url())
        .build()?;
    let client = GenAuthClient::new(options)?;

    // 3. Log the demo user in: plaintext, RSA-encrypted and SM2-encrypted password.
    for mode in [
        PasswordEncryptType::None,
        PasswordEncryptType::Rsa,
        PasswordEncryptType::Sm2,
    ] {
        let options = SignInOptions {
            scope: Some("openid profile offline_access".into()),
            password_encrypt_type: Some(mode),
            ..Default::default()
        };
        let tokens = client
            .sign_in_by_account_password("alice", "Passw0rd!", Some(options))
            .await?;
        println!(
            "passwordEncryptType={:<4} -> {}",
            mode.as_str(),
            serde_json::to_string(&tokens)?
        );
    }

    // 4. A wrong password is a typed error carrying statusCode/apiCode/requestId; branch on
    //    the named code.
    match client
        .sign_in_by_account_password("alice", "wrong", None)
        .await
    {
        Err(e) if e.api_code() == Some(ApiCode::InvalidCredentials) => {
            println!("wrong password -> {e}")
        }
        Err(e) => return Err(e.into()),
        Ok(_) => return Err("the server accepted a wrong password".into()),
    }
    Ok(())
}
