use genauth::dto;

/// `#[dto]` already derives these and sets `rename_all`.
#[dto]
#[derive(Debug, Clone, Copy, Eq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct Dto {
    pub count: u32,
}

fn main() {}
