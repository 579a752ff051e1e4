//! Account deletion, security info, and the user's devices and sessions.

use crate::dto;
use crate::secret::Secret;

/// Body of `POST /api/v3/delete-account`.
#[dto]
pub struct DeleteAccountDto {
    /// From `verify-delete-account-request`.
    pub delete_account_token: Secret,
}

/// `data` of `GET /api/v3/get-security-info` (`GetSecurityInfoDto`).
#[dto]
pub struct SecurityInfo {
    /// Password strength level.
    pub password_security_level: Option<i64>,
    /// Whether an MFA factor is enrolled.
    pub mfa_enrolled: Option<bool>,
    /// Whether a password is set.
    pub password_set: Option<bool>,
    /// Whether an email is bound (wire name `emailBinded`, sic).
    pub email_binded: Option<bool>,
    /// Whether a phone is bound (wire name `phoneBinded`, sic).
    pub phone_binded: Option<bool>,
    /// Account security score.
    pub security_score: Option<i64>,
}

/// Body of `POST /api/v3/mydevices/unbind` and `POST /api/v3/mydevices/revoke-session`.
#[dto]
pub struct DeviceIdDto {
    /// The device's id (`device.deviceId` of a [`TerminalSession`]).
    pub device_id: String,
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
#[dto(extra)]
pub struct TerminalDevice {
    /// Device id (what `unbind` / `revoke-session` take).
    pub device_id: String,
    /// Device name.
    pub name: Option<String>,
    /// System version.
    pub version: Option<String>,
    /// Device type.
    #[serde(rename = "type")]
    pub device_type: Option<TerminalDeviceType>,
    /// Device model (wire name `mod`).
    #[serde(rename = "mod")]
    pub model: Option<String>,
    /// Operating system.
    pub os: Option<String>,
    /// Device status.
    pub status: Option<TerminalDeviceStatus>,
    /// User agent.
    pub user_agent: Option<String>,
}

/// One item of `GET /api/v3/mydevices/list` (`TerminalSessionDto`). Unknown fields are kept in
/// `extra`.
#[dto(extra)]
pub struct TerminalSession {
    /// The device.
    pub device: TerminalDevice,
    /// Last login time.
    pub last_login_time: Option<String>,
    /// Last login IP.
    pub last_ip: Option<String>,
    /// Whether the device is online.
    pub online: Option<bool>,
}
