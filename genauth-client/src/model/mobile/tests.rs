use serde_json::json;

use super::*;

#[test]
fn irregular_payload_keys_and_snake_case_fields() {
    let cases = [
        (
            MobileConnection::linkedin("c"),
            json!({"connection":"linkedin","linkedInPayload":{"code":"c"}}),
        ),
        (
            MobileConnection::dingtalk("c"),
            json!({"connection":"dingtalk","dingTalkPayload":{"code":"c"}}),
        ),
        (
            MobileConnection::wechatwork_agency("c"),
            json!({"connection":"wechatwork_agency","wechatworkAgencyPayload":{"code":"c"}}),
        ),
        (
            MobileConnection::qq("t"),
            json!({"connection":"qq","qqPayload":{"access_token":"t"}}),
        ),
        (
            MobileConnection::Yidun {
                payload: YidunPayload {
                    token: Some("a".into()),
                    access_token: Some("b".into()),
                },
            },
            json!({"connection":"yidun","yidunPayload":{"token":"a","accessToken":"b"}}),
        ),
    ];
    for (conn, want) in cases {
        let mut want = want;
        want["extIdpConnidentifier"] = json!("id");
        let got = serde_json::to_value(SignInByMobileDto {
            ext_idp_conn_identifier: "id".into(),
            connection: conn.clone(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(got, want);
        let back: SignInByMobileDto = serde_json::from_value(got).unwrap();
        assert_eq!(back.connection, conn);
    }
    assert_eq!(MobileConnection::WIRE_NAMES.len(), 32);
}

#[test]
fn mini_program_code_and_phone_nests() {
    let conn = MobileConnection::WechatMiniProgramCodeAndPhone {
        payload: WechatMiniProgramCodeAndPhonePayload {
            wx_login_info: MiniProgramCodePayload {
                code: "l".into(),
                encrypted_data: None,
                iv: Some("iv".into()),
            },
            wx_phone_info: WechatMiniProgramPhoneInfo { code: "p".into() },
        },
    };
    let v = serde_json::to_value(SignInByMobileDto {
        ext_idp_conn_identifier: "x".into(),
        connection: conn,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        v["wechatMiniProgramCodeAndPhonePayload"],
        json!({"wxLoginInfo":{"code":"l","iv":"iv"},"wxPhoneInfo":{"code":"p"}})
    );
    assert!(!format!("{:?}", MobileConnection::wechat("SECRET-CODE")).contains("SECRET-CODE"));
}
