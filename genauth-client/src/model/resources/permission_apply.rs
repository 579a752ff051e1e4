//! Applications and roles the user may apply for permissions in.

use serde::{Deserialize, Serialize};

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
