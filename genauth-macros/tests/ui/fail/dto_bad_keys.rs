use genauth::dto;

#[dto(rename_all = "Title Case", exra, eq = true, eq)]
pub struct Dto {
    pub user_id: String,
}

#[dto(crate)]
pub struct NoPath {
    pub user_id: String,
}

fn main() {}
