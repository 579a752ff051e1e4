//! Public information: the country list (`GET /api/v3/get-country-list`).

use serde::{Deserialize, Serialize};

/// One language's text in a [`LocalizedNames`] (`LangUnit`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    /// Whether the console shows this language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A name in several languages (`LangObject`). Languages not listed are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalizedNames {
    /// Simplified Chinese (`zh-CN`).
    #[serde(default, rename = "zh-CN", skip_serializing_if = "Option::is_none")]
    pub zh_cn: Option<LocalizedText>,
    /// English (`en-US`).
    #[serde(default, rename = "en-US", skip_serializing_if = "Option::is_none")]
    pub en_us: Option<LocalizedText>,
    /// Traditional Chinese (`zh-TW`).
    #[serde(default, rename = "zh-TW", skip_serializing_if = "Option::is_none")]
    pub zh_tw: Option<LocalizedText>,
    /// Japanese (`ja-JP`).
    #[serde(default, rename = "ja-JP", skip_serializing_if = "Option::is_none")]
    pub ja_jp: Option<LocalizedText>,
    /// Every other language the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One country of `get-country-list` (`CountryDetailInfo`). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryInfo {
    /// ISO 3166 alpha-2 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha2: Option<String>,
    /// ISO 3166 alpha-3 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha3: Option<String>,
    /// Phone country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_country_code: Option<String>,
    /// Flag icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    /// Name in several languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedNames>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_keys_and_unknown_languages() {
        let c: CountryInfo = serde_json::from_str(
            r#"{"alpha2":"CN","name":{"zh-CN":{"enabled":true,"value":"中国"},"fr-FR":{"value":"Chine"}}}"#,
        )
        .unwrap();
        let name = c.name.unwrap();
        assert_eq!(name.zh_cn.unwrap().value.as_deref(), Some("中国"));
        assert_eq!(name.extra["fr-FR"]["value"], "Chine");
    }
}
