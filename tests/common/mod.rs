//! Helpers shared by the integration tests. Each test crate uses a subset of them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

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
