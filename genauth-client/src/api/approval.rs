//! Permission-apply approvals (node SDK only).

use crate::error::Result;
use crate::model::{
    ApprovalDetail, BatchCreateApprovalDto, CreateApprovalDto, CreatedApproval,
    InitiatedApprovalList, InitiatedApprovalListQuery, IsSuccess,
};
use crate::{genauth_api, genauth_endpoint};

/// The signed-in user's applications for application access or roles (node SDK 4.0.1 only; not
/// in `@genauth/nodejs` 1.0.0 nor py 5.1.0).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Approval {
    /// Apply for one application or role (`POST /api/v3/approval`, user token; node's
    /// `createApproval`).
    #[genauth_endpoint(path = "/api/v3/approval", method = POST, auth = user)]
    async fn create_approval(&self, body: CreateApprovalDto) -> Result<CreatedApproval>;

    /// One approval by number (`GET /api/v3/approval?number=`, user token; node's `getDetail`).
    #[genauth_endpoint(path = "/api/v3/approval", method = GET, auth = user)]
    async fn get_approval_detail(
        &self,
        #[query = "number"] number: String,
    ) -> Result<ApprovalDetail>;

    /// Apply for several applications or roles (`POST /api/v3/approval-batch`, user token;
    /// node's `batchCreateApproval`).
    #[genauth_endpoint(path = "/api/v3/approval-batch", method = POST, auth = user)]
    async fn batch_create_approval(&self, body: BatchCreateApprovalDto) -> Result<IsSuccess>;

    /// The approvals the user initiated (`GET /api/v3/approval-initiated-list`, user token;
    /// node's `initiatedList`).
    #[genauth_endpoint(path = "/api/v3/approval-initiated-list", method = GET, auth = user)]
    async fn list_initiated_approvals(
        &self,
        #[query] query: InitiatedApprovalListQuery,
    ) -> Result<InitiatedApprovalList>;

    /// `POST /api/v2/applications/subject/person/list` (user token; node's `listSubjectAuth`,
    /// sent with no body). Undocumented: node types the answer `any`, and as a v2 endpoint it
    /// need not use the v3 `statusCode` envelope, so the whole response body is returned as
    /// JSON, undecoded (`response = bare`).
    #[genauth_endpoint(path = "/api/v2/applications/subject/person/list", method = POST,
        auth = user, response = bare)]
    async fn list_subject_auth(&self) -> Result<serde_json::Value>;
}
