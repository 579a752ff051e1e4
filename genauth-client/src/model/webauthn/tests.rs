use super::*;

#[test]
fn browser_json_round_trips_and_transports_move_up() {
    let browser = r#"{"id":"Y3JlZA","rawId":"Y3JlZA","type":"public-key",
        "authenticatorAttachment":"platform","clientExtensionResults":{},
        "response":{"attestationObject":"o2Nm","clientDataJSON":"eyJ0",
                    "transports":["internal","hybrid"]}}"#;
    let c: RegistrationResponseJson = serde_json::from_str(browser).unwrap();
    let c = c.with_top_level_transports();
    assert_eq!(
        c.transports,
        Some(vec![
            AuthenticatorTransport::Internal,
            AuthenticatorTransport::Hybrid
        ])
    );
    let v = serde_json::to_value(VerifyRegistrationDto {
        ticket: "t".into(),
        registration_credential: c,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(v["registrationCredential"]["transports"][0], "internal");
    assert_eq!(
        v["registrationCredential"]["response"]["clientDataJSON"],
        "eyJ0"
    );
    assert!(v.get("authenticatorCode").is_none());
}

#[test]
fn raw_body_defaults_to_empty_object() {
    assert_eq!(
        serde_json::to_string(&WebAuthnRawBody::default()).unwrap(),
        "{}"
    );
}
