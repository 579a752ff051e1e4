"""Generates a throwaway crate declaring N endpoints, for bench/compile_cost.sh.

    python3 bench/gen_compile_crate.py OUT_DIR macro|hand N GENAUTH_CLIENT_PATH

`macro`: one `#[genauth_api]` trait with N `#[genauth_endpoint]` methods.
`hand`:  the same trait and impl written out in the exact shape `#[genauth_api]` expands to
         (genauth-macros/src/expand.rs: the trait with `async fn` rewritten to
         `fn .. -> impl Future<Output = ..> + Send`, the `<TRAIT>_ENDPOINTS` registry of
         `&Endpoint { .. }`, one `const _: () = assert!(schema_has_path(..))` per password path,
         and one `impl<__T: Transport> Trait for GenAuthClient<__T>` whose methods are
         `const __EP = REGISTRY[i]; let __call = Call::new(__EP).path_param(..).query_param(..)
         .body(..); async move { execute::<T, _>(self, __call).await.map_err(Into::into) }`).

Endpoints cycle through four shapes: POST JSON body with a password field (client auth, the
sign-in shape), GET with a path parameter, GET with a query parameter, POST JSON body without
password. The DTOs (4 types) are shared so that serde derives cost the same in both variants.
"""
import os
import sys

out, variant, n, client_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
assert variant in ("macro", "hand")
os.makedirs(os.path.join(out, "src"), exist_ok=True)

with open(os.path.join(out, "Cargo.toml"), "w") as f:
    f.write(f"""[package]
name = "compile_cost_{variant}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
genauth-client = {{ path = "{client_path}", default-features = false }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"

[workspace]
""")

P = "::genauth_client::__private"

prelude = """#![allow(dead_code)]
use genauth_client::{Password, Result, WireSchema};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    pub password: Password,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, WireSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoginDto {
    pub connection: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_payload: Option<Payload>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_encrypt_type: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainDto {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    pub id: String,
    #[serde(default)]
    pub count: Option<u64>,
}
"""


def endpoint(i):
    """(attribute args, signature args, return type, path, method, auth, passwords, flag, builder)"""
    shape = i % 4
    name = f"endpoint_{i}"
    if shape == 0:
        path = f"/api/v3/signin-{i}"
        return dict(name=name, method="POST", variant="Post", path=path, auth="client", auth_v="Client",
                    extra=', password = "passwordPayload.password", password_flag = "passwordEncryptType"',
                    args="body: LoginDto", sig_args="body: LoginDto", ret="Reply",
                    passwords=["passwordPayload.password"], flag="passwordEncryptType",
                    builder=".body(&body)", body_ty="LoginDto")
    if shape == 1:
        path = f"/api/v3/things-{i}/{{id}}"
        return dict(name=name, method="GET", variant="Get", path=path, auth="user", auth_v="User", extra="",
                    args="id: &str", sig_args="id: &str", ret="Reply", passwords=[], flag=None,
                    builder='.path_param("id", &id)')
    if shape == 2:
        path = f"/api/v3/list-{i}"
        return dict(name=name, method="GET", variant="Get", path=path, auth="none", auth_v="None", extra="",
                    args='#[query = "qrcodeId"] qrcode_id: &str', sig_args="qrcode_id: &str", ret="Reply",
                    passwords=[], flag=None, builder='.query_param("qrcodeId", &qrcode_id)')
    path = f"/api/v3/update-{i}"
    return dict(name=name, method="POST", variant="Post", path=path, auth="user", auth_v="User", extra="",
                args="body: PlainDto", sig_args="body: PlainDto", ret="Reply", passwords=[], flag=None,
                builder=".body(&body)")


eps = [endpoint(i) for i in range(n)]
src = [prelude]
if variant == "macro":
    src.append("use genauth_client::{genauth_api, genauth_endpoint};\n\n#[genauth_api]\npub trait Api {\n")
    for e in eps:
        src.append(
            f'    #[genauth_endpoint(path = "{e["path"]}", method = {e["method"]}, auth = {e["auth"]}{e["extra"]})]\n'
            f'    async fn {e["name"]}(&self, {e["args"]}) -> Result<{e["ret"]}>;\n'
        )
    src.append("}\n")
else:
    src.append("pub trait Api {\n")
    for e in eps:
        src.append(
            f'    fn {e["name"]}(&self, {e["sig_args"]})\n'
            f'        -> impl {P}::Future<Output = Result<{e["ret"]}>> + {P}::Send;\n'
        )
    src.append("}\n")
    src.append(f"#[doc = \" Every endpoint declared by [`Api`], in declaration order (generated by `#[genauth_api]`).\"]\n")
    src.append(f"#[allow(dead_code)]\npub const API_ENDPOINTS: &[&{P}::Endpoint] = &[\n")
    for e in eps:
        pw = ", ".join(f'"{p}"' for p in e["passwords"])
        flag = f'{P}::Option::Some("{e["flag"]}")' if e["flag"] else f"{P}::Option::None"
        src.append(
            f'    &{P}::Endpoint {{ name: "{e["name"]}", method: {P}::Method::{e["variant"]}, '
            f'path: "{e["path"]}", auth: {P}::Auth::{e["auth_v"]}, encoding: {P}::Encoding::Json, '
            f'response: {P}::ResponseKind::Envelope, passwords: &[{pw}], password_flag: {flag} }},\n'
        )
    src.append("];\n")
    for e in eps:
        for p in e["passwords"]:
            src.append(
                f'const _: () = ::core::assert!({P}::schema_has_path(&<{e["body_ty"]} as {P}::WireSchema>::SCHEMA, "{p}"), '
                f'"password field `{p}` does not exist in the body type `{e["body_ty"]}`");\n'
            )
    src.append(f"impl<__T: {P}::Transport> Api for {P}::GenAuthClient<__T> {{\n")
    for i, e in enumerate(eps):
        src.append(
            f'    fn {e["name"]}(&self, {e["sig_args"]})\n'
            f'        -> impl {P}::Future<Output = Result<{e["ret"]}>> + {P}::Send {{\n'
            f'        const __EP: &\'static {P}::Endpoint = API_ENDPOINTS[{i}];\n'
            f'        let __call = {P}::Call::new(__EP){e["builder"]};\n'
            f'        async move {{ {P}::execute::<{e["ret"]}, _>(self, __call).await.map_err(::core::convert::Into::into) }}\n'
            f'    }}\n'
        )
    src.append("}\n")

with open(os.path.join(out, "src", "lib.rs"), "w") as f:
    f.write("".join(src))
