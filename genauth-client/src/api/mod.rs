//! The declared API traits (one annotated line per endpoint) and their convenience extensions.

mod account;
mod ext;
mod login;

pub use account::*;
pub use ext::AuthenticationExt;
pub use login::*;
