//! Passcodes: issuing, recording and consuming them, and where they were sent.

use super::accounts::eq_email;
use super::{DEFAULT_COUNTRY_CODE, Identifier, Store, UserId};
use crate::{FakeUser, SentPasscode};

#[derive(Debug, Clone)]
pub(super) struct PasscodeRecord {
    sent: SentPasscode,
    used: bool,
}

/// Where a passcode went: an email address or a phone number with its optional country code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PasscodeTarget<'a> {
    Email(&'a str),
    Phone {
        number: &'a str,
        country_code: Option<&'a str>,
    },
}

impl PasscodeTarget<'_> {
    /// Consumes an outstanding passcode for this target on `channel` (see
    /// [`Store::consume_passcode`]).
    pub(crate) fn consume(self, store: &mut Store, channel: &str, code: &str) -> bool {
        match self {
            PasscodeTarget::Email(email) => store.consume_passcode(channel, email, None, code),
            PasscodeTarget::Phone {
                number,
                country_code,
            } => store.consume_passcode(channel, number, country_code, code),
        }
    }

    /// The user this email, or this phone number with this country code, belongs to.
    pub(crate) fn find_user(self, store: &Store) -> Option<UserId> {
        match self {
            PasscodeTarget::Email(email) => store.find_by_email(email),
            PasscodeTarget::Phone {
                number,
                country_code,
            } => store.find_by_phone(number, country_code),
        }
    }

    /// Whether a new user with this identifier would clash with a stored one. Stricter than
    /// [`PasscodeTarget::find_user`]: a phone number is taken whatever its country code, because
    /// [`Store::add_user`] would replace its owner.
    pub(crate) fn is_taken(self, store: &Store) -> bool {
        match self {
            PasscodeTarget::Email(email) => store.find_by_email(email).is_some(),
            PasscodeTarget::Phone { number, .. } => store
                .find_by_identifier(Identifier::Phone(number))
                .is_some(),
        }
    }

    /// Whether this is `user`'s own email, or own phone number with a matching country code.
    pub(crate) fn belongs_to(self, user: &FakeUser) -> bool {
        match self {
            PasscodeTarget::Email(email) => eq_email(user.email.as_deref(), email),
            PasscodeTarget::Phone {
                number,
                country_code,
            } => {
                user.phone.as_deref() == Some(number)
                    && user
                        .phone_country_code
                        .as_deref()
                        .unwrap_or(DEFAULT_COUNTRY_CODE)
                        == country_code.unwrap_or(DEFAULT_COUNTRY_CODE)
            }
        }
    }

    /// A new password-less user with just this identifier.
    pub(crate) fn new_user(self) -> FakeUser {
        match self {
            PasscodeTarget::Email(email) => FakeUser::new().email(email),
            PasscodeTarget::Phone {
                number,
                country_code: Some(cc),
            } => FakeUser::new().phone(number).phone_country_code(cc),
            PasscodeTarget::Phone { number, .. } => FakeUser::new().phone(number),
        }
    }
}

impl Store {
    /// Generates a 6-digit passcode for `target` and records it as sent.
    pub(crate) fn issue_passcode(
        &mut self,
        channel: &str,
        target: &str,
        phone_country_code: Option<&str>,
    ) -> String {
        let code = format!("{:06}", self.rng.next_u64() % 1_000_000);
        self.passcodes.push(PasscodeRecord {
            sent: SentPasscode {
                channel: channel.to_owned(),
                target: normalize_target(target),
                phone_country_code: phone_country_code.map(str::to_owned),
                code: code.clone(),
            },
            used: false,
        });
        code
    }

    pub(crate) fn sent_passcodes(&self) -> Vec<SentPasscode> {
        self.passcodes.iter().map(|p| p.sent.clone()).collect()
    }

    /// Consumes an unused passcode sent to `target` for `channel`. Phone country codes must
    /// agree, a missing one meaning `+86` on either side. Returns false when no such passcode is
    /// outstanding.
    pub(crate) fn consume_passcode(
        &mut self,
        channel: &str,
        target: &str,
        phone_country_code: Option<&str>,
        code: &str,
    ) -> bool {
        let target = normalize_target(target);
        let cc = phone_country_code.unwrap_or(DEFAULT_COUNTRY_CODE);
        let found = self.passcodes.iter_mut().find(|p| {
            !p.used
                && p.sent.channel == channel
                && p.sent.target == target
                && p.sent.code == code
                && (target.contains('@')
                    || p.sent
                        .phone_country_code
                        .as_deref()
                        .unwrap_or(DEFAULT_COUNTRY_CODE)
                        == cc)
        });
        match found {
            Some(p) => {
                p.used = true;
                true
            }
            None => false,
        }
    }
}

/// Emails are matched case-insensitively, so they are stored lowercased; phones as given.
fn normalize_target(target: &str) -> String {
    if target.contains('@') {
        target.to_ascii_lowercase()
    } else {
        target.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passcodes_are_single_use_and_country_code_aware() {
        let mut store = Store::new();
        let code = store.issue_passcode("CHANNEL_LOGIN", "13800000000", None);
        assert_eq!(code.len(), 6);
        let login = "CHANNEL_LOGIN";
        assert!(!store.consume_passcode(login, "13800000000", Some("+1"), &code));
        assert!(!store.consume_passcode("CHANNEL_REGISTER", "13800000000", None, &code));
        assert!(store.consume_passcode(login, "13800000000", Some("+86"), &code));
        assert!(!store.consume_passcode(login, "13800000000", None, &code));
        let code = store.issue_passcode(login, "Bob@Example.com", None);
        assert!(store.consume_passcode(login, "bob@example.COM", None, &code));
    }

    #[test]
    fn passcode_targets() {
        let store = Store::new();
        let alice = store.users()[0].clone();
        let phone = |cc| PasscodeTarget::Phone {
            number: "13800000000",
            country_code: cc,
        };
        assert!(PasscodeTarget::Email("ALICE@example.com").belongs_to(&alice));
        assert!(phone(None).belongs_to(&alice) && phone(Some("+86")).belongs_to(&alice));
        assert!(!phone(Some("+1")).belongs_to(&alice));
        assert!(phone(Some("+1")).find_user(&store).is_none());
        assert!(phone(Some("+1")).is_taken(&store));
        assert_eq!(
            phone(Some("+1")).new_user(),
            FakeUser::new()
                .phone("13800000000")
                .phone_country_code("+1")
        );
    }
}
