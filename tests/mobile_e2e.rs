//! Mobile social login over loopback: every connection of api doc 5.2 with its wire payload
//! key, under each client-auth method, plus the failure paths and `get-alipay-authinfo`.

mod common;

use genauth::{
    AccessTokenPayload, BaiduPayload, ClientOptions, CodePayload, DingTalkPayload,
    DouyinMiniProgramCodeAndPhonePayload, DouyinMiniProgramPhoneInfo, Error, GenAuthClient,
    LinePayload, MiniProgramCodePayload, MobileConnection, MobileLogin, SignInByMobileDto,
    SignInByMobileOptions, TokenEndpointAuthMethod, WechatMiniProgramCodeAndPhonePayload,
    WechatMiniProgramPhoneInfo, WechatMiniProgramPhonePayload, YidunPayload,
};
use genauth_fake::{FakeServer, RecordedRequest};
use serde_json::json;

async fn setup(method: TokenEndpointAuthMethod) -> (FakeServer, GenAuthClient) {
    common::server_and_client(method).await
}

fn code(c: &str) -> CodePayload {
    CodePayload { code: c.into() }
}

fn token(c: &str) -> AccessTokenPayload {
    AccessTokenPayload {
        access_token: c.into(),
    }
}

fn mini(c: &str) -> MiniProgramCodePayload {
    MiniProgramCodePayload {
        code: c.into(),
        encrypted_data: Some("ENC".into()),
        iv: Some("IV".into()),
    }
}

/// One value of every connection, each carrying the fake's accepted credential.
fn every_connection() -> Vec<MobileConnection> {
    let t = |name: &str| FakeServer::mobile_test_code(name);
    vec![
        MobileConnection::apple(t("apple")),
        MobileConnection::wechat(t("wechat")),
        MobileConnection::alipay(t("alipay")),
        MobileConnection::wechatwork(t("wechatwork")),
        MobileConnection::wechatwork_agency(t("wechatwork_agency")),
        MobileConnection::lark_internal(t("lark_internal")),
        MobileConnection::lark_public(t("lark_public")),
        MobileConnection::lark_block(t("lark_block")),
        MobileConnection::Yidun {
            payload: YidunPayload {
                token: Some(t("yidun").into()),
                access_token: Some("carrier".into()),
            },
        },
        MobileConnection::WechatMiniProgramCode {
            payload: mini(&t("wechat_mini_program_code")),
        },
        MobileConnection::WechatMiniProgramPhone {
            payload: WechatMiniProgramPhonePayload {
                code: t("wechat_mini_program_phone").into(),
                encrypted_data: "ENC".into(),
                iv: "IV".into(),
            },
        },
        MobileConnection::WechatMiniProgramCodeAndPhone {
            payload: WechatMiniProgramCodeAndPhonePayload {
                wx_login_info: mini(&t("wechat_mini_program_code_and_phone")),
                wx_phone_info: WechatMiniProgramPhoneInfo {
                    code: "phone-code".into(),
                },
            },
        },
        MobileConnection::douyin_mini_program_code(t("douyin_mini_program_code")),
        MobileConnection::DouyinMiniProgramCodeAndPhone {
            payload: DouyinMiniProgramCodeAndPhonePayload {
                login_params: mini(&t("douyin_mini_program_code_and_phone")),
                phone_params: DouyinMiniProgramPhoneInfo::default(),
            },
        },
        MobileConnection::google(t("google")),
        MobileConnection::Facebook {
            payload: token(&t("facebook")),
        },
        MobileConnection::qq(t("qq")),
        MobileConnection::weibo(t("weibo")),
        MobileConnection::Baidu {
            payload: BaiduPayload {
                code: None,
                access_token: Some(t("baidu").into()),
            },
        },
        MobileConnection::LinkedIn {
            payload: code(&t("linkedin")),
        },
        MobileConnection::DingTalk {
            payload: DingTalkPayload {
                code: t("dingtalk").into(),
                is_sns_code: Some(false),
            },
        },
        MobileConnection::github(t("github")),
        MobileConnection::gitee(t("gitee")),
        MobileConnection::gitlab(t("gitlab")),
        MobileConnection::douyin(t("douyin")),
        MobileConnection::kuaishou(t("kuaishou")),
        MobileConnection::xiaomi(t("xiaomi")),
        MobileConnection::Line {
            payload: LinePayload {
                access_token: t("line").into(),
                id_token: Some("line-id-token".into()),
            },
        },
        MobileConnection::slack(t("slack")),
        MobileConnection::oppo(t("oppo")),
        MobileConnection::huawei(t("huawei")),
        MobileConnection::amazon(t("amazon")),
    ]
}

fn last(server: &FakeServer, path: &str) -> RecordedRequest {
    server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path == path)
        .expect("request recorded")
}

