//! The signed-in user's resources: login history, apps, tenants, roles, groups, departments,
//! authorized resources and data-resource permission checks.
//!
//! Request shapes are the recorded wire (official-wire). Response shapes are not recorded (the
//! recording server answered `{}`): the typed fields below are those of the node SDK's DTOs
//! (`authing-node-sdk` `src/models/*.ts`), all optional since the server's actual output is not
//! established, and entity types keep every other field in `extra`.
//!
//! Query structs carry only what the caller sets: node fills paging defaults
//! (`page=1&limit=10`, `withCustomData=false`, `sortBy=JoinDepartmentAt&orderBy=Desc`), which the
//! server applies anyway.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::UserInfo;

open_enum! {
    /// Resource type of `get-my-authorized-resources` (`resourceType`).
    pub enum ResourceType {
        /// Data resource.
        Data = "DATA",
        /// API resource.
        Api = "API",
        /// Menu.
        Menu = "MENU",
        /// Button.
        Button = "BUTTON",
        /// UI element.
        Ui = "UI",
    }
}

open_enum! {
    /// Kind of a data resource (`resourceType` of data-policy results).
    pub enum DataResourceType {
        /// Tree resource.
        Tree = "TREE",
        /// String resource.
        String = "STRING",
        /// Array resource.
        Array = "ARRAY",
    }
}

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
    /// `orderBy` of paged lists.
    pub enum SortOrder {
        /// Ascending.
        Asc = "Asc",
        /// Descending (the server's default for departments).
        Desc = "Desc",
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

open_enum! {
    /// Whether a policy allows or denies (`effect`).
    pub enum PolicyEffect {
        /// Allowed.
        Allow = "ALLOW",
        /// Denied.
        Deny = "DENY",
    }
}

open_enum! {
    /// `appType` of an application.
    pub enum AppType {
        /// Web application.
        Web = "web",
        /// Single-page application.
        Spa = "spa",
        /// Native (mobile/desktop) application.
        Native = "native",
        /// Backend API.
        Api = "api",
        /// MFA application.
        Mfa = "mfa",
        /// Mini program.
        MiniProgram = "mini-program",
        /// Gateway application.
        GatewayApp = "gateway-app",
        /// Gateway agent.
        GatewayAgent = "gateway-agent",
    }
}

open_enum! {
    /// What a policy condition tests (`param`).
    pub enum PolicyConditionParam {
        /// `UserPoolId`.
        UserPoolId = "UserPoolId",
        /// `AppId`.
        AppId = "AppId",
        /// `RequestFrom`.
        RequestFrom = "RequestFrom",
        /// `UserId`.
        UserId = "UserId",
        /// `UserArn`.
        UserArn = "UserArn",
        /// `CurrentTime`.
        CurrentTime = "CurrentTime",
        /// `EpochTime`.
        EpochTime = "EpochTime",
        /// `SourceIp`.
        SourceIp = "SourceIp",
        /// `User`.
        User = "User",
        /// `MultiFactorAuthPresent`.
        MultiFactorAuthPresent = "MultiFactorAuthPresent",
        /// `MultiFactorAuthAge`.
        MultiFactorAuthAge = "MultiFactorAuthAge",
        /// `UserAgent`.
        UserAgent = "UserAgent",
        /// `Referer`.
        Referer = "Referer",
        /// `Device`.
        Device = "Device",
        /// `OS`.
        Os = "OS",
        /// `Country`.
        Country = "Country",
        /// `Province`.
        Province = "Province",
        /// `City`.
        City = "City",
        /// `DeviceChanged`.
        DeviceChanged = "DeviceChanged",
        /// `DeviceUntrusted`.
        DeviceUntrusted = "DeviceUntrusted",
        /// `ProxyUntrusted`.
        ProxyUntrusted = "ProxyUntrusted",
        /// `LoggedInApps`.
        LoggedInApps = "LoggedInApps",
        /// `Namespace`.
        Namespace = "Namespace",
    }
}

open_enum! {
    /// How a policy condition compares (`operator`).
    pub enum PolicyConditionOperator {
        /// `Bool`.
        Bool = "Bool",
        /// `DateEquals`.
        DateEquals = "DateEquals",
        /// `DateNotEquals`.
        DateNotEquals = "DateNotEquals",
        /// `DateLessThan`.
        DateLessThan = "DateLessThan",
        /// `DateLessThanEquals`.
        DateLessThanEquals = "DateLessThanEquals",
        /// `DateGreaterThan`.
        DateGreaterThan = "DateGreaterThan",
        /// `DateGreaterThanEquals`.
        DateGreaterThanEquals = "DateGreaterThanEquals",
        /// `IpAddress`.
        IpAddress = "IpAddress",
        /// `NotIpAddress`.
        NotIpAddress = "NotIpAddress",
        /// `NumericEquals`.
        NumericEquals = "NumericEquals",
        /// `NumericNotEquals`.
        NumericNotEquals = "NumericNotEquals",
        /// `NumericLessThan`.
        NumericLessThan = "NumericLessThan",
        /// `NumericLessThanEquals`.
        NumericLessThanEquals = "NumericLessThanEquals",
        /// `NumericGreaterThan`.
        NumericGreaterThan = "NumericGreaterThan",
        /// `NumericGreaterThanEquals`.
        NumericGreaterThanEquals = "NumericGreaterThanEquals",
        /// `StringEquals`.
        StringEquals = "StringEquals",
        /// `StringNotEquals`.
        StringNotEquals = "StringNotEquals",
        /// `StringEqualsIgnoreCase`.
        StringEqualsIgnoreCase = "StringEqualsIgnoreCase",
        /// `StringNotEqualsIgnoreCase`.
        StringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase",
        /// `StringLike`.
        StringLike = "StringLike",
        /// `StringNotLike`.
        StringNotLike = "StringNotLike",
        /// `ListContains`.
        ListContains = "ListContains",
    }
}

/// A paged list: `{totalCount, list}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paginated<T> {
    /// Total number of records (all pages).
    #[serde(default)]
    pub total_count: u64,
    /// This page's records.
    #[serde(default = "Vec::new")]
    pub list: Vec<T>,
}

