use genauth::genauth_api;

#[genauth_api]
pub struct Api {
    pub field: u8,
}

fn main() {
    // The struct is still emitted: using it gives no further error.
    let _ = Api { field: 1 };
}
