//! Account deletion, security info, and the user's devices and sessions.

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// Body of `POST /api/v3/delete-account`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteAccountDto {
    /// From `verify-delete-account-request`.
    pub delete_account_token: Secret,
}

/// `data` of `GET /api/v3/get-security-info` (`GetSecurityInfoDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityInfo {
    /// Password strength level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_security_level: Option<i64>,
    /// Whether an MFA factor is enrolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_enrolled: Option<bool>,
    /// Whether a password is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_set: Option<bool>,
    /// Whether an email is bound (wire name `emailBinded`, sic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_binded: Option<bool>,
    /// Whether a phone is bound (wire name `phoneBinded`, sic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_binded: Option<bool>,
    /// Account security score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_score: Option<i64>,
}

/// Body of `POST /api/v3/mydevices/unbind` and `POST /api/v3/mydevices/revoke-session`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceIdDto {
    /// The device's id (`device.deviceId` of a [`TerminalSession`]).
    pub device_id: String,
}

impl DeviceIdDto {
    /// The body for `device_id`.
    pub fn new(device_id: impl Into<String>) -> Self {
        DeviceIdDto {
            device_id: device_id.into(),
        }
    }
}

open_enum! {
    /// `type` of a [`TerminalDevice`].
    pub enum TerminalDeviceType {
        /// A browser.
        Browser = "Browser",
        /// A mobile device.
        Mobile = "Mobile",
        /// A desktop application.
        Desktop = "Desktop",
    }
}

open_enum! {
    /// `status` of a [`TerminalDevice`].
    pub enum TerminalDeviceStatus {
        /// Active.
        Activated = "activated",
        /// Suspended.
        Suspended = "suspended",
        /// Deactivated.
        Deactivated = "deactivated",
    }
}

/// `device` of a [`TerminalSession`] (`DeviceInfo`). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TerminalDevice {
    /// Device id (what `unbind` / `revoke-session` take).
    pub device_id: String,
    /// Device name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// System version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Device type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub device_type: Option<TerminalDeviceType>,
    /// Device model (wire name `mod`).
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    /// Device status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TerminalDeviceStatus>,
    /// User agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One item of `GET /api/v3/mydevices/list` (`TerminalSessionDto`). Unknown fields are kept in
/// `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TerminalSession {
    /// The device.
    pub device: TerminalDevice,
    /// Last login time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_time: Option<String>,
    /// Last login IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_ip: Option<String>,
    /// Whether the device is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<bool>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
