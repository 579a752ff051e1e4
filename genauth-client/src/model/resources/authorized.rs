//! Authorized resources (`get-my-authorized-resources`), their policy conditions, and the
//! `check-permission-*-resource` checks.

use crate::dto;

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
    /// Whether a policy allows or denies (`effect`).
    pub enum PolicyEffect {
        /// Allowed.
        Allow = "ALLOW",
        /// Denied.
        Deny = "DENY",
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

/// Query of `GET /api/v3/get-my-authorized-resources`.
#[dto]
pub struct AuthorizedResourcesQuery {
    /// Permission namespace code (absent: the default namespace).
    pub namespace: Option<String>,
    /// Only resources of this type.
    pub resource_type: Option<ResourceType>,
}

/// A condition of a policy (node `PolicyCondition`).
#[dto]
pub struct PolicyCondition {
    /// What is tested.
    pub param: Option<PolicyConditionParam>,
    /// How it is compared.
    pub operator: Option<PolicyConditionOperator>,
    /// Against what.
    pub value: Option<String>,
}

/// A resource the user is authorized for (node `AuthorizedResourceDto`). Others in `extra`.
#[dto(extra)]
pub struct AuthorizedResource {
    /// Resource code.
    pub resource_code: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Policy conditions.
    pub condition: Option<Vec<PolicyCondition>>,
    /// Resource type.
    pub resource_type: Option<ResourceType>,
    /// API URL (API resources).
    pub api_identifier: Option<String>,
    /// Authorized actions.
    pub actions: Option<Vec<String>>,
    /// Allow or deny.
    pub effect: Option<PolicyEffect>,
}

/// Body of the three `check-permission-{string,array,tree}-resource` endpoints (node
/// `CheckPermission{String,Array,Tree}ResourceDto`, same fields).
#[dto]
pub struct CheckResourcePermissionDto {
    /// Data-resource paths (tree resources: down to the node, e.g. `code/node/child`).
    pub resources: Vec<String>,
    /// The action, such as `read`, `get` or `write`.
    pub action: String,
}

/// One result of a permission check (node `CheckResourcePermissionRespDto`).
#[dto(extra)]
pub struct ResourcePermissionCheck {
    /// Permission namespace code.
    pub namespace_code: Option<String>,
    /// The action checked.
    pub action: Option<String>,
    /// The resource path checked.
    pub resource: Option<String>,
    /// Whether the user may.
    pub enabled: Option<bool>,
}

/// `data` of the permission checks (node `CheckResourcePermissionDataDto`).
#[dto]
pub struct ResourcePermissionChecks {
    /// One result per resource.
    #[serde(default)]
    pub check_result_list: Vec<ResourcePermissionCheck>,
}
