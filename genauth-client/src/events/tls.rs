//! TLS for `wss://`: rustls with the ring provider and reqwest's trust store.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;

use crate::error::{Error, Result};

/// The rustls client configuration: the ring provider (the one reqwest's `rustls-tls` uses, so
/// no second crypto stack), webpki's Mozilla roots, the platform's roots and `extra_pems`, as
/// [`ReqwestTransport`](crate::ReqwestTransport) trusts; ALPN `http/1.1`.
pub(super) fn tls_config(extra_pems: &[String]) -> Result<Arc<rustls::ClientConfig>> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // Unreadable platform certificates are skipped, as reqwest does.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    for (i, pem) in extra_pems.iter().enumerate() {
        for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            let bad = |e: String| Error::Config(format!("root certificate #{}: {e}", i + 1));
            let cert = cert.map_err(|e| bad(e.to_string()))?;
            roots.add(cert).map_err(|e| bad(e.to_string()))?;
        }
    }
    let provider = Arc::new(ring_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS configuration: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// rustls's ring provider. rustls 0.23.48 deprecates `crypto::ring::default_provider` ("no
/// support for post-quantum algorithms") without a replacement for ring: it is still the only
/// public way to name ring's provider (its random source and key loader are private). The
/// alternatives would change what users get: aws-lc-rs is a second crypto provider (and a C
/// build) next to the ring one reqwest uses, and `ClientConfig::builder()` installs a
/// process-wide default, which panics in a program that compiles both providers in.
/// `allow`, not `expect`: with rustls before 0.23.48 nothing is deprecated.
#[allow(deprecated)]
fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}
