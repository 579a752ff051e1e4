use genauth::WireSchema;

#[derive(serde::Serialize, WireSchema)]
pub struct Inner {
    pub a: String,
}

#[derive(serde::Serialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct Outer {
    pub b: String,
    #[serde(flatten)]
    pub inner: Inner,
}

fn main() {}
