//! Invitation sign-up (node SDK only): universal invitation links and policy invitations.

use super::SignUpProfile;
use crate::dto;
use crate::secret::Secret;

/// `userPool` of the universal-invitation public config (`UserPoolPublicConfigDto`).
#[dto]
pub struct InvitationUserPool {
    /// User pool name.
    pub name: Option<String>,
    /// Logo URL.
    pub logo: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// `inviter` of the universal-invitation public config (`InviterDetailDto`).
#[dto]
pub struct Inviter {
    /// The inviter's name.
    pub display_name: Option<String>,
}

/// `data` of `get-universal-invitation-public-config` (`UniversalInvitationPublicConfigDto`).
#[dto]
pub struct UniversalInvitationPublicConfig {
    /// The user pool invited to.
    pub user_pool: Option<InvitationUserPool>,
    /// Who invites.
    pub inviter: Option<Inviter>,
}

/// `profile` of `signup-by-invitation` (`UniversalInviteeProfileDto`).
#[dto]
pub struct UniversalInviteeProfile {
    /// The applicant's name.
    pub name: String,
    /// The applicant's email.
    pub email: String,
}

/// Body of `POST /api/v3/signup-by-invitation` (`UniversalInvitationUserJoinDto`).
#[dto]
pub struct SignUpByUniversalInvitationDto {
    /// The email verification code.
    pub email_code: Secret,
    /// The invitation link's identifier.
    pub identifier: String,
    /// The applicant.
    pub profile: Option<UniversalInviteeProfile>,
}

open_enum! {
    /// `status` of a universal-invitation application.
    pub enum InvitationJoinStatus {
        /// Waiting for approval.
        Pending = "PENDING",
        /// Approved.
        Passed = "PASSED",
    }
}

/// `data` of `signup-by-invitation` (`UniversalInvitationJoinRespDto`).
#[dto]
pub struct UniversalInvitationJoin {
    /// The application's result.
    pub status: InvitationJoinStatus,
}

/// Body of `POST /api/v3/generate-policy-invitation-token` (`InvitationLinkDto`).
#[dto]
pub struct GenerateInviteTokenDto {
    /// The invitation link's signature.
    pub signature: String,
    /// The invitation link's identifier.
    pub identifier: String,
    /// Also return the invitee's information.
    pub with_invitee_info: Option<bool>,
    /// Also return the invitation's public settings.
    pub with_invitation_settings: Option<bool>,
}

open_enum! {
    /// `sendVerifyCodeMethod` of an invitation.
    pub enum SendVerifyCodeMethod {
        /// Email first.
        PriorityEmail = "priorityEmail",
        /// SMS first.
        PrioritySms = "prioritySMS",
    }
}

open_enum! {
    /// `type` of an information-completion field.
    pub enum ExtendsFieldType {
        /// A built-in user field.
        Internal = "internal",
        /// A custom (extended) user field.
        User = "user",
    }
}

/// One information-completion field of an invitation (`ExtendsFieldDto`). Only the identifying
/// fields are typed; the rest (`inputType`, `validateRules`, `i18n`, `source`, …) is in `extra`.
#[dto(extra)]
pub struct ExtendsField {
    /// Built-in or custom field.
    #[serde(rename = "type")]
    pub field_type: Option<ExtendsFieldType>,
    /// Field id (custom fields).
    pub id: Option<String>,
    /// Field name.
    pub name: Option<String>,
    /// Display label.
    pub label: Option<String>,
    /// Whether it is shown.
    pub show: Option<bool>,
    /// Whether the user may overwrite it.
    pub allow_rewrite: Option<bool>,
    /// Whether it is required.
    pub required: Option<bool>,
}

/// An invitation's context (`InviteeContextDto`). Unknown fields are kept in `extra`.
#[dto(extra)]
pub struct InviteeContext {
    /// Whether the invitee must verify with a code.
    pub enabled_identifier_verify: Option<bool>,
    /// How the code is sent.
    pub send_verify_code_method: Option<SendVerifyCodeMethod>,
    /// Whether the invitee completes profile information.
    pub enabled_info_fill: Option<bool>,
    /// Prompt of the information-completion page.
    pub register_info_fill_msg: Option<String>,
    /// Information-completion fields.
    pub extends_fields: Option<Vec<ExtendsField>>,
    /// Translations of the fields (free-form).
    pub extends_fields_i18n: Option<serde_json::Value>,
    /// Further options of the fields (free-form).
    pub extends_fields_options: Option<Vec<serde_json::Value>>,
    /// The invitee's email.
    pub email: Option<String>,
    /// The invitee's phone.
    pub phone: Option<String>,
    /// The phone's country code.
    pub phone_country_code: Option<String>,
    /// The invitee's name.
    pub invitee_name: Option<String>,
    /// How many wrong codes are allowed.
    pub verify_code_max_err_count: Option<u32>,
}

/// `data` of `generate-policy-invitation-token` (`GenerateInviteeTokenDto`).
#[dto]
pub struct InviteeToken {
    /// The invitee's token, for the context, code check and sign-up.
    pub token: Option<Secret>,
    /// The invitation's context (with `withInviteeInfo` / `withInvitationSettings`).
    pub invitation_context: Option<InviteeContext>,
}

open_enum! {
    /// `receiverType`: where the invitee's code was sent.
    pub enum InviteCodeReceiverType {
        /// By SMS.
        SmsCode = "smsCode",
        /// By email.
        EmailCode = "emailCode",
    }
}

/// Body of `POST /api/v3/verify-invite-code` (`VerifyInviteCodeDto`).
#[dto]
pub struct VerifyInviteCodeDto {
    /// Where the code was sent.
    pub receiver_type: InviteCodeReceiverType,
    /// The code.
    pub code: Secret,
    /// The invitee's token.
    pub token: Secret,
}

/// `options` of `join-by-invitation` (`PolicyInviteJoinedOptionsDto`).
#[dto]
pub struct JoinByInvitationOptions {
    /// SMS code to complete profile information.
    pub phone_pass_code_for_information_completion: Option<Secret>,
    /// Email code to complete profile information.
    pub email_pass_code_for_information_completion: Option<Secret>,
}

/// Body of `POST /api/v3/join-by-invitation` (`PolicyInviteeJoinedDto`).
#[dto]
pub struct JoinByInvitationDto {
    /// The invitee's token.
    pub token: Secret,
    /// The verification code, when the invitation requires one.
    pub code: Option<Secret>,
    /// Where the code was sent.
    pub receiver_type: Option<InviteCodeReceiverType>,
    /// The new user's profile.
    pub profile: Option<SignUpProfile>,
    /// Options.
    pub options: Option<JoinByInvitationOptions>,
}

/// `data` of `generate-universal-invitation-link-by-member` (`GenerateInvitationLinkDto`).
#[dto]
pub struct InvitationLink {
    /// The invitation link.
    pub link: String,
}
