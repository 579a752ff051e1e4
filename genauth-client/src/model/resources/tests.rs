use super::*;

#[test]
fn queries_send_only_what_is_set() {
    let q = DepartmentListQuery {
        with_custom_data: Some(false),
        sort_by: Some(DepartmentSortBy::DepartmentCode),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&q).unwrap(),
        r#"{"withCustomData":false,"sortBy":"DepartmemtCode"}"#
    );
    assert_eq!(
        serde_json::to_string(&LoginHistoryQuery::default()).unwrap(),
        "{}"
    );
    let q: AuthorizedResourcesQuery =
        serde_json::from_str(r#"{"resourceType":"WORKFLOW"}"#).unwrap();
    assert_eq!(
        q.resource_type,
        Some(ResourceType::Other("WORKFLOW".into()))
    );
}

#[test]
fn tolerant_entities_keep_unknown_fields() {
    let r: RoleInfo = serde_json::from_str(r#"{"id":"r1","code":"admin","newField":1}"#).unwrap();
    assert_eq!(r.code.as_deref(), Some("admin"));
    assert_eq!(r.extra["newField"], 1);
    let p: Paginated<RoleInfo> = serde_json::from_str("{}").unwrap();
    assert_eq!(p, Paginated::default());
}
