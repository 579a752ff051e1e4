//! Invitation sign-up (node SDK only).

use crate::error::Result;
use crate::model::{
    GenerateInviteTokenDto, InvitationLink, InviteeContext, InviteeToken, IsSuccess,
    JoinByInvitationDto, SignUpByUniversalInvitationDto, UniversalInvitationJoin,
    UniversalInvitationPublicConfig, VerifyInviteCodeDto,
};
use crate::secret::Secret;
use crate::{genauth_api, genauth_endpoint};

/// Sign-up by invitation (node SDK 4.0.1 only; not in py 5.1.0).
///
/// * **Universal links** (anyone with the link applies): a member creates a link with
///   [`Invitation::generate_universal_invitation_link_by_member`]; an applicant reads its public
///   config ([`Invitation::get_universal_invitation_public_config`]) and applies with an email
///   code ([`Invitation::sign_up_by_universal_invitation`]).
/// * **Policy invitations** (a named invitee): the invitee exchanges the link's signature for a
///   token ([`Invitation::generate_invite_token`]), reads the context
///   ([`Invitation::get_invite_code_context`]), checks the code
///   ([`Invitation::verify_invite_code`]) and joins ([`Invitation::join_by_invitation`]).
///
/// None of these bodies carries a password (node's DTOs have none), so none declares a
/// password field.
#[genauth_api(replay)]
#[cfg_attr(feature = "mock", mockall::automock)]
pub trait Invitation {
    /// Public config of a universal invitation link
    /// (`GET /api/v3/get-universal-invitation-public-config?identifier=`).
    #[genauth_endpoint(path = "/api/v3/get-universal-invitation-public-config", method = GET)]
    async fn get_universal_invitation_public_config(
        &self,
        #[query = "identifier"] identifier: String,
    ) -> Result<UniversalInvitationPublicConfig>;

    /// Apply through a universal invitation link (`POST /api/v3/signup-by-invitation`; node's
    /// `signupByUniversal`).
    #[genauth_endpoint(path = "/api/v3/signup-by-invitation", method = POST)]
    async fn sign_up_by_universal_invitation(
        &self,
        body: SignUpByUniversalInvitationDto,
    ) -> Result<UniversalInvitationJoin>;

    /// Exchange a policy invitation link's signature for the invitee's token
    /// (`POST /api/v3/generate-policy-invitation-token`; node's `generateInviteToken`).
    #[genauth_endpoint(path = "/api/v3/generate-policy-invitation-token", method = POST)]
    async fn generate_invite_token(&self, body: GenerateInviteTokenDto) -> Result<InviteeToken>;

    /// A policy invitation's context (`GET /api/v3/get-policy-invitation-context?token=`; node's
    /// `getInviteCodeContext`).
    #[genauth_endpoint(path = "/api/v3/get-policy-invitation-context", method = GET)]
    async fn get_invite_code_context(
        &self,
        #[query = "token"] token: Secret,
    ) -> Result<InviteeContext>;

    /// Check the invitee's verification code (`POST /api/v3/verify-invite-code`).
    #[genauth_endpoint(path = "/api/v3/verify-invite-code", method = POST)]
    async fn verify_invite_code(&self, body: VerifyInviteCodeDto) -> Result<IsSuccess>;

    /// Register the invitee (`POST /api/v3/join-by-invitation`; node's `signupByPolicy`).
    #[genauth_endpoint(path = "/api/v3/join-by-invitation", method = POST)]
    async fn join_by_invitation(&self, body: JoinByInvitationDto) -> Result<IsSuccess>;

    /// Create a universal invitation link for the signed-in member
    /// (`POST /api/v3/generate-universal-invitation-link-by-member`, user token; no body — node
    /// sends an empty form-typed body).
    #[genauth_endpoint(path = "/api/v3/generate-universal-invitation-link-by-member",
        method = POST, auth = user)]
    async fn generate_universal_invitation_link_by_member(&self) -> Result<InvitationLink>;

    /// Revoke all of the signed-in member's universal invitation links
    /// (`POST /api/v3/clear-my-all-invitation-links`, user token; no body — node sends an empty
    /// form-typed body; node's `clearMyAllUniversalInvitationLinks`).
    #[genauth_endpoint(path = "/api/v3/clear-my-all-invitation-links", method = POST, auth = user)]
    async fn clear_my_all_invitation_links(&self) -> Result<IsSuccess>;
}
