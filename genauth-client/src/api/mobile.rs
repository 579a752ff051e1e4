//! Mobile social login: `signin-by-mobile` and the Alipay `authInfo` it needs first.

use crate::error::Result;
use crate::model::{AlipayAuthInfo, LoginTokenSet, SignInByMobileDto};
use crate::{genauth_api, genauth_endpoint};

/// Login with a social identity obtained by a mobile SDK (WeChat, Apple, Alipay, Lark, …): the
/// docs' "Login with Mobile Social Login" and "Get Alipay AuthInfo".
///
/// ```no_run
/// # extern crate genauth_client as genauth;
/// use genauth::{ClientOptions, GenAuthClient, MobileConnection, MobileLogin, SignInByMobileDto};
///
/// # async fn run() -> genauth::Result<()> {
/// let client = GenAuthClient::new(ClientOptions::from_env()?)?;
/// let tokens = client
///     .sign_in_by_mobile(SignInByMobileDto {
///         ext_idp_conn_identifier: "wechat-conn".into(),
///         connection: MobileConnection::wechat("CODE"),
///         ..Default::default()
///     })
///     .await?;
/// # let _ = tokens; Ok(()) }
/// ```
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait MobileLogin {
    /// Sign in with a mobile social login result (`POST /api/v3/signin-by-mobile`, client auth
    /// as for `/api/v3/signin`).
    #[genauth_endpoint(path = "/api/v3/signin-by-mobile", method = POST, auth = client)]
    async fn sign_in_by_mobile(&self, body: SignInByMobileDto) -> Result<LoginTokenSet>;

    /// The `authInfo` that launches the Alipay app for an Alipay connection
    /// (`GET /api/v3/get-alipay-authinfo?extIdpConnidentifier=`).
    #[genauth_endpoint(path = "/api/v3/get-alipay-authinfo", method = GET)]
    async fn get_alipay_auth_info(
        &self,
        #[query = "extIdpConnidentifier"] ext_idp_conn_identifier: String,
    ) -> Result<AlipayAuthInfo>;
}
