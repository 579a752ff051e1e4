use super::*;

#[test]
fn update_profile_sends_only_what_is_set() {
    let dto = UpdateProfileDto {
        nickname: Some("n".into()),
        gender: Some(Gender::Female),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&dto).unwrap(),
        r#"{"nickname":"n","gender":"F"}"#
    );
    assert_eq!(
        serde_json::to_string(&UpdateProfileDto::default()).unwrap(),
        "{}"
    );
}

#[test]
fn profile_tolerates_new_values_and_keeps_unknown_fields() {
    let p: UserProfile =
        serde_json::from_str(r#"{"userId":"u","status":"Frozen","gender":"X","brandNew":{"a":1}}"#)
            .unwrap();
    assert_eq!(p.status, Some(UserStatus::Other("Frozen".into())));
    assert_eq!(p.gender, Some(Gender::Other("X".into())));
    assert_eq!(p.extra["brandNew"]["a"], 1);
    let back = serde_json::to_value(&p).unwrap();
    assert_eq!(back["status"], "Frozen");
    assert_eq!(back["brandNew"]["a"], 1);
}

#[test]
fn device_wire_names() {
    let s: TerminalSession = serde_json::from_str(
        r#"{"device":{"deviceId":"d","type":"Mobile","mod":"Pixel"},"online":true}"#,
    )
    .unwrap();
    assert_eq!(s.device.device_type, Some(TerminalDeviceType::Mobile));
    assert_eq!(s.device.model.as_deref(), Some("Pixel"));
}
