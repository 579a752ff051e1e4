//! Request and response types, with serde renames exactly as on the wire.

mod account;
mod login;
mod system;

pub use account::*;
pub use login::*;
pub use system::*;
