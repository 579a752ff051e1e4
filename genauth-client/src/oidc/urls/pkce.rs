//! PKCE (RFC 7636) verifiers and challenges, and CSPRNG tokens for `state` and `nonce`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};
use crate::secret::Secret;

/// `len` random bytes from the OS CSPRNG, base64url without padding.
pub fn random_token(len: usize) -> Result<String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Config(format!("the OS random number generator failed: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// PKCE `code_challenge_method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CodeChallengeMethod {
    /// `S256`: the challenge is base64url(SHA-256(verifier)) (the default; use it).
    #[default]
    S256,
    /// `plain`: the challenge is the verifier itself.
    Plain,
}

impl CodeChallengeMethod {
    /// Wire name: `S256` or `plain`.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeChallengeMethod::S256 => "S256",
            CodeChallengeMethod::Plain => "plain",
        }
    }
}

/// A PKCE verifier and its challenge (RFC 7636).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pkce {
    /// The verifier: keep it (server side session) and send it with the code exchange.
    pub code_verifier: Secret,
    /// The challenge for the authorize URL.
    pub code_challenge: String,
    /// How the challenge was derived.
    pub method: CodeChallengeMethod,
}

impl Pkce {
    /// A fresh verifier of 43 characters (32 CSPRNG bytes, base64url) and its challenge.
    pub fn generate(method: CodeChallengeMethod) -> Result<Self> {
        let verifier = random_token(32)?;
        Ok(Pkce {
            code_challenge: code_challenge(&verifier, method),
            code_verifier: Secret::new(verifier),
            method,
        })
    }
}

/// The challenge of `verifier` for `method`: base64url(SHA-256(ASCII verifier)) without `=`
/// for `S256`, the verifier for `plain`.
///
/// ```
/// # extern crate genauth_client as genauth;
/// use genauth::oidc::{CodeChallengeMethod, code_challenge};
/// // RFC 7636 appendix B.
/// assert_eq!(
///     code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", CodeChallengeMethod::S256),
///     "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
/// );
/// ```
pub fn code_challenge(verifier: &str, method: CodeChallengeMethod) -> String {
    match method {
        CodeChallengeMethod::S256 => URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())),
        CodeChallengeMethod::Plain => verifier.to_owned(),
    }
}
