//! The declared API traits (one annotated line per endpoint) and their convenience extensions.

mod account;
mod approval;
mod binding;
mod ext;
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
mod signup_ext;
mod user_utilities;

pub use account::*;
pub use approval::*;
pub use binding::*;
pub use ext::AuthenticationExt;
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
pub use signup_ext::SignUpExt;
pub use user_utilities::*;
