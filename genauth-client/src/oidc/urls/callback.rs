//! The redirect back from the authorize endpoint: `code` and `state` out of the callback URL.

use std::fmt;

use ::sm2::elliptic_curve::subtle::ConstantTimeEq;

use super::AuthorizeRequest;
use crate::error::CallbackError;
use crate::secret::Secret;

/// Longest callback URL or query accepted (an authorization response is a few hundred bytes).
const MAX_CALLBACK_LEN: usize = 16 * 1024;

/// The authorization code of a verified callback. Exchange it with
/// [`OidcExt::get_access_token_by_code`](crate::OidcExt::get_access_token_by_code) (or let
/// [`OidcExt::get_access_token_by_callback`](crate::OidcExt::get_access_token_by_callback) do
/// both steps).
#[derive(Clone, PartialEq, Eq)]
pub struct AuthorizationCode {
    /// The one-time `code` (redacted in `Debug`).
    pub code: Secret,
    /// `iss` (RFC 9207), when the server sent it.
    pub issuer: Option<String>,
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCode")
            .field("code", &self.code)
            .field("issuer", &self.issuer)
            .finish()
    }
}

/// Takes the authorization code out of the redirect the browser came back with, after checking
/// its `state` against the stored [`AuthorizeRequest`].
///
/// `callback` is the full redirect URL (`https://app.example/callback?code=…&state=…`), or
/// only its query (`code=…&state=…`, with or without the leading `?`). Parameters are read from
/// the query, or from the fragment when the query has none (`response_mode=fragment`), and
/// percent-decoded as `application/x-www-form-urlencoded` (RFC 6749 §4.1.2), so `+` is a space
/// and `%2B` a plus.
///
/// Order of checks: `state` first (an error response with a forged `state` is not trusted
/// either), then `error` ([`CallbackError::Denied`]), then `code`. The `state` comparison runs
/// in time independent of where the values differ.
///
/// ```
/// # extern crate genauth_client as genauth;
/// use genauth::oidc::{AuthorizeRequest, CallbackError, parse_callback};
///
/// let login = AuthorizeRequest {
///     url: "https://example.genauth.ai/oidc/auth?…".into(),
///     redirect_uri: Some("https://app.example/cb".into()),
///     state: Some("st4te".into()),
///     nonce: Some("n0nce".into()),
///     code_verifier: None,
/// };
/// let code = parse_callback("https://app.example/cb?code=abc%2F1&state=st4te", &login).unwrap();
/// assert_eq!(code.code.expose(), "abc/1");
///
/// let denied = parse_callback("?error=access_denied&error_description=user+said+no&state=st4te", &login);
/// assert!(matches!(denied, Err(CallbackError::Denied { ref error, .. }) if error == "access_denied"));
///
/// let forged = parse_callback("code=abc&state=other", &login);
/// assert_eq!(forged.unwrap_err(), CallbackError::StateMismatch);
/// ```
pub fn parse_callback(
    callback: &str,
    request: &AuthorizeRequest,
) -> Result<AuthorizationCode, CallbackError> {
    if callback.len() > MAX_CALLBACK_LEN {
        return Err(CallbackError::Malformed(format!(
            "longer than {MAX_CALLBACK_LEN} bytes"
        )));
    }
    let params = Params::parse(response_part(callback))?;

    match (request.state.as_deref(), params.state.as_deref()) {
        (None, None) => {}
        (Some(sent), Some(got)) if ct_eq(sent.as_bytes(), got.as_bytes()) => {}
        _ => return Err(CallbackError::StateMismatch),
    }
    if let Some(error) = params.error {
        return Err(CallbackError::Denied {
            error,
            description: params.error_description,
            uri: params.error_uri,
        });
    }
    match params.code {
        Some(code) if !code.is_empty() => Ok(AuthorizationCode {
            code: Secret::new(code),
            issuer: params.iss,
        }),
        _ => Err(CallbackError::MissingCode),
    }
}

/// The part of `callback` that holds the response parameters: the query, else the fragment,
/// else the whole input (a bare query string).
fn response_part(callback: &str) -> &str {
    let (before_fragment, fragment) = match callback.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (callback, None),
    };
    let query = match before_fragment.split_once('?') {
        Some((_, q)) => Some(q),
        // No `?`: a bare query (`code=…`), unless it is a URL with the answer in the fragment.
        None if before_fragment.contains("://") => None,
        None => Some(before_fragment),
    };
    let has_params =
        |s: &str| form_urlencoded::parse(s.as_bytes()).any(|(k, _)| k == "code" || k == "error");
    match (query, fragment) {
        (Some(q), _) if has_params(q) => q,
        (_, Some(f)) if has_params(f) => f,
        (Some(q), _) => q,
        (None, Some(f)) => f,
        (None, None) => "",
    }
}

#[derive(Default)]
struct Params {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    error_uri: Option<String>,
    iss: Option<String>,
}

