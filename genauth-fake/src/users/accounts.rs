//! Stored user records: adding, changing and looking up users, and their API (JSON) form.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::{DEFAULT_COUNTRY_CODE, Identifier, Store, UserId};
use crate::FakeUser;

/// A stored user as the Management API reads it ([`Store::user_view`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UserView<'a> {
    pub(crate) id: &'a UserId,
    pub(crate) user: &'a FakeUser,
    pub(crate) created_at: SystemTime,
    /// When `update-profile`, a binding or `update-user` last changed the user.
    pub(crate) updated_at: Option<SystemTime>,
    /// Fields beyond the identifiers (camelCase wire names): `update-profile`'s, and the
    /// Management API's (`status`, `gender`, `externalId`, `customData`, …).
    pub(crate) profile: &'a Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(super) struct UserRecord {
    id: UserId,
    user: FakeUser,
    created_at: SystemTime,
    /// Profile fields set by `update-profile` (camelCase wire names, never an identity key).
    profile: Map<String, Value>,
    /// When `update-profile` or a binding last changed the user.
    updated_at: Option<SystemTime>,
}

impl Store {
    /// Adds `user`, replacing any stored user that shares one of its identifiers (username,
    /// email, phone, LDAP or AD account name), so a test can redefine the demo user.
    pub(crate) fn add_user(&mut self, user: FakeUser) -> UserId {
        self.add_user_with_profile(user, Map::new())
    }

    /// [`Store::add_user`] with profile fields beyond the identifiers (Management
    /// `create-user`).
    pub(crate) fn add_user_with_profile(
        &mut self,
        user: FakeUser,
        profile: Map<String, Value>,
    ) -> UserId {
        self.users.retain(|r| !shares_identifier(&r.user, &user));
        let id = UserId(format!("fake-user-{}", self.next_user));
        self.next_user += 1;
        self.users.push(UserRecord {
            id: id.clone(),
            user,
            created_at: SystemTime::now(),
            profile,
            updated_at: None,
        });
        id
    }

    /// Sets a stored user's password; false when there is no such user.
    pub(crate) fn set_password(&mut self, id: &UserId, password: String) -> bool {
        match self.users.iter_mut().find(|r| &r.id == id) {
            Some(record) => {
                record.user.password = Some(password);
                true
            }
            None => false,
        }
    }

    /// Changes a stored user: its identifiers and its `update-profile` fields, and stamps
    /// `updatedAt`. False when there is no such user.
    pub(crate) fn update_user(
        &mut self,
        id: &UserId,
        change: impl FnOnce(&mut FakeUser, &mut Map<String, Value>),
    ) -> bool {
        match self.users.iter_mut().find(|r| &r.id == id) {
            Some(record) => {
                change(&mut record.user, &mut record.profile);
                record.updated_at = Some(SystemTime::now());
                true
            }
            None => false,
        }
    }

    /// The user as the API returns it (`UserDto`-shaped, camelCase; unset identifiers are
    /// `null`), with the fields `update-profile` set and `updatedAt` once it changed.
    pub(crate) fn user_json(&self, id: &UserId) -> Option<Value> {
        let record = self.users.iter().find(|r| &r.id == id)?;
        let user = &record.user;
        let mut data = json!({
            "userId": record.id.0,
            "username": user.username,
            "email": user.email,
            "phone": user.phone,
            "phoneCountryCode": user.phone_country_code,
            "status": "Activated",
            "createdAt": rfc3339(record.created_at),
        });
        if let Value::Object(map) = &mut data {
            if let Some(at) = record.updated_at {
                map.insert("updatedAt".into(), rfc3339(at).into());
            }
            map.extend(record.profile.clone());
        }
        Some(data)
    }

