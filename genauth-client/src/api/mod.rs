//! The declared API traits (one annotated line per endpoint) and their convenience extensions.

mod account;
mod binding;
mod ext;
mod login;
mod mobile;
mod oidc;
mod profile;
mod qrcode;

pub use account::*;
pub use binding::*;
pub use ext::AuthenticationExt;
pub use login::*;
pub use mobile::*;
pub use oidc::*;
pub use profile::*;
pub use qrcode::*;
