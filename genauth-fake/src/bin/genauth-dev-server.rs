//! `genauth-dev-server`: a local GenAuth-compatible server with a hosted login page, for trying
//! an app in a browser. See `genauth_fake::dev_server` for the options and the config file.
//!
//! ```text
//! cargo run -p genauth-fake --bin genauth-dev-server -- --port 8080 --config genauth-fake/dev-server.sample.json
//! ```

#![forbid(unsafe_code)]

use std::process::ExitCode;

use genauth_fake::dev_server::{DevServerArgs, run};

fn main() -> ExitCode {
    let args = match DevServerArgs::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return if message.starts_with("usage:") {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("genauth-dev-server: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let stop = async {
        // An error installing the handler: serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match runtime.block_on(run(&args, stop, &mut std::io::stdout())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("genauth-dev-server: {e}");
            ExitCode::FAILURE
        }
    }
}
