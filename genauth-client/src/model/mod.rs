//! Request and response types, with serde renames exactly as on the wire.

#[macro_use]
mod open_enum;

mod account;
mod approval;
mod binding;
mod cas;
mod invitation;
mod login;
mod login_support;
mod message;
mod mfa;
mod mini_program;
mod mobile;
mod oidc;
mod profile;
mod public_info;
mod push_login;
mod qrcode;
mod qrcode_app;
mod resources;
mod signup;
mod system;
mod user_utilities;
mod webauthn;
mod wechat_mobile;

pub use account::*;
pub use approval::*;
pub use binding::*;
pub use cas::*;
pub use invitation::*;
pub use login::*;
pub use login_support::*;
pub use message::*;
pub use mfa::*;
pub use mini_program::*;
pub use mobile::*;
pub use oidc::*;
pub use profile::*;
pub use public_info::*;
pub use push_login::*;
pub use qrcode::*;
pub use qrcode_app::*;
pub use resources::*;
pub use signup::*;
pub use system::*;
pub use user_utilities::*;
pub use webauthn::*;
pub use wechat_mobile::*;

#[cfg(test)]
mod tests {
    //! `#[dto]` on a sample struct: the shape every DTO in this module has.

    use serde_json::json;

    use crate::dto;
    use crate::wire::{WireSchema, schema_has_path};

    /// A response with a nested optional object and every other field kept.
    #[dto(extra)]
    struct Sample {
        user_id: String,
        display_name: Option<String>,
        login_count: u32,
        inner: Option<Inner>,
    }

    #[dto(rename_all = "snake_case")]
    struct Inner {
        token_type: Option<String>,
    }

    #[test]
    fn none_is_omitted_and_names_are_camel_case() {
        let sample = Sample {
            user_id: "u1".into(),
            inner: Some(Inner::default()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&sample).unwrap(),
            json!({"userId": "u1", "loginCount": 0, "inner": {}})
        );
        let inner = Inner {
            token_type: Some("Bearer".into()),
        };
        assert_eq!(
            serde_json::to_value(&inner).unwrap(),
            json!({"token_type": "Bearer"})
        );
        // The wire names are the schema's too.
        assert!(schema_has_path(&Sample::SCHEMA, "inner.token_type"));
        assert!(!schema_has_path(&Sample::SCHEMA, "extra"));
    }

    #[test]
    fn absent_and_null_decode_to_none_and_extra_round_trips() {
        let wire = json!({
            "userId": "u1",
            "displayName": null,
            "loginCount": 3,
            "lastIp": "10.0.0.1",
            "tags": ["a", {"b": 1}]
        });
        let sample: Sample = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(sample.display_name, None);
        assert_eq!(sample.inner, None);
        assert_eq!(sample.login_count, 3);
        assert_eq!(sample.extra.len(), 2);
        assert_eq!(sample.extra["lastIp"], "10.0.0.1");
        // Sent back: the known fields (`None` left out) and every unknown one, unchanged.
        let mut expected = wire;
        expected.as_object_mut().unwrap().remove("displayName");
        assert_eq!(serde_json::to_value(&sample).unwrap(), expected);
        // A required field stays required.
        assert!(serde_json::from_value::<Sample>(json!({"userId": "u1"})).is_err());
    }

    #[test]
    fn default_is_empty() {
        let sample = Sample::default();
        assert_eq!(
            (
                sample.user_id.as_str(),
                sample.login_count,
                sample.extra.len()
            ),
            ("", 0, 0)
        );
        assert_eq!(sample.clone(), sample);
        assert!(format!("{sample:?}").starts_with("Sample {"));
    }
}
