//! The route table: every endpoint the fake serves, and the lookup that dispatches a request.

use super::endpoints::{get_profile, send_email, send_sms, system};
use super::{Ctx, Reply};
use crate::management;
use crate::{account, events, mfa, mobile, oidc, profile, qrcode, resources, signin, webauthn};

/// Whether a route needs the `<prefix>app-id` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AppIdRule {
    /// Missing: statusCode 400. Wrong: statusCode 404, apiCode 2011.
    Required,
    /// May be absent; when present it must be right.
    Optional,
}

/// What a route checks before its handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// An Authentication API route: the `<prefix>app-id` header is required
    /// ([`AppIdRule::Required`]).
    AppId,
    /// The app-id header may be absent ([`AppIdRule::Optional`]).
    OptionalAppId,
    /// A Management API route: a management token or a request signature
    /// ([`management::authenticate`]); the app-id header is not read (the Node SDK sends a
    /// tenant id in it).
    Management,
}

type Handler = fn(&Ctx<'_>) -> Result<Reply, Reply>;

struct Route {
    method: &'static str,
    path: &'static str,
    access: Access,
    handler: Handler,
}

/// Every endpoint the fake serves. Paths match exactly (no trailing-slash or `//` leniency).
const ROUTES: &[Route] = &[
    Route {
        method: "POST",
        path: "/api/v3/signin",
        access: Access::AppId,
        handler: signin::handle,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-sms",
        access: Access::AppId,
        handler: send_sms,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-email",
        access: Access::AppId,
        handler: send_email,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-profile",
        access: Access::AppId,
        handler: get_profile,
    },
    Route {
        method: "POST",
        path: "/api/v3/signup",
        access: Access::AppId,
        handler: account::sign_up,
    },
    Route {
        method: "POST",
        path: "/api/v3/update-password",
        access: Access::AppId,
        handler: account::update_password,
    },
    Route {
        method: "POST",
        path: "/api/v3/verify-reset-password-request",
        access: Access::AppId,
        handler: account::verify_reset_password_request,
    },
    Route {
        method: "POST",
        path: "/api/v3/reset-password",
        access: Access::AppId,
        handler: account::reset_password,
    },
    Route {
        method: "POST",
        path: "/api/v3/verify-delete-account-request",
        access: Access::AppId,
        handler: account::verify_delete_account_request,
    },
    // Profile and contact bindings, MFA factors, permission checks (src/{profile,mfa,resources}.rs).
    Route {
        method: "POST",
        path: "/api/v3/update-profile",
        access: Access::AppId,
        handler: profile::update_profile,
    },
    Route {
        method: "POST",
        path: "/api/v3/bind-email",
        access: Access::AppId,
        handler: profile::bind_email,
    },
    Route {
        method: "POST",
        path: "/api/v3/unbind-email",
        access: Access::AppId,
        handler: profile::unbind_email,
    },
    Route {
        method: "POST",
        path: "/api/v3/bind-phone",
        access: Access::AppId,
        handler: profile::bind_phone,
    },
    Route {
        method: "POST",
        path: "/api/v3/unbind-phone",
        access: Access::AppId,
        handler: profile::unbind_phone,
    },
    Route {
        method: "POST",
        path: "/api/v3/send-enroll-factor-request",
        access: Access::AppId,
        handler: mfa::send_enroll_factor_request,
    },
    Route {
        method: "POST",
        path: "/api/v3/enroll-factor",
        access: Access::AppId,
        handler: mfa::enroll_factor,
    },
    Route {
        method: "POST",
        path: "/api/v3/reset-factor",
        access: Access::AppId,
        handler: mfa::reset_factor,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-enrolled-factors",
        access: Access::AppId,
        handler: mfa::list_enrolled_factors,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-factor",
        access: Access::AppId,
        handler: mfa::get_factor,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-factors-to-enroll",
        access: Access::AppId,
        handler: mfa::list_factors_to_enroll,
    },
    Route {
        method: "POST",
        path: "/api/v3/mfa-totp-verify",
        access: Access::AppId,
        handler: mfa::totp_verify,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-string-resource",
        access: Access::AppId,
        handler: resources::check_string,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-array-resource",
        access: Access::AppId,
        handler: resources::check_array,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission-tree-resource",
        access: Access::AppId,
        handler: resources::check_tree,
    },
    Route {
        method: "GET",
        path: "/api/v3/system",
        access: Access::OptionalAppId,
        handler: system,
    },
    // Mobile social login, QR-code login and the OIDC/OAuth protocol (src/{mobile,qrcode,oidc}.rs).
    Route {
        method: "POST",
        path: "/api/v3/signin-by-mobile",
        access: Access::AppId,
        handler: mobile::sign_in,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-alipay-authinfo",
        access: Access::AppId,
        handler: mobile::alipay_auth_info,
    },
    Route {
        method: "POST",
        path: "/api/v3/gene-qrcode",
        access: Access::AppId,
        handler: qrcode::gene,
    },
    Route {
        method: "GET",
        path: "/api/v3/check-qrcode-status",
        access: Access::AppId,
        handler: qrcode::status,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-qrcode-status",
        access: Access::AppId,
        handler: qrcode::status,
    },
    Route {
        method: "POST",
        path: "/api/v3/change-qrcode-status",
        access: Access::AppId,
        handler: qrcode::change_status,
    },
    Route {
        method: "POST",
        path: "/api/v3/set-qrcode-status",
        access: Access::AppId,
        handler: qrcode::set_status,
    },
    Route {
        method: "POST",
        path: "/api/v3/exchange-tokenset-with-qrcode-ticket",
        access: Access::AppId,
        handler: qrcode::exchange_ticket,
    },
    Route {
        method: "POST",
        path: "/oidc/token",
        access: Access::OptionalAppId,
        handler: oidc::token,
    },
    Route {
        method: "POST",
        path: "/oidc/token/introspection",
        access: Access::OptionalAppId,
        handler: oidc::introspect,
    },
    Route {
        method: "POST",
        path: "/oidc/token/revocation",
        access: Access::OptionalAppId,
        handler: oidc::revoke,
    },
    Route {
        method: "GET",
        path: "/oidc/me",
        access: Access::OptionalAppId,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oidc/me",
        access: Access::OptionalAppId,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oauth/token",
        access: Access::OptionalAppId,
        handler: oidc::token,
    },
    Route {
        method: "POST",
        path: "/oauth/token/introspection",
        access: Access::OptionalAppId,
        handler: oidc::introspect,
    },
    Route {
        method: "POST",
        path: "/oauth/token/revocation",
        access: Access::OptionalAppId,
        handler: oidc::revoke,
    },
    Route {
        method: "GET",
        path: "/oauth/me",
        access: Access::OptionalAppId,
        handler: oidc::user_info,
    },
    Route {
        method: "POST",
        path: "/oauth/me",
        access: Access::OptionalAppId,
        handler: oidc::user_info,
    },
    // The hosted login page and logout, for browsers (src/oidc/login_page/).
    Route {
        method: "GET",
        path: "/oidc/auth",
        access: Access::OptionalAppId,
        handler: oidc::authorize_page,
    },
    Route {
        method: "GET",
        path: "/oauth/auth",
        access: Access::OptionalAppId,
        handler: oidc::authorize_page,
    },
    Route {
        method: "POST",
        path: "/oidc/auth/login",
        access: Access::OptionalAppId,
        handler: oidc::login,
    },
    Route {
        method: "POST",
        path: "/oauth/auth/login",
        access: Access::OptionalAppId,
        handler: oidc::login,
    },
    Route {
        method: "POST",
        path: "/oidc/auth/login/passcode",
        access: Access::OptionalAppId,
        handler: oidc::send_passcode,
    },
    Route {
        method: "POST",
        path: "/oauth/auth/login/passcode",
        access: Access::OptionalAppId,
        handler: oidc::send_passcode,
    },
    Route {
        method: "GET",
        path: "/oidc/session/end",
        access: Access::OptionalAppId,
        handler: oidc::logout,
    },
    Route {
        method: "GET",
        path: "/login/profile/logout",
        access: Access::OptionalAppId,
        handler: oidc::logout,
    },
    Route {
        method: "GET",
        path: "/oidc/.well-known/jwks.json",
        access: Access::OptionalAppId,
        handler: oidc::jwks,
    },
    Route {
        method: "POST",
        path: "/api/v3/pub-userEvent",
        access: Access::AppId,
        handler: crate::events::publish,
    },
    Route {
        method: "GET",
        path: "/api/v3/webauthn/registration",
        access: Access::AppId,
        handler: webauthn::registration_options,
    },
    Route {
        method: "POST",
        path: "/api/v3/webauthn/registration",
        access: Access::AppId,
        handler: webauthn::verify_registration,
    },
    Route {
        method: "GET",
        path: "/api/v3/webauthn/authentication",
        access: Access::AppId,
        handler: webauthn::authentication_options,
    },
    Route {
        method: "POST",
        path: "/api/v3/webauthn/authentication",
        access: Access::AppId,
        handler: webauthn::verify_authentication,
    },
    // The Management API (src/management/): the token endpoint takes the access key in its
    // body; every other route needs a management token or a request signature.
    Route {
        method: "POST",
        path: "/api/v3/get-management-token",
        access: Access::OptionalAppId,
        handler: management::token::issue,
    },
    Route {
        method: "POST",
        path: "/api/v3/pub-event",
        access: Access::Management,
        handler: events::publish_management,
    },
    Route {
        method: "POST",
        path: "/api/v3/create-user",
        access: Access::Management,
        handler: management::users::create,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-user",
        access: Access::Management,
        handler: management::users::get,
    },
    Route {
        method: "POST",
        path: "/api/v3/list-users",
        access: Access::Management,
        handler: management::users::list,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-users",
        access: Access::Management,
        handler: management::users::list_legacy,
    },
    Route {
        method: "POST",
        path: "/api/v3/update-user",
        access: Access::Management,
        handler: management::users::update,
    },
    Route {
        method: "POST",
        path: "/api/v3/delete-users-batch",
        access: Access::Management,
        handler: management::users::delete_batch,
    },
    Route {
        method: "POST",
        path: "/api/v3/create-role",
        access: Access::Management,
        handler: management::roles::create,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-role",
        access: Access::Management,
        handler: management::roles::get,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-roles",
        access: Access::Management,
        handler: management::roles::list,
    },
    Route {
        method: "POST",
        path: "/api/v3/assign-role",
        access: Access::Management,
        handler: management::roles::assign,
    },
    Route {
        method: "POST",
        path: "/api/v3/revoke-role",
        access: Access::Management,
        handler: management::roles::revoke,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-user-roles",
        access: Access::Management,
        handler: management::roles::user_roles,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-role-members",
        access: Access::Management,
        handler: management::roles::members,
    },
    Route {
        method: "POST",
        path: "/api/v3/create-group",
        access: Access::Management,
        handler: management::groups::create,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-group",
        access: Access::Management,
        handler: management::groups::get,
    },
    Route {
        method: "POST",
        path: "/api/v3/add-group-members",
        access: Access::Management,
        handler: management::groups::add_members,
    },
    Route {
        method: "POST",
        path: "/api/v3/remove-group-members",
        access: Access::Management,
        handler: management::groups::remove_members,
    },
    Route {
        method: "GET",
        path: "/api/v3/list-group-members",
        access: Access::Management,
        handler: management::groups::members,
    },
    Route {
        method: "GET",
        path: "/api/v3/get-user-groups",
        access: Access::Management,
        handler: management::groups::user_groups,
    },
    Route {
        method: "POST",
        path: "/api/v3/authorize-resources",
        access: Access::Management,
        handler: management::permissions::authorize,
    },
    Route {
        method: "POST",
        path: "/api/v3/is-action-allowed",
        access: Access::Management,
        handler: management::permissions::is_action_allowed,
    },
    Route {
        method: "POST",
        path: "/api/v3/check-permission",
        access: Access::Management,
        handler: management::permissions::check,
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
    // A path both APIs have, called with Management credentials: the declared Management
    // endpoint's default handler, if the program declares one.
    if route.access != Access::Management
        && management::has_credentials(ctx)
        && let Some(ep) = crate::declared::find_management(&req.method, &req.path)
    {
        return crate::declared::handle(ctx, ep).unwrap_or_else(|reply| reply);
    }
    let checked = match route.access {
        Access::AppId => ctx.check_app_id(AppIdRule::Required),
        Access::OptionalAppId => ctx.check_app_id(AppIdRule::Optional),
        Access::Management => management::authenticate(ctx),
    };
    checked
        .and_then(|()| (route.handler)(ctx))
        .unwrap_or_else(|reply| reply)
}
