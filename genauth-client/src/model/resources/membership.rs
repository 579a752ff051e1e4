//! What the user belongs to: applications, tenants, roles, groups and departments.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::SortOrder;
use crate::model::UserInfo;

open_enum! {
    /// `sortBy` of `get-my-department-list`.
    pub enum DepartmentSortBy {
        /// Department creation time.
        DepartmentCreatedAt = "DepartmentCreatedAt",
        /// When the user joined the department (the server's default).
        JoinDepartmentAt = "JoinDepartmentAt",
        /// Department name.
        DepartmentName = "DepartmentName",
        /// Department code. The wire value is misspelt `DepartmemtCode` (sic) in the API.
        DepartmentCode = "DepartmemtCode",
    }
}

open_enum! {
    /// Status of a role.
    pub enum RoleStatus {
        /// Active.
        Enable = "ENABLE",
        /// Disabled.
        Disable = "DISABLE",
    }
}

/// An application in `get-my-logged-in-apps` / `get-my-accessible-apps` (node `LoggedInAppsDto`
/// / `AccessibleAppsDto`, same fields). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserApp {
    /// Application id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Application name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// Application login URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_login_url: Option<String>,
    /// Application logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_logo: Option<String>,
    /// Whether the user is currently signed in to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A tenant the user belongs to (node `UserTenantListDto`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserTenant {
    /// Tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Tenant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_name: Option<String>,
    /// When the user joined it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_at: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A role of the user (node `RoleDto`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleInfo {
    /// Role id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Role code, unique in its namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Role name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Code of the permission namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name of the permission namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_name: Option<String>,
    /// `ENABLE` or `DISABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RoleStatus>,
    /// When the role is disabled automatically (ms timestamp; absent: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_time: Option<i64>,
    /// Whether users may apply for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_permission_apply: Option<bool>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A group of the user (node `GroupDto`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupInfo {
    /// Group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Group code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Group type (wire `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub group_type: Option<String>,
    /// Metadata sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_source: Option<Vec<String>>,
    /// Members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<UserInfo>>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Query of `GET /api/v3/get-my-department-list` (node SDK only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentListQuery {
    /// Page number, from 1 (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size, at most 50 (server default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Include each department's custom data. Sent lowercase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_custom_data: Option<bool>,
    /// Sort key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_by: Option<DepartmentSortBy>,
    /// Sort order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_by: Option<SortOrder>,
}

/// One language's text of a multilingual field (node `LangUnit`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangUnit {
    /// Whether this language's text is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `i18n` of a department: per field, per language tag (`zh-CN`, `en-US`, …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentI18n {
    /// The department name, per language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<BTreeMap<String, LangUnit>>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A department of the user (node `UserDepartmentRespDto`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserDepartment {
    /// Organization code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_code: Option<String>,
    /// Department id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
    /// Whether it is the organization's root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_root: Option<bool>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Custom department id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_department_id: Option<String>,
    /// Whether the user leads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_leader: Option<bool>,
    /// Department code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Whether it is the user's main department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_main_department: Option<bool>,
    /// When the user joined it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<String>,
    /// Whether it is a virtual node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_virtual_node: Option<bool>,
    /// Multilingual names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i18n: Option<DepartmentI18n>,
    /// Custom data (with `withCustomData=true`): a free-form JSON object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<serde_json::Value>,
    /// Ids from the root down to this department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id_path: Option<Vec<String>>,
    /// Codes from the root down to this department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_code_path: Option<Vec<String>>,
    /// Names from the root down to this department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_name_path: Option<Vec<String>>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
