//! The signed-in user's resources (the docs' "User Related Resources"): login history, apps,
//! tenants, roles, groups, departments, authorized resources and data-resource permissions.

use crate::error::Result;
use crate::model::{
    AuthorizedResource, AuthorizedResourcesQuery, CheckResourcePermissionDto, DepartmentListQuery,
    GetUserAuthResourcePermissionListDto, GetUserAuthResourceStructDto, GroupInfo,
    LoginHistoryEntry, LoginHistoryQuery, Paginated, PermissionApplyApplications,
    PermissionApplyRole, PermissionApplyRoleQuery, ResourcePermissionChecks,
    ResourcePermissionList, RoleInfo, UserApp, UserAuthResourceList, UserAuthResourceStruct,
    UserDepartment, UserTenant,
};
use crate::{genauth_api, genauth_endpoint};

/// What the signed-in user has and may do. Every endpoint needs the user's access token on the
/// client.
///
/// Paging and sorting parameters are sent only when set: the official node SDK fills
/// `page=1&limit=10` (and `withCustomData=false`, `sortBy=JoinDepartmentAt&orderBy=Desc`) itself,
/// which are the server's defaults anyway.
///
/// Response types follow the node SDK's DTOs; those shapes are not confirmed by a recording, so
/// every field is optional and entities keep unknown fields in `extra`.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Resources {
    /// The user's login history, paged (`GET /api/v3/get-my-login-history`, user token).
    #[genauth_endpoint(path = "/api/v3/get-my-login-history", method = GET, auth = user)]
    async fn get_login_history(
        &self,
        #[query] query: LoginHistoryQuery,
    ) -> Result<Paginated<LoginHistoryEntry>>;

    /// Applications the user is signed in to (`GET /api/v3/get-my-logged-in-apps`, user token).
    #[genauth_endpoint(path = "/api/v3/get-my-logged-in-apps", method = GET, auth = user)]
    async fn get_logged_in_apps(&self) -> Result<Vec<UserApp>>;

    /// Applications the user may access (`GET /api/v3/get-my-accessible-apps`, user token).
    #[genauth_endpoint(path = "/api/v3/get-my-accessible-apps", method = GET, auth = user)]
    async fn get_accessible_apps(&self) -> Result<Vec<UserApp>>;

    /// Tenants the user belongs to (`GET /api/v3/get-my-tenant-list`, user token).
    #[genauth_endpoint(path = "/api/v3/get-my-tenant-list", method = GET, auth = user)]
    async fn get_tenant_list(&self) -> Result<Vec<UserTenant>>;

    /// The user's roles in a permission namespace (absent: the default one)
    /// (`GET /api/v3/get-my-role-list?namespace=`, user token).
    #[genauth_endpoint(path = "/api/v3/get-my-role-list", method = GET, auth = user)]
    async fn get_role_list(
        &self,
        #[query = "namespace"] namespace: Option<String>,
    ) -> Result<Vec<RoleInfo>>;

    /// The user's groups (`GET /api/v3/get-my-group-list`, user token).
    #[genauth_endpoint(path = "/api/v3/get-my-group-list", method = GET, auth = user)]
    async fn get_group_list(&self) -> Result<Vec<GroupInfo>>;

    /// The user's departments, paged and sorted (`GET /api/v3/get-my-department-list`, user
    /// token; node SDK only).
    #[genauth_endpoint(path = "/api/v3/get-my-department-list", method = GET, auth = user)]
    async fn get_department_list(
        &self,
        #[query] query: DepartmentListQuery,
    ) -> Result<Paginated<UserDepartment>>;

    /// Resources the user is authorized for (`GET /api/v3/get-my-authorized-resources`, user
    /// token).
    #[genauth_endpoint(path = "/api/v3/get-my-authorized-resources", method = GET, auth = user)]
    async fn get_authorized_resources(
        &self,
        #[query] query: AuthorizedResourcesQuery,
    ) -> Result<Paginated<AuthorizedResource>>;

    /// Whether the user may perform an action on string data resources
    /// (`POST /api/v3/check-permission-string-resource`, user token).
    #[genauth_endpoint(path = "/api/v3/check-permission-string-resource", method = POST,
        auth = user)]
    async fn check_permission_by_string_resource(
        &self,
        body: CheckResourcePermissionDto,
    ) -> Result<ResourcePermissionChecks>;

    /// Whether the user may perform an action on array data resources
    /// (`POST /api/v3/check-permission-array-resource`, user token).
    #[genauth_endpoint(path = "/api/v3/check-permission-array-resource", method = POST,
        auth = user)]
    async fn check_permission_by_array_resource(
        &self,
        body: CheckResourcePermissionDto,
    ) -> Result<ResourcePermissionChecks>;

    /// Whether the user may perform an action on tree data resources (paths down to the node)
    /// (`POST /api/v3/check-permission-tree-resource`, user token).
    #[genauth_endpoint(path = "/api/v3/check-permission-tree-resource", method = POST,
        auth = user)]
    async fn check_permission_by_tree_resource(
        &self,
        body: CheckResourcePermissionDto,
    ) -> Result<ResourcePermissionChecks>;

    /// The data resources granted to the user in the current application
    /// (`GET /api/v3/get-user-auth-resource-list`, user token).
    #[genauth_endpoint(path = "/api/v3/get-user-auth-resource-list", method = GET, auth = user)]
    async fn get_user_authorized_resources_list(&self) -> Result<UserAuthResourceList>;

    /// The user's actions on the given data resources
    /// (`POST /api/v3/get-user-auth-resource-permission-list`, user token).
    #[genauth_endpoint(path = "/api/v3/get-user-auth-resource-permission-list", method = POST,
        auth = user)]
    async fn get_user_auth_resource_permission_list(
        &self,
        body: GetUserAuthResourcePermissionListDto,
    ) -> Result<ResourcePermissionList>;

    /// The structure of one data resource with the user's actions on it
    /// (`POST /api/v3/get-user-auth-resource-struct`, user token).
    #[genauth_endpoint(path = "/api/v3/get-user-auth-resource-struct", method = POST, auth = user)]
    async fn get_user_auth_resource_struct(
        &self,
        body: GetUserAuthResourceStructDto,
    ) -> Result<UserAuthResourceStruct>;

    /// Applications the user may apply for permissions in, optionally fuzzy-matched by name
    /// (`GET /api/v3/applications-permission-applicable?appName=`, user token; node SDK only).
    #[genauth_endpoint(path = "/api/v3/applications-permission-applicable", method = GET,
        auth = user)]
    async fn get_enable_permission_apply_application_list(
        &self,
        #[query = "appName"] app_name: Option<String>,
    ) -> Result<PermissionApplyApplications>;

    /// Roles of an application the user may apply for, paged
    /// (`GET /api/v3/roles-permission-applicable`, user token; node SDK only).
    #[genauth_endpoint(path = "/api/v3/roles-permission-applicable", method = GET, auth = user)]
    async fn get_enable_permission_apply_role_list(
        &self,
        #[query] query: PermissionApplyRoleQuery,
    ) -> Result<Paginated<PermissionApplyRole>>;
}
