//! Request and response types, with serde renames exactly as on the wire.

#[macro_use]
mod open_enum;

mod account;
mod approval;
mod binding;
mod invitation;
mod login;
mod message;
mod mfa;
mod mini_program;
mod mobile;
mod oidc;
mod profile;
mod public_info;
mod qrcode;
mod signup;
mod system;
mod user_utilities;

pub use account::*;
pub use approval::*;
pub use binding::*;
pub use invitation::*;
pub use login::*;
pub use message::*;
pub use mfa::*;
pub use mini_program::*;
pub use mobile::*;
pub use oidc::*;
pub use profile::*;
pub use public_info::*;
pub use qrcode::*;
pub use signup::*;
pub use system::*;
pub use user_utilities::*;
