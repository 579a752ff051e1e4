//! Permission-apply approvals (node SDK only).

use crate::dto;

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
#[dto]
#[derive(Copy)]
pub struct ApprovalExtraParams {
    /// When the role expires, milliseconds since the epoch (absent: never).
    pub end_time: Option<i64>,
    /// When the role takes effect, milliseconds since the epoch (absent: at once).
    pub enable_time: Option<i64>,
}

/// Body of `POST /api/v3/approval` (`CreateApprovalReq`).
#[dto]
pub struct CreateApprovalDto {
    /// What is applied for.
    pub object_type: ApprovalObjectType,
    /// The application or role id.
    pub object_id: String,
    /// Role applications: validity window.
    pub extra_params: Option<ApprovalExtraParams>,
}

/// Body of `POST /api/v3/approval-batch` (`BatchCreateApprovalReq`).
#[dto]
pub struct BatchCreateApprovalDto {
    /// What is applied for.
    pub object_type: ApprovalObjectType,
    /// The application or role ids.
    pub object_ids: Vec<String>,
    /// Role applications: validity window.
    pub extra_params: Option<ApprovalExtraParams>,
}

/// `data` of `POST /api/v3/approval` (`CreateApprovalDto` in node).
#[dto]
pub struct CreatedApproval {
    /// Approval id.
    pub approval_id: Option<i64>,
    /// Approval number (for `GET /api/v3/approval?number=`).
    pub number: String,
}

/// An approval (`ApprovalDetailDto` / `InitiatedApproval`). Unknown fields are kept in `extra`.
#[dto(extra)]
pub struct ApprovalDetail {
    /// Approval id.
    pub approval_id: Option<i64>,
    /// Approval number.
    pub number: Option<String>,
    /// Status.
    pub status: Option<ApprovalStatus>,
    /// Submission time.
    pub submit_time: Option<String>,
    /// Closing time.
    pub closed_time: Option<String>,
    /// What was applied for.
    pub object_type: Option<ApprovalObjectType>,
    /// The applications or roles applied for, as JSON: node documents it as an array but types
    /// it as one object (`{objectId, objectName, logo}` for applications, `{objectId,
    /// objectName, roleCode, namespaceId, namespaceCode}` for roles), so the shape is not
    /// established.
    pub approval_object_list: Option<serde_json::Value>,
    /// Role applications: validity window.
    pub extra_params: Option<ApprovalExtraParams>,
}

/// Query of `GET /api/v3/approval-initiated-list`. Absent parameters are omitted (node fills
/// `pageNo=1&pageSize=10`).
#[dto]
pub struct InitiatedApprovalListQuery {
    /// Page, from 1.
    pub page_no: Option<u32>,
    /// Page size, at most 50 (server default 10).
    pub page_size: Option<u32>,
    /// Only approvals of this type.
    pub object_type: Option<ApprovalObjectType>,
    /// Fuzzy search on the approval number or applicant name.
    pub keyword: Option<String>,
}

/// `data` of `approval-initiated-list` (`InitiatedApprovalPageList`).
#[dto]
pub struct InitiatedApprovalList {
    /// The approvals on this page.
    #[serde(default)]
    pub list: Vec<ApprovalDetail>,
    /// Total number of approvals.
    pub total_count: Option<u64>,
}
