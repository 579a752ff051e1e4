//! Convenience wrappers: not endpoints, but thin fillers of [`SignUpDto`], one per sign-up
//! method of the official SDKs.
//!
//! Blanket-implemented for every [`Account`], so a mock of the trait gets them for free.

use std::future::Future;

use super::Account;
use crate::error::Result;
use crate::model::{
    PassCodePayload, SignUpConnection, SignUpDto, SignUpOptions, SignUpPasswordPayload,
    SignUpProfile, UserInfo,
};
use crate::secret::{Password, Secret};

fn sign_up_body(
    connection: SignUpConnection,
    password_payload: Option<SignUpPasswordPayload>,
    pass_code_payload: Option<PassCodePayload>,
    profile: Option<SignUpProfile>,
    options: Option<SignUpOptions>,
) -> SignUpDto {
    SignUpDto {
        connection,
        password_payload,
        pass_code_payload,
        // Infallible: every field of `SignUpProfile` is a string, a bool, an open enum or JSON.
        profile: profile
            .map(|p| serde_json::to_value(p).expect("SignUpProfile always serialises to JSON")),
        options,
    }
}

/// The SDKs' `sign_up_by_*` methods (node: `signUpByEmailPassword`, `signUpByUsernamePassword`,
/// `signUpByEmailCode`, `signUpByPhoneCode`), each one call to [`Account::sign_up`]
/// (`POST /api/v3/signup`) with the same body the official SDKs send.
pub trait SignUpExt: Account {
    /// Email + password: `{connection: PASSWORD, passwordPayload: {email, password}, profile?,
    /// options?}`.
    fn sign_up_by_email_password(
        &self,
        email: &str,
        password: impl Into<Password>,
        profile: Option<SignUpProfile>,
        options: Option<SignUpOptions>,
    ) -> impl Future<Output = Result<UserInfo>> + Send {
        let payload = SignUpPasswordPayload {
            password: password.into(),
            email: Some(email.to_owned()),
            username: None,
        };
        self.sign_up(sign_up_body(
            SignUpConnection::Password,
            Some(payload),
            None,
            profile,
            options,
        ))
    }

    /// Username + password: `{connection: PASSWORD, passwordPayload: {username, password},
    /// profile?, options?}`.
    fn sign_up_by_username_password(
        &self,
        username: &str,
        password: impl Into<Password>,
        profile: Option<SignUpProfile>,
        options: Option<SignUpOptions>,
    ) -> impl Future<Output = Result<UserInfo>> + Send {
        let payload = SignUpPasswordPayload {
            password: password.into(),
            username: Some(username.to_owned()),
            email: None,
        };
        self.sign_up(sign_up_body(
            SignUpConnection::Password,
            Some(payload),
            None,
            profile,
            options,
        ))
    }

    /// Email + passcode (get one with `send_email`, channel `CHANNEL_REGISTER`):
    /// `{connection: PASSCODE, passCodePayload: {email, passCode}, profile?, options?}`.
    fn sign_up_by_email_passcode(
        &self,
        email: &str,
        pass_code: impl Into<Secret>,
        profile: Option<SignUpProfile>,
        options: Option<SignUpOptions>,
    ) -> impl Future<Output = Result<UserInfo>> + Send {
        let payload = PassCodePayload {
            pass_code: pass_code.into(),
            email: Some(email.to_owned()),
            ..Default::default()
        };
        self.sign_up(sign_up_body(
            SignUpConnection::Passcode,
            None,
            Some(payload),
            profile,
            options,
        ))
    }

    /// Phone + passcode (get one with `send_sms`, channel `CHANNEL_REGISTER`):
    /// `{connection: PASSCODE, passCodePayload: {phone, passCode, phoneCountryCode?}, profile?,
    /// options?}`. Without a country code the field is omitted (py sends
    /// `"phoneCountryCode": null`, node omits it).
    fn sign_up_by_phone_passcode(
        &self,
        phone: &str,
        pass_code: impl Into<Secret>,
        phone_country_code: Option<&str>,
        profile: Option<SignUpProfile>,
        options: Option<SignUpOptions>,
    ) -> impl Future<Output = Result<UserInfo>> + Send {
        let payload = PassCodePayload {
            pass_code: pass_code.into(),
            phone: Some(phone.to_owned()),
            phone_country_code: phone_country_code.map(str::to_owned),
            ..Default::default()
        };
        self.sign_up(sign_up_body(
            SignUpConnection::Passcode,
            None,
            Some(payload),
            profile,
            options,
        ))
    }
}

impl<T: Account + ?Sized> SignUpExt for T {}
