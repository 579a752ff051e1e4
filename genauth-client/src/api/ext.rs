//! Convenience wrappers: not endpoints, but thin fillers of [`SignInByCredentialsDto`].
//!
//! Blanket-implemented for every [`Authentication`], so a mock of the trait gets them for free.

use std::future::Future;

use super::Authentication;
use crate::error::Result;
use crate::model::{
    Connection, DirectoryPayload, LoginTokenSet, PassCodePayload, PasswordPayload,
    SignInByCredentialsDto, SignInOptions,
};
use crate::secret::{Password, Secret};

fn password_login(
    payload: PasswordPayload,
    options: Option<SignInOptions>,
) -> SignInByCredentialsDto {
    SignInByCredentialsDto {
        connection: Connection::Password,
        password_payload: Some(payload),
        options,
        ..Default::default()
    }
}

/// The docs' `sign_in_by_*` methods, each one call to [`Authentication::sign_in_by_credentials`].
pub trait AuthenticationExt: Authentication {
    /// Account (username, phone or email) + password.
    fn sign_in_by_account_password(
        &self,
        account: &str,
        password: impl Into<Password>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let payload = PasswordPayload {
            password: password.into(),
            account: Some(account.to_owned()),
            ..Default::default()
        };
        self.sign_in_by_credentials(password_login(payload, options))
    }

    /// Username + password.
    fn sign_in_by_username_password(
        &self,
        username: &str,
        password: impl Into<Password>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let payload = PasswordPayload {
            password: password.into(),
            username: Some(username.to_owned()),
            ..Default::default()
        };
        self.sign_in_by_credentials(password_login(payload, options))
    }

    /// Email + password.
    fn sign_in_by_email_password(
        &self,
        email: &str,
        password: impl Into<Password>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let payload = PasswordPayload {
            password: password.into(),
            email: Some(email.to_owned()),
            ..Default::default()
        };
        self.sign_in_by_credentials(password_login(payload, options))
    }

    /// Phone + password.
    fn sign_in_by_phone_password(
        &self,
        phone: &str,
        password: impl Into<Password>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        let payload = PasswordPayload {
            password: password.into(),
            phone: Some(phone.to_owned()),
            ..Default::default()
        };
        self.sign_in_by_credentials(password_login(payload, options))
    }

    /// Email + passcode (get one with `send_email`, channel `CHANNEL_LOGIN`).
    fn sign_in_by_email_passcode(
        &self,
        email: &str,
        pass_code: impl Into<Secret>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        self.sign_in_by_credentials(SignInByCredentialsDto {
            connection: Connection::Passcode,
            pass_code_payload: Some(PassCodePayload {
                pass_code: pass_code.into(),
                email: Some(email.to_owned()),
                ..Default::default()
            }),
            options,
            ..Default::default()
        })
    }

    /// Phone + passcode (get one with `send_sms`, channel `CHANNEL_LOGIN`).
    fn sign_in_by_phone_passcode(
        &self,
        phone: &str,
        pass_code: impl Into<Secret>,
        phone_country_code: Option<&str>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        self.sign_in_by_credentials(SignInByCredentialsDto {
            connection: Connection::Passcode,
            pass_code_payload: Some(PassCodePayload {
                pass_code: pass_code.into(),
                phone: Some(phone.to_owned()),
                phone_country_code: phone_country_code.map(str::to_owned),
                ..Default::default()
            }),
            options,
            ..Default::default()
        })
    }

    /// LDAP `sAMAccountName` + password.
    fn sign_in_by_ldap(
        &self,
        sam_account_name: &str,
        password: impl Into<Password>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        self.sign_in_by_credentials(SignInByCredentialsDto {
            connection: Connection::Ldap,
            ldap_payload: Some(DirectoryPayload {
                sam_account_name: sam_account_name.to_owned(),
                password: password.into(),
            }),
            options,
            ..Default::default()
        })
    }

    /// Active Directory `sAMAccountName` + password.
    fn sign_in_by_ad(
        &self,
        sam_account_name: &str,
        password: impl Into<Password>,
        options: Option<SignInOptions>,
    ) -> impl Future<Output = Result<LoginTokenSet>> + Send {
        self.sign_in_by_credentials(SignInByCredentialsDto {
            connection: Connection::Ad,
            ad_payload: Some(DirectoryPayload {
                sam_account_name: sam_account_name.to_owned(),
                password: password.into(),
            }),
            options,
            ..Default::default()
        })
    }
}

impl<T: Authentication + ?Sized> AuthenticationExt for T {}
