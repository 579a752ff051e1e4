//! Generated response DTOs decode hand-written replies: envelopes, their `data`, and the
//! mapping's special cases (open enums, untagged unions, the mixed `-1` enum, renamed wire
//! names, `{}` objects, integers versus `f64`).

use genauth_management::model::*;
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("decodes")
}

#[test]
fn get_user_envelope() {
    let reply: UserSingleRespDto = decode(json!({
        "statusCode": 200,
        "message": "",
        "requestId": "r1",
        "data": {
            "userId": "u1",
            "createdAt": "2024-01-01T00:00:00.000Z",
            "updatedAt": "2024-01-02T00:00:00.000Z",
            "status": "Activated",
            "workStatus": "Active",
            "gender": "U",
            "emailVerified": true,
            "phoneVerified": false,
            "userSourceType": "adminCreated",
            "email": "a@example.com",
            "loginsCount": 3,
            "passwordSecurityLevel": 2,
            "customData": {"school": "x"},
            "identities": [],
            "aFieldTheServerAdded": 1
        }
    }));
    assert_eq!(reply.status_code, 200);
    assert_eq!(reply.api_code, None);
    let user = reply.data;
    assert_eq!(user.user_id, "u1");
    assert_eq!(user.status, UserDtoStatus::Activated);
    assert_eq!(user.user_source_type, UserDtoUserSourceType::AdminCreated);
    assert_eq!(user.email.as_deref(), Some("a@example.com"));
    assert_eq!(user.logins_count, Some(3));
    assert_eq!(user.password_security_level, Some(2.0));
    assert_eq!(user.custom_data, Some(json!({"school": "x"})));
    assert_eq!(user.identities, Some(vec![]));
    assert_eq!(user.phone, None);
}

#[test]
fn paginated_list_and_an_error_envelope() {
    let page: UserPaginatedRespDto = decode(json!({
        "statusCode": 200, "message": "", "apiCode": 0,
        "data": {"totalCount": 1, "list": [{
            "userId": "u1", "createdAt": "c", "updatedAt": "u", "status": "Suspended",
            "workStatus": "Closed", "gender": "M", "emailVerified": false,
            "phoneVerified": false, "userSourceType": "sync"
        }]}
    }));
    assert_eq!(page.data.total_count, 1);
    assert_eq!(page.data.list[0].work_status, UserDtoWorkStatus::Closed);

    let error: CommonResponseDto = decode(json!({
        "statusCode": 400, "message": "用户不存在", "apiCode": 2004, "requestId": "r2"
    }));
    assert_eq!((error.status_code, error.api_code), (400, Some(2004)));
}

#[test]
fn open_enums_keep_values_they_do_not_know() {
    let reply: GetWebhooksRespDto = decode(json!({
        "statusCode": 200, "message": "",
        "data": {"totalCount": 1, "list": [{
            "webhookId": "w1", "createdAt": "c", "updatedAt": "u", "name": "hook",
            "url": "https://example.com/hook", "contentType": "application/json",
            "enabled": true,
            "events": ["user:created", "mfa:verified", "user:a-new-event"],
            "retryConfig": {"enabled": true, "count": 3, "delay": 1.5, "delayUnit": "Second"}
        }]}
    }));
    let hook = &reply.data.list[0];
    assert_eq!(hook.content_type, WebhookDtoContentType::ApplicationJson);
    let events = hook.events.as_deref().unwrap();
    assert_eq!(events[0], WebhookEvent::UserCreated);
    assert_eq!(events[1], WebhookEvent::MfaVerified);
    assert_eq!(events[2], WebhookEvent::Other("user:a-new-event".into()));
    assert_eq!(
        serde_json::to_value(&events[2]).unwrap(),
        json!("user:a-new-event")
    );
    let retry = hook.retry_config.as_ref().unwrap();
    assert_eq!((retry.count, retry.delay), (Some(3), Some(1.5)));
}

#[test]
fn data_resource_struct_is_an_untagged_union() {
    let data = |r#struct: Value| -> GetDataResourceRespDto {
        decode(json!({
            "resourceName": "n", "resourceCode": "c", "type": "TREE", "struct": r#struct,
            "namespaceCode": "ns", "actions": ["read"]
        }))
    };
    use GetDataResourceRespDtoStruct as S;
    assert_eq!(
        data(json!("a string")).r#struct,
        S::String("a string".into())
    );
    assert_eq!(
        data(json!(["a", "b"])).r#struct,
        S::StringList(vec!["a".into(), "b".into()])
    );
    let S::DataResourceTreeStructs(tree) =
        data(json!({"code": "c", "name": "n", "children": []})).r#struct
    else {
        panic!("a tree node")
    };
    assert_eq!(
        (tree.code.as_str(), tree.children.as_deref()),
        ("c", Some(&[][..]))
    );
    // Not in the TS union, kept as sent: a list of tree nodes.
    let nodes = json!([{"code": "c", "name": "n"}]);
    assert_eq!(data(nodes.clone()).r#struct, S::Other(nodes));
}

