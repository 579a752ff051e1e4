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
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS configuration: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
