//! `open_enum!`: string enums for closed sets that still decode values a newer server sends.
//!
//! Every variant maps to one wire string; any other string decodes as `Other(String)` and is
//! sent back verbatim, so a new server value never breaks decoding and round-trips unchanged.
//! The default is `Other("")`, no value chosen, so that every DTO holding one is `Default`.

/// Declares a string-valued wire enum with an `Other(String)` fallback.
///
/// ```
/// # extern crate genauth_client as genauth;
/// genauth::open_enum! {
///     /// A factor type.
///     pub enum Demo {
///         /// One-time password.
///         Otp = "OTP",
///         /// SMS.
///         Sms = "SMS",
///     }
/// }
/// let d: Demo = serde_json::from_str("\"OTP\"").unwrap();
/// assert_eq!(d, Demo::Otp);
/// let o: Demo = serde_json::from_str("\"FACE\"").unwrap();
/// assert_eq!(o, Demo::Other("FACE".into()));
/// assert_eq!(serde_json::to_string(&o).unwrap(), "\"FACE\"");
/// assert_eq!(Demo::Sms.as_str(), "SMS");
/// assert_eq!(Demo::default(), Demo::Other(String::new()));
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this SDK does not know yet, kept verbatim.
            Other(::std::string::String),
        }

        impl $name {
            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s.as_str(),
                }
            }
        }

        impl ::core::default::Default for $name {
            /// `Other("")`: no value chosen (sent as `""`).
            fn default() -> Self {
                $name::Other(::std::string::String::new())
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok($name::from(&*s))
            }
        }

        impl $crate::__private::WireSchema for $name {
            const SCHEMA: $crate::__private::Schema = $crate::__private::Schema::Leaf;
        }
    };
}
