use crate::dto;

/// `GET /api/v3/system`: the server's public information (served bare, not enveloped).
#[dto]
pub struct SystemInfo {
    /// RSA public key used for `passwordEncryptType = rsa`.
    pub rsa: Option<PublicKeyInfo>,
    /// SM2 public key used for `passwordEncryptType = sm2`.
    pub sm2: Option<PublicKeyInfo>,
    /// Server, console and login versions.
    pub version: Option<serde_json::Value>,
    /// GenAuth's public egress IPs.
    pub public_ips: Option<Vec<String>>,
}

/// One public key in [`SystemInfo`].
#[dto]
pub struct PublicKeyInfo {
    /// RSA: SPKI PEM; SM2: `04||X||Y` hex.
    pub public_key: String,
}
