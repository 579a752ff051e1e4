//! The endpoint inventory agrees with `tests/data/genauth-endpoints.tsv`, the endpoint table
//! extracted from the official SDKs: every declared (method, path) exists there with the same
//! client-auth column, and the coverage of the table is reported.
//!
//! Driven by the generated inventory (`genauth::endpoint::endpoints()`): a new trait or endpoint
//! is checked with no change here. The table is vendored (tests/data/README.md says from where).

use std::collections::BTreeSet;
use std::path::PathBuf;

use genauth::endpoint::{Auth, Endpoint, endpoints};

/// Deliberate differences from the table's auth column, each with its reason.
const AUTH_EXCEPTIONS: &[(&str, &str)] = &[
    // The AccessKey/SecretKey of a programmatic-access account are explicit form fields, whatever
    // the app's token endpoint auth method (py and node do the same).
    ("token_by_client_credentials", "none"),
    // The user's access token travels in the form body (standard userinfo), not `authorization`.
    ("user_info", "none"),
];

/// `{credential_id}` and `{credentialId}` are the same placeholder.
fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if in_placeholder => {}
            c => out.push(c),
        }
    }
    out
}

fn auth_name(ep: &Endpoint) -> &'static str {
    match ep.auth {
        Auth::Client => "client",
        Auth::User => "user",
        Auth::None => "none",
        Auth::Management => "management",
    }
}

fn table() -> String {
    // Vendored from the project's reference files; provenance in tests/data/README.md.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/genauth-endpoints.tsv");
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{} is unreadable ({e})", path.display()),
    }
}

struct Row {
    method: String,
    path: String,
    auth: String,
}

fn rows(text: &str) -> Vec<Row> {
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.len() > 4)
        .map(|r| Row {
            method: r[2].to_owned(),
            path: normalise(r[3]),
            auth: r[4].to_owned(),
        })
        .collect()
}

#[test]
fn every_declared_endpoint_matches_the_official_table() {
    let text = table();
    let rows = rows(&text);
    let mut checked = 0;
    let mut covered = BTreeSet::new();
    // Management API endpoints (feature `management`) have their own table and test
    // (genauth-management/tests/registry.rs).
    for (trait_name, ep) in endpoints().filter(|(_, ep)| ep.auth != Auth::Management) {
        let want = auth_name(ep);
        for path in ep.path_variants() {
            // The table lists the OIDC paths; `/oauth/*` is the same endpoint for protocol oauth.
            let table_path = normalise(&match path.strip_prefix("/oauth/") {
                Some(rest) => format!("/oidc/{rest}"),
                None => path.clone(),
            });
            let candidates: Vec<&Row> = rows
                .iter()
                .filter(|r| r.method == ep.method.as_str() && r.path == table_path)
                .collect();
            assert!(
                !candidates.is_empty(),
                "{trait_name}::{} ({} {path}) is not in genauth-endpoints.tsv",
                ep.name,
                ep.method,
            );
            covered.insert((ep.method.as_str().to_owned(), table_path));
            if AUTH_EXCEPTIONS.contains(&(ep.name, want)) {
                continue;
            }
            assert!(
                candidates.iter().any(|r| r.auth == want),
                "{trait_name}::{}: auth `{want}` but the table says {:?}",
                ep.name,
                candidates.iter().map(|r| &r.auth).collect::<Vec<_>>()
            );
        }
        checked += 1;
    }
    // The URL builders (browser navigation, never fetched): build each and read its path.
    for path in built_url_paths() {
        let table_path = normalise(&path.replace("sample-app", "{appId}"));
        assert!(
            rows.iter()
                .any(|r| r.method == "GET" && r.path == table_path),
            "built URL path {path} is not in genauth-endpoints.tsv"
        );
        covered.insert(("GET".to_owned(), table_path));
    }
    // The authentication-events subscription (`wss://…/events/v1/authentication/sub`), served by
    // `genauth::events` (feature `events`): a websocket, not a request/response endpoint.
    let subscription = rows
        .iter()
        .find(|r| r.path.starts_with("wss://"))
        .expect("the table lists the events subscription");
    assert!(
        subscription.path.ends_with(genauth::events::SUBSCRIBE_PATH),
        "events subscribe to {} but the table says {}",
        genauth::events::SUBSCRIBE_PATH,
        subscription.path
    );
    covered.insert((subscription.method.clone(), subscription.path.clone()));
    let pairs: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let missing: Vec<_> = pairs.difference(&covered).collect();
    println!(
        "{checked} endpoints checked; {} of {} (method, path) pairs of the table covered (requests, URL builders, the events subscription); not yet: {missing:?}",
        covered.len(),
        pairs.len()
    );
    assert!(checked >= 23, "only {checked} endpoints in the inventory");
    assert!(
        missing.is_empty(),
        "{} pairs of the table are not covered: {missing:?}",
        missing.len()
    );
}

/// The paths of every URL the builders produce, for every protocol.
fn built_url_paths() -> Vec<String> {
    use genauth::oidc::{AuthorizeParams, LogoutParams, build_authorize_url, build_logout_url};
    let mut out = Vec::new();
    for protocol in ["oidc", "oauth", "saml", "cas"] {
        let o = genauth::ClientOptions::builder()
            .app_id("sample-app")
            .app_secret("s")
            .app_host("https://tenant.genauth.ai")
            .redirect_uri("https://example.com/cb")
            .protocol(protocol.parse().unwrap())
            .build()
            .unwrap();
        let url = build_authorize_url(&o, AuthorizeParams::default())
            .unwrap()
            .url;
        out.push(url_path(&url));
        let logout = build_logout_url(
            &o,
            LogoutParams {
                id_token_hint: Some("t".into()),
                post_logout_redirect_uri: Some("https://example.com/out".into()),
                ..Default::default()
            },
        );
        // Every protocol has a logout URL (oauth and saml share the easy-logout one).
        out.push(url_path(&logout.unwrap()));
    }
    out
}

fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap().to_owned()
}

#[test]
fn the_inventory_holds_every_sdk_trait_once() {
    let names: Vec<&str> = genauth::endpoint::registries()
        .iter()
        .map(|r| r.trait_name)
        .collect();
    for t in [
        "Account",
        "Authentication",
        "MobileLogin",
        "Oidc",
        "QrCodeLogin",
    ] {
        assert_eq!(
            names.iter().filter(|n| **n == t).count(),
            1,
            "{t}: {names:?}"
        );
    }
}

#[test]
fn names_are_unique_within_each_registry() {
    for r in genauth::endpoint::registries() {
        let mut names: Vec<&str> = r.endpoints.iter().map(|e| e.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(
            before,
            names.len(),
            "duplicate endpoint names in {}",
            r.trait_name
        );
    }
}
