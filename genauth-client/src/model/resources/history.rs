//! Login history: `GET /api/v3/get-my-login-history`.

use crate::dto;

/// Query of `GET /api/v3/get-my-login-history`.
#[dto]
pub struct LoginHistoryQuery {
    /// Only logins to this application.
    pub app_id: Option<String>,
    /// Only logins from this IP.
    pub client_ip: Option<String>,
    /// Only successful (`true`) or failed (`false`) logins. Sent lowercase.
    pub success: Option<bool>,
    /// Start of the time range (ms timestamp).
    pub start: Option<i64>,
    /// End of the time range (ms timestamp).
    pub end: Option<i64>,
    /// Page number, from 1 (server default 1).
    pub page: Option<u32>,
    /// Page size (server default 10).
    pub limit: Option<u32>,
}

/// Parsed user agent of a login (`parsedUserAgent`).
#[dto]
pub struct ParsedUserAgent {
    /// Device type.
    pub device: Option<String>,
    /// Browser name.
    pub name: Option<String>,
    /// Operating system.
    pub os: Option<String>,
}

/// Coordinates of a [`GeoIp`].
#[dto]
pub struct GeoLocation {
    /// Longitude.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
}

/// Location of a login's IP (`geoip`; snake_case on the wire).
#[dto(rename_all = "snake_case")]
pub struct GeoIp {
    /// Coordinates.
    pub location: Option<GeoLocation>,
    /// Country name.
    pub country_name: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code2: Option<String>,
    /// ISO 3166-1 alpha-3 country code.
    pub country_code3: Option<String>,
    /// Region name.
    pub region_name: Option<String>,
    /// Region code.
    pub region_code: Option<String>,
    /// City name.
    pub city_name: Option<String>,
    /// Continent code.
    pub continent_code: Option<String>,
    /// Time zone.
    pub timezone: Option<String>,
}

/// One login of the user (node `LoginHistoryDto`). Fields per the node SDK; others in `extra`.
#[dto(extra)]
pub struct LoginHistoryEntry {
    /// User id.
    pub user_id: Option<String>,
    /// Application id.
    pub app_id: Option<String>,
    /// Application name.
    pub app_name: Option<String>,
    /// Application login URL.
    pub app_login_url: Option<String>,
    /// Application logo URL.
    pub app_logo: Option<String>,
    /// When the login happened.
    pub login_at: Option<String>,
    /// Client IP.
    pub client_ip: Option<String>,
    /// Whether the login succeeded.
    pub success: Option<bool>,
    /// Why it failed.
    pub error_message: Option<String>,
    /// Raw user agent.
    pub user_agent: Option<String>,
    /// Parsed user agent.
    pub parsed_user_agent: Option<ParsedUserAgent>,
    /// Login method.
    pub login_method: Option<String>,
    /// IP location.
    pub geoip: Option<GeoIp>,
    /// Tenant id.
    pub tenant_id: Option<String>,
}