impl Params {
    fn parse(query: &str) -> Result<Self, CallbackError> {
        let mut p = Params::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let slot = match &*key {
                "code" => &mut p.code,
                "state" => &mut p.state,
                "error" => &mut p.error,
                "error_description" => &mut p.error_description,
                "error_uri" => &mut p.error_uri,
                "iss" => &mut p.iss,
                // Other parameters (`session_state`, `scope`, …) are allowed and ignored.
                _ => continue,
            };
            // RFC 6749 §3.1: parameters must not be included more than once.
            if slot.replace(value.into_owned()).is_some() {
                return Err(CallbackError::Malformed(format!("`{key}` given twice")));
            }
        }
        Ok(p)
    }
}

/// Equality whose running time depends only on the lengths: `state` is the CSRF secret of the
/// login, so a mismatch must not reveal how many leading bytes were right. `subtle`'s slice
/// comparison (the constant-time primitive the crypto code already uses) folds every byte pair
/// with no early exit; it returns early only on a length mismatch, and the length of `state` is
/// not secret (it is fixed by the SDK or the caller).
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(state: Option<&str>) -> AuthorizeRequest {
        AuthorizeRequest {
            url: "https://h/oidc/auth".into(),
            redirect_uri: Some("https://app.example/cb".into()),
            state: state.map(str::to_owned),
            nonce: None,
            code_verifier: None,
        }
    }

    #[test]
    fn takes_the_code_from_url_query_or_fragment_with_decoding() {
        let r = request(Some("a b+c/é"));
        for input in [
            "https://app.example/cb?code=c%20d%2Be&state=a+b%2Bc%2F%C3%A9",
            "?code=c+d%2Be&state=a%20b%2Bc/%C3%A9",
            "code=c+d%2Be&state=a+b%2Bc%2F%C3%A9&session_state=x",
            "https://app.example/cb#code=c+d%2Be&state=a+b%2Bc%2F%C3%A9",
            "https://app.example/cb?lang=en#code=c+d%2Be&state=a+b%2Bc%2F%C3%A9",
        ] {
            let got = parse_callback(input, &r).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.code.expose(), "c d+e", "{input}");
        }
    }

    #[test]
    fn state_is_checked_before_anything_else() {
        let r = request(Some("s1"));
        for input in [
            "code=x&state=s2",
            "code=x",
            "code=x&state=s",
            "code=x&state=s1x",
            "error=access_denied&state=s2",
        ] {
            assert_eq!(
                parse_callback(input, &r).unwrap_err(),
                CallbackError::StateMismatch,
                "{input}"
            );
        }
        assert_eq!(
            parse_callback("code=x&state=s", &request(None)).unwrap_err(),
            CallbackError::StateMismatch
        );
        assert!(parse_callback("code=x", &request(None)).is_ok());
    }

    #[test]
    fn error_responses_are_typed() {
        let e = parse_callback(
            "https://app/cb?error=access_denied&error_description=The+user+said+%22no%22&error_uri=https%3A%2F%2Fh%2Fe&state=s",
            &request(Some("s")),
        )
        .unwrap_err();
        assert_eq!(
            e,
            CallbackError::Denied {
                error: "access_denied".into(),
                description: Some("The user said \"no\"".into()),
                uri: Some("https://h/e".into()),
            }
        );
        assert_eq!(
            e.to_string(),
            "authorization failed: access_denied: The user said \"no\""
        );
    }

    #[test]
    fn malformed_callbacks_are_errors_not_panics() {
        let r = request(Some("s"));
        assert_eq!(
            parse_callback("state=s", &r).unwrap_err(),
            CallbackError::MissingCode
        );
        assert_eq!(
            parse_callback("code=&state=s", &r).unwrap_err(),
            CallbackError::MissingCode
        );
        assert!(matches!(
            parse_callback("code=a&code=b&state=s", &r).unwrap_err(),
            CallbackError::Malformed(m) if m.contains("code")
        ));
        assert!(matches!(
            parse_callback(&"a".repeat(MAX_CALLBACK_LEN + 1), &r).unwrap_err(),
            CallbackError::Malformed(_)
        ));
        for junk in [
            "",
            "?",
            "#",
            "%",
            "%zz=%",
            "https://",
            "https://x#",
            "&&==&",
            "\u{0}",
        ] {
            assert!(parse_callback(junk, &r).is_err(), "{junk:?}");
        }
        // Invalid UTF-8 after decoding is replaced, never a panic.
        assert_eq!(
            parse_callback("code=%FF&state=s", &r)
                .unwrap()
                .code
                .expose(),
            "\u{FFFD}"
        );
    }

    #[test]
    fn the_code_is_redacted_in_debug() {
        let got = parse_callback("code=topsecretcode&state=s", &request(Some("s"))).unwrap();
        assert!(!format!("{got:?}").contains("topsecretcode"));
    }

    #[test]
    fn constant_time_equality_is_equality() {
        assert!(ct_eq(b"", b""));
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }
}
