//! Invitation sign-up (node SDK only): universal invitation links and policy invitations.

use serde::{Deserialize, Serialize};

use super::SignUpProfile;
use crate::secret::Secret;

/// `userPool` of the universal-invitation public config (`UserPoolPublicConfigDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationUserPool {
    /// User pool name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `inviter` of the universal-invitation public config (`InviterDetailDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inviter {
    /// The inviter's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// `data` of `get-universal-invitation-public-config` (`UniversalInvitationPublicConfigDto`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UniversalInvitationPublicConfig {
    /// The user pool invited to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool: Option<InvitationUserPool>,
    /// Who invites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviter: Option<Inviter>,
}

/// `profile` of `signup-by-invitation` (`UniversalInviteeProfileDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniversalInviteeProfile {
    /// The applicant's name.
    pub name: String,
    /// The applicant's email.
    pub email: String,
}

/// Body of `POST /api/v3/signup-by-invitation` (`UniversalInvitationUserJoinDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignUpByUniversalInvitationDto {
    /// The email verification code.
    pub email_code: Secret,
    /// The invitation link's identifier.
    pub identifier: String,
    /// The applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniversalInvitationJoin {
    /// The application's result.
    pub status: InvitationJoinStatus,
}

/// Body of `POST /api/v3/generate-policy-invitation-token` (`InvitationLinkDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateInviteTokenDto {
    /// The invitation link's signature.
    pub signature: String,
    /// The invitation link's identifier.
    pub identifier: String,
    /// Also return the invitee's information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_invitee_info: Option<bool>,
    /// Also return the invitation's public settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtendsField {
    /// Built-in or custom field.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<ExtendsFieldType>,
    /// Field id (custom fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Whether it is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show: Option<bool>,
    /// Whether the user may overwrite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_rewrite: Option<bool>,
    /// Whether it is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An invitation's context (`InviteeContextDto`). Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteeContext {
    /// Whether the invitee must verify with a code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_identifier_verify: Option<bool>,
    /// How the code is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_verify_code_method: Option<SendVerifyCodeMethod>,
    /// Whether the invitee completes profile information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_info_fill: Option<bool>,
    /// Prompt of the information-completion page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_info_fill_msg: Option<String>,
    /// Information-completion fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends_fields: Option<Vec<ExtendsField>>,
    /// Translations of the fields (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends_fields_i18n: Option<serde_json::Value>,
    /// Further options of the fields (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends_fields_options: Option<Vec<serde_json::Value>>,
    /// The invitee's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The invitee's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The phone's country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_country_code: Option<String>,
    /// The invitee's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitee_name: Option<String>,
    /// How many wrong codes are allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_code_max_err_count: Option<u32>,
    /// Every other field the server sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of `generate-policy-invitation-token` (`GenerateInviteeTokenDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteeToken {
    /// The invitee's token, for the context, code check and sign-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// The invitation's context (with `withInviteeInfo` / `withInvitationSettings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyInviteCodeDto {
    /// Where the code was sent.
    pub receiver_type: InviteCodeReceiverType,
    /// The code.
    pub code: Secret,
    /// The invitee's token.
    pub token: Secret,
}

/// `options` of `join-by-invitation` (`PolicyInviteJoinedOptionsDto`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinByInvitationOptions {
    /// SMS code to complete profile information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_pass_code_for_information_completion: Option<Secret>,
    /// Email code to complete profile information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_pass_code_for_information_completion: Option<Secret>,
}

/// Body of `POST /api/v3/join-by-invitation` (`PolicyInviteeJoinedDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinByInvitationDto {
    /// The invitee's token.
    pub token: Secret,
    /// The verification code, when the invitation requires one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Secret>,
    /// Where the code was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver_type: Option<InviteCodeReceiverType>,
    /// The new user's profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<SignUpProfile>,
    /// Options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<JoinByInvitationOptions>,
}

/// `data` of `generate-universal-invitation-link-by-member` (`GenerateInvitationLinkDto`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    /// The invitation link.
    pub link: String,
}
