//! Data resources granted by data policies: `get-user-auth-resource-list`,
//! `get-user-auth-resource-permission-list` and `get-user-auth-resource-struct`.

use serde::{Deserialize, Serialize};

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
