//! Helpers shared by the integration tests. Each test crate uses a subset of them.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::fmt::format::FmtSpan;

use genauth::{GenAuthClient, TokenEndpointAuthMethod};
use genauth_fake::{FakeServer, FakeServerConfig};

/// A fake server requiring `method`, and a real client configured for it (no secret for `none`).
pub async fn server_and_client(method: TokenEndpointAuthMethod) -> (FakeServer, GenAuthClient) {
    let server = FakeServer::start(FakeServerConfig {
        auth_method: method.as_str().to_owned(),
        ..Default::default()
    })
    .await
    .expect("fake server starts");
    // `client()` matches the server: its auth method, and the secret unless the method is `none`.
    let client = server.client();
    (server, client)
}

static BUILD: std::sync::Once = std::sync::Once::new();

/// Path of the `sign_in` example binary, built on demand.
pub fn example_binary() -> PathBuf {
    // tests run from target/<profile>/deps/; `cargo test` builds examples into target/<profile>/examples/.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir
        .join("examples")
        .join(format!("sign_in{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        // `cargo test --test <name>` alone does not build examples: build it now.
        BUILD.call_once(|| {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = Command::new(cargo)
                .args(["build", "--example", "sign_in"])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .expect("cargo runs");
            assert!(status.success(), "building the sign_in example failed");
        });
    }
    assert!(bin.exists(), "example binary missing: {}", bin.display());
    bin
}

/// Log output captured in memory.
#[derive(Clone, Default)]
pub struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Installs the process-wide TRACE subscriber once per test binary (span events included), and
/// returns the buffer it writes to.
pub fn logs() -> Buffer {
    static BUF: OnceLock<Buffer> = OnceLock::new();
    BUF.get_or_init(|| {
        let buf = Buffer::default();
        let writer = buf.clone();
        tracing_log::LogTracer::init().expect("log bridge");
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(FmtSpan::FULL)
            .with_target(true)
            .without_time()
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
        buf
    })
    .clone()
}
