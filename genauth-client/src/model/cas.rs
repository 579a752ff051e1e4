//! CAS validation results.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The CAS 1.0 answer: `yes\n<username>\n` (valid) or `no\n\n` (invalid), parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CasV1Validation {
    /// The ticket is valid for this user.
    Valid {
        /// The user's name as the CAS server reports it.
        username: String,
    },
    /// The ticket is not valid (or the answer was not `yes`).
    Invalid,
}

impl CasV1Validation {
    /// Parses the text body.
    pub fn parse(text: &str) -> Self {
        let mut lines = text.lines();
        match (lines.next().map(str::trim), lines.next().map(str::trim)) {
            (Some("yes"), Some(user)) if !user.is_empty() => CasV1Validation::Valid {
                username: user.to_owned(),
            },
            _ => CasV1Validation::Invalid,
        }
    }
}

impl<'de> Deserialize<'de> for CasV1Validation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(CasV1Validation::parse(&text))
    }
}

impl Serialize for CasV1Validation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CasV1Validation::Valid { username } => s.serialize_str(&format!("yes\n{username}\n")),
            CasV1Validation::Invalid => s.serialize_str("no\n\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_answers() {
        assert_eq!(
            CasV1Validation::parse("yes\nsample-username\n"),
            CasV1Validation::Valid {
                username: "sample-username".into()
            }
        );
        assert_eq!(CasV1Validation::parse("no\n\n"), CasV1Validation::Invalid);
        assert_eq!(CasV1Validation::parse(""), CasV1Validation::Invalid);
    }
}
