//! Public information: the country list (`GET /api/v3/get-country-list`).

use crate::dto;

/// One language's text in a [`LocalizedNames`] (`LangUnit`).
#[dto]
pub struct LocalizedText {
    /// Whether the console shows this language.
    pub enabled: Option<bool>,
    /// The text.
    pub value: Option<String>,
}

/// A name in several languages (`LangObject`). Languages not listed are kept in `extra`.
#[dto(extra)]
pub struct LocalizedNames {
    /// Simplified Chinese (`zh-CN`).
    #[serde(rename = "zh-CN")]
    pub zh_cn: Option<LocalizedText>,
    /// English (`en-US`).
    #[serde(rename = "en-US")]
    pub en_us: Option<LocalizedText>,
    /// Traditional Chinese (`zh-TW`).
    #[serde(rename = "zh-TW")]
    pub zh_tw: Option<LocalizedText>,
    /// Japanese (`ja-JP`).
    #[serde(rename = "ja-JP")]
    pub ja_jp: Option<LocalizedText>,
}

/// One country of `get-country-list` (`CountryDetailInfo`). Unknown fields are kept in `extra`.
#[dto(extra)]
pub struct CountryInfo {
    /// ISO 3166 alpha-2 code.
    pub alpha2: Option<String>,
    /// ISO 3166 alpha-3 code.
    pub alpha3: Option<String>,
    /// Phone country code.
    pub phone_country_code: Option<String>,
    /// Flag icon.
    pub flag: Option<String>,
    /// Name in several languages.
    pub name: Option<LocalizedNames>,
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