#[test]
fn union_of_dtos_prefers_the_strictest_match() {
    let attribution = |detail: Value| -> UserAttributionDtoTargetDetail {
        let dto: UserAttributionDto = decode(json!({
            "id": "a1", "policyId": "p1", "targetIdentifier": "t1", "targetType": "role",
            "targetDetail": detail, "createdAt": "c", "updatedAt": "u"
        }));
        dto.target_detail.expect("a target detail")
    };
    let role = json!({"id": "r1", "code": "admin", "name": "Admin", "description": "",
                      "namespace": "default", "namespaceName": "默认"});
    assert!(
        matches!(attribution(role), UserAttributionDtoTargetDetail::RoleDto(r) if r.code == "admin")
    );
    let post = json!({"id": "p1", "code": "leader", "name": "Leader"});
    assert!(matches!(
        attribution(post),
        UserAttributionDtoTargetDetail::InvitationPostRespDto(_)
    ));

    let approval: ApprovalDetailRes = decode(json!({
        "statusCode": 200, "message": "",
        "data": {
            "approvalId": 7, "number": "A7", "status": "PENDING", "submitTime": "s",
            "objectType": "APP_PERMISSION_APPLY",
            "approvalObjectList": {"objectId": "app1", "objectName": "App", "logo": "l"}
        }
    }));
    assert_eq!(approval.data.approval_id, 7);
    assert!(matches!(
        approval.data.approval_object_list,
        ApprovalDetailDtoApprovalObjectList::ApplicationPermissionApplyApprovalObject(_)
    ));
}

#[test]
fn enterprise_certification_status_mixes_strings_and_minus_one() {
    use TenantEnterpriseCertificationRespDtoEnterpriseCertificationStatus as Status;
    use TenantEnterpriseCertificationRespDtoEnterpriseCertificationStatusString as Name;
    let status = |v: Value| -> Status {
        let dto: TenantEnterpriseCertificationRespDto =
            decode(json!({"businessName": "b", "enterpriseCertificationStatus": v}));
        dto.enterprise_certification_status.unwrap()
    };
    assert_eq!(status(json!("pass")), Status::String(Name::Pass));
    assert_eq!(
        status(json!("revoked")),
        Status::String(Name::Other("revoked".into()))
    );
    assert_eq!(status(json!(-1)), Status::Number(-1));
    assert_eq!(serde_json::to_value(Status::Number(-1)).unwrap(), json!(-1));
}

#[test]
fn wire_names_that_are_not_camel_case() {
    let lang: LangObject = decode(json!({
        "zh-CN": {"enabled": true, "value": "中文"},
        "en-US": {"enabled": true, "value": "English"},
        "zh-TW": {"enabled": false, "value": ""},
        "ja-JP": {"enabled": false, "value": ""}
    }));
    assert_eq!(lang.zh_cn.value, "中文");
    assert_eq!(
        serde_json::to_value(&lang).unwrap()["en-US"]["value"],
        "English"
    );

    let italent: SyncTaskItalentClientConfig =
        decode(json!({"tenant_id": "t", "app_key": "k", "app_secret": "s"}));
    assert_eq!(italent.tenant_id, "t");
    assert_eq!(
        serde_json::to_value(&italent).unwrap(),
        json!({"tenant_id": "t", "app_key": "k", "app_secret": "s"})
    );
}

#[test]
fn renamed_types_and_empty_objects() {
    let tree: CreateDepartmentTreeRespDto = decode(json!({
        "statusCode": 200, "message": "",
        "data": {"addUser": 2, "updateUser": 0, "addDepartment": 1, "updateDepartment": 0}
    }));
    let result: CreateDepartmentTreeResult = tree.data;
    assert_eq!((result.add_user, result.add_department), (2, 1));

    // `Node` (the bare reply of updateNodeStatus) is `{}` in the SDK: a map that keeps all.
    let node: Node = decode(json!({"statusCode": 200, "message": "", "data": true}));
    assert_eq!(node["data"], json!(true));
}

#[test]
fn integers_are_integers_and_other_numbers_f64() {
    // `totalCount` is listed in codegen/overrides.json: a float there is a decode error.
    let float_count = json!({"totalCount": 1.5, "list": []});
    assert!(serde_json::from_value::<UserPagingDto>(float_count).is_err());
    // `lat`/`lon` are not: integers and floats both decode.
    let geo: GeoIpLocation = decode(json!({"lat": 31, "lon": 121.47}));
    assert_eq!((geo.lat, geo.lon), (31.0, 121.47));
}

#[test]
fn requests_are_struct_literals() {
    let body = CreateWebhookDto {
        content_type: CreateWebhookDtoContentType::ApplicationJson,
        events: vec![WebhookEvent::UserCreated, WebhookEvent::Login],
        url: "https://example.com/hook".into(),
        name: "hook".into(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({
            "contentType": "application/json",
            "events": ["user:created", "login"],
            "url": "https://example.com/hook",
            "name": "hook"
        })
    );
}