    /// What the Management API reads of a stored user (`src/management/users.rs`).
    pub(crate) fn user_view(&self, id: &UserId) -> Option<UserView<'_>> {
        let record = self.users.iter().find(|r| &r.id == id)?;
        Some(UserView {
            id: &record.id,
            user: &record.user,
            created_at: record.created_at,
            updated_at: record.updated_at,
            profile: &record.profile,
        })
    }

    /// Every user's id, oldest first (the order the Management API lists users in).
    pub(crate) fn user_ids(&self) -> Vec<UserId> {
        self.users.iter().map(|r| r.id.clone()).collect()
    }

    /// The user whose stored profile field `key` is the string `value` (`externalId`).
    pub(crate) fn find_by_profile(&self, key: &str, value: &str) -> Option<UserId> {
        let found = self
            .users
            .iter()
            .find(|r| r.profile.get(key).and_then(Value::as_str) == Some(value));
        found.map(|r| r.id.clone())
    }

    /// Deletes a user, with its role assignments, group memberships and Management grants;
    /// false when there is no such user. Its tokens stop naming a user (statusCode 404,
    /// apiCode 2004 where they are used).
    pub(crate) fn remove_user(&mut self, id: &UserId) -> bool {
        let before = self.users.len();
        self.users.retain(|r| &r.id != id);
        self.directory.remove_user(id);
        self.users.len() != before
    }

    pub(crate) fn users(&self) -> Vec<FakeUser> {
        self.users.iter().map(|r| r.user.clone()).collect()
    }

    pub(crate) fn user(&self, id: &UserId) -> Option<&FakeUser> {
        self.users.iter().find(|r| &r.id == id).map(|r| &r.user)
    }

    /// Finds the user named by a `passwordPayload` identifier. Emails compare case-insensitively.
    pub(crate) fn find_by_identifier(&self, ident: Identifier<'_>) -> Option<UserId> {
        let matches = |u: &FakeUser| match ident {
            Identifier::Account(a) => {
                u.username.as_deref() == Some(a)
                    || eq_email(u.email.as_deref(), a)
                    || u.phone.as_deref() == Some(a)
            }
            Identifier::Username(n) => u.username.as_deref() == Some(n),
            Identifier::Email(e) => eq_email(u.email.as_deref(), e),
            Identifier::Phone(p) => u.phone.as_deref() == Some(p),
        };
        self.users
            .iter()
            .find(|r| matches(&r.user))
            .map(|r| r.id.clone())
    }

    pub(super) fn find_by_phone(&self, phone: &str, country_code: Option<&str>) -> Option<UserId> {
        let cc = country_code.unwrap_or(DEFAULT_COUNTRY_CODE);
        self.users
            .iter()
            .find(|r| {
                r.user.phone.as_deref() == Some(phone)
                    && r.user
                        .phone_country_code
                        .as_deref()
                        .unwrap_or(DEFAULT_COUNTRY_CODE)
                        == cc
            })
            .map(|r| r.id.clone())
    }

    pub(crate) fn find_by_email(&self, email: &str) -> Option<UserId> {
        self.find_by_identifier(Identifier::Email(email))
    }

    pub(crate) fn find_by_ldap(&self, sam: &str) -> Option<UserId> {
        let found = self
            .users
            .iter()
            .find(|r| r.user.ldap_sam_account_name.as_deref() == Some(sam));
        found.map(|r| r.id.clone())
    }

    pub(crate) fn find_by_ad(&self, sam: &str) -> Option<UserId> {
        let found = self
            .users
            .iter()
            .find(|r| r.user.ad_sam_account_name.as_deref() == Some(sam));
        found.map(|r| r.id.clone())
    }

    pub(crate) fn password_matches(&self, id: &UserId, password: &str) -> bool {
        self.user(id).and_then(|u| u.password.as_deref()) == Some(password)
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC), the way the service formats timestamps.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60,
        since.subsec_millis()
    )
}

pub(super) fn eq_email(stored: Option<&str>, given: &str) -> bool {
    stored.is_some_and(|s| s.eq_ignore_ascii_case(given))
}

fn shares_identifier(a: &FakeUser, b: &FakeUser) -> bool {
    fn same(x: &Option<String>, y: &Option<String>) -> bool {
        matches!((x, y), (Some(x), Some(y)) if x == y)
    }
    same(&a.username, &b.username)
        || matches!((&a.email, &b.email), (Some(x), Some(y)) if x.eq_ignore_ascii_case(y))
        || same(&a.phone, &b.phone)
        || same(&a.ldap_sam_account_name, &b.ldap_sam_account_name)
        || same(&a.ad_sam_account_name, &b.ad_sam_account_name)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn account_matches_username_email_and_phone() {
        let store = Store::new();
        for account in ["alice", "ALICE@example.com", "13800000000"] {
            assert!(
                store
                    .find_by_identifier(Identifier::Account(account))
                    .is_some(),
                "{account}"
            );
        }
        assert!(
            store
                .find_by_identifier(Identifier::Username("ALICE"))
                .is_none()
        );
        assert!(
            store
                .find_by_identifier(Identifier::Phone("alice"))
                .is_none()
        );
    }

    #[test]
    fn add_user_replaces_on_shared_identifier() {
        let mut store = Store::new();
        store.add_user(FakeUser::new().username("alice").password("other"));
        assert_eq!(store.users().len(), 1);
        let id = store
            .find_by_identifier(Identifier::Username("alice"))
            .unwrap();
        assert!(store.password_matches(&id, "other"));
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(951_827_696_789); // a leap day
        assert_eq!(rfc3339(t), "2000-02-29T12:34:56.789Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_735_689_599);
        assert_eq!(rfc3339(t), "2024-12-31T23:59:59.000Z");
    }
}
