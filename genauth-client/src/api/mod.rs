//! The declared API traits (one annotated line per endpoint) and their convenience extensions.

mod account;
mod ext;
mod login;
mod login_support;
mod mobile;
mod oidc;
mod push_login;
mod qrcode;
mod qrcode_app;
mod resources;
mod webauthn;
mod wechat_mobile;

pub use account::*;
pub use ext::AuthenticationExt;
pub use login::*;
pub use login_support::*;
pub use mobile::*;
pub use oidc::*;
pub use push_login::*;
pub use qrcode::*;
pub use qrcode_app::*;
pub use resources::*;
pub use webauthn::*;
pub use wechat_mobile::*;
