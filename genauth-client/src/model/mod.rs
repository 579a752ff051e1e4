//! Request and response types, with serde renames exactly as on the wire.

#[macro_use]
mod open_enum;

mod account;
mod binding;
mod login;
mod mobile;
mod oidc;
mod profile;
mod qrcode;
mod system;

pub use account::*;
pub use binding::*;
pub use login::*;
pub use mobile::*;
pub use oidc::*;
pub use profile::*;
pub use qrcode::*;
pub use system::*;
