use genauth::dto;

#[dto(extra)]
pub struct Dto {
    pub user_id: String,
    pub extra: Option<String>,
}

fn main() {}
