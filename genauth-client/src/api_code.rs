//! The documented GenAuth `apiCode` values, by name.

use std::fmt;

macro_rules! api_codes {
    ($( $(#[$attr:meta])* $code:literal => $name:ident: $meaning:literal, )*) => {
        /// A GenAuth business error code (`apiCode` in the response envelope), by name.
        ///
        /// The values are the ones the GenAuth error-code reference documents
        /// (<https://github.com/GenAuth-Official/genauth-docs/blob/HEAD/docs/reference/error-code.md>);
        /// any other number is [`ApiCode::Unknown`]. Build one from the wire number with
        /// [`ApiCode::from`] (which never yields `Unknown` for a documented number), and test an
        /// error with [`crate::Error::api_code`]:
        ///
        /// ```
        /// # extern crate genauth_client as genauth;
        /// use genauth::{ApiCode, Error};
        ///
        /// let err = Error::Api {
        ///     status_code: 403,
        ///     api_code: Some(2333),
        ///     message: "Account not exists or password is incorrect.".into(),
        ///     request_id: None,
        /// };
        /// assert_eq!(err.api_code(), Some(ApiCode::InvalidCredentials));
        /// assert_eq!(ApiCode::InvalidCredentials.code(), 2333);
        /// assert_eq!(ApiCode::from(42), ApiCode::Unknown(42));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ApiCode {
            $(
                #[doc = concat!("`", stringify!($code), "`: ", $meaning, ".")]
                $(#[$attr])*
                $name,
            )*
            /// A code this SDK has no name for (undocumented or newer).
            Unknown(i64),
        }

        impl ApiCode {
            /// The named code for `code`, or [`ApiCode::Unknown`].
            pub const fn from_code(code: i64) -> Self {
                match code {
                    $( $code => ApiCode::$name, )*
                    other => ApiCode::Unknown(other),
                }
            }

            /// The number on the wire.
            pub const fn code(self) -> i64 {
                match self {
                    $( ApiCode::$name => $code, )*
                    ApiCode::Unknown(code) => code,
                }
            }

            /// What the documentation says the code means (English), `None` for
            /// [`ApiCode::Unknown`].
            pub const fn description(self) -> Option<&'static str> {
                match self {
                    $( ApiCode::$name => Some($meaning), )*
                    ApiCode::Unknown(_) => None,
                }
            }
        }

        #[cfg(test)]
        const ALL: &[ApiCode] = &[$(ApiCode::$name),*];
    };
}

api_codes! {
    1300 => AkSkSignatureInvalid: "AK/SK signature invalid",
    1301 => AkSkSignatureMethodMismatch: "AK/SK signature method does not match the server",
    1302 => AkSkSignatureVersionMismatch: "AK/SK signature version does not match",
    1303 => AkSkTimestampMalformed: "AK/SK timestamp malformed (must be a Unix timestamp in ms)",
    1304 => AkSkDateHeaderMissing: "AK/SK: no `date` header",
    1305 => AkSkTimestampSkewed: "AK/SK timestamp too far from the server's time",
    1306 => AkSkSignatureReplayed: "AK/SK signature already used (replay)",
    1600 => PostAuthFlowCompleted: "post-authentication flow completed, login state set",
    1635 => PersonalMfaRequired: "personal MFA (bound in the user centre) required",
    1636 => EnterpriseMfaRequired: "enterprise MFA (configured on the app) required",
    1639 => FirstLoginPasswordReset: "first-login password reset required (old password not required)",
    1640 => IdentityBindingRequired: "federated login: bind an existing account",
    1641 => IdentityBindingOrCreationRequired: "federated login: bind an existing account or create one",
    1642 => ProfileCompletionRequired: "profile completion required",
    1643 => SelfServiceUnlock: "self-service unlock",
    1699 => PostAuthFlowAborted: "post-authentication flow aborted, back to the login page",
    1700 => FacePhotoMissing: "face recognition photo not uploaded",
    1701 => FaceComparisonImageMissing: "face comparison: comparison image not uploaded",
    1702 => FaceVerificationFailed: "face verification failed",
    1703 => FaceBindingWithoutEmailOrPhone: "no email or phone bound, cannot bind a face",
    1704 => FaceBindingPhoneVerificationFailed: "face binding: phone verification failed",
    1705 => FaceBindingEmailVerificationFailed: "face binding: email verification failed",
    1706 => FaceAlreadyBound: "face already bound",
    1707 => FaceBindingFailed: "face binding failed",
    2004 => UserNotFound: "user not found",
    2005 => UserLocked: "user locked",
    2006 => WrongPassword: "wrong password",
    2011 => AppNotFound: "application does not exist",
    /// The SDK answers it itself: it refetches the server's public keys once and retries.
    2016 => PasswordDecryptionFailed: "the server could not decrypt the password (older error list)",
    2020 => NotLoggedIn: "not logged in",
    2031 => RegistrationDisabled: "the application does not allow registration",
    2039 => AppDomainTaken: "application domain already taken",
    2040 => UserPoolDomainTaken: "user pool domain already taken",
    2058 => PasswordResetRequired: "forced password reset (old password required)",
    2224 => UserPoolNotFound: "user pool does not exist",
    2333 => InvalidCredentials: "wrong account or password",
    4021 => BillingError: "metering or billing error",
    6001 => TotpCodeIncorrect: "wrong TOTP code",
    6002 => TotpRecoveryCodeIncorrect: "wrong TOTP recovery code",
    6003 => TotpCodeMissing: "no TOTP code entered",
    6004 => TotpRecoveryCodeMissing: "no TOTP recovery code entered",
    2120008 => UserDisabledInTenant: "user disabled, or not a member of this tenant",
    2130010 => TenantLoginNotPermitted: "user not permitted to log in to this tenant",
    2820002 => LdapLinkInvalid: "invalid LDAP link",
}

impl From<i64> for ApiCode {
    fn from(code: i64) -> Self {
        ApiCode::from_code(code)
    }
}

impl From<ApiCode> for i64 {
    fn from(code: ApiCode) -> i64 {
        code.code()
    }
}

impl PartialEq<i64> for ApiCode {
    fn eq(&self, other: &i64) -> bool {
        self.code() == *other
    }
}

/// `2333 (wrong account or password)`, or just the number for an unknown code.
impl fmt::Display for ApiCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(meaning) => write!(f, "{} ({meaning})", self.code()),
            None => write!(f, "{}", self.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_code_round_trips_through_its_number() {
        let mut seen = std::collections::HashSet::new();
        for &code in ALL {
            assert!(seen.insert(code.code()), "{code:?} has a duplicate number");
            assert_eq!(ApiCode::from(code.code()), code);
            assert!(code.description().is_some());
            assert!(!matches!(code, ApiCode::Unknown(_)));
        }
        assert_eq!(ALL.len(), 44);
    }

    #[test]
    fn unknown_numbers_stay_unknown_and_keep_their_value() {
        for n in [0, -1, 1, 2001, 23330, i64::MAX, i64::MIN] {
            let code = ApiCode::from(n);
            assert_eq!(code, ApiCode::Unknown(n));
            assert_eq!(i64::from(code), n);
            assert_eq!(code.to_string(), n.to_string());
        }
        assert_eq!(
            ApiCode::from(2333).to_string(),
            "2333 (wrong account or password)"
        );
        assert!(ApiCode::InvalidCredentials == 2333);
    }
}
