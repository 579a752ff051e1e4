//! Permission-apply approvals (node SDK only).

use serde::{Deserialize, Serialize};

open_enum! {
    /// What an approval asks for (`objectType`).
    pub enum ApprovalObjectType {
        /// Access to an application (`objectId` is an application id).
        AppPermissionApply = "APP_PERMISSION_APPLY",
        /// A role (`objectId` is a role id).
        RolePermissionApply = "ROLE_PERMISSION_APPLY",
    }
}

open_enum! {
    /// An approval's status.
    pub enum ApprovalStatus {
        /// Waiting.
        Pending = "PENDING",
        /// Granted.
        Agreed = "AGREED",
        /// Refused.
        Refused = "REFUSED",
    }
}

/// `extraParams` of an approval (role applications only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalExtraParams {
    /// When the role expires, milliseconds since the epoch (absent: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<i64>,
    /// When the role takes effect, milliseconds since the epoch (absent: at once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_time: Option<i64>,
}

/// Body of `POST /api/v3/approval` (`CreateApprovalReq`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateApprovalDto {
    /// What is applied for.
    pub object_type: ApprovalObjectType,
    /// The application or role id.
    pub object_id: String,
    /// Role applications: validity window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_params: Option<ApprovalExtraParams>,
}

/// Body of `POST /api/v3/approval-batch` (`BatchCreateApprovalReq`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCreateApprovalDto {
    /// What is applied for.
    pub object_type: ApprovalObjectType,
    /// The application or role ids.
    pub object_ids: Vec<String>,
    /// Role applications: validity window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_params: Option<ApprovalExtraParams>,
}

/// `data` of `POST /api/v3/approval` (`CreateApprovalDto` in node).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApproval {
    /// Approval id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<i64>,
    /// Approval number (for `GET /api/v3/approval?number=`).
    pub number: String,
}

/// An approval (`ApprovalDetailDto` / `InitiatedApproval`). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalDetail {
    /// Approval id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<i64>,
    /// Approval number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApprovalStatus>,
    /// Submission time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_time: Option<String>,
    /// Closing time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_time: Option<String>,
    /// What was applied for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<ApprovalObjectType>,
    /// The applications or roles applied for, as JSON: node documents it as an array but types
    /// it as one object (`{objectId, objectName, logo}` for applications, `{objectId,
    /// objectName, roleCode, namespaceId, namespaceCode}` for roles), so the shape is not
    /// established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_object_list: Option<serde_json::Value>,
    /// Role applications: validity window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_params: Option<ApprovalExtraParams>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Query of `GET /api/v3/approval-initiated-list`. Absent parameters are omitted (node fills
/// `pageNo=1&pageSize=10`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InitiatedApprovalListQuery {
    /// Page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_no: Option<u32>,
    /// Page size, at most 50 (server default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// Only approvals of this type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<ApprovalObjectType>,
    /// Fuzzy search on the approval number or applicant name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
}

/// `data` of `approval-initiated-list` (`InitiatedApprovalPageList`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InitiatedApprovalList {
    /// The approvals on this page.
    #[serde(default)]
    pub list: Vec<ApprovalDetail>,
    /// Total number of approvals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
}
