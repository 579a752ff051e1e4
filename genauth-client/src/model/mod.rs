//! Request and response types, with serde renames exactly as on the wire.

#[macro_use]
mod open_enum;

mod account;
mod approval;
mod binding;
mod cas;
mod invitation;
mod login;
mod login_support;
mod message;
mod mfa;
mod mini_program;
mod mobile;
mod oidc;
mod profile;
mod public_info;
mod push_login;
mod qrcode;
mod qrcode_app;
mod resources;
mod signup;
mod system;
mod user_utilities;
mod webauthn;
mod wechat_mobile;

pub use account::*;
pub use approval::*;
pub use binding::*;
pub use cas::*;
pub use invitation::*;
pub use login::*;
pub use login_support::*;
pub use message::*;
pub use mfa::*;
pub use mini_program::*;
pub use mobile::*;
pub use oidc::*;
pub use profile::*;
pub use public_info::*;
pub use push_login::*;
pub use qrcode::*;
pub use qrcode_app::*;
pub use resources::*;
pub use signup::*;
pub use system::*;
pub use user_utilities::*;
pub use webauthn::*;
pub use wechat_mobile::*;
