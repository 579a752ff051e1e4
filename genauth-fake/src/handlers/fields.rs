//! Strict access to the fields of a JSON request body ([`Fields`]) and the format checks of
//! phone numbers, country codes and email addresses.

use genauth_client::crypto::PasswordEncryptType;
use serde_json::{Map, Value};

use super::Reply;

/// Strict access to one JSON object of a request body. `what` names it in error messages
/// (`"body"`, `"passwordPayload"`, ...).
pub(crate) struct Fields<'a> {
    map: &'a Map<String, Value>,
    what: &'static str,
}

impl<'a> Fields<'a> {
    pub(crate) fn of(value: &'a Value, what: &'static str) -> Result<Self, Reply> {
        match value {
            Value::Object(map) => Ok(Fields { map, what }),
            _ => Err(Reply::error(400, format!("`{what}` must be a JSON object"))),
        }
    }

    /// Rejects keys outside `allowed` and `null` values (absent fields must be omitted).
    pub(crate) fn allow_only(&self, allowed: &[&str]) -> Result<(), Reply> {
        for (key, value) in self.map {
            if !allowed.contains(&key.as_str()) {
                return Err(Reply::error(
                    400,
                    format!(
                        "unknown field `{key}` in `{}`; expected one of {allowed:?}",
                        self.what
                    ),
                ));
            }
            if value.is_null() {
                return Err(Reply::error(
                    400,
                    format!("`{}.{key}` is null; omit absent fields instead", self.what),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<&'a str>, Reply> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.wrong_type(key, "a string")),
        }
    }

    /// A present, non-empty string.
    pub(crate) fn req_str(&self, key: &str) -> Result<&'a str, Reply> {
        match self.opt_str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            Some(_) => Err(Reply::error(
                400,
                format!("`{}.{key}` must not be empty", self.what),
            )),
            None => Err(Reply::error(
                400,
                format!("`{}.{key}` is required", self.what),
            )),
        }
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, Reply> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong_type(key, "a boolean")),
        }
    }

    pub(crate) fn opt_object(&self, key: &str) -> Result<Option<&'a Map<String, Value>>, Reply> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => Err(self.wrong_type(key, "an object")),
        }
    }

    /// A `passwordEncryptType` flag: `"none"` (also when absent), `"rsa"` or `"sm2"`, lowercase.
    pub(crate) fn encrypt_type(&self, key: &str) -> Result<PasswordEncryptType, Reply> {
        match self.opt_str(key)? {
            None | Some("none") => Ok(PasswordEncryptType::None),
            Some("rsa") => Ok(PasswordEncryptType::Rsa),
            Some("sm2") => Ok(PasswordEncryptType::Sm2),
            Some(other) => Err(Reply::error(
                400,
                format!(
                    "`{}.{key}` must be \"none\", \"rsa\" or \"sm2\", got {other:?}",
                    self.what
                ),
            )),
        }
    }

    fn wrong_type(&self, key: &str, expected: &str) -> Reply {
        Reply::error(400, format!("`{}.{key}` must be {expected}", self.what))
    }
}

pub(crate) fn check_phone(phone: &str, field: &str) -> Result<(), Reply> {
    if phone.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Reply::error(
            400,
            format!("`{field}` must be digits only; send the country code in `phoneCountryCode`"),
        ))
    }
}

pub(crate) fn check_country_code(cc: &str) -> Result<(), Reply> {
    let digits = cc.strip_prefix('+').unwrap_or_default();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Reply::error(
            400,
            format!("`phoneCountryCode` must look like \"+86\", got {cc:?}"),
        ))
    }
}

pub(crate) fn check_email(email: &str, field: &str) -> Result<(), Reply> {
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(()),
        _ => Err(Reply::error(
            400,
            format!("`{field}` is not an email address"),
        )),
    }
}
