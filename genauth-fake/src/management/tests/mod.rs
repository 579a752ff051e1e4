//! Tests of the Management API side: the signature check against every request the Node SDK
//! was recorded sending (`recorded.rs`), credentials over loopback HTTP (`auth.rs`), the
//! stateful endpoints (`flows.rs`), and the SDK's own `ManagementClient` with both schemes
//! (`client.rs`).
//!
//! The requests here are raw HTTP (reqwest); signatures are made with the client's signer
//! (`genauth_client::management::sign`), used only as a client: the server's check is
//! `signature.rs`.

mod auth;
mod client;
mod flows;
mod recorded;

use std::time::SystemTime;

use genauth_client::management::sign::{Nonce, ParamValue, RequestToSign, Signer};
use reqwest::Method;
use serde_json::Value;

use crate::{FakeServer, FakeServerConfig};

async fn start_with(configure: impl FnOnce(&mut FakeServerConfig)) -> FakeServer {
    let mut config = FakeServerConfig::default();
    configure(&mut config);
    FakeServer::start(config).await.expect("fake server starts")
}

async fn start() -> FakeServer {
    start_with(|_| {}).await
}

/// One request with a fresh client: the HTTP status and the JSON body.
async fn send(
    server: &FakeServer,
    method: &Method,
    target: &str,
    headers: &[(String, String)],
    body: Option<Vec<u8>>,
) -> (u16, Value) {
    let client = reqwest::Client::new();
    let mut request = client.request(method.clone(), format!("{}{target}", server.base_url()));
    for (name, value) in headers {
        request = request.header(name, value);
    }
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request
        .send()
        .await
        .expect("the request reaches the server");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("a response body");
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "the response is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, json)
}

/// The parameters a Node client signs for `target` and `body`, rendered as it renders them.
fn params_of(method: &Method, target: &str, body: Option<&Value>) -> Vec<(String, String, bool)> {
    // (name, text, is a JSON text rather than a string)
    if *method == Method::GET {
        let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned(), false))
            .collect()
    } else {
        match body {
            Some(Value::Object(map)) => map
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => (k.clone(), s.clone(), false),
                    other => (k.clone(), other.to_string(), true),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The five signature headers for a request, signed with `secret` at `at` with `nonce`.
fn signature_headers(
    key_id: &str,
    secret: &str,
    method: &Method,
    target: &str,
    body: Option<&Value>,
    at: SystemTime,
    nonce: &Nonce,
) -> Vec<(String, String)> {
    let params = params_of(method, target, body);
    let rendered: Vec<(&str, ParamValue<'_>)> = params
        .iter()
        .map(|(k, v, json)| {
            let value = if *json {
                ParamValue::Json(v)
            } else {
                ParamValue::Str(v)
            };
            (k.as_str(), value)
        })
        .collect();
    let path = target.split('?').next().unwrap_or(target);
    let get = *method == Method::GET;
    let none: &[(&str, ParamValue<'_>)] = &[];
    let signed = Signer::new(key_id, secret.to_owned()).sign_request_at(
        &RequestToSign {
            method: method.as_str(),
            path,
            query: if get { &rendered } else { none },
            body: if get { none } else { &rendered },
            headers: &[],
        },
        at,
        nonce,
    );
    signed
        .pairs()
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn random_nonce() -> Nonce {
    Nonce::random().expect("the system RNG works")
}

/// How a test authenticates its Management requests.
#[derive(Debug, Clone)]
enum Cred {
    /// `Bearer <token>` and the user pool header.
    Token(String),
    /// A fresh signature with the server's access key.
    Signature,
}

/// A Management caller over raw HTTP.
struct Mgmt<'a> {
    server: &'a FakeServer,
    cred: Cred,
}

impl<'a> Mgmt<'a> {
    /// Token scheme: fetches a token.
    async fn token(server: &'a FakeServer) -> Mgmt<'a> {
        let token = fetch_token(server).await;
        Mgmt {
            server,
            cred: Cred::Token(token),
        }
    }

    fn signature(server: &'a FakeServer) -> Mgmt<'a> {
        Mgmt {
            server,
            cred: Cred::Signature,
        }
    }

    fn headers(
        &self,
        method: &Method,
        target: &str,
        body: Option<&Value>,
    ) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        if body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        match &self.cred {
            Cred::Token(token) => {
                headers.push(("authorization".to_owned(), format!("Bearer {token}")));
                headers.push((
                    "x-genauth-userpool-id".to_owned(),
                    self.server.management_userpool_id().to_owned(),
                ));
            }
            Cred::Signature => headers.extend(signature_headers(
                self.server.management_access_key_id(),
                self.server.management_access_key_secret(),
                method,
                target,
                body,
                SystemTime::now(),
                &random_nonce(),
            )),
        }
        headers
    }

    async fn call(&self, method: Method, target: &str, body: Option<&Value>) -> (u16, Value) {
        let headers = self.headers(&method, target, body);
        let bytes = body.map(|b| b.to_string().into_bytes());
        send(self.server, &method, target, &headers, bytes).await
    }

    async fn get(&self, target: &str) -> Value {
        let (status, reply) = self.call(Method::GET, target, None).await;
        assert_eq!(status, 200, "{reply}");
        reply
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        let (status, reply) = self.call(Method::POST, path, Some(body)).await;
        assert_eq!(status, 200, "{reply}");
        reply
    }
}

/// A management token from the server's own access key.
async fn fetch_token(server: &FakeServer) -> String {
    let reply = token_request(
        server,
        server.management_access_key_id(),
        server.management_access_key_secret(),
    )
    .await;
    assert_eq!(reply["statusCode"], 200, "{reply}");
    reply["data"]["access_token"]
        .as_str()
        .expect("a token")
        .to_owned()
}

async fn token_request(server: &FakeServer, id: &str, secret: &str) -> Value {
    let body = serde_json::json!({ "accessKeyId": id, "accessKeySecret": secret });
    let headers = [("content-type".to_owned(), "application/json".to_owned())];
    let (status, reply) = send(
        server,
        &Method::POST,
        "/api/v3/get-management-token",
        &headers,
        Some(body.to_string().into_bytes()),
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    reply
}

/// The success envelope's `data`, decoded as the Node SDK's response type `T` (the whole
/// envelope is decoded, so its shape is checked too).
#[track_caller]
fn decode<T: serde::de::DeserializeOwned>(reply: &Value) -> T {
    assert_eq!(reply["statusCode"], 200, "{reply}");
    serde_json::from_value(reply.clone()).unwrap_or_else(|e| {
        panic!(
            "the reply does not decode as {}: {e}\n{reply}",
            std::any::type_name::<T>()
        )
    })
}

/// The 401 envelope every refused Management request gets: exactly statusCode, message,
/// apiCode and requestId.
#[track_caller]
fn assert_unauthorized(status: u16, reply: &Value, message_has: &str) {
    assert_eq!(status, 401, "{reply}");
    let object = reply.as_object().expect("an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["apiCode", "message", "requestId", "statusCode"],
        "{reply}"
    );
    assert_eq!(reply["statusCode"], 401, "{reply}");
    assert_eq!(reply["apiCode"], 2020, "{reply}");
    let message = reply["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(message_has),
        "expected {message_has:?} in {message:?}"
    );
}
