//! The Management API's own records, a field of the user store (so deleting a user drops its
//! assignments under the same lock): roles and who holds them, groups and their members, and
//! the resource grants of `authorize-resources` that `is-action-allowed` and `check-permission`
//! read.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::users::UserId;

/// A role: unique by `(namespace, code)`.
#[derive(Debug, Clone)]
pub(crate) struct Role {
    pub(crate) id: String,
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) namespace: String,
    pub(crate) disable_time: Option<i64>,
    /// Users holding the role, in assignment order.
    pub(crate) members: Vec<Assignment>,
}

/// One user's hold on a role, with the optional window `assign-role` gave it (milliseconds
/// since the epoch, as the API takes them).
#[derive(Debug, Clone)]
pub(crate) struct Assignment {
    pub(crate) user: UserId,
    pub(crate) enable_time: Option<i64>,
    pub(crate) end_time: Option<i64>,
}

impl Assignment {
    /// Whether the assignment holds now: after `enableTime`, before `endTime`.
    pub(crate) fn in_effect(&self) -> bool {
        let now = now_millis();
        self.enable_time.is_none_or(|t| t <= now) && self.end_time.is_none_or(|t| now < t)
    }
}

/// A group: unique by `code`.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) id: String,
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) kind: String,
    pub(crate) custom_data: Option<Value>,
    /// Members in the order they were added.
    pub(crate) members: Vec<UserId>,
}

/// Who a grant is for (`targetType` + `targetIdentifiers` of `authorize-resources`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// `USER`: a user id.
    User(UserId),
    /// `ROLE`: a role code, in the grant's namespace.
    Role(String),
    /// `GROUP`: a group code.
    Group(String),
}

/// `actions` on the resource `code` (of `resource_type`) in `namespace`, for `target`.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub(crate) namespace: String,
    pub(crate) target: Target,
    pub(crate) code: String,
    pub(crate) resource_type: String,
    pub(crate) actions: Vec<String>,
}

/// Roles, groups and grants.
#[derive(Debug, Default)]
pub(crate) struct Directory {
    pub(crate) roles: Vec<Role>,
    pub(crate) groups: Vec<Group>,
    pub(crate) grants: Vec<Grant>,
    next_id: u64,
}

impl Directory {
    /// A fresh id: `fake-<kind>-<n>`.
    pub(crate) fn new_id(&mut self, kind: &str) -> String {
        self.next_id += 1;
        format!("fake-{kind}-{}", self.next_id)
    }

    pub(crate) fn role(&self, namespace: &str, code: &str) -> Option<&Role> {
        self.roles
            .iter()
            .find(|r| r.namespace == namespace && r.code == code)
    }

    pub(crate) fn role_mut(&mut self, namespace: &str, code: &str) -> Option<&mut Role> {
        self.roles
            .iter_mut()
            .find(|r| r.namespace == namespace && r.code == code)
    }

    pub(crate) fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    pub(crate) fn group_mut(&mut self, code: &str) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.code == code)
    }

    /// The roles `user` holds now (enabled roles, assignments in effect), in creation order.
    pub(crate) fn roles_of<'a>(&'a self, user: &'a UserId) -> impl Iterator<Item = &'a Role> {
        self.roles.iter().filter(move |r| {
            r.is_enabled() && r.members.iter().any(|a| &a.user == user && a.in_effect())
        })
    }

    /// The groups `user` is a member of, in creation order.
    pub(crate) fn groups_of<'a>(&'a self, user: &'a UserId) -> impl Iterator<Item = &'a Group> {
        self.groups.iter().filter(move |g| g.members.contains(user))
    }

    /// Adds a grant, merging its actions into an existing grant of the same target, namespace
    /// and resource.
    pub(crate) fn grant(&mut self, grant: Grant) {
        let existing = self.grants.iter_mut().find(|g| {
            g.namespace == grant.namespace
                && g.target == grant.target
                && g.code == grant.code
                && g.resource_type == grant.resource_type
        });
        match existing {
            Some(g) => {
                for action in grant.actions {
                    if !g.actions.contains(&action) {
                        g.actions.push(action);
                    }
                }
            }
            None => self.grants.push(grant),
        }
    }

    /// Whether `user` may do `action` on the resource `code` in `namespace`: a grant to the
    /// user, to a role of that namespace the user holds now, or to a group the user is in,
    /// naming that resource code exactly and listing that action exactly.
    pub(crate) fn allows(&self, user: &UserId, namespace: &str, code: &str, action: &str) -> bool {
        let roles: Vec<&str> = self
            .roles_of(user)
            .filter(|r| r.namespace == namespace)
            .map(|r| r.code.as_str())
            .collect();
        let groups: Vec<&str> = self.groups_of(user).map(|g| g.code.as_str()).collect();
        self.grants.iter().any(|g| {
            g.namespace == namespace
                && g.code == code
                && g.actions.iter().any(|a| a == action)
                && match &g.target {
                    Target::User(u) => u == user,
                    Target::Role(r) => roles.contains(&r.as_str()),
                    Target::Group(c) => groups.contains(&c.as_str()),
                }
        })
    }

    /// Drops everything that names `user`.
    pub(crate) fn remove_user(&mut self, user: &UserId) {
        for role in &mut self.roles {
            role.members.retain(|a| &a.user != user);
        }
        for group in &mut self.groups {
            group.members.retain(|m| m != user);
        }
        self.grants
            .retain(|g| g.target != Target::User(user.clone()));
    }
}

