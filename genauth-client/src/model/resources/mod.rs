//! The signed-in user's resources: login history, apps, tenants, roles, groups, departments,
//! authorized resources and data-resource permission checks.
//!
//! Request shapes are the recorded wire (official-wire). Response shapes are not recorded (the
//! recording server answered `{}`): the typed fields below are those of the node SDK's DTOs
//! (`authing-node-sdk` `src/models/*.ts`), all optional since the server's actual output is not
//! established, and entity types keep every other field in `extra`.
//!
//! Query structs carry only what the caller sets: node fills paging defaults
//! (`page=1&limit=10`, `withCustomData=false`, `sortBy=JoinDepartmentAt&orderBy=Desc`), which the
//! server applies anyway.
//!
//! - `history`: login history;
//! - `membership`: applications, tenants, roles, groups and departments of the user;
//! - `authorized`: authorized resources, policies and permission checks;
//! - `data_resources`: data-policy grants and the user's data-resource permissions;
//! - `permission_apply`: applications and roles the user may apply for.

mod authorized;
mod data_resources;
mod history;
mod membership;
mod permission_apply;
#[cfg(test)]
mod tests;

use crate::dto;

pub use authorized::*;
pub use data_resources::*;
pub use history::*;
pub use membership::*;
pub use permission_apply::*;

open_enum! {
    /// `orderBy` of paged lists.
    pub enum SortOrder {
        /// Ascending.
        Asc = "Asc",
        /// Descending (the server's default for departments).
        Desc = "Desc",
    }
}

/// A paged list: `{totalCount, list}`.
#[dto]
pub struct Paginated<T> {
    /// Total number of records (all pages).
    #[serde(default)]
    pub total_count: u64,
    /// This page's records.
    #[serde(default = "Vec::new")]
    pub list: Vec<T>,
}
