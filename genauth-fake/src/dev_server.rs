//! The local GenAuth dev server behind the `genauth-dev-server` binary: a [`FakeServer`] on a
//! port you choose (loopback only), HTTP or HTTPS, with the application and users from a JSON
//! file, and the hosted login page for a browser.
//!
//! ```text
//! cargo run -p genauth-fake --bin genauth-dev-server -- [--port 8080] [--https] [--config dev-server.json]
//! ```
//!
//! It prints what a client needs (base URL, app id and secret, a user to sign in with, the
//! authorize URL to open) and stops cleanly on Ctrl-C.
//!
//! # The config file
//!
//! JSON, every member optional, unknown members refused (`genauth-fake/dev-server.sample.json`):
//!
//! ```json
//! {
//!   "port": 8080,
//!   "https": false,
//!   "app": {
//!     "id": "dev-app-id",
//!     "secret": "dev-app-secret",
//!     "auth_method": "client_secret_post",
//!     "redirect_uris": ["http://127.0.0.1:3000/callback"],
//!     "post_logout_redirect_uris": ["http://127.0.0.1:3000/"]
//!   },
//!   "users": [
//!     {"username": "bob", "email": "bob@example.com", "password": "Bob-passw0rd"}
//!   ]
//! }
//! ```
//!
//! | member | default | meaning |
//! |---|---|---|
//! | `port` | 8080 | the port on 127.0.0.1 (0: any free port); `--port` wins |
//! | `https` | `false` | serve HTTPS with a certificate generated at start (its CA is printed); `--https` turns it on |
//! | `app.id`, `app.secret` | `fake-app-id`, `fake-app-secret` | the application's credentials |
//! | `app.auth_method` | `client_secret_post` | `client_secret_post`, `client_secret_basic` or `none` |
//! | `app.redirect_uris` | `["http://127.0.0.1:3000/callback", "http://localhost:3000/callback"]` | callback URLs the login page may return to (exact match) |
//! | `app.post_logout_redirect_uris` | `["http://127.0.0.1:3000/", "http://localhost:3000/"]` | where logout may return to |
//! | `users[]` | none | `username`, `email`, `phone`, `password` (each optional); added to the demo user `alice` / `Passw0rd!`, who is always there |

use std::fmt;
use std::future::Future;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use genauth_client::GenAuthClient;
use genauth_client::oidc::AuthorizeParams;
use serde::Deserialize;

use crate::{FakeOidcConfig, FakeServer, FakeServerConfig, FakeUser};

/// The default port.
pub const DEFAULT_PORT: u16 = 8080;

/// The config file ([module docs](self#the-config-file)).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevServerFile {
    /// The port; `--port` wins.
    #[serde(default)]
    pub port: Option<u16>,
    /// Serve HTTPS; `--https` turns it on too.
    #[serde(default)]
    pub https: bool,
    /// The application.
    #[serde(default)]
    pub app: DevApp,
    /// Users besides the demo user.
    #[serde(default)]
    pub users: Vec<DevUser>,
}

/// The application of the config file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DevApp {
    /// App id.
    pub id: String,
    /// App secret.
    pub secret: String,
    /// `client_secret_post`, `client_secret_basic` or `none`.
    pub auth_method: String,
    /// Registered callback URLs.
    pub redirect_uris: Vec<String>,
    /// Registered post-logout URLs.
    pub post_logout_redirect_uris: Vec<String>,
}

impl Default for DevApp {
    fn default() -> Self {
        let fake = FakeServerConfig::default();
        DevApp {
            id: fake.app_id,
            secret: fake.app_secret,
            auth_method: fake.auth_method,
            redirect_uris: vec![
                "http://127.0.0.1:3000/callback".to_owned(),
                "http://localhost:3000/callback".to_owned(),
            ],
            post_logout_redirect_uris: vec![
                "http://127.0.0.1:3000/".to_owned(),
                "http://localhost:3000/".to_owned(),
            ],
        }
    }
}

impl fmt::Debug for DevApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DevApp")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .field("auth_method", &self.auth_method)
            .field("redirect_uris", &self.redirect_uris)
            .field("post_logout_redirect_uris", &self.post_logout_redirect_uris)
            .finish()
    }
}

/// A user of the config file.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevUser {
    /// Username.
    pub username: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone number (country code `+86`).
    pub phone: Option<String>,
    /// Password.
    pub password: Option<String>,
}

