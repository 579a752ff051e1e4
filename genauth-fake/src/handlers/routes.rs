//! The route table: every endpoint the fake serves, and the lookup that dispatches a request.

use super::endpoints::{get_profile, send_email, send_sms, system};
use super::{Ctx, Reply};
use crate::{account, mfa, mobile, oidc, profile, qrcode, resources, signin, webauthn};

/// Whether a route needs the `<prefix>app-id` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AppIdRule {
    /// Missing: statusCode 400. Wrong: statusCode 404, apiCode 2011.
    Required,
    /// May be absent; when present it must be right.
    Optional,
}

type Handler = fn(&Ctx<'_>) -> Result<Reply, Reply>;

struct Route {
    method: &'static str,
    path: &'static str,
    app_id: AppIdRule,
    handler: Handler,
}

/// Every endpoint the fake serves. Paths match exactly (no trailing-slash or `//` leniency).
const ROUTES: &[Route] = &[
    Route {
        method: "POST",
        path: "/api/v3/signin",
        app_id: AppIdRule::Required,
        handler: signin::handle,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-sms",
        app_id: AppIdRule::Required,
        handler: send_sms,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-email",
        app_id: AppIdRule::Required,
        handler: send_email,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-profile",
        app_id: AppIdRule::Required,
        handler: get_profile,
    },
    Route {
        method: "POST",
        path: "/api/v3/signup",
        app_id: AppIdRule::Required,
        handler: account::sign_up,
    },
    Route {
        method: "POST",
        path: "/api/v3/update-password",
        app_id: AppIdRule::Required,
        handler: account::update_password,
    },
    Route {
        method: "POST",
        path: "/api/v3/verify-reset-password-request",
        app_id: AppIdRule::Required,
        handler: account::verify_reset_password_request,
    },
    Route {
        method: "POST",
        path: "/api/v3/reset-password",
        app_id: AppIdRule::Required,
        handler: account::reset_password,
    },
    Route {
        method: "POST",
        path: "/api/v3/verify-delete-account-request",
        app_id: AppIdRule::Required,
        handler: account::verify_delete_account_request,
    },
    // Profile and contact bindings, MFA factors, permission checks (src/{profile,mfa,resources}.rs).
    Route {
        method: "POST",
        path: "/api/v3/update-profile",
        app_id: AppIdRule::Required,
        handler: profile::update_profile,
    },
    Route {
        method: "POST",
        path: "/api/v3/bind-email",
        app_id: AppIdRule::Required,
        handler: profile::bind_email,
    },
    Route {
        method: "POST",
        path: "/api/v3/unbind-email",
        app_id: AppIdRule::Required,
        handler: profile::unbind_email,
    },
    Route {
        method: "POST",
        path: "/api/v3/bind-phone",
        app_id: AppIdRule::Required,
        handler: profile::bind_phone,
    },
    Route {
        method: "POST",
        path: "/api/v3/unbind-phone",
        app_id: AppIdRule::Required,
        handler: profile::unbind_phone,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-enroll-factor-request",
        app_id: AppIdRule::Required,
        handler: mfa::send_enroll_factor_request,
    },
    Route {
        method: "POST",
        path: "/api/v3/enroll-factor",
        app_id: AppIdRule::Required,
        handler: mfa::enroll_factor,
    },
    Route {
        method: "POST",
        path: "/api/v3/reset-factor",
        app_id: AppIdRule::Required,
        handler: mfa::reset_factor,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-enrolled-factors",
        app_id: AppIdRule::Required,
        handler: mfa::list_enrolled_factors,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-factor",
        app_id: AppIdRule::Required,
        handler: mfa::get_factor,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-factors-to-enroll",
        app_id: AppIdRule::Required,
        handler: mfa::list_factors_to_enroll,
    },
    Route {
        method: "POST",
        path: "/api/v3/mfa-totp-verify",
        app_id: AppIdRule::Required,
        handler: mfa::totp_verify,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-string-resource",
        app_id: AppIdRule::Required,
        handler: resources::check_string,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-array-resource",
        app_id: AppIdRule::Required,
        handler: resources::check_array,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-tree-resource",
        app_id: AppIdRule::Required,
        handler: resources::check_tree,
    },
    Route {
        method: "GET",
        path: "/api/v3/system",
        app_id: AppIdRule::Optional,
        handler: system,
    },
    // Mobile social login, QR-code login and the OIDC/OAuth protocol (src/{mobile,qrcode,oidc}.rs).
    Route {
        method: "POST",
        path: "/api/v3/signin-by-mobile",
        app_id: AppIdRule::Required,
        handler: mobile::sign_in,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-alipay-authinfo",
        app_id: AppIdRule::Required,
        handler: mobile::alipay_auth_info,
    },
    Route {
        method: "POST",
        path: "/api/v3/gene-qrcode",
        app_id: AppIdRule::Required,
        handler: qrcode::gene,
    },
    Route {
        method: "GET",
        path: "/api/v3/check-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::status,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::status,
    },
    Route {
        method: "POST",
        path: "/api/v3/change-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::change_status,
    },
    Route {
        method: "POST",
        path: "/api/v3/set-qrcode-status",
        app_id: AppIdRule::Required,
        handler: qrcode::set_status,
    },
    Route {
        method: "POST",
        path: "/api/v3/exchange-tokenset-with-qrcode-ticket",
        app_id: AppIdRule::Required,
        handler: qrcode::exchange_ticket,
    },
    Route {
        method: "POST",
        path: "/oidc/token",
        app_id: AppIdRule::Optional,
        handler: oidc::token,
    },
    Route {
        method: "POST",
        path: "/oidc/token/introspection",
        app_id: AppIdRule::Optional,
        handler: oidc::introspect,
    },
    Route {
        method: "POST",
        path: "/oidc/token/revocation",
        app_id: AppIdRule::Optional,
        handler: oidc::revoke,
    },
    Route {
        method: "GET",
        path: "/oidc/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oidc/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oauth/token",
        app_id: AppIdRule::Optional,
        handler: oidc::token,
    },
    Route {
        method: "POST",
        path: "/oauth/token/introspection",
        app_id: AppIdRule::Optional,
        handler: oidc::introspect,
    },
    Route {
        method: "POST",
        path: "/oauth/token/revocation",
        app_id: AppIdRule::Optional,
        handler: oidc::revoke,
    },
    Route {
        method: "GET",
        path: "/oauth/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oauth/me",
        app_id: AppIdRule::Optional,
        handler: oidc::user_info,
    },
    Route {
        method: "GET",
        path: "/oidc/.well-known/jwks.json",
        app_id: AppIdRule::Optional,
        handler: oidc::jwks,
    },
    Route {
        method: "POST",
        path: "/api/v3/pub-userEvent",
        app_id: AppIdRule::Required,
        handler: crate::events::publish,
    },
    Route {
        method: "GET",
        path: "/api/v3/webauthn/registration",
        app_id: AppIdRule::Required,
        handler: webauthn::registration_options,
    },
    Route {
        method: "POST",
        path: "/api/v3/webauthn/registration",
        app_id: AppIdRule::Required,
        handler: webauthn::verify_registration,
    },
    Route {
        method: "GET",
        path: "/api/v3/webauthn/authentication",
        app_id: AppIdRule::Required,
        handler: webauthn::authentication_options,
    },
    Route {
        method: "POST",
        path: "/api/v3/webauthn/authentication",
        app_id: AppIdRule::Required,
        handler: webauthn::verify_authentication,
    },
];

pub(super) fn dispatch(ctx: &Ctx<'_>) -> Reply {
    let req = ctx.req;
    let on_path = || ROUTES.iter().filter(|r| r.path == req.path);
    let Some(route) = on_path().find(|r| r.method == req.method) else {
        // No handler of its own: the declared endpoint's default handler, if it is declared.
        if let Some(ep) = crate::declared::find(&req.method, &req.path) {
            return crate::declared::handle(ctx, ep).unwrap_or_else(|reply| reply);
        }
        let message = if on_path().next().is_some() {
            format!("method {} is not supported on {}", req.method, req.path)
        } else {
            format!("no such endpoint: {} {}", req.method, req.path)
        };
        return Reply::not_found(message);
    };
    ctx.check_app_id(route.app_id)
        .and_then(|()| (route.handler)(ctx))
        .unwrap_or_else(|reply| reply)
}