impl<T> Default for Paginated<T> {
    fn default() -> Self {
        Paginated {
            total_count: 0,
            list: Vec::new(),
        }
    }
}

/// Query of `GET /api/v3/get-my-login-history`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginHistoryQuery {
    /// Only logins to this application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Only logins from this IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
    /// Only successful (`true`) or failed (`false`) logins. Sent lowercase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Start of the time range (ms timestamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// End of the time range (ms timestamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<i64>,
    /// Page number, from 1 (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (server default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// Parsed user agent of a login (`parsedUserAgent`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedUserAgent {
    /// Device type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Browser name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
}

/// Coordinates of a [`GeoIp`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GeoLocation {
    /// Longitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Latitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
}

/// Location of a login's IP (`geoip`; snake_case on the wire).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GeoIp {
    /// Coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoLocation>,
    /// Country name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code2: Option<String>,
    /// ISO 3166-1 alpha-3 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code3: Option<String>,
    /// Region name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_name: Option<String>,
    /// Region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
    /// City name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_name: Option<String>,
    /// Continent code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continent_code: Option<String>,
    /// Time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// One login of the user (node `LoginHistoryDto`). Fields per the node SDK; others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginHistoryEntry {
    /// User id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
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
    /// When the login happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_at: Option<String>,
    /// Client IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
    /// Whether the login succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Raw user agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// Parsed user agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parsed_user_agent: Option<ParsedUserAgent>,
    /// Login method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_method: Option<String>,
    /// IP location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geoip: Option<GeoIp>,
    /// Tenant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
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

/// Query of `GET /api/v3/get-my-authorized-resources`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizedResourcesQuery {
    /// Permission namespace code (absent: the default namespace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Only resources of this type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<ResourceType>,
}

/// A condition of a policy (node `PolicyCondition`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyCondition {
    /// What is tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<PolicyConditionParam>,
    /// How it is compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<PolicyConditionOperator>,
    /// Against what.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A resource the user is authorized for (node `AuthorizedResourceDto`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizedResource {
    /// Resource code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_code: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Policy conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Vec<PolicyCondition>>,
    /// Resource type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<ResourceType>,
    /// API URL (API resources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_identifier: Option<String>,
    /// Authorized actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
    /// Allow or deny.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<PolicyEffect>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Body of the three `check-permission-{string,array,tree}-resource` endpoints (node
/// `CheckPermission{String,Array,Tree}ResourceDto`, same fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResourcePermissionDto {
    /// Data-resource paths (tree resources: down to the node, e.g. `code/node/child`).
    pub resources: Vec<String>,
    /// The action, such as `read`, `get` or `write`.
    pub action: String,
}

/// One result of a permission check (node `CheckResourcePermissionRespDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermissionCheck {
    /// Permission namespace code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_code: Option<String>,
    /// The action checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The resource path checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Whether the user may.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of the permission checks (node `CheckResourcePermissionDataDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermissionChecks {
    /// One result per resource.
    #[serde(default)]
    pub check_result_list: Vec<ResourcePermissionCheck>,
}

/// A string resource grant: its value and actions (node `StrAuthorize` / `StrResourceAuthAction`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrResourceGrant {
    /// The string value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Authorized actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
}

/// An array resource grant: its values and actions (node `ArrayAuthorize` /
/// `ArrResourceAuthAction`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrResourceGrant {
    /// The array values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// Authorized actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
}

