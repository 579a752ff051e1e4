use super::*;
use crate::TokenEndpointAuthMethod;

fn options(protocol: Protocol) -> ClientOptions {
    ClientOptions::builder()
        .app_id("app/1")
        .app_host("https://t.genauth.ai")
        .auth_method(TokenEndpointAuthMethod::None)
        .protocol(protocol)
        .redirect_uri("https://app.example/cb?x=1&y=2")
        .build()
        .unwrap()
}

fn query(url: &str) -> Vec<(String, String)> {
    let q = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

#[test]
fn authorize_url_oidc_defaults_and_offline_access() {
    let r = build_authorize_url(
        &options(Protocol::Oidc),
        AuthorizeParams {
            scope: Some("openid offline_access".into()),
            pkce: Some(CodeChallengeMethod::S256),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(r.url.starts_with("https://t.genauth.ai/oidc/auth?client_id=app%2F1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3D2&scope=openid%20offline_access&response_type=code&state="), "{}", r.url);
    let q = query(&r.url);
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("prompt"), Some("consent"));
    // The request keeps the redirect_uri it carries, for the code exchange.
    assert_eq!(get("redirect_uri"), r.redirect_uri.as_deref());
    assert_eq!(
        r.redirect_uri.as_deref(),
        Some("https://app.example/cb?x=1&y=2")
    );
    assert_eq!(get("state"), r.state.as_deref());
    assert_eq!(get("nonce"), r.nonce.as_deref());
    assert_eq!(r.state.as_ref().unwrap().len(), 43);
    let verifier = r.code_verifier.as_ref().unwrap().expose();
    assert_eq!(
        get("code_challenge"),
        Some(code_challenge(verifier, CodeChallengeMethod::S256).as_str())
    );
    assert_eq!(get("code_challenge_method"), Some("S256"));
    // Fresh randomness each time.
    let r2 = build_authorize_url(&options(Protocol::Oidc), AuthorizeParams::default()).unwrap();
    assert_ne!(r.state, r2.state);
    assert_ne!(r.nonce, r2.nonce);
    assert_eq!(query(&r2.url).iter().find(|(k, _)| k == "prompt"), None);
}

#[test]
fn other_protocols() {
    let r = build_authorize_url(&options(Protocol::OAuth), AuthorizeParams::default()).unwrap();
    assert!(r.url.starts_with("https://t.genauth.ai/oauth/auth?"));
    assert!(r.url.contains("scope=user&"));
    assert!(r.nonce.is_none());
    assert_eq!(
        r.redirect_uri.as_deref(),
        Some("https://app.example/cb?x=1&y=2")
    );
    let r = build_authorize_url(&options(Protocol::Saml), AuthorizeParams::default()).unwrap();
    assert_eq!(r.url, "https://t.genauth.ai/api/v2/saml-idp/app%2F1");
    assert_eq!(r.redirect_uri, None);
    let r = build_authorize_url(&options(Protocol::Cas), AuthorizeParams::default()).unwrap();
    assert_eq!(
        r.url,
        "https://t.genauth.ai/cas-idp/app%2F1?service=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3D2"
    );
    let r = build_authorize_url(
        &options(Protocol::Oidc),
        AuthorizeParams {
            pkce: Some(CodeChallengeMethod::Plain),
            ..Default::default()
        },
    )
    .unwrap();
    let q = query(&r.url);
    assert!(q.contains(&(
        "code_challenge".into(),
        r.code_verifier.unwrap().expose().to_owned()
    )));
    assert!(q.contains(&("code_challenge_method".into(), "plain".into())));
}

#[test]
fn the_request_keeps_the_redirect_uri_it_was_built_with() {
    let r = build_authorize_url(
        &options(Protocol::Oidc),
        AuthorizeParams {
            redirect_uri: Some("https://other.example/cb".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.redirect_uri.as_deref(), Some("https://other.example/cb"));
    assert!(query(&r.url).contains(&("redirect_uri".into(), "https://other.example/cb".into())));
    // CAS has no code exchange: its `service` is not kept as a redirect_uri.
    let cas = build_authorize_url(&options(Protocol::Cas), AuthorizeParams::default()).unwrap();
    assert_eq!(cas.redirect_uri, None);
}

#[test]
fn logout_urls() {
    let o = options(Protocol::Oidc);
    assert_eq!(
        build_logout_url(&o, LogoutParams::default()).unwrap(),
        "https://t.genauth.ai/oidc/session/end"
    );
    let url = build_logout_url(
        &o,
        LogoutParams {
            id_token_hint: Some("a.b c".into()),
            post_logout_redirect_uri: Some("https://x/y?z=1 2".into()),
            state: Some("s&t".into()),
        },
    )
    .unwrap();
    assert_eq!(
        url,
        "https://t.genauth.ai/oidc/session/end?id_token_hint=a.b%20c&post_logout_redirect_uri=https%3A%2F%2Fx%2Fy%3Fz%3D1%202&state=s%26t"
    );
    assert!(matches!(
        build_logout_url(
            &o,
            LogoutParams {
                post_logout_redirect_uri: Some("https://x".into()),
                ..Default::default()
            }
        ),
        Err(Error::InvalidRequest(_))
    ));
    let url = build_logout_url(
        &options(Protocol::Cas),
        LogoutParams {
            post_logout_redirect_uri: Some("https://x/?a=b".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        url,
        "https://t.genauth.ai/cas-idp/logout?url=https%3A%2F%2Fx%2F%3Fa%3Db"
    );
    let url = build_logout_url(&options(Protocol::OAuth), LogoutParams::default()).unwrap();
    assert_eq!(url, "https://t.genauth.ai/login/profile/logout");
}
