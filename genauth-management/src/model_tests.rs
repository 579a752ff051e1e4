//! Every request body the Node SDK recorded, decoded into its generated DTO and encoded again.
//!
//! `tests/data/node-management-requests.jsonl` (see `tests/data/README.md`) holds each body
//! `authing-node-sdk` 4.0.1 sent, with every argument filled (`main`) and in variants (required
//! arguments only, `null` values, ...). `model::bodies::round_trip` (generated) decodes a body as
//! its operation's request DTO and encodes it again. Every body must decode, and every re-encoded
//! body must be the recorded one, byte for byte, except the differences listed here, each with
//! its reason.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::model::bodies::round_trip;

/// Recorded bodies whose numbers sit in `f64` fields (`format`, `min`, `max`, `status`, `sort`,
/// `startTime`, `expireAt`, `delay`: TS `number`, not named as integers in
/// `codegen/overrides.json`). serde_json writes the recorded `1` back as `1.0`: the same JSON
/// number, and the same value once the server parses it, but not the same bytes.
const FLOAT_FORMATTING: [&str; 8] = [
    "addUser",
    "createField",
    "createSyncTask",
    "createWebhook",
    "setUsersMfaStatus",
    "updateField",
    "updateSyncTask",
    "updateWebhook",
];

/// The variant that sends `"options": null`: the optional field decodes as `None`, which
/// `#[dto]` leaves out.
const NULL_OMITTED: (&str, &str) = ("listUsers", "null body value (options: null)");

/// Recorded methods with a body but no typed DTO: `makeRequest` (the generic escape hatch).
/// `pub` builds its body inline, not from a model; the emitter names it `PubEventWithSourceDto`.
const UNTYPED: [&str; 1] = ["makeRequest"];

/// `value` with every number as an `f64` and every `null` object member dropped.
fn loosen(value: &Value, drop_nulls: bool) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64()),
        Value::Array(items) => items.iter().map(|v| loosen(v, drop_nulls)).collect(),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !(drop_nulls && v.is_null()))
            .map(|(k, v)| (k.clone(), loosen(v, drop_nulls)))
            .collect(),
        other => other.clone(),
    }
}

#[test]
fn recorded_request_bodies_round_trip() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/node-management-requests.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the vendored recording");
    let (mut bodies, mut exact) = (0, 0);
    let mut untyped = BTreeSet::new();
    let mut floats = BTreeSet::new();
    let mut failures = Vec::new();
    for line in text.lines() {
        let line: Value = serde_json::from_str(line).expect("a JSON line");
        let method = line["sdk_method"].as_str().expect("sdk_method");
        let variants = line["variants"].as_array().into_iter().flatten();
        let calls = std::iter::once(("main", &line["requests"]))
            .chain(variants.map(|v| (v["variant"].as_str().expect("variant"), &v["requests"])));
        for (variant, requests) in calls {
            for request in requests.as_array().expect("requests") {
                let body = request["body"].as_str().unwrap_or_default();
                if body.is_empty() {
                    continue;
                }
                bodies += 1;
                let out = match round_trip(method, body) {
                    None => {
                        untyped.insert(method.to_owned());
                        continue;
                    }
                    Some(Err(e)) => {
                        failures.push(format!("{method} [{variant}]: does not decode: {e}"));
                        continue;
                    }
                    Some(Ok(out)) => out,
                };
                if out == body {
                    exact += 1;
                    continue;
                }
                let (sent, back): (Value, Value) = (
                    serde_json::from_str(body).expect("recorded JSON"),
                    serde_json::from_str(&out).expect("encoded JSON"),
                );
                if FLOAT_FORMATTING.contains(&method)
                    && loosen(&sent, false) == loosen(&back, false)
                {
                    floats.insert(method.to_owned());
                } else if (method, variant) != NULL_OMITTED
                    || loosen(&sent, true) != loosen(&back, true)
                {
                    failures.push(format!(
                        "{method} [{variant}]:\n  sent {body}\n  back {out}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(untyped, UNTYPED.map(String::from).into());
    assert_eq!(
        floats,
        FLOAT_FORMATTING.map(String::from).into(),
        "the f64 list is stale"
    );
    // 499 recorded bodies: 1 untyped, 488 byte for byte, 9 with `1.0` for `1`, 1 null omitted.
    assert_eq!((bodies, exact), (499, 488));
}