/// One authorized node of a tree resource (node `TreeAuthBo`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TreeNodeGrant {
    /// Node path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_path: Option<String>,
    /// Node name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// Authorized actions on the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_actions: Option<Vec<String>>,
    /// Node value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_value: Option<String>,
    /// The node's extension field values (free-form JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_extend_field_value: Option<serde_json::Value>,
}

/// A tree resource grant (node `TreeAuthorize`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TreeResourceGrant {
    /// Authorized nodes.
    #[serde(default)]
    pub auth_list: Vec<TreeNodeGrant>,
}

/// A data resource granted by a data policy (node `OpenResource`); the grant matching
/// `resource_type` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataResourceGrant {
    /// Resource code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_code: Option<String>,
    /// Tree, string or array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<DataResourceType>,
    /// For `STRING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub str_authorize: Option<StrResourceGrant>,
    /// For `ARRAY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr_authorize: Option<ArrResourceGrant>,
    /// For `TREE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree_authorize: Option<TreeResourceGrant>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The user's data resources in one namespace (node `UserAuthResourceListDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAuthResources {
    /// User id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Permission namespace code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_code: Option<String>,
    /// The granted resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_list: Option<Vec<DataResourceGrant>>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of `GET /api/v3/get-user-auth-resource-list` (node `GetUserAuthResourceListDataDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAuthResourceList {
    /// Per namespace.
    #[serde(default)]
    pub user_permission_list: Vec<UserAuthResources>,
}

/// Body of `POST /api/v3/get-user-auth-resource-permission-list`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetUserAuthResourcePermissionListDto {
    /// Data-resource paths (tree resources: down to the node).
    pub resources: Vec<String>,
}

/// The user's actions on one resource (node `GetUserAuthResourcePermissionList`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermission {
    /// Permission namespace code (the current application's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_code: Option<String>,
    /// Authorized actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
    /// The resource path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of `get-user-auth-resource-permission-list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermissionList {
    /// One entry per resource.
    #[serde(default)]
    pub permission_list: Vec<ResourcePermission>,
}

/// Body of `POST /api/v3/get-user-auth-resource-struct`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetUserAuthResourceStructDto {
    /// The data resource code.
    pub resource: String,
}

/// A node of a tree resource with the user's actions (node `TreeStructs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeResourceNode {
    /// Node code, unique among its siblings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Node name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Node value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Authorized actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
    /// Children (at most five levels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<TreeResourceNode>>,
}

/// `treeResourceAuthAction` (node `TreeResourceAuthAction`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TreeResourceAuthAction {
    /// The tree's nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_auth_action_list: Option<Vec<TreeResourceNode>>,
}

/// `data` of `get-user-auth-resource-struct` (node `GetUserAuthResourceStructDataDto`); the
/// member matching `resource_type` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAuthResourceStruct {
    /// Permission namespace code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_code: Option<String>,
    /// Resource code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_code: Option<String>,
    /// Tree, string or array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<DataResourceType>,
    /// For `STRING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub str_resource_auth_action: Option<StrResourceGrant>,
    /// For `ARRAY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr_resource_auth_action: Option<ArrResourceGrant>,
    /// For `TREE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree_resource_auth_action: Option<TreeResourceAuthAction>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An application the user may apply for permissions in (node
/// `EnablePermissionApplyApplication`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionApplyApplication {
    /// Application id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Application name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// Logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Application type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_type: Option<AppType>,
    /// Integration template, for integrated applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of `GET /api/v3/applications-permission-applicable` (node
/// `EnablePermissionApplyApplicationList`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PermissionApplyApplications {
    /// The applications.
    #[serde(default)]
    pub list: Vec<PermissionApplyApplication>,
}

/// Query of `GET /api/v3/roles-permission-applicable` (node SDK only; wire order as node's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionApplyRoleQuery {
    /// Page number, from 1 (server default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size, at most 50 (server default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Fuzzy match on the role code or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// The application whose roles are listed (required).
    pub app_id: String,
}

impl PermissionApplyRoleQuery {
    /// A query for `app_id`'s roles with server-default paging.
    pub fn new(app_id: impl Into<String>) -> Self {
        PermissionApplyRoleQuery {
            page: None,
            limit: None,
            keyword: None,
            app_id: app_id.into(),
        }
    }
}

/// A role the user may apply for (node `EnablePermissionApplyRole`). Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionApplyRole {
    /// Role id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Role code, unique in the application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Role name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
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
        let r: RoleInfo =
            serde_json::from_str(r#"{"id":"r1","code":"admin","newField":1}"#).unwrap();
        assert_eq!(r.code.as_deref(), Some("admin"));
        assert_eq!(r.extra["newField"], 1);
        let p: Paginated<RoleInfo> = serde_json::from_str("{}").unwrap();
        assert_eq!(p, Paginated::default());
    }
}
