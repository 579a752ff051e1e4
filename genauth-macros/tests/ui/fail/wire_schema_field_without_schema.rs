use genauth::WireSchema;

pub struct Opaque;

#[derive(WireSchema)]
pub struct Dto {
    pub field: Opaque,
}

fn main() {}
