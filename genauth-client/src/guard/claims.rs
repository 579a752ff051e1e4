//! What a successful check puts into the request extensions: [`BearerClaims`].

use serde_json::{Map, Value};

use crate::model::TokenIntrospection;
use crate::oidc::AccessTokenClaims;

/// How a token was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClaimsSource {
    /// Offline: an RS256 JWT verified with the JWKS ([`crate::oidc::TokenVerifier`]).
    Jwt,
    /// Online: the server's introspection answer ([`crate::oidc::IntrospectionCache`]).
    Introspection,
}

/// The claims of a verified bearer token, typed. A guarded handler finds them in the request
/// extensions (`Extension<BearerClaims>`), or takes them as an extractor when the router's
/// state provides a [`super::Guard`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BearerClaims {
    /// `sub`: the user id (absent for client-credentials tokens).
    pub subject: Option<String>,
    /// `client_id` (or `azp`): the application the token was issued to, when present.
    pub client_id: Option<String>,
    /// `iss`, when present.
    pub issuer: Option<String>,
    /// The granted scopes (`scope`, split on spaces), in the token's order.
    pub scopes: Vec<String>,
    /// Role codes, when the token carries a `roles` claim (an array of strings or of objects
    /// with a `code`, or a space-separated string); empty otherwise.
    pub roles: Vec<String>,
    /// `exp`, seconds since the epoch, when present.
    pub expires_at: Option<u64>,
    /// Every other claim, as sent (`aud`, `jti`, `client_id`, `roles`, custom claims, …).
    pub custom: Map<String, Value>,
    /// How the token was checked.
    pub source: ClaimsSource,
}

impl BearerClaims {
    /// Whether `scope` was granted.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    /// Whether the token carries role `role`.
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }

    /// A custom claim by name.
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.custom.get(name)
    }

    pub(super) fn from_jwt(claims: AccessTokenClaims) -> Self {
        let AccessTokenClaims {
            iss,
            sub,
            aud,
            exp,
            iat,
            scope,
            mut extra,
        } = claims;
        let roles = roles(&extra);
        let client_id = client_id(&extra);
        extra.insert("aud".into(), aud);
        extra.insert("iat".into(), iat.into());
        BearerClaims {
            subject: sub,
            client_id,
            issuer: Some(iss),
            scopes: split_scope(scope.as_deref()),
            roles,
            expires_at: Some(exp),
            custom: extra,
            source: ClaimsSource::Jwt,
        }
    }

    pub(super) fn from_introspection(answer: &TokenIntrospection) -> Self {
        let mut custom = answer.extra.clone();
        if let Some(aud) = &answer.aud {
            custom.insert("aud".into(), aud.clone());
        }
        if let Some(iat) = answer.iat {
            custom.insert("iat".into(), iat.into());
        }
        if let Some(t) = &answer.token_type {
            custom.insert("token_type".into(), t.clone().into());
        }
        BearerClaims {
            subject: answer.sub.clone(),
            client_id: answer.client_id.clone().or_else(|| client_id(&custom)),
            issuer: answer.iss.clone(),
            scopes: split_scope(answer.scope.as_deref()),
            roles: roles(&custom),
            expires_at: answer.exp,
            custom,
            source: ClaimsSource::Introspection,
        }
    }
}

fn split_scope(scope: Option<&str>) -> Vec<String> {
    scope
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn client_id(claims: &Map<String, Value>) -> Option<String> {
    ["client_id", "azp"]
        .iter()
        .find_map(|k| claims.get(*k).and_then(Value::as_str))
        .map(str::to_owned)
}

fn roles(claims: &Map<String, Value>) -> Vec<String> {
    match claims.get("roles") {
        Some(Value::String(s)) => s.split_whitespace().map(str::to_owned).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|r| match r {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("code").and_then(Value::as_str).map(str::to_owned),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn jwt_claims_become_typed_claims() {
        let claims: AccessTokenClaims = serde_json::from_value(json!({
            "iss": "https://x/oidc", "sub": "u1", "aud": "app", "exp": 20, "iat": 10,
            "scope": "openid  orders:read", "client_id": "app",
            "roles": [{"code": "admin", "name": "Admin"}, "auditor", 7],
            "tenant": {"id": "t1"}
        }))
        .unwrap();
        let c = BearerClaims::from_jwt(claims);
        assert_eq!(c.subject.as_deref(), Some("u1"));
        assert_eq!(c.client_id.as_deref(), Some("app"));
        assert_eq!(c.scopes, ["openid", "orders:read"]);
        assert!(c.has_scope("orders:read") && !c.has_scope("orders"));
        assert_eq!(c.roles, ["admin", "auditor"]);
        assert!(c.has_role("admin"));
        assert_eq!(c.expires_at, Some(20));
        assert_eq!(c.claim("tenant"), Some(&json!({"id": "t1"})));
        assert_eq!(c.claim("aud"), Some(&json!("app")));
        assert_eq!(c.source, ClaimsSource::Jwt);
    }

    #[test]
    fn introspection_answers_become_typed_claims() {
        let answer: TokenIntrospection = serde_json::from_value(json!({
            "active": true, "sub": "u2", "scope": "a b", "azp": "other",
            "roles": "r1 r2", "exp": 99, "aud": ["x"]
        }))
        .unwrap();
        let c = BearerClaims::from_introspection(&answer);
        assert_eq!(c.subject.as_deref(), Some("u2"));
        assert_eq!(c.client_id.as_deref(), Some("other"));
        assert_eq!(c.scopes, ["a", "b"]);
        assert_eq!(c.roles, ["r1", "r2"]);
        assert_eq!(c.expires_at, Some(99));
        assert_eq!(c.claim("aud"), Some(&json!(["x"])));
        assert_eq!(c.source, ClaimsSource::Introspection);
        let empty = BearerClaims::from_introspection(&TokenIntrospection::default());
        assert!(empty.scopes.is_empty() && empty.roles.is_empty() && empty.subject.is_none());
    }
}
