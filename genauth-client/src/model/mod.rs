//! Request and response types, with serde renames exactly as on the wire.

#[macro_use]
mod open_enum;

mod account;
mod login;
mod login_support;
mod mobile;
mod oidc;
mod push_login;
mod qrcode;
mod qrcode_app;
mod resources;
mod system;
mod webauthn;
mod wechat_mobile;

pub use account::*;
pub use login::*;
pub use login_support::*;
pub use mobile::*;
pub use oidc::*;
pub use push_login::*;
pub use qrcode::*;
pub use qrcode_app::*;
pub use resources::*;
pub use system::*;
pub use webauthn::*;
pub use wechat_mobile::*;
