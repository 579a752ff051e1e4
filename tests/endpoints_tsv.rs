//! The generated endpoint registries agree with `../shared/genauth-endpoints.tsv`, the endpoint
//! table extracted from the official SDKs: every declared (method, path) exists there with the
//! same client-auth column.

use std::path::PathBuf;

use genauth::endpoint::{Auth, Endpoint};

fn registries() -> Vec<(&'static str, &'static [&'static Endpoint])> {
    vec![
        ("Authentication", genauth::api::AUTHENTICATION_ENDPOINTS),
        ("Account", genauth::api::ACCOUNT_ENDPOINTS),
        ("MobileLogin", genauth::api::MOBILE_LOGIN_ENDPOINTS),
        ("QrCodeLogin", genauth::api::QR_CODE_LOGIN_ENDPOINTS),
        ("Oidc", genauth::api::OIDC_ENDPOINTS),
    ]
}

/// Deliberate differences from the table, each with its reason.
const AUTH_EXCEPTIONS: &[(&str, &str)] = &[
    // The AccessKey/SecretKey of a programmatic-access account are explicit form fields, whatever
    // the app's token endpoint auth method (py and node do the same).
    ("oidc_token_by_client_credentials", "none"),
    ("oauth_token_by_client_credentials", "none"),
    // The user's access token travels in the form body (standard userinfo), not `authorization`.
    ("oidc_user_info", "none"),
    ("oauth_user_info", "none"),
];

/// The table lists the OIDC paths; `/oauth/*` is the same endpoint for `protocol = oauth`.
fn table_path(path: &str) -> String {
    match path.strip_prefix("/oauth/") {
        Some(rest) => format!("/oidc/{rest}"),
        None => path.to_owned(),
    }
}

fn tsv_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/genauth-endpoints.tsv")
}

#[test]
fn every_declared_endpoint_matches_the_official_table() {
    let path = tsv_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: {} not found (CI has ../shared beside the clone)",
            path.display()
        );
        return;
    };
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let mut checked = 0;
    for (trait_name, registry) in registries() {
        for ep in registry {
            let candidates: Vec<&Vec<&str>> = rows
                .iter()
                .filter(|r| {
                    r.len() > 4 && r[2] == ep.method.as_str() && r[3] == table_path(ep.path)
                })
                .collect();
            assert!(
                !candidates.is_empty(),
                "{trait_name}::{} ({} {}) is not in genauth-endpoints.tsv",
                ep.name,
                ep.method,
                ep.path
            );
            let want = match ep.auth {
                Auth::Client => "client",
                Auth::User => "user",
                Auth::None => "none",
            };
            if AUTH_EXCEPTIONS.contains(&(ep.name, want)) {
                checked += 1;
                continue;
            }
            assert!(
                candidates.iter().any(|r| r[4] == want),
                "{trait_name}::{}: auth `{want}` but the table says {:?}",
                ep.name,
                candidates.iter().map(|r| r[4]).collect::<Vec<_>>()
            );
            checked += 1;
        }
    }
    assert!(checked >= 28, "only {checked} endpoints checked");
}

#[test]
fn names_are_unique_within_each_registry() {
    for (trait_name, registry) in registries() {
        let mut names: Vec<&str> = registry.iter().map(|e| e.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(
            before,
            names.len(),
            "duplicate endpoint names in {trait_name}"
        );
    }
}
