//! [`AuthEvent`]: one message of the events websocket, decoded.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result, excerpt};

/// One message of the events websocket.
///
/// The server's message format is undocumented (see the [module docs](crate::events)); the typed fields
/// are those of the publishing endpoint's body when the message carries them, and
/// [`AuthEvent::raw`] is the escape hatch: the whole message as JSON.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthEvent {
    /// `eventType`: the event code, when the message is an object that has one.
    pub event_type: Option<String>,
    /// The event's payload. When the message is an object with `eventData`: that value, and
    /// when it is a string holding JSON (publishers send `eventData` JSON-encoded), the decoded
    /// JSON. Otherwise the whole message.
    pub data: Value,
    /// `source`: who published the event (node's `pub` sends `"authing-node-sdk: <version>"`).
    pub source: Option<String>,
    /// The whole message, as received.
    pub raw: Value,
}

impl AuthEvent {
    /// Decodes one text frame. Fails with [`Error::Decode`] when it is not JSON.
    pub fn from_json_text(text: &str) -> Result<Self> {
        let raw: Value = serde_json::from_str(text).map_err(|e| Error::Decode {
            reason: format!("event message is not JSON: {e}"),
            body_excerpt: excerpt(text.as_bytes()),
        })?;
        let string = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_owned);
        let data = match raw.get("eventData") {
            Some(Value::String(s)) => {
                serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone()))
            }
            Some(other) => other.clone(),
            None => raw.clone(),
        };
        Ok(AuthEvent {
            event_type: string("eventType"),
            source: string("source"),
            data,
            raw,
        })
    }

    /// [`AuthEvent::data`] decoded into `D`; [`Error::Decode`] when it does not fit.
    pub fn data_as<D: DeserializeOwned>(&self) -> Result<D> {
        D::deserialize(&self.data).map_err(|e| Error::Decode {
            reason: format!("event data: {e}"),
            body_excerpt: excerpt(self.data.to_string().as_bytes()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_decode_publisher_fields_and_keep_the_raw_message() {
        let e = AuthEvent::from_json_text(
            r#"{"eventType":"app:paid","eventData":"{\"orderId\":42}","source":"node"}"#,
        )
        .unwrap();
        assert_eq!(e.event_type.as_deref(), Some("app:paid"));
        assert_eq!(e.source.as_deref(), Some("node"));
        assert_eq!(e.data, json!({"orderId": 42}));
        assert_eq!(e.raw["eventData"], json!("{\"orderId\":42}"));
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Paid {
            order_id: u64,
        }
        assert_eq!(e.data_as::<Paid>().unwrap().order_id, 42);
        assert!(matches!(e.data_as::<Vec<u8>>(), Err(Error::Decode { .. })));

        let plain = AuthEvent::from_json_text(r#"{"eventData":"not json"}"#).unwrap();
        assert_eq!(plain.data, json!("not json"));
        assert_eq!(plain.event_type, None);
        let bare = AuthEvent::from_json_text(r#"{"userId":"u1"}"#).unwrap();
        assert_eq!(bare.data, json!({"userId": "u1"}));
        let object = AuthEvent::from_json_text(r#"{"eventData":{"a":1}}"#).unwrap();
        assert_eq!(object.data, json!({"a": 1}));
        assert!(matches!(
            AuthEvent::from_json_text("hello"),
            Err(Error::Decode { .. })
        ));
    }
}
