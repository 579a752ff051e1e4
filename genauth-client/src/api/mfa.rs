//! MFA factor management and `mfa_token` introspection.

use crate::error::Result;
use crate::model::{
    EnrollFactorDto, FactorEnrollmentTicket, FactorToEnroll, MfaFactor, MfaOtpVerifyDto,
    MfaTokenIntrospection, MfaTokenIntrospectionDto, OtpVerification, ResetFactorDto,
    SendEnrollFactorRequestDto,
};
use crate::{genauth_api, genauth_endpoint};

/// The user's MFA factors (the docs' "MFA Factor Management" section).
///
/// Enrolling is two calls: [`Mfa::send_enroll_factor_request`] (a code is sent for `SMS` /
/// `EMAIL`, the seed is returned for `OTP`) returns an enrolment token, which
/// [`Mfa::enroll_factor`] spends together with the proof.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Mfa {
    /// Check an `mfa_token` (`POST /mfa/token/introspection`; answered bare, not enveloped).
    ///
    /// Both official SDKs send this request with an **empty body** (py 5.1.0 and node 4.0.1
    /// drop their `token` argument), so the token never reaches the server. This sends what
    /// they meant: JSON `{"token": …}`, the field name of node's
    /// `MfaTokenIntrospectEndpointParams` and of the TSV, and the body the Java v3 SDK sends.
    /// Whether the server also accepts (or prefers) a form body is not established (node names
    /// its argument `formData`).
    #[genauth_endpoint(path = "/mfa/token/introspection", method = POST, response = bare)]
    async fn verify_mfa_token(
        &self,
        body: MfaTokenIntrospectionDto,
    ) -> Result<MfaTokenIntrospection>;

    /// Start enrolling a factor (`POST /api/v3/send-enroll-factor-request`, user token).
    #[genauth_endpoint(path = "/api/v3/send-enroll-factor-request", method = POST, auth = user)]
    async fn send_enroll_factor_request(
        &self,
        body: SendEnrollFactorRequestDto,
    ) -> Result<FactorEnrollmentTicket>;

    /// Finish enrolling a factor (`POST /api/v3/enroll-factor`, user token).
    #[genauth_endpoint(path = "/api/v3/enroll-factor", method = POST, auth = user)]
    async fn enroll_factor(&self, body: EnrollFactorDto) -> Result<()>;

    /// Remove an enrolled factor (`POST /api/v3/reset-factor`, user token).
    #[genauth_endpoint(path = "/api/v3/reset-factor", method = POST, auth = user)]
    async fn reset_factor(&self, body: ResetFactorDto) -> Result<()>;

    /// The user's enrolled factors (`GET /api/v3/list-enrolled-factors`, user token).
    #[genauth_endpoint(path = "/api/v3/list-enrolled-factors", method = GET, auth = user)]
    async fn list_enrolled_factors(&self) -> Result<Vec<MfaFactor>>;

    /// One enrolled factor (`GET /api/v3/get-factor?factorId=`, user token).
    #[genauth_endpoint(path = "/api/v3/get-factor", method = GET, auth = user)]
    async fn get_factor(&self, #[query = "factorId"] factor_id: String) -> Result<MfaFactor>;

    /// The enabled factor types the user has not enrolled yet
    /// (`GET /api/v3/list-factors-to-enroll`, user token).
    #[genauth_endpoint(path = "/api/v3/list-factors-to-enroll", method = GET, auth = user)]
    async fn list_factors_to_enroll(&self) -> Result<Vec<FactorToEnroll>>;

    /// Check a TOTP code against the user's enrolled OTP factor
    /// (`POST /api/v3/mfa-totp-verify`, user token).
    #[genauth_endpoint(path = "/api/v3/mfa-totp-verify", method = POST, auth = user)]
    async fn mfa_otp_verify(&self, body: MfaOtpVerifyDto) -> Result<OtpVerification>;
}
