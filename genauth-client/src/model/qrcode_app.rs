//! Fastpass / APP QR-code login: the user's personal-center page (signed in) shows a QR code,
//! the GenAuth authenticator APP scans it and logs in.
//!
//! Request shapes are the recorded wire. Response shapes follow the node SDK's DTOs and are not
//! confirmed by a recording: fields are optional and unknown ones are kept in `extra`.

use serde::{Deserialize, Serialize};

use super::SignInScopeOptions;

/// Body of `POST /api/v3/gene-fastpass-qrcode-info` (node `SignInFastpassDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GeneFastpassQrCodeDto {
    /// Token options for the APP's login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<SignInScopeOptions>,
}

/// `user` / `userpool` of [`FastpassQrCodeInfo`] (node `FastpassUserInfoDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FastpassUserInfo {
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Avatar / logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
}

/// `data` of `gene-fastpass-qrcode-info` (node `GeneFastpassQRCodeInfoDto`): what to encode in
/// the QR code. Others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FastpassQrCodeInfo {
    /// Where the code is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene: Option<String>,
    /// The code's id, for status polling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qrcode_id: Option<String>,
    /// API host the APP should call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_host: Option<String>,
    /// The signed-in user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<FastpassUserInfo>,
    /// The application the user was signed in to when generating the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// The user pool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userpool: Option<FastpassUserInfo>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A client application offered for fastpass login (node `FastpassQRCodeRelationAppDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FastpassRelationApp {
    /// Application id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Application name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

/// `data` of `GET /api/v3/get-fastpass-client-apps` (node `GetFastpassQRCodeRelationAppsDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FastpassClientApps {
    /// The client applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation_apps: Option<Vec<FastpassRelationApp>>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

open_enum! {
    /// `action` of `POST /api/v3/qrcode-app-login`.
    pub enum AppQrCodeLoginAction {
        /// Log the APP in with the scanned code (the only documented value).
        AppLogin = "APP_LOGIN",
    }
}

/// Body of `POST /api/v3/qrcode-app-login` (node `AppQRCodeLoginDto`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppQrCodeLoginDto {
    /// `APP_LOGIN`.
    pub action: AppQrCodeLoginAction,
    /// The scanned code's id.
    pub qrcode_id: String,
}

impl AppQrCodeLoginDto {
    /// `{action: "APP_LOGIN", qrcodeId}`.
    pub fn new(qrcode_id: impl Into<String>) -> Self {
        AppQrCodeLoginDto {
            action: AppQrCodeLoginAction::AppLogin,
            qrcode_id: qrcode_id.into(),
        }
    }
}
