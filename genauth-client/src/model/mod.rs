//! Request and response types, with serde renames exactly as on the wire.

mod login;
mod system;

pub use login::*;
pub use system::*;
