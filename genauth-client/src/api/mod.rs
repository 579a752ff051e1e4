//! The declared API traits (one annotated line per endpoint) and their convenience extensions.

mod ext;
mod login;

pub use ext::AuthenticationExt;
pub use login::*;