impl fmt::Debug for DevUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DevUser")
            .field("username", &self.username)
            .field("email", &self.email)
            .field("phone", &self.phone)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl DevUser {
    fn to_fake(&self) -> FakeUser {
        let mut user = FakeUser::new();
        user.username.clone_from(&self.username);
        user.email.clone_from(&self.email);
        user.phone.clone_from(&self.phone);
        user.password.clone_from(&self.password);
        user
    }

    /// The account to type on the login page.
    fn account(&self) -> Option<&str> {
        self.username
            .as_deref()
            .or(self.email.as_deref())
            .or(self.phone.as_deref())
    }
}

impl DevServerFile {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> io::Result<DevServerFile> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        serde_json::from_str(&text).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        })
    }
}

/// The command line: `[--port N] [--https] [--config PATH]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DevServerArgs {
    /// `--port`: overrides the file's `port`.
    pub port: Option<u16>,
    /// `--https`.
    pub https: bool,
    /// `--config`.
    pub config: Option<PathBuf>,
}

/// The `--help` text.
pub const USAGE: &str = "usage: genauth-dev-server [--port N] [--https] [--config FILE.json]\n\
\n\
Starts a local GenAuth-compatible server on 127.0.0.1 with a hosted login page.\n\
\x20 --port N       listen on 127.0.0.1:N (default 8080, or the file's \"port\"; 0 = any free port)\n\
\x20 --https        serve HTTPS with a certificate generated at start (its CA is printed)\n\
\x20 --config FILE  the app and users, JSON (see genauth-fake/dev-server.sample.json)\n";

impl DevServerArgs {
    /// Parses the arguments after the program name. `Err` carries the message to print (the
    /// usage for `--help`).
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<DevServerArgs, String> {
        let mut out = DevServerArgs::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (arg.clone(), None),
            };
            let mut value = |what: &str| {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{name} needs {what}\n\n{USAGE}"))
            };
            match name.as_str() {
                "--port" => {
                    let v = value("a port number")?;
                    out.port = Some(
                        v.parse()
                            .map_err(|_| format!("--port: not a port number: {v:?}"))?,
                    );
                }
                "--config" => out.config = Some(PathBuf::from(value("a file")?)),
                "--https" => out.https = true,
                "-h" | "--help" => return Err(USAGE.to_owned()),
                _ => return Err(format!("unknown argument {arg:?}\n\n{USAGE}")),
            }
        }
        Ok(out)
    }
}

/// A running dev server.
#[derive(Debug)]
pub struct DevServer {
    server: FakeServer,
    file: DevServerFile,
}

impl DevServer {
    /// Loads the config file (if any) and starts the server on 127.0.0.1.
    pub async fn start(args: &DevServerArgs) -> io::Result<DevServer> {
        let file = match &args.config {
            Some(path) => DevServerFile::load(path)?,
            None => DevServerFile::default(),
        };
        DevServer::start_with(file, args).await
    }

    /// Starts the server from an already parsed file; `args` override its port and HTTPS.
    pub async fn start_with(file: DevServerFile, args: &DevServerArgs) -> io::Result<DevServer> {
        let app = &file.app;
        let config = FakeServerConfig {
            app_id: app.id.clone(),
            app_secret: app.secret.clone(),
            auth_method: app.auth_method.clone(),
            tls: args.https || file.https,
            oidc: FakeOidcConfig {
                redirect_uris: app.redirect_uris.clone(),
                post_logout_redirect_uris: app.post_logout_redirect_uris.clone(),
                ..FakeOidcConfig::default()
            },
            ..FakeServerConfig::default()
        };
        let port = args.port.or(file.port).unwrap_or(DEFAULT_PORT);
        let server = FakeServer::start_on(config, port).await?;
        for user in &file.users {
            server.add_user(user.to_fake());
        }
        Ok(DevServer { server, file })
    }

    /// The running server.
    pub fn server(&self) -> &FakeServer {
        &self.server
    }

