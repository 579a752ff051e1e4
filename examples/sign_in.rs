//! Sign a user in against a real tenant (or any GenAuth-compatible server).
//!
//! ```text
//! GENAUTH_APP_ID=… GENAUTH_APP_SECRET=… GENAUTH_APP_HOST=https://example.genauth.ai \
//! cargo run --example sign_in -- (--account|--username|--email|--phone|--ad|--ldap) ID \
//!     (--password PW | --passcode CODE) [--encrypt none|rsa|sm2] \
//!     [--auth-method client_secret_post|client_secret_basic|none] [--timeout-ms N]
//! ```
//!
//! Success: the token set as one JSON object on stdout, exit 0.
//! Failure: one line on stderr, exit 1: `error: kind=<kind>` then, for an API error,
//! `statusCode= apiCode= message= requestId=` (as the server sent them); for an OAuth error,
//! `status= error= description=`; for an HTTP error status, `status= body=` (start of the body);
//! for an undecodable reply, `reason= body=` (start of the body, tokens redacted); otherwise `message=` (the error text, quoted). Usage errors: exit 2. This interface is
//! stable: tools drive it (tests/sign_in_cli.rs, tests/sign_in_faults.rs).

use std::process::ExitCode;
use std::time::Duration;

use genauth::{
    AuthenticationExt, ClientOptionsBuilder, Error, GenAuthClient, PasswordEncryptType,
    SignInOptions, TokenEndpointAuthMethod,
};

const USAGE: &str = "usage: sign_in (--account|--username|--email|--phone|--ad|--ldap) ID \
(--password PW | --passcode CODE) [--encrypt none|rsa|sm2] \
[--auth-method client_secret_post|client_secret_basic|none] [--timeout-ms N]";

#[derive(Debug, Clone, Copy, PartialEq)]
enum IdKind {
    Account,
    Username,
    Email,
    Phone,
    Ad,
    Ldap,
}

