//! Public (shared) accounts the user can switch to.

use crate::dto;

open_enum! {
    /// `usertype` of a switchable account.
    pub enum PublicAccountUserType {
        /// A personal account (`"1"`).
        Personal = "1",
        /// A public (shared) account (`"2"`).
        Public = "2",
    }
}

/// An account the user can switch to, or the user's own account (`ListPublicAccountDataDto`).
#[dto]
pub struct SwitchableAccount {
    /// Account id (for `switch-login-by-user`).
    pub user_id: String,
    /// Avatar URL.
    pub avatar: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Personal or public account (wire name `usertype`).
    #[serde(rename = "usertype")]
    pub user_type: Option<PublicAccountUserType>,
}

/// One item of `GET /api/v3/get-user-select-login-public-accounts`
/// (`GetUserSelectLoginPublicAccountsDataDto`; the node SDK types `data` as an array of these).
#[dto]
pub struct SwitchableAccounts {
    /// Public accounts the user may sign in as.
    #[serde(default)]
    pub public_accounts: Vec<SwitchableAccount>,
    /// The user's own account (with `withOriginUser=true`).
    pub origin_user: Option<SwitchableAccount>,
}