/// Milliseconds since the epoch.
pub(crate) fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(directory: &mut Directory, namespace: &str, code: &str, member: Assignment) {
        let id = directory.new_id("role");
        directory.roles.push(Role {
            id,
            code: code.into(),
            name: code.into(),
            description: String::new(),
            namespace: namespace.into(),
            disable_time: None,
            members: vec![member],
        });
    }

    fn grant(directory: &mut Directory, namespace: &str, target: Target, code: &str) {
        directory.grant(Grant {
            namespace: namespace.into(),
            target,
            code: code.into(),
            resource_type: "DATA".into(),
            actions: vec!["read".into()],
        });
    }

    #[test]
    fn grants_reach_users_through_roles_of_their_namespace_and_groups() {
        let (alice, bob) = (UserId("a".into()), UserId("b".into()));
        let mut d = Directory::default();
        let held = |user: &UserId| Assignment {
            user: user.clone(),
            enable_time: None,
            end_time: None,
        };
        role(&mut d, "ns1", "reader", held(&alice));
        role(&mut d, "ns2", "reader", held(&bob));
        grant(&mut d, "ns1", Target::Role("reader".into()), "books");
        assert!(d.allows(&alice, "ns1", "books", "read"));
        assert!(!d.allows(&alice, "ns1", "books", "write"));
        assert!(!d.allows(&alice, "ns1", "book", "read"));
        assert!(!d.allows(&alice, "ns2", "books", "read"));
        // bob's `reader` is the ns2 role: the ns1 grant does not reach him.
        assert!(!d.allows(&bob, "ns1", "books", "read"));

        let id = d.new_id("group");
        d.groups.push(Group {
            id,
            code: "staff".into(),
            name: "Staff".into(),
            description: String::new(),
            kind: String::new(),
            custom_data: None,
            members: vec![bob.clone()],
        });
        grant(&mut d, "ns1", Target::Group("staff".into()), "files");
        assert!(d.allows(&bob, "ns1", "files", "read"));
        assert!(!d.allows(&alice, "ns1", "files", "read"));

        grant(&mut d, "ns1", Target::User(alice.clone()), "files");
        assert!(d.allows(&alice, "ns1", "files", "read"));
        d.remove_user(&alice);
        assert!(!d.allows(&alice, "ns1", "files", "read"));
        assert!(!d.allows(&alice, "ns1", "books", "read"));
        assert!(d.allows(&bob, "ns1", "files", "read"));
    }

    #[test]
    fn assignments_hold_within_their_window() {
        let now = now_millis();
        let at = |enable_time, end_time| Assignment {
            user: UserId("a".into()),
            enable_time,
            end_time,
        };
        assert!(at(None, None).in_effect());
        assert!(at(Some(now - 1_000), Some(now + 60_000)).in_effect());
        assert!(!at(Some(now + 60_000), None).in_effect());
        assert!(!at(None, Some(now - 1_000)).in_effect());
    }
}
