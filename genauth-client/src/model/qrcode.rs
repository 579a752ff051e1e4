//! QR-code login: the web side generates and polls a code, the (signed-in) APP side
//! scans and confirms it, and the web side exchanges the resulting ticket for tokens.

use serde::{Deserialize, Serialize};

use crate::WireSchema;
use crate::dto;
use crate::model::LoginTokenSet;
use crate::secret::Secret;

/// `type` of `POST /api/v3/gene-qrcode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QrCodeType {
    /// Scanned by your own APP (`MOBILE_APP`).
    #[default]
    MobileApp,
    /// Scanned with a WeChat mini program (`WECHAT_MINIPROGRAM`).
    WechatMiniprogram,
    /// Scanned by following a WeChat official account (`WECHAT_OFFICIAL_ACCOUNT`).
    WechatOfficialAccount,
}

/// Body of `POST /api/v3/gene-qrcode` (`GenerateQrcodeDto`).
#[dto]
pub struct GeneQrCodeDto {
    /// Who scans the code.
    #[serde(rename = "type")]
    pub qrcode_type: QrCodeType,
    /// The WeChat connection id, for the WeChat types.
    pub ext_idp_conn_id: Option<String>,
    /// Custom data attached to the user on login.
    pub custom_data: Option<serde_json::Value>,
    /// Passed to pipeline `context`.
    pub context: Option<serde_json::Value>,
    /// Mini-program codes: merge the custom logo into the image (default `true` on the server).
    pub auto_merge_qr_code: Option<bool>,
}

/// `data` of `gene-qrcode` (`GeneQRCodeDataDto`).
#[dto]
pub struct GeneQrCode {
    /// The code's id, for polling.
    pub qrcode_id: String,
    /// What the QR image encodes.
    pub url: String,
    /// Mini-program codes with `autoMergeQrCode: false`: the logo to overlay.
    pub custom_logo_url: Option<String>,
}

/// A QR code's status. Unknown values decode as [`QrCodeStatus::Unknown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QrCodeStatus {
    /// Not scanned yet.
    #[default]
    Pending,
    /// Scanned, waiting for the user to confirm on the APP.
    Scanned,
    /// Confirmed: a `ticket` (or `tokenSet`) is available. Terminal.
    Authorized,
    /// The user declined on the APP. Terminal.
    Cancelled,
    /// The code timed out. Terminal.
    Expired,
    /// Unknown server-side error. Terminal.
    Error,
    /// A status this SDK does not know (not terminal).
    #[serde(other)]
    Unknown,
}

impl QrCodeStatus {
    /// Whether polling should stop: `AUTHORIZED`, `CANCELLED`, `EXPIRED` or `ERROR`.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            QrCodeStatus::Authorized
                | QrCodeStatus::Cancelled
                | QrCodeStatus::Expired
                | QrCodeStatus::Error
        )
    }
}

/// `briefUserInfo` of a scanned code.
#[dto]
pub struct QrCodeBriefUserInfo {
    /// Display name of the user who scanned.
    #[serde(default)]
    pub display_name: String,
    /// Avatar URL.
    #[serde(default)]
    pub photo: String,
}

/// `data` of `check-qrcode-status` / `get-qrcode-status` (`CheckQRCodeStatusDataDto`).
#[dto]
pub struct QrCodeStatusInfo {
    /// The status.
    pub status: QrCodeStatus,
    /// On `AUTHORIZED` (by default): the ticket for `exchange-tokenset-with-qrcode-ticket`.
    pub ticket: Option<Secret>,
    /// Once scanned: who scanned.
    pub brief_user_info: Option<QrCodeBriefUserInfo>,
    /// On `AUTHORIZED` when the console option "Web polling returns full user info" is on.
    pub token_set: Option<LoginTokenSet>,
}

/// `action` of `change-qrcode-status` / `set-qrcode-status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, WireSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QrCodeAction {
    /// The APP scanned the code (`PENDING` → `SCANNED`).
    #[default]
    Scan,
    /// The user confirmed (`SCANNED` → `AUTHORIZED`).
    Confirm,
    /// The user declined (`SCANNED` → `CANCELLED`).
    Cancel,
}

/// Body of `change-qrcode-status` / `set-qrcode-status` (`ChangeQRCodeStatusDto`).
#[dto]
pub struct ChangeQrCodeStatusDto {
    /// The code's id.
    pub qrcode_id: String,
    /// What the APP user did.
    pub action: QrCodeAction,
}

/// Body of `POST /api/v3/exchange-tokenset-with-qrcode-ticket`. `client_id`/`client_secret` are
/// added by the pipeline per the client's auth method.
#[dto]
pub struct ExchangeTokenSetWithQrCodeTicketDto {
    /// The ticket of an `AUTHORIZED` code (single use).
    pub ticket: Secret,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_shapes() {
        let dto = GeneQrCodeDto {
            qrcode_type: QrCodeType::MobileApp,
            auto_merge_qr_code: Some(false),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&dto).unwrap(),
            r#"{"type":"MOBILE_APP","autoMergeQrCode":false}"#
        );
        let s: QrCodeStatusInfo = serde_json::from_str(
            r#"{"status":"AUTHORIZED","ticket":"T-1","briefUserInfo":{"displayName":"a","photo":"p"}}"#,
        )
        .unwrap();
        assert!(s.status.is_terminal());
        assert!(!format!("{s:?}").contains("T-1"));
        let s: QrCodeStatusInfo = serde_json::from_str(r#"{"status":"SOMETHING_NEW"}"#).unwrap();
        assert_eq!(s.status, QrCodeStatus::Unknown);
        assert!(!s.status.is_terminal());
        assert_eq!(
            serde_json::to_string(&ChangeQrCodeStatusDto {
                qrcode_id: "q".into(),
                action: QrCodeAction::Confirm
            })
            .unwrap(),
            r#"{"qrcodeId":"q","action":"CONFIRM"}"#
        );
    }
}
