//! Public information endpoints not already in [`crate::Authentication`].

use crate::error::Result;
use crate::model::CountryInfo;
use crate::{genauth_api, genauth_endpoint};

/// Public, unauthenticated information (`GET /api/v3/system` is on
/// [`crate::Authentication`]).
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait PublicInfo {
    /// Countries with their codes, phone country codes and localised names
    /// (`GET /api/v3/get-country-list`).
    #[genauth_endpoint(path = "/api/v3/get-country-list", method = GET)]
    async fn get_country_list(&self) -> Result<Vec<CountryInfo>>;
}
