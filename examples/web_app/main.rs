//! A web app with GenAuth login: one command starts the app and a local GenAuth dev server
//! (hosted login page included), then open the printed URL and log in.
//!
//! ```text
//! cargo run --example web_app                  # app on http://127.0.0.1:3000, dev server beside it
//! cargo run --example web_app -- --port 3001
//! ```
//!
//! Against a real GenAuth application instead of the dev server: set `GENAUTH_APP_ID`,
//! `GENAUTH_APP_SECRET` and `GENAUTH_APP_HOST` (as for `ClientOptions::from_env`), and register
//! `http://127.0.0.1:3000/callback` as a login callback URL and `http://127.0.0.1:3000/` as a
//! logout callback URL in the console (or set `GENAUTH_REDIRECT_URI` and
//! `GENAUTH_POST_LOGOUT_REDIRECT_URI` to the ones you registered). The routes are in `app.rs`.
//!
//! Ctrl-C stops both servers.

mod app;

use std::process::ExitCode;

use genauth::{ClientOptionsBuilder, GenAuthClient};

const USAGE: &str = "usage: cargo run --example web_app -- [--port N]\n\
\n\
Serves the example web app on http://127.0.0.1:N (default 3000) with a local GenAuth dev\n\
server beside it, or against the GenAuth app in GENAUTH_APP_ID / GENAUTH_APP_SECRET /\n\
GENAUTH_APP_HOST when GENAUTH_APP_ID is set.\n";

#[tokio::main]
async fn main() -> ExitCode {
    let mut port = 3000u16;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => {
                    eprint!("--port needs a port number\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprint!("unknown argument {other:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match run(port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("web_app: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(port: u16) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let callback = format!("{base_url}/callback");
    let home = format!("{base_url}/");

    let (client, dev_server) = if std::env::var_os("GENAUTH_APP_ID").is_some() {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let options = ClientOptionsBuilder::from_env()?
            .redirect_uri(env("GENAUTH_REDIRECT_URI").unwrap_or(callback))
            .post_logout_redirect_uri(env("GENAUTH_POST_LOGOUT_REDIRECT_URI").unwrap_or(home))
            .build()?;
        println!(
            "GenAuth application {} on {}",
            options.app_id(),
            options.app_host()
        );
        (GenAuthClient::new(options)?, None)
    } else {
        let dev = app::start_dev_server(&base_url).await?;
        // Made-up credentials of a local server: fine to print.
        println!(
            "GenAuth dev server on {} (app {}); sign in as alice / Passw0rd!",
            dev.server().base_url(),
            dev.server().app_id()
        );
        (app::dev_client(&dev, &base_url)?, Some(dev))
    };

    let web_app = app::WebApp::new(client, &base_url);
    println!("\nThe web app: open {base_url}/ and log in (Ctrl-C stops).");
    axum::serve(listener, web_app.router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    if let Some(dev) = dev_server {
        dev.shutdown().await;
    }
    println!("stopped");
    Ok(())
}
