use genauth::dto;

#[dto]
pub enum Status {
    Active,
}

#[dto]
pub struct Pair(pub String, pub u32);

#[dto]
pub struct Unit;

fn main() {}
