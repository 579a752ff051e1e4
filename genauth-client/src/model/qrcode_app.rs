//! Fastpass / APP QR-code login: the user's personal-center page (signed in) shows a QR code,
//! the GenAuth authenticator APP scans it and logs in.
//!
//! Request shapes are the recorded wire. Response shapes follow the node SDK's DTOs and are not
//! confirmed by a recording: fields are optional and unknown ones are kept in `extra`.

use super::SignInScopeOptions;
use crate::dto;

/// Body of `POST /api/v3/gene-fastpass-qrcode-info` (node `SignInFastpassDto`).
#[dto]
pub struct GeneFastpassQrCodeDto {
    /// Token options for the APP's login.
    pub options: Option<SignInScopeOptions>,
}

/// `user` / `userpool` of [`FastpassQrCodeInfo`] (node `FastpassUserInfoDto`).
#[dto]
pub struct FastpassUserInfo {
    /// Id.
    pub id: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Avatar / logo URL.
    pub photo: Option<String>,
}

/// `data` of `gene-fastpass-qrcode-info` (node `GeneFastpassQRCodeInfoDto`): what to encode in
/// the QR code. Others in `extra`.
#[dto(extra)]
pub struct FastpassQrCodeInfo {
    /// Where the code is used.
    pub scene: Option<String>,
    /// The code's id, for status polling.
    pub qrcode_id: Option<String>,
    /// API host the APP should call.
    pub api_host: Option<String>,
    /// The signed-in user.
    pub user: Option<FastpassUserInfo>,
    /// The application the user was signed in to when generating the code.
    pub app_id: Option<String>,
    /// The user pool.
    pub userpool: Option<FastpassUserInfo>,
}

/// A client application offered for fastpass login (node `FastpassQRCodeRelationAppDto`).
#[dto]
pub struct FastpassRelationApp {
    /// Application id.
    pub id: Option<String>,
    /// Application name.
    pub name: Option<String>,
    /// Logo URL.
    pub logo: Option<String>,
}

/// `data` of `GET /api/v3/get-fastpass-client-apps` (node `GetFastpassQRCodeRelationAppsDto`).
#[dto(extra)]
pub struct FastpassClientApps {
    /// The client applications.
    pub relation_apps: Option<Vec<FastpassRelationApp>>,
}

open_enum! {
    /// `action` of `POST /api/v3/qrcode-app-login`.
    pub enum AppQrCodeLoginAction {
        /// Log the APP in with the scanned code (the only documented value).
        AppLogin = "APP_LOGIN",
    }
}

/// Body of `POST /api/v3/qrcode-app-login` (node `AppQRCodeLoginDto`).
#[dto]
pub struct AppQrCodeLoginDto {
    /// `APP_LOGIN`.
    pub action: AppQrCodeLoginAction,
    /// The scanned code's id.
    pub qrcode_id: String,
}

impl AppQrCodeLoginDto {
    /// `{action: "APP_LOGIN", qrcodeId}`: the one documented action (the field's `Default` is
    /// no action at all).
    pub fn new(qrcode_id: impl Into<String>) -> Self {
        AppQrCodeLoginDto {
            action: AppQrCodeLoginAction::AppLogin,
            qrcode_id: qrcode_id.into(),
        }
    }
}
