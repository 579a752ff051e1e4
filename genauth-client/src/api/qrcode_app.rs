//! Fastpass / APP QR-code login: the QR-code endpoints not covered by [`super::QrCodeLogin`].

use crate::error::Result;
use crate::model::{
    AppQrCodeLoginDto, FastpassClientApps, FastpassQrCodeInfo, GeneFastpassQrCodeDto,
    LoginTokenSet, QrCodeStatusInfo,
};
use crate::{genauth_api, genauth_endpoint};

/// Fastpass ("quick authentication") QR login, the reverse of [`super::QrCodeLogin`]: the
/// signed-in user's personal-center page generates a code
/// ([`QrCodeAppLogin::gene_fastpass_qrcode_info`]) and polls it
/// ([`QrCodeAppLogin::get_app_login_qr_code_status`]); the GenAuth authenticator APP scans it,
/// lists the client apps it can log in to ([`QrCodeAppLogin::get_fastpass_params`]) and logs in
/// ([`QrCodeAppLogin::qr_code_app_login`]).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait QrCodeAppLogin {
    /// Personal-center side, signed-in user: the data to render as a fastpass QR code
    /// (`POST /api/v3/gene-fastpass-qrcode-info`, user token). `data` is optional in the node
    /// SDK's type, hence the `Option`.
    #[genauth_endpoint(path = "/api/v3/gene-fastpass-qrcode-info", method = POST, auth = user)]
    async fn gene_fastpass_qrcode_info(
        &self,
        body: GeneFastpassQrCodeDto,
    ) -> Result<Option<FastpassQrCodeInfo>>;

    /// APP side, after scanning: the client applications the code allows logging in to
    /// (`GET /api/v3/get-fastpass-client-apps?qrcodeId=&appId=`, user token; the docs do not
    /// state the auth requirement).
    #[genauth_endpoint(path = "/api/v3/get-fastpass-client-apps", method = GET, auth = user)]
    async fn get_fastpass_params(
        &self,
        #[query = "qrcodeId"] qrcode_id: String,
        #[query = "appId"] app_id: String,
    ) -> Result<FastpassClientApps>;

    /// Personal-center side: a fastpass code's status
    /// (`GET /api/v3/get-app-login-qrcode-status?qrcodeId=`; the docs do not state the auth
    /// requirement). py calls it `get_qr_code_status`; renamed (node's name) so it does not
    /// clash with [`super::QrCodeLogin::get_qr_code_status`] on the client.
    #[genauth_endpoint(path = "/api/v3/get-app-login-qrcode-status", method = GET)]
    async fn get_app_login_qr_code_status(
        &self,
        #[query = "qrcodeId"] qrcode_id: String,
    ) -> Result<QrCodeStatusInfo>;

    /// APP side, signed-in user: log in with a scanned fastpass code
    /// (`POST /api/v3/qrcode-app-login`, user token).
    #[genauth_endpoint(path = "/api/v3/qrcode-app-login", method = POST, auth = user)]
    async fn qr_code_app_login(&self, body: AppQrCodeLoginDto) -> Result<LoginTokenSet>;
}
