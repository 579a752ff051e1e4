//! Push login through the GenAuth authenticator APP.

use crate::error::Result;
use crate::model::{
    ChangePushCodeStatusDto, GetPushLoginRelationAppsDto, IsSuccess, PushCode, PushCodeStatusInfo,
    PushLoginRelationApps, SignInByPushDto,
};
use crate::{genauth_api, genauth_endpoint};

/// Push login: the web side starts it for an account ([`PushLogin::sign_in_by_push`]) and polls
/// it ([`PushLogin::check_push_code_status`]); the APP, with its signed-in user's token on its
/// client, checks the requesting app ([`PushLogin::get_push_login_relation_apps`]) and confirms
/// or declines ([`PushLogin::set_push_code_status`]); the web side's next poll then carries the
/// token set.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait PushLogin {
    /// Web side: push a login request to the account's APP (`POST /api/v3/signin-by-push`).
    #[genauth_endpoint(path = "/api/v3/signin-by-push", method = POST)]
    async fn sign_in_by_push(&self, body: SignInByPushDto) -> Result<PushCode>;

    /// Web side: a push login's status, with the tokens once `AUTHORIZED`
    /// (`GET /api/v3/check-pushcode-status?pushCodeId=`).
    #[genauth_endpoint(path = "/api/v3/check-pushcode-status", method = GET)]
    async fn check_push_code_status(
        &self,
        #[query = "pushCodeId"] push_code_id: String,
    ) -> Result<PushCodeStatusInfo>;

    /// APP side, signed-in user: confirm or decline (`POST /api/v3/change-pushcode-status`, user
    /// token). The node SDK marks it deprecated ("irregular response") in favour of
    /// [`PushLogin::set_push_code_status`].
    #[genauth_endpoint(path = "/api/v3/change-pushcode-status", method = POST, auth = user)]
    async fn change_push_code_status(&self, body: ChangePushCodeStatusDto) -> Result<()>;

    /// APP side, signed-in user: the same as `change-pushcode-status`, answering `{success}`
    /// (`POST /api/v3/set-pushcode-status`, user token; node SDK only).
    #[genauth_endpoint(path = "/api/v3/set-pushcode-status", method = POST, auth = user)]
    async fn set_push_code_status(&self, body: ChangePushCodeStatusDto) -> Result<IsSuccess>;

    /// APP side, signed-in user: the client applications related to the one that started the
    /// push login, to decide whether this APP may authorize it
    /// (`POST /api/v3/get-pushlogin-relation-apps`, user token).
    #[genauth_endpoint(path = "/api/v3/get-pushlogin-relation-apps", method = POST, auth = user)]
    async fn get_push_login_relation_apps(
        &self,
        body: GetPushLoginRelationAppsDto,
    ) -> Result<PushLoginRelationApps>;
}