#[tokio::test]
async fn every_connection_signs_in_under_every_auth_method() {
    assert_eq!(every_connection().len(), MobileConnection::WIRE_NAMES.len());
    for method in [
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
        TokenEndpointAuthMethod::None,
    ] {
        let (server, client) = setup(method).await;
        for conn in every_connection() {
            let (name, key) = (conn.connection_name(), conn.payload_key());
            let tokens = client
                .sign_in_by_mobile(SignInByMobileDto {
                    ext_idp_conn_identifier: "conn-ident".into(),
                    connection: conn,
                    ..Default::default()
                })
                .await
                .unwrap_or_else(|e| panic!("{name} under {method:?}: {e}"));
            assert!(tokens.access_token.is_some() && tokens.id_token.is_some());
            let r = last(&server, "/api/v3/signin-by-mobile");
            let body = r.body_json().unwrap();
            assert_eq!(body["extIdpConnidentifier"], "conn-ident");
            assert_eq!(body["connection"], name);
            assert!(body.get(key).is_some(), "{name}: no `{key}` in {body}");
            match method {
                TokenEndpointAuthMethod::ClientSecretPost => {
                    assert_eq!(body["client_id"], server.app_id());
                    assert_eq!(body["client_secret"], server.app_secret());
                }
                TokenEndpointAuthMethod::ClientSecretBasic => {
                    assert!(body.get("client_id").is_none());
                    assert!(r.header("authorization").unwrap().starts_with("Basic "));
                }
                _ => {
                    assert!(body.get("client_id").is_none() && body.get("client_secret").is_none());
                    assert!(r.header("authorization").is_none());
                }
            }
        }
        let users: Vec<_> = server
            .users()
            .into_iter()
            .filter_map(|u| u.username)
            .collect();
        assert!(users.contains(&"mobile-linkedin".to_owned()));
        server.shutdown().await;
    }
}

#[tokio::test]
async fn irregular_keys_on_the_wire() {
    let (server, client) = setup(TokenEndpointAuthMethod::ClientSecretPost).await;
    let options = SignInByMobileOptions {
        scope: Some("openid profile offline_access".into()),
        tenant_id: Some("t1".into()),
        ..Default::default()
    };
    let tokens = client
        .sign_in_by_mobile(SignInByMobileDto {
            ext_idp_conn_identifier: "dt".into(),
            connection: MobileConnection::dingtalk(FakeServer::mobile_test_code("dingtalk")),
            options: Some(options),
        })
        .await
        .unwrap();
    assert!(tokens.refresh_token.is_some());
    let body = last(&server, "/api/v3/signin-by-mobile")
        .body_json()
        .unwrap();
    assert_eq!(
        body,
        json!({
            "extIdpConnidentifier": "dt",
            "connection": "dingtalk",
            "dingTalkPayload": {"code": "fake-dingtalk-code"},
            "options": {"scope": "openid profile offline_access", "tenantId": "t1"},
            "client_id": server.app_id(),
            "client_secret": server.app_secret(),
        })
    );
    // The ID token is a real JWT for this app.
    let claims = client
        .token_verifier()
        .verify_id_token(tokens.id_token.as_ref().unwrap().expose(), None)
        .await
        .unwrap();
    assert_eq!(claims.iss, server.issuer());
}

#[tokio::test]
async fn failures_are_typed_and_redacted() {
    let (server, client) = setup(TokenEndpointAuthMethod::ClientSecretPost).await;
    // The provider rejects the credential.
    let e = client
        .sign_in_by_mobile(SignInByMobileDto {
            ext_idp_conn_identifier: "w".into(),
            connection: MobileConnection::wechat("WRONG-CODE-123"),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 403,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!format!("{e} {e:?}").contains("WRONG-CODE-123"));
    // Scope without openid.
    let e = client
        .sign_in_by_mobile(SignInByMobileDto {
            ext_idp_conn_identifier: "w".into(),
            connection: MobileConnection::wechat(FakeServer::mobile_test_code("wechat")),
            options: Some(SignInByMobileOptions {
                scope: Some("profile".into()),
                ..Default::default()
            }),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 400,
                ..
            }
        ),
        "{e:?}"
    );
    // Wrong client secret.
    let bad = GenAuthClient::new(
        ClientOptions::builder()
            .app_id(server.app_id())
            .app_secret("not-the-secret")
            .app_host(server.base_url())
            .build()
            .unwrap(),
    )
    .unwrap();
    let e = bad
        .sign_in_by_mobile(SignInByMobileDto {
            ext_idp_conn_identifier: "w".into(),
            connection: MobileConnection::wechat(FakeServer::mobile_test_code("wechat")),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 401,
                ..
            }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn alipay_auth_info() {
    let (server, client) = setup(TokenEndpointAuthMethod::ClientSecretPost).await;
    let info = client
        .get_alipay_auth_info("alipay conn/1".into())
        .await
        .unwrap();
    assert!(
        info.auth_info.contains("target_id=alipay+conn%2F1"),
        "{}",
        info.auth_info
    );
    let r = last(&server, "/api/v3/get-alipay-authinfo");
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.query_pairs(),
        vec![(
            "extIdpConnidentifier".to_owned(),
            "alipay conn/1".to_owned()
        )]
    );
    assert_eq!(r.header("x-genauth-app-id"), Some(server.app_id()));
    let e = client
        .get_alipay_auth_info(String::new())
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Api {
                status_code: 400,
                ..
            }
        ),
        "{e:?}"
    );
}
