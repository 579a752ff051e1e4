//! The subscription URL, with the credential kept apart: `Debug` redacts it, the request target
//! with a token is only built into a zeroized buffer, and [`scrub`] removes it from errors.
//!
//! Two channels: authentication events (`/events/v1/authentication/sub`, the user's access token
//! in the query) and management events (`/events/v1/management/sub`, the access key's signature
//! in `authorization`).

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use zeroize::Zeroizing;

use super::host::Endpoint;
use super::{MANAGEMENT_SUBSCRIBE_PATH, SUBSCRIBE_PATH};
use crate::error::Error;
use crate::secret::Secret;

/// Query-value encoding: everything but RFC 3986 unreserved characters (an access token, a JWT,
/// is all unreserved, so it goes out as the official SDKs send it).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a subscription authenticates with.
pub(super) enum Credential {
    /// Authentication events: the user's access token, in the query (`token=`).
    QueryToken(Secret),
    /// Management events: the `authorization` header value.
    Authorization(Secret),
}

/// The subscription URL. The credential lives in a [`Secret`]; `Debug` prints
/// `token=<redacted>` (or nothing of the header), and the request target with a token is only
/// ever built into a zeroized buffer.
pub(super) struct SubscribeUrl {
    pub(super) endpoint: Endpoint,
    code: String,
    credential: Credential,
}

impl SubscribeUrl {
    pub(super) fn new(endpoint: Endpoint, code: String, credential: Credential) -> Self {
        SubscribeUrl {
            endpoint,
            code,
            credential,
        }
    }

    /// The secret to keep out of errors.
    pub(super) fn secret(&self) -> &Secret {
        match &self.credential {
            Credential::QueryToken(s) | Credential::Authorization(s) => s,
        }
    }

    /// The `authorization` header the upgrade carries, if any.
    pub(super) fn authorization(&self) -> Option<&Secret> {
        match &self.credential {
            Credential::Authorization(s) => Some(s),
            Credential::QueryToken(_) => None,
        }
    }

    /// The request target with the token, in a buffer zeroized on drop.
    pub(super) fn request_target(&self) -> Zeroizing<String> {
        let mut target = Zeroizing::new(self.target_without_token());
        if let Credential::QueryToken(token) = &self.credential {
            target.extend(utf8_percent_encode(token.expose(), QUERY_VALUE));
        }
        target
    }

    /// `<prefix>/events/v1/authentication/sub?code=<code>&token=` without the token, or
    /// `<prefix>/events/v1/management/sub?code=<code>`.
    fn target_without_token(&self) -> String {
        let code = utf8_percent_encode(&self.code, QUERY_VALUE);
        match self.credential {
            Credential::QueryToken(_) => {
                format!(
                    "{}{SUBSCRIBE_PATH}?code={code}&token=",
                    self.endpoint.prefix
                )
            }
            Credential::Authorization(_) => {
                format!(
                    "{}{MANAGEMENT_SUBSCRIBE_PATH}?code={code}",
                    self.endpoint.prefix
                )
            }
        }
    }
}

impl fmt::Debug for SubscribeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.endpoint.tls { "wss" } else { "ws" };
        let redacted = match self.credential {
            Credential::QueryToken(_) => "<redacted>",
            Credential::Authorization(_) => "",
        };
        write!(
            f,
            "{scheme}://{}{}{redacted}",
            self.endpoint.authority,
            self.target_without_token()
        )
    }
}

/// Replaces any occurrence of the token in an error's text (a server's error page could echo
/// the request URL) with `<redacted>`.
pub(super) fn scrub(error: Error, token: &Secret) -> Error {
    let token = token.expose();
    if token.len() < 4 {
        return error;
    }
    let clean = |s: String| {
        if s.contains(token) {
            s.replace(token, "<redacted>")
        } else {
            s
        }
    };
    match error {
        Error::Transport(s) => Error::Transport(clean(s)),
        Error::Config(s) => Error::Config(clean(s)),
        Error::HttpStatus {
            status,
            body_excerpt,
        } => Error::HttpStatus {
            status,
            body_excerpt: clean(body_excerpt),
        },
        Error::Decode {
            reason,
            body_excerpt,
        } => Error::Decode {
            reason: clean(reason),
            body_excerpt: clean(body_excerpt),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_debug_redacts_the_token_and_encodes_the_code() {
        let url = SubscribeUrl::new(
            Endpoint::parse("ws://h:1/p").unwrap(),
            "a b&c".into(),
            Credential::QueryToken(Secret::new("tok-SECRET-123")),
        );
        let dbg = format!("{url:?}");
        assert_eq!(
            dbg,
            "ws://h:1/p/events/v1/authentication/sub?code=a%20b%26c&token=<redacted>"
        );
        let url = SubscribeUrl::new(
            Endpoint::parse("ws://h:1").unwrap(),
            "authing.user.created".into(),
            Credential::Authorization(Secret::new("authing key:SIG")),
        );
        assert_eq!(
            format!("{url:?}"),
            "ws://h:1/events/v1/management/sub?code=authing.user.created"
        );
        assert_eq!(
            &*url.request_target(),
            "/events/v1/management/sub?code=authing.user.created"
        );
        assert_eq!(url.authorization().unwrap().expose(), "authing key:SIG");
    }

    #[test]
    fn errors_are_scrubbed() {
        let token = Secret::new("tok-SECRET-123");
        let e = scrub(
            Error::HttpStatus {
                status: 400,
                body_excerpt: "bad request /sub?token=tok-SECRET-123".into(),
            },
            &token,
        );
        assert!(!e.to_string().contains("tok-SECRET-123"), "{e}");
        assert!(e.to_string().contains("<redacted>"));
    }
}
