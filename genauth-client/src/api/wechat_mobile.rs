//! WeChat mobile login (`/api/v2/ecConn/wechatMobile/*`) with the "ask to bind" flow.

use crate::error::Result;
use crate::model::{
    LoginTokenSet, WechatBindByAccountDto, WechatBindByAccountIdDto, WechatBindByEmailCodeDto,
    WechatBindByPhoneCodeDto, WechatBindByRegisterDto, WechatMobileAuthByCodeIdentityDto,
    WechatMobileAuthResult, WechatSelectAccountDto,
};
use crate::{genauth_api, genauth_endpoint};

/// WeChat login from a mobile app: [`WechatMobileLogin::auth_by_code_identity`] with the code
/// from the WeChat SDK; when the connection asks new users to bind an existing account, it
/// yields an intermediate-state key instead of tokens, and one of the other methods finishes the
/// login with that key.
///
/// These are v2 endpoints: node types their replies as the bare token set, so each accepts a
/// bare or an enveloped reply.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait WechatMobileLogin {
    /// Log in with the WeChat authorization code
    /// (`POST /api/v2/ecConn/wechatMobile/authByCodeIdentity`).
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/authByCodeIdentity", method = POST,
        response = either)]
    async fn auth_by_code_identity(
        &self,
        body: WechatMobileAuthByCodeIdentityDto,
    ) -> Result<WechatMobileAuthResult>;

    /// Bind: create a user from the WeChat profile and log in
    /// (`POST /api/v2/ecConn/wechatMobile/register`).
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/register", method = POST,
        response = either)]
    async fn register_new_user(&self, body: WechatBindByRegisterDto) -> Result<LoginTokenSet>;

    /// Bind to the account found by an email passcode and log in
    /// (`POST /api/v2/ecConn/wechatMobile/byEmailCode`).
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/byEmailCode", method = POST,
        response = either)]
    async fn bind_by_email_code(&self, body: WechatBindByEmailCodeDto) -> Result<LoginTokenSet>;

    /// Bind to the account found by an SMS passcode and log in
    /// (`POST /api/v2/ecConn/wechatMobile/byPhoneCode`).
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/byPhoneCode", method = POST,
        response = either)]
    async fn bind_by_phone_code(&self, body: WechatBindByPhoneCodeDto) -> Result<LoginTokenSet>;

    /// Bind to the account found by account + password and log in
    /// (`POST /api/v2/ecConn/wechatMobile/byAccount`). The password is sent as given, not
    /// encrypted: this body has no `passwordEncryptType` on the wire, so no password hook is
    /// declared.
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/byAccount", method = POST,
        response = either)]
    async fn bind_by_account(&self, body: WechatBindByAccountDto) -> Result<LoginTokenSet>;

    /// Bind to one of several matching accounts and log in
    /// (`POST /api/v2/ecConn/wechatMobile/select`).
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/select", method = POST,
        response = either)]
    async fn select_account(&self, body: WechatSelectAccountDto) -> Result<LoginTokenSet>;

    /// Bind to the account with this id and log in
    /// (`POST /api/v2/ecConn/wechatMobile/byAccountId`).
    #[genauth_endpoint(path = "/api/v2/ecConn/wechatMobile/byAccountId", method = POST,
        response = either)]
    async fn bind_by_account_id(&self, body: WechatBindByAccountIdDto) -> Result<LoginTokenSet>;
}
