use serde::{Deserialize, Serialize};

/// `GET /api/v3/system`: the server's public information (served bare, not enveloped).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemInfo {
    /// RSA public key used for `passwordEncryptType = rsa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rsa: Option<PublicKeyInfo>,
    /// SM2 public key used for `passwordEncryptType = sm2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sm2: Option<PublicKeyInfo>,
    /// Server, console and login versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<serde_json::Value>,
    /// GenAuth's public egress IPs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ips: Option<Vec<String>>,
}

/// One public key in [`SystemInfo`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyInfo {
    /// RSA: SPKI PEM; SM2: `04||X||Y` hex.
    pub public_key: String,
}
