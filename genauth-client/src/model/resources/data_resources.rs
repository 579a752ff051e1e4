//! Data resources granted by data policies: `get-user-auth-resource-list`,
//! `get-user-auth-resource-permission-list` and `get-user-auth-resource-struct`.

use crate::dto;

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

/// A string resource grant: its value and actions (node `StrAuthorize` / `StrResourceAuthAction`).
#[dto]
pub struct StrResourceGrant {
    /// The string value.
    pub value: Option<String>,
    /// Authorized actions.
    pub actions: Option<Vec<String>>,
}

/// An array resource grant: its values and actions (node `ArrayAuthorize` /
/// `ArrResourceAuthAction`).
#[dto]
pub struct ArrResourceGrant {
    /// The array values.
    pub values: Option<Vec<String>>,
    /// Authorized actions.
    pub actions: Option<Vec<String>>,
}

/// One authorized node of a tree resource (node `TreeAuthBo`).
#[dto]
pub struct TreeNodeGrant {
    /// Node path.
    pub node_path: Option<String>,
    /// Node name.
    pub node_name: Option<String>,
    /// Authorized actions on the node.
    pub node_actions: Option<Vec<String>>,
    /// Node value.
    pub node_value: Option<String>,
    /// The node's extension field values (free-form JSON).
    pub node_extend_field_value: Option<serde_json::Value>,
}

/// A tree resource grant (node `TreeAuthorize`).
#[dto]
pub struct TreeResourceGrant {
    /// Authorized nodes.
    #[serde(default)]
    pub auth_list: Vec<TreeNodeGrant>,
}

/// A data resource granted by a data policy (node `OpenResource`); the grant matching
/// `resource_type` is set.
#[dto(extra)]
pub struct DataResourceGrant {
    /// Resource code.
    pub resource_code: Option<String>,
    /// Tree, string or array.
    pub resource_type: Option<DataResourceType>,
    /// For `STRING`.
    pub str_authorize: Option<StrResourceGrant>,
    /// For `ARRAY`.
    pub arr_authorize: Option<ArrResourceGrant>,
    /// For `TREE`.
    pub tree_authorize: Option<TreeResourceGrant>,
}

/// The user's data resources in one namespace (node `UserAuthResourceListDto`).
#[dto(extra)]
pub struct UserAuthResources {
    /// User id.
    pub user_id: Option<String>,
    /// Permission namespace code.
    pub namespace_code: Option<String>,
    /// The granted resources.
    pub resource_list: Option<Vec<DataResourceGrant>>,
}

/// `data` of `GET /api/v3/get-user-auth-resource-list` (node `GetUserAuthResourceListDataDto`).
#[dto]
pub struct UserAuthResourceList {
    /// Per namespace.
    #[serde(default)]
    pub user_permission_list: Vec<UserAuthResources>,
}

/// Body of `POST /api/v3/get-user-auth-resource-permission-list`.
#[dto]
pub struct GetUserAuthResourcePermissionListDto {
    /// Data-resource paths (tree resources: down to the node).
    pub resources: Vec<String>,
}

/// The user's actions on one resource (node `GetUserAuthResourcePermissionList`).
#[dto(extra)]
pub struct ResourcePermission {
    /// Permission namespace code (the current application's).
    pub namespace_code: Option<String>,
    /// Authorized actions.
    pub actions: Option<Vec<String>>,
    /// The resource path.
    pub resource: Option<String>,
}

/// `data` of `get-user-auth-resource-permission-list`.
#[dto]
pub struct ResourcePermissionList {
    /// One entry per resource.
    #[serde(default)]
    pub permission_list: Vec<ResourcePermission>,
}

/// Body of `POST /api/v3/get-user-auth-resource-struct`.
#[dto]
pub struct GetUserAuthResourceStructDto {
    /// The data resource code.
    pub resource: String,
}

/// A node of a tree resource with the user's actions (node `TreeStructs`).
#[dto]
pub struct TreeResourceNode {
    /// Node code, unique among its siblings.
    pub code: Option<String>,
    /// Node name.
    pub name: Option<String>,
    /// Node value.
    pub value: Option<String>,
    /// Authorized actions.
    pub actions: Option<Vec<String>>,
    /// Children (at most five levels).
    pub children: Option<Vec<TreeResourceNode>>,
}

/// `treeResourceAuthAction` (node `TreeResourceAuthAction`).
#[dto]
pub struct TreeResourceAuthAction {
    /// The tree's nodes.
    pub node_auth_action_list: Option<Vec<TreeResourceNode>>,
}

/// `data` of `get-user-auth-resource-struct` (node `GetUserAuthResourceStructDataDto`); the
/// member matching `resource_type` is set.
#[dto(extra)]
pub struct UserAuthResourceStruct {
    /// Permission namespace code.
    pub namespace_code: Option<String>,
    /// Resource code.
    pub resource_code: Option<String>,
    /// Tree, string or array.
    pub resource_type: Option<DataResourceType>,
    /// For `STRING`.
    pub str_resource_auth_action: Option<StrResourceGrant>,
    /// For `ARRAY`.
    pub arr_resource_auth_action: Option<ArrResourceGrant>,
    /// For `TREE`.
    pub tree_resource_auth_action: Option<TreeResourceAuthAction>,
}
