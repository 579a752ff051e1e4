//! The websocket host: the client option, its default, and parsing it into an [`Endpoint`].

use crate::error::{Error, Result};
use crate::options::{ClientOptions, ClientOptionsBuilder};

/// The events host of the GenAuth cloud (py-genauth's default `websocket_host`).
pub const GENAUTH_EVENTS_HOST: &str = "wss://events.genauth.ai";

/// The events host of the Authing cloud (py-authing's default `websocket_host`; the node SDK
/// defaults to `wss://openevent.authing.cn` instead).
pub const AUTHING_EVENTS_HOST: &str = "wss://events.authing.cn";

impl ClientOptionsBuilder {
    /// Host of the event-subscription websocket (feature `events`), e.g.
    /// `wss://events.genauth.ai`, `ws://127.0.0.1:8080` or `events.example.com` (`wss://` is
    /// added). A path prefix is kept; a trailing `/` is removed. Checked when subscribing.
    ///
    /// Default: see [`ClientOptions::websocket_host`].
    pub fn websocket_host(mut self, v: impl Into<String>) -> Self {
        self.websocket_host = Some(v.into());
        self
    }
}

impl ClientOptions {
    /// The event-subscription websocket host (feature `events`): the one set with
    /// [`ClientOptionsBuilder::websocket_host`], else derived from the app host:
    ///
    /// - `genauth.ai` and its subdomains: [`GENAUTH_EVENTS_HOST`] (the GenAuth cloud serves
    ///   events on their own host, as py-genauth's default says);
    /// - `authing.cn` and its subdomains: [`AUTHING_EVENTS_HOST`];
    /// - any other host (a private deployment, a local server): the app host itself, `https`
    ///   becoming `wss` and `http` becoming `ws`.
    pub fn websocket_host(&self) -> String {
        if let Some(host) = &self.websocket_host {
            return host.trim().trim_end_matches('/').to_owned();
        }
        let (scheme, rest) = self
            .app_host
            .split_once("://")
            .unwrap_or(("https", &self.app_host));
        let authority = rest.split('/').next().unwrap_or(rest);
        let host = authority
            .rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(authority, |(host, _)| host)
            .to_ascii_lowercase();
        let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        if under("genauth.ai") {
            GENAUTH_EVENTS_HOST.to_owned()
        } else if under("authing.cn") {
            AUTHING_EVENTS_HOST.to_owned()
        } else {
            let ws = if scheme.eq_ignore_ascii_case("http") {
                "ws"
            } else {
                "wss"
            };
            format!("{ws}://{rest}")
        }
    }
}

/// A parsed websocket host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Endpoint {
    pub(super) tls: bool,
    /// Host name or IP literal, without brackets: for DNS and SNI.
    pub(super) host: String,
    pub(super) port: u16,
    /// `Host` header value: the authority as configured.
    pub(super) authority: String,
    /// Path prefix before [`SUBSCRIBE_PATH`], without a trailing `/` (usually empty).
    pub(super) prefix: String,
}

impl Endpoint {
    /// `wss://host[:port][/prefix]`, `ws://…`, or a bare `host[:port][/prefix]` (`wss`).
    pub(super) fn parse(raw: &str) -> Result<Self> {
        let bad = |why: &str| Error::Config(format!("websocket host `{raw}` {why}"));
        let (scheme, rest) = raw.trim().split_once("://").unwrap_or(("wss", raw.trim()));
        let rest = rest.trim_end_matches('/');
        if rest.is_empty() {
            return Err(bad("has no host"));
        }
        let with_scheme = format!("{scheme}://{rest}");
        let uri: http::Uri = with_scheme.parse().map_err(|_| bad("is not a valid URL"))?;
        let tls = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("wss") => true,
            Some(s) if s.eq_ignore_ascii_case("ws") => false,
            _ => return Err(bad("must use ws:// or wss://")),
        };
        let authority = uri.authority().ok_or_else(|| bad("has no host"))?;
        if authority.as_str().ends_with(':') {
            return Err(bad("has an empty port"));
        }
        if authority.as_str().contains('@') {
            return Err(bad("must not contain user information"));
        }
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']');
        if host.is_empty() {
            return Err(bad("has no host"));
        }
        if uri.query().is_some() {
            return Err(bad("must not have a query"));
        }
        Ok(Endpoint {
            tls,
            host: host.to_owned(),
            port: authority.port_u16().unwrap_or(if tls { 443 } else { 80 }),
            authority: authority.as_str().to_owned(),
            prefix: uri.path().trim_end_matches('/').to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(host: &str) -> ClientOptionsBuilder {
        ClientOptions::builder()
            .app_id("a")
            .app_secret("s")
            .app_host(host)
    }

    #[test]
    fn websocket_host_is_derived_or_set() {
        let host = |b: ClientOptionsBuilder| b.build().unwrap().websocket_host();
        assert_eq!(host(options("example.genauth.ai")), GENAUTH_EVENTS_HOST);
        assert_eq!(host(options("https://GenAuth.AI")), GENAUTH_EVENTS_HOST);
        assert_eq!(host(options("core.authing.cn")), AUTHING_EVENTS_HOST);
        assert_eq!(
            host(options("https://auth.example.com:8443")),
            "wss://auth.example.com:8443"
        );
        assert_eq!(
            host(options("http://127.0.0.1:9000/prefix")),
            "ws://127.0.0.1:9000/prefix"
        );
        assert_eq!(
            host(options("notgenauth.ai")),
            "wss://notgenauth.ai",
            "only genauth.ai and its subdomains map to the cloud events host"
        );
        assert_eq!(
            host(options("example.genauth.ai").websocket_host(" ws://10.0.0.1:81/ ")),
            "ws://10.0.0.1:81"
        );
    }

    #[test]
    fn hosts_parse() {
        let ep = Endpoint::parse("wss://events.genauth.ai").unwrap();
        assert_eq!(
            ep,
            Endpoint {
                tls: true,
                host: "events.genauth.ai".into(),
                port: 443,
                authority: "events.genauth.ai".into(),
                prefix: String::new(),
            }
        );
        let ep = Endpoint::parse("ws://127.0.0.1:8080/gw/").unwrap();
        assert_eq!((ep.tls, ep.port, ep.prefix.as_str()), (false, 8080, "/gw"));
        let ep = Endpoint::parse("example.com").unwrap();
        assert_eq!((ep.tls, ep.port), (true, 443));
        let ep = Endpoint::parse("ws://[::1]:9/").unwrap();
        assert_eq!(
            (ep.host.as_str(), ep.authority.as_str()),
            ("::1", "[::1]:9")
        );
        for bad in [
            "",
            " ",
            "https://x",
            "ws://u:p@x",
            "ws://x/?a=1",
            "ws://",
            "ws:///",
            "wss://x:",
        ] {
            assert!(
                matches!(Endpoint::parse(bad), Err(Error::Config(_))),
                "{bad:?}"
            );
        }
    }
}
