use genauth::WireSchema;

#[derive(WireSchema)]
#[serde(rename_all = "Title Case")]
pub struct Dto {
    pub some_field: String,
}

fn main() {}
