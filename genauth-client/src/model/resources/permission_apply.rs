//! Applications and roles the user may apply for permissions in.

use crate::dto;

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
#[dto(extra)]
pub struct PermissionApplyApplication {
    /// Application id.
    pub app_id: Option<String>,
    /// Application name.
    pub app_name: Option<String>,
    /// Logo URL.
    pub logo: Option<String>,
    /// Application type.
    pub app_type: Option<AppType>,
    /// Integration template, for integrated applications.
    pub template: Option<String>,
}

/// `data` of `GET /api/v3/applications-permission-applicable` (node
/// `EnablePermissionApplyApplicationList`).
#[dto]
pub struct PermissionApplyApplications {
    /// The applications.
    #[serde(default)]
    pub list: Vec<PermissionApplyApplication>,
}

/// Query of `GET /api/v3/roles-permission-applicable` (node SDK only; wire order as node's).
#[dto]
pub struct PermissionApplyRoleQuery {
    /// Page number, from 1 (server default 1).
    pub page: Option<u32>,
    /// Page size, at most 50 (server default 10).
    pub limit: Option<u32>,
    /// Fuzzy match on the role code or name.
    pub keyword: Option<String>,
    /// The application whose roles are listed (required).
    pub app_id: String,
}

/// A role the user may apply for (node `EnablePermissionApplyRole`). Others in `extra`.
#[dto(extra)]
pub struct PermissionApplyRole {
    /// Role id.
    pub role_id: Option<String>,
    /// Role code, unique in the application.
    pub code: Option<String>,
    /// Role name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}
