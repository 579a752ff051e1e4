use super::builder::normalize_host;
use super::*;

#[test]
fn host_is_normalised() {
    assert_eq!(
        normalize_host("example.genauth.ai/").unwrap(),
        "https://example.genauth.ai"
    );
    assert_eq!(
        normalize_host(" http://127.0.0.1:8080// ").unwrap(),
        "http://127.0.0.1:8080"
    );
    assert!(normalize_host("ftp://x").is_err());
    assert!(normalize_host("").is_err());
    assert!(normalize_host("https://").is_err());
}

#[test]
fn builder_validates_and_redacts() {
    let err = ClientOptions::builder()
        .app_host("x.genauth.ai")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)));
    let err = ClientOptions::builder()
        .app_id("a")
        .app_host("x.genauth.ai")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("app_secret is required"));
    let o = ClientOptions::builder()
        .app_id("a")
        .app_host("x.genauth.ai")
        .auth_method(TokenEndpointAuthMethod::None)
        .build()
        .unwrap();
    assert_eq!(o.header_prefix, HeaderPrefix::GenAuth);
    let o = ClientOptions::builder()
        .app_id("a")
        .app_secret("super-secret-value")
        .access_token("tok-value-123")
        .app_host("https://core.authing.cn")
        .build()
        .unwrap();
    assert_eq!(o.header_prefix, HeaderPrefix::Authing);
    let dbg = format!("{o:?}");
    assert!(
        !dbg.contains("super-secret-value") && !dbg.contains("tok-value-123"),
        "{dbg}"
    );
}

#[test]
fn from_env_reads_variables() {
    let env = |k: &str| match k {
        "GENAUTH_APP_ID" => Some("id1".to_string()),
        "GENAUTH_APP_SECRET" => Some("sec".to_string()),
        "GENAUTH_APP_HOST" => Some("t.genauth.ai".to_string()),
        "GENAUTH_LANG" => Some("en-US".to_string()),
        _ => None,
    };
    let o = ClientOptions::from_env_with(env).unwrap();
    assert_eq!(o.app_id(), "id1");
    assert_eq!(o.app_host(), "https://t.genauth.ai");
    assert_eq!(o.lang.as_deref(), Some("en-US"));
    let missing = ClientOptions::from_env_with(|_| None).unwrap_err();
    assert!(missing.to_string().contains("GENAUTH_APP_ID"));
}

/// A self-signed P-256 CA certificate made for this test (its key was not kept).
const TEST_CA_PEM: &str = "-----BEGIN CERTIFICATE-----\n\
MIIBkjCCATegAwIBAgIUesxh0Y3I6mBri5QKxRnYRa0fgzEwCgYIKoZIzj0EAwIw\n\
HTEbMBkGA1UEAwwSZ2VuYXV0aC1ycyB0ZXN0IENBMCAXDTI2MTEzMDA0MzkzM1oY\n\
DzIxMjYxMTA2MDQzOTMzWjAdMRswGQYDVQQDDBJnZW5hdXRoLXJzIHRlc3QgQ0Ew\n\
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATC3Mlx4R5teKxa/h376AkHPfvmdmRf\n\
Tm/oNnx+e1/19RONIzQ1i82Zyh9NA7f62LZVxEx03s8GWiz0+uQAaNRFo1MwUTAd\n\
BgNVHQ4EFgQUw6HGYW0sO5tW8xZGm+MaMoEGwvAwHwYDVR0jBBgwFoAUw6HGYW0s\n\
O5tW8xZGm+MaMoEGwvAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBG\n\
AiEAtKvPAlcXbjs//siQ4mcL896Xt6ohH8U5Gb8YxLPyQHkCIQCfboCQlqMmmSCL\n\
5rSp+AFvOdaoamuiJmCTWSZq7Inr9Q==\n\
-----END CERTIFICATE-----\n\
";

fn with_roots(pems: &[&str]) -> Result<ClientOptions> {
    pems.iter()
        .fold(
            ClientOptions::builder()
                .app_id("a")
                .app_secret("s")
                .app_host("127.0.0.1:1"),
            |b, pem| b.add_root_certificate_pem(*pem),
        )
        .build()
}

#[test]
fn root_certificates_are_validated_at_build() {
    let o = with_roots(&[TEST_CA_PEM, &format!("{TEST_CA_PEM}{TEST_CA_PEM}")]).unwrap();
    assert_eq!(o.root_certificates_pem().len(), 2);
    assert!(format!("{o:?}").contains("root_certificates: 2"));
    assert!(with_roots(&[]).unwrap().root_certificates_pem().is_empty());

    let private_key_only =
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
    let bad_base64 = TEST_CA_PEM.replace("MIIB", "M!!B");
    for (garbage, want) in [
        (
            "not a certificate",
            "no \"-----BEGIN CERTIFICATE-----\" block",
        ),
        ("", "no \"-----BEGIN CERTIFICATE-----\" block"),
        (private_key_only, "no \"-----BEGIN CERTIFICATE-----\" block"),
        (&bad_base64, "malformed PEM"),
    ] {
        let err = with_roots(&[TEST_CA_PEM, garbage]).unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.starts_with("root certificate #2: ") && m.contains(want)),
            "{garbage:?}: {err}"
        );
    }
}