struct Args {
    id_kind: IdKind,
    id: String,
    password: Option<String>,
    passcode: Option<String>,
    encrypt: PasswordEncryptType,
    auth_method: Option<TokenEndpointAuthMethod>,
    timeout: Option<Duration>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut id: Option<(IdKind, String)> = None;
    let (mut password, mut passcode, mut encrypt, mut auth_method, mut timeout) =
        (None, None, PasswordEncryptType::None, None, None);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let kind = match flag.as_str() {
            "--account" => Some(IdKind::Account),
            "--username" => Some(IdKind::Username),
            "--email" => Some(IdKind::Email),
            "--phone" => Some(IdKind::Phone),
            "--ad" => Some(IdKind::Ad),
            "--ldap" => Some(IdKind::Ldap),
            _ => None,
        };
        if let Some(kind) = kind {
            if id.is_some() {
                return Err(
                    "give exactly one of --account, --username, --email, --phone, --ad, --ldap"
                        .into(),
                );
            }
            id = Some((kind, value()?));
            continue;
        }
        match flag.as_str() {
            "--password" => password = Some(value()?),
            "--passcode" => passcode = Some(value()?),
            "--encrypt" => {
                encrypt = value()?
                    .parse()
                    .map_err(|_| "--encrypt must be none, rsa or sm2".to_string())?
            }
            "--auth-method" => {
                auth_method = Some(value()?.parse().map_err(|_| {
                    "--auth-method must be client_secret_post, client_secret_basic or none"
                        .to_string()
                })?)
            }
            "--timeout-ms" => {
                let ms: u64 = value()?
                    .parse()
                    .map_err(|_| "--timeout-ms must be a positive integer".to_string())?;
                if ms == 0 {
                    return Err("--timeout-ms must be a positive integer".into());
                }
                timeout = Some(Duration::from_millis(ms));
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let (id_kind, id) =
        id.ok_or("one of --account, --username, --email, --phone, --ad, --ldap is required")?;
    match (&password, &passcode) {
        (Some(_), Some(_)) | (None, None) => {
            return Err("give exactly one of --password, --passcode".into());
        }
        (None, Some(_)) if !matches!(id_kind, IdKind::Email | IdKind::Phone) => {
            return Err("--passcode works with --email or --phone only".into());
        }
        _ => {}
    }
    Ok(Args {
        id_kind,
        id,
        password,
        passcode,
        encrypt,
        auth_method,
        timeout,
    })
}

/// One line describing the error; never contains a password, secret or token.
fn describe(e: &Error) -> String {
    let mut line = format!("error: kind={}", e.kind().as_str());
    if let Error::Api {
        status_code,
        api_code,
        message,
        request_id,
    } = e
    {
        line.push_str(&format!(" statusCode={status_code}"));
        if let Some(c) = api_code {
            line.push_str(&format!(" apiCode={c}"));
        }
        line.push_str(&format!(" message={message:?}"));
        if let Some(r) = request_id {
            line.push_str(&format!(" requestId={r}"));
        }
    } else if let Error::OAuth {
        status,
        error,
        description,
    } = e
    {
        line.push_str(&format!(" status={status} error={error:?}"));
        if let Some(d) = description {
            line.push_str(&format!(" description={d:?}"));
        }
    } else if let Error::Decode {
        reason,
        body_excerpt,
    } = e
    {
        line.push_str(&format!(
            " reason={:?} body={:?}",
            clip(reason, 200),
            clip(body_excerpt, 100)
        ));
    } else if let Error::HttpStatus {
        status,
        body_excerpt,
    } = e
    {
        // A gateway's HTML page: the status says it all, the start of the body helps.
        line.push_str(&format!(
            " status={status} body={:?}",
            clip(body_excerpt, 100)
        ));
    } else {
        // `{:?}` escapes any newline or control character: the line stays one line.
        line.push_str(&format!(" message={:?}", clip(&e.to_string(), 300)));
    }
    line
}

/// At most `max` characters of `s`, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

async fn run(args: Args) -> Result<String, Error> {
    let mut builder = ClientOptionsBuilder::from_env()?;
    if let Some(m) = args.auth_method {
        builder = builder.auth_method(m);
    }
    if let Some(t) = args.timeout {
        builder = builder.timeout(t).connect_timeout(t);
    }
    let options = builder.build()?;
    let client = GenAuthClient::new(options)?;
    let opts = Some(SignInOptions {
        password_encrypt_type: Some(args.encrypt),
        ..Default::default()
    });
    let id = args.id.as_str();
    let tokens = match (args.id_kind, args.password, args.passcode) {
        (IdKind::Email, None, Some(code)) => {
            client.sign_in_by_email_passcode(id, code, opts).await?
        }
        (IdKind::Phone, None, Some(code)) => {
            client
                .sign_in_by_phone_passcode(id, code, None, opts)
                .await?
        }
        (kind, Some(pw), _) => match kind {
            IdKind::Account => client.sign_in_by_account_password(id, pw, opts).await?,
            IdKind::Username => client.sign_in_by_username_password(id, pw, opts).await?,
            IdKind::Email => client.sign_in_by_email_password(id, pw, opts).await?,
            IdKind::Phone => client.sign_in_by_phone_password(id, pw, opts).await?,
            IdKind::Ad => client.sign_in_by_ad(id, pw, opts).await?,
            IdKind::Ldap => client.sign_in_by_ldap(id, pw, opts).await?,
        },
        _ => {
            return Err(Error::InvalidRequest(
                "--passcode works with --email or --phone only".into(),
            ));
        }
    };
    serde_json::to_string(&tokens).map_err(|e| Error::InvalidRequest(e.to_string()))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: kind=runtime message={:?}", e.to_string());
            return ExitCode::from(1);
        }
    };
    match rt.block_on(run(args)) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", describe(&e));
            ExitCode::from(1)
        }
    }
}