    /// What a client needs to connect, for the terminal. It includes the app secret and the
    /// sample user's password: this is a local development server with made-up credentials.
    pub fn summary(&self) -> String {
        let s = &self.server;
        let base = s.base_url();
        let (account, password) = self
            .file
            .users
            .iter()
            .find_map(|u| Some((u.account()?, u.password.as_deref()?)))
            .unwrap_or(("alice", "Passw0rd!"));
        let mut out = format!(
            "GenAuth dev server on {base}\n\
             \x20 app id:      {}\n\
             \x20 app secret:  {}\n\
             \x20 auth method: {}\n\
             \x20 sign in as:  {account} / {password}\n\
             \x20 redirect URIs: {}\n",
            s.app_id(),
            s.app_secret(),
            self.file.app.auth_method,
            self.file.app.redirect_uris.join(", "),
        );
        if let Some(redirect) = self.file.app.redirect_uris.first() {
            let url = s
                .client_options()
                .redirect_uri(redirect.clone())
                .build()
                .ok()
                .and_then(|options| GenAuthClient::new(options).ok())
                .and_then(|c| c.build_authorize_url(AuthorizeParams::default()).ok());
            if let Some(login) = url {
                out.push_str(&format!(
                    "Open this URL to see the login page (it returns to {redirect}):\n  {}\n",
                    login.url
                ));
            }
        }
        if let Some(pem) = s.ca_certificate_pem() {
            out.push_str("HTTPS: trust this CA certificate (ClientOptionsBuilder::add_root_certificate_pem):\n");
            out.push_str(&pem);
            if !pem.ends_with('\n') {
                out.push('\n');
            }
        }
        out.push_str("Ctrl-C stops the server.\n");
        out
    }

    /// Stops the server (in-flight requests get a second to finish).
    pub async fn shutdown(self) {
        self.server.shutdown().await;
    }
}

/// The binary's main logic: starts the server, writes [`DevServer::summary`] to `out`, serves
/// until `stop` resolves (Ctrl-C in the binary), then shuts down.
pub async fn run(
    args: &DevServerArgs,
    stop: impl Future<Output = ()>,
    out: &mut impl Write,
) -> io::Result<()> {
    let server = DevServer::start(args).await?;
    out.write_all(server.summary().as_bytes())?;
    out.flush()?;
    stop.await;
    server.shutdown().await;
    writeln!(out, "stopped")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dev-server.sample.json")
    }

    #[test]
    fn parses_the_command_line() {
        let args = |a: &[&str]| DevServerArgs::parse(a.iter().map(|s| (*s).to_owned()));
        assert_eq!(args(&[]).unwrap(), DevServerArgs::default());
        let parsed = args(&["--port", "9000", "--https", "--config=x.json"]).unwrap();
        assert_eq!(parsed.port, Some(9000));
        assert!(parsed.https);
        assert_eq!(parsed.config, Some(PathBuf::from("x.json")));
        assert!(
            args(&["--port", "http"])
                .unwrap_err()
                .contains("not a port")
        );
        assert!(args(&["--port"]).unwrap_err().contains("needs"));
        assert!(args(&["--bogus"]).unwrap_err().contains("unknown argument"));
        assert!(args(&["--help"]).unwrap_err().starts_with("usage:"));
    }

    #[test]
    fn the_sample_file_parses_and_unknown_members_are_refused() {
        let file = DevServerFile::load(&sample()).unwrap();
        assert_eq!(file.app.id, "dev-app-id");
        assert_eq!(file.users.len(), 1);
        let debug = format!("{file:?}");
        assert!(!debug.contains("dev-app-secret") && !debug.contains("Bob-passw0rd"));
        let err = serde_json::from_str::<DevServerFile>(r#"{"app": {"secret2": "x"}}"#);
        assert!(err.unwrap_err().to_string().contains("unknown field"));
    }

    #[tokio::test]
    async fn serves_the_system_endpoint_and_the_login_page_until_stopped() {
        let args = DevServerArgs {
            port: Some(0),
            https: false,
            config: Some(sample()),
        };
        let server = DevServer::start(&args).await.unwrap();
        let base = server.server().base_url();
        assert!(base.starts_with("http://127.0.0.1:"));
        let summary = server.summary();
        assert!(summary.contains(&base) && summary.contains("dev-app-id"));
        assert!(summary.contains("bob / Bob-passw0rd"), "{summary}");
        let http = reqwest::Client::new();
        let system = http
            .get(format!("{base}/api/v3/system"))
            .send()
            .await
            .unwrap();
        assert_eq!(system.status(), 200);
        // The authorize URL printed opens the login page.
        let url = summary
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(&format!("{base}/oidc/auth?")))
            .expect("an authorize URL in the summary");
        let page = http.get(url).send().await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("<label for=\"password\">")
        );
        server.shutdown().await;
        let fresh = reqwest::Client::new();
        assert!(
            fresh
                .get(format!("{base}/api/v3/system"))
                .send()
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn run_prints_the_summary_and_stops_when_told() {
        let args = DevServerArgs {
            port: Some(0),
            ..DevServerArgs::default()
        };
        let mut out = Vec::new();
        run(&args, async {}, &mut out).await.unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("fake-app-id") && out.contains("alice / Passw0rd!"),
            "{out}"
        );
        assert!(out.ends_with("stopped\n"));
    }
}
