//! What the user belongs to: applications, tenants, roles, groups and departments.

use std::collections::BTreeMap;

use super::SortOrder;
use crate::dto;
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
#[dto(extra)]
pub struct UserApp {
    /// Application id.
    pub app_id: Option<String>,
    /// Application name.
    pub app_name: Option<String>,
    /// Application login URL.
    pub app_login_url: Option<String>,
    /// Application logo URL.
    pub app_logo: Option<String>,
    /// Whether the user is currently signed in to it.
    pub active: Option<bool>,
}

/// A tenant the user belongs to (node `UserTenantListDto`). Others in `extra`.
#[dto(extra)]
pub struct UserTenant {
    /// Tenant id.
    pub tenant_id: Option<String>,
    /// Tenant name.
    pub tenant_name: Option<String>,
    /// When the user joined it.
    pub join_at: Option<String>,
}

/// A role of the user (node `RoleDto`). Others in `extra`.
#[dto(extra)]
pub struct RoleInfo {
    /// Role id.
    pub id: Option<String>,
    /// Role code, unique in its namespace.
    pub code: Option<String>,
    /// Role name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Code of the permission namespace.
    pub namespace: Option<String>,
    /// Name of the permission namespace.
    pub namespace_name: Option<String>,
    /// `ENABLE` or `DISABLE`.
    pub status: Option<RoleStatus>,
    /// When the role is disabled automatically (ms timestamp; absent: never).
    pub disable_time: Option<i64>,
    /// Whether users may apply for it.
    pub enable_permission_apply: Option<bool>,
}

/// A group of the user (node `GroupDto`). Others in `extra`.
#[dto(extra)]
pub struct GroupInfo {
    /// Group id.
    pub id: Option<String>,
    /// Group code.
    pub code: Option<String>,
    /// Group name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Group type (wire `type`).
    #[serde(rename = "type")]
    pub group_type: Option<String>,
    /// Metadata sources.
    pub metadata_source: Option<Vec<String>>,
    /// Members.
    pub members: Option<Vec<UserInfo>>,
}

/// Query of `GET /api/v3/get-my-department-list` (node SDK only).
#[dto]
pub struct DepartmentListQuery {
    /// Page number, from 1 (server default 1).
    pub page: Option<u32>,
    /// Page size, at most 50 (server default 10).
    pub limit: Option<u32>,
    /// Include each department's custom data. Sent lowercase.
    pub with_custom_data: Option<bool>,
    /// Sort key.
    pub sort_by: Option<DepartmentSortBy>,
    /// Sort order.
    pub order_by: Option<SortOrder>,
}

/// One language's text of a multilingual field (node `LangUnit`).
#[dto]
pub struct LangUnit {
    /// Whether this language's text is shown.
    pub enabled: Option<bool>,
    /// The text.
    pub value: Option<String>,
}

/// `i18n` of a department: per field, per language tag (`zh-CN`, `en-US`, …).
#[dto(extra)]
pub struct DepartmentI18n {
    /// The department name, per language tag.
    pub name: Option<BTreeMap<String, LangUnit>>,
}

/// A department of the user (node `UserDepartmentRespDto`). Others in `extra`.
#[dto(extra)]
pub struct UserDepartment {
    /// Organization code.
    pub organization_code: Option<String>,
    /// Department id.
    pub department_id: Option<String>,
    /// Whether it is the organization's root.
    pub is_root: Option<bool>,
    /// Creation time.
    pub created_at: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Custom department id.
    pub open_department_id: Option<String>,
    /// Whether the user leads it.
    pub is_leader: Option<bool>,
    /// Department code.
    pub code: Option<String>,
    /// Whether it is the user's main department.
    pub is_main_department: Option<bool>,
    /// When the user joined it.
    pub joined_at: Option<String>,
    /// Whether it is a virtual node.
    pub is_virtual_node: Option<bool>,
    /// Multilingual names.
    pub i18n: Option<DepartmentI18n>,
    /// Custom data (with `withCustomData=true`): a free-form JSON object.
    pub custom_data: Option<serde_json::Value>,
    /// Ids from the root down to this department.
    pub department_id_path: Option<Vec<String>>,
    /// Codes from the root down to this department.
    pub department_code_path: Option<Vec<String>>,
    /// Names from the root down to this department.
    pub department_name_path: Option<Vec<String>>,
}
