//! A daemon's TLS configuration, checked and turned into GnuTLS objects once.

use std::ffi::CString;
use std::sync::{Arc, OnceLock};

use super::TlsError;
use crate::sys::gnutls::{
    self, CertCredentials, DhParams, Priority, PskLookup, PskServerCredentials, RetrieveFunction,
};

/// The GnuTLS default MHD uses when the application sets no priorities.
const DEFAULT_PRIORITIES: &str = "NORMAL";

/// The oldest GnuTLS with everything `crate::sys::gnutls` declares (build.rs checks the
/// headers; this checks the library actually loaded at run time).
const MIN_GNUTLS: &str = "3.6.13";

/// Which GnuTLS credentials a daemon serves with (`MHD_OPTION_HTTPS_CRED_TYPE`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CredentialKind {
    /// X.509 certificate and key (`GNUTLS_CRD_CERTIFICATE`, MHD's default).
    #[default]
    Certificate,
    /// Pre-shared keys (`GNUTLS_CRD_PSK`), looked up through the PSK handler.
    Psk,
}

impl CredentialKind {
    /// From a `gnutls_credentials_type_t` value; `None` for types MHD does not serve.
    pub fn from_gnutls(value: i32) -> Option<Self> {
        match value {
            gnutls::CRD_CERTIFICATE => Some(CredentialKind::Certificate),
            gnutls::CRD_PSK => Some(CredentialKind::Psk),
            _ => None,
        }
    }
}

/// libmicrohttpd's words when the key or the certificate is missing.
const MISSING_KEY_OR_CERT: &str = "You need to specify a certificate and key location.";

/// Collects the HTTPS options of `MHD_start_daemon`; [`CredentialsBuilder::build`] checks
/// them and makes the GnuTLS objects.
#[derive(Clone, Default)]
pub struct CredentialsBuilder {
    kind: CredentialKind,
    key_pem: Option<Vec<u8>>,
    cert_pem: Option<Vec<u8>>,
    key_password: Option<Vec<u8>>,
    trust_pem: Option<Vec<u8>>,
    dh_params_pem: Option<Vec<u8>>,
    priorities: Option<String>,
    priorities_append: Option<String>,
    psk: Option<Arc<PskLookup>>,
    cert_retrieve: Option<RetrieveFunction>,
}

impl CredentialsBuilder {
    /// `MHD_OPTION_HTTPS_CRED_TYPE`.
    pub fn kind(&mut self, kind: CredentialKind) -> &mut Self {
        self.kind = kind;
        self
    }

    /// `MHD_OPTION_HTTPS_MEM_KEY`: the private key, PEM (PKCS#1, SEC1 or PKCS#8).
    pub fn key_pem(&mut self, pem: &[u8]) -> &mut Self {
        self.key_pem = Some(pem.to_vec());
        self
    }

    /// `MHD_OPTION_HTTPS_MEM_CERT`: the certificate (optionally followed by its chain), PEM.
    pub fn cert_pem(&mut self, pem: &[u8]) -> &mut Self {
        self.cert_pem = Some(pem.to_vec());
        self
    }

    /// `MHD_OPTION_HTTPS_KEY_PASSWORD`: decrypts an encrypted (PKCS#8) key.
    pub fn key_password(&mut self, password: &[u8]) -> &mut Self {
        self.key_password = Some(password.to_vec());
        self
    }

    /// `MHD_OPTION_HTTPS_MEM_TRUST`: CA certificates (PEM) for client certificates. When
    /// set, sessions ask for a client certificate (`GNUTLS_CERT_REQUEST`: a client without
    /// one still connects; verifying is the application's business, as in MHD).
    pub fn trust_pem(&mut self, pem: &[u8]) -> &mut Self {
        self.trust_pem = Some(pem.to_vec());
        self
    }

    /// `MHD_OPTION_HTTPS_MEM_DHPARAMS`: PKCS#3 DH parameters, PEM.
    pub fn dh_params_pem(&mut self, pem: &[u8]) -> &mut Self {
        self.dh_params_pem = Some(pem.to_vec());
        self
    }

    /// `MHD_OPTION_HTTPS_PRIORITIES`: a whole GnuTLS priority string (default "NORMAL").
    pub fn priorities(&mut self, priorities: &str) -> &mut Self {
        self.priorities = Some(priorities.to_owned());
        self
    }

    /// `MHD_OPTION_HTTPS_PRIORITIES_APPEND`: appended to the default, giving
    /// `"NORMAL:" + append` (a leading ':' in `append` is accepted too). It replaces the
    /// default, so it cannot be combined with [`Self::priorities`].
    pub fn priorities_append(&mut self, append: &str) -> &mut Self {
        self.priorities_append = Some(append.to_owned());
        self
    }

    /// `MHD_OPTION_GNUTLS_PSK_CRED_HANDLER`: the key for a PSK username (`None`: unknown
    /// user, the handshake fails). Used when the kind is [`CredentialKind::Psk`].
    pub fn psk(
        &mut self,
        lookup: impl Fn(&[u8]) -> Option<Vec<u8>> + Send + Sync + 'static,
    ) -> &mut Self {
        self.psk = Some(Arc::new(move |_user_ptr: usize, name: &[u8]| lookup(name)));
        self
    }

    /// Like [`Self::psk`], the lookup also getting the session's user pointer (what
    /// [`super::Session::set_user_ptr`] stored, 0 if nothing), so the FFI layer can pass
    /// the `MHD_Connection` to the application's `MHD_PskServerCredentialsCallback`.
    pub fn psk_with_user_ptr(
        &mut self,
        lookup: impl Fn(usize, &[u8]) -> Option<Vec<u8>> + Send + Sync + 'static,
    ) -> &mut Self {
        self.psk = Some(Arc::new(lookup));
        self
    }

    /// `MHD_OPTION_HTTPS_CERT_CALLBACK` / `_CALLBACK2`: GnuTLS asks the application's
    /// callback for the certificate of each handshake; key and certificate become optional.
    pub fn cert_retrieve(&mut self, callback: RetrieveFunction) -> &mut Self {
        self.cert_retrieve = Some(callback);
        self
    }

    /// The priority string sessions will use.
    fn effective_priorities(&self) -> Result<String, TlsError> {
        match (&self.priorities, &self.priorities_append) {
            (Some(_), Some(_)) => Err(TlsError::new(
                "HTTPS priorities and appended priorities cannot be used together",
            )),
            (Some(p), None) => Ok(p.clone()),
            (None, Some(a)) if a.is_empty() => Ok(DEFAULT_PRIORITIES.to_owned()),
            (None, Some(a)) if a.starts_with(':') => Ok(format!("{DEFAULT_PRIORITIES}{a}")),
            (None, Some(a)) => Ok(format!("{DEFAULT_PRIORITIES}:{a}")),
            (None, None) => Ok(DEFAULT_PRIORITIES.to_owned()),
        }
    }

    /// Checks the configuration and creates the GnuTLS credentials and priority cache.
    pub fn build(&self) -> Result<Credentials, TlsError> {
        check_library()?;
        let priority_string = self.effective_priorities()?;
        let priority = parse_priorities(&priority_string)?;
        let auth = match self.kind {
            CredentialKind::Certificate => Auth::Certificate(Arc::new(self.certificate()?)),
            CredentialKind::Psk => {
                let lookup = self.psk.clone().ok_or_else(|| {
                    TlsError::new("PSK credentials need a PSK credentials handler")
                })?;
                let cred = PskServerCredentials::new(lookup)
                    .map_err(|rc| TlsError::gnutls("Failed to allocate PSK credentials", rc))?;
                Auth::Psk(Arc::new(cred))
            }
        };
        Ok(Credentials {
            auth,
            priority: Arc::new(priority),
            priority_string,
            request_client_cert: self.kind == CredentialKind::Certificate
                && self.trust_pem.is_some(),
        })
    }

    fn certificate(&self) -> Result<CertCredentials, TlsError> {
        let mut cred = CertCredentials::new()
            .map_err(|rc| TlsError::gnutls("Failed to allocate certificate credentials", rc))?;
        if let Some(trust) = &self.trust_pem {
            cred.set_x509_trust_mem(trust)
                .map_err(|rc| TlsError::gnutls("Bad trust certificate format", rc))?;
        }
        if let Some(dh) = &self.dh_params_pem {
            let params = DhParams::from_pkcs3_pem(dh)
                .map_err(|rc| TlsError::gnutls("Bad Diffie-Hellman parameters format", rc))?;
            cred.set_dh_params(params);
        }
        match (&self.key_pem, &self.cert_pem) {
            (Some(key), Some(cert)) => {
                let password = match &self.key_password {
                    Some(p) => Some(CString::new(p.as_slice()).map_err(|_| {
                        TlsError::new("The HTTPS key password contains a NUL byte")
                    })?),
                    None => None,
                };
                cred.set_x509_key_mem(cert, key, password.as_deref())
                    .map_err(|rc| {
                        TlsError::gnutls("GnuTLS failed to setup x509 certificate/key", rc)
                    })?;
            }
            (Some(_), None) if self.cert_retrieve.is_none() => {
                return Err(TlsError::new(MISSING_KEY_OR_CERT))
            }
            (None, Some(_)) if self.cert_retrieve.is_none() => {
                return Err(TlsError::new(MISSING_KEY_OR_CERT))
            }
            (None, None) if self.cert_retrieve.is_none() => {
                return Err(TlsError::new(MISSING_KEY_OR_CERT))
            }
            _ => {}
        }
        if let Some(f) = self.cert_retrieve {
            cred.set_retrieve_function(f);
        }
        Ok(cred)
    }
}

/// The run-time GnuTLS is checked once per process.
fn check_library() -> Result<(), TlsError> {
    static CHECKED: OnceLock<Result<(), TlsError>> = OnceLock::new();
    CHECKED
        .get_or_init(|| {
            let required = CString::new(MIN_GNUTLS).expect("no NUL in a version literal");
            match gnutls::check_version(&required) {
                Some(_) => Ok(()),
                None => Err(TlsError::new(format!(
                    "GnuTLS {} is too old: {MIN_GNUTLS} or later is needed",
                    gnutls::version()
                ))),
            }
        })
        .clone()
}

fn parse_priorities(s: &str) -> Result<Priority, TlsError> {
    let c = CString::new(s)
        .map_err(|_| TlsError::new("The HTTPS priority string contains a NUL byte"))?;
    Priority::new(&c).map_err(|(rc, at)| {
        let mut e = TlsError::gnutls(&format!("Setting priorities to '{s}' failed"), rc);
        if let Some(at) = at.filter(|&at| at < s.len()) {
            e.message
                .push_str(&format!(" (at offset {at}: '{}')", &s[at..]));
        }
        e
    })
}

pub(super) enum Auth {
    Certificate(Arc<CertCredentials>),
    Psk(Arc<PskServerCredentials>),
}

/// A daemon's checked TLS credentials and priorities; shared by all its sessions.
pub struct Credentials {
    pub(super) auth: Auth,
    pub(super) priority: Arc<Priority>,
    priority_string: String,
    request_client_cert: bool,
}

impl Credentials {
    pub fn builder() -> CredentialsBuilder {
        CredentialsBuilder::default()
    }

    pub fn kind(&self) -> CredentialKind {
        match self.auth {
            Auth::Certificate(_) => CredentialKind::Certificate,
            Auth::Psk(_) => CredentialKind::Psk,
        }
    }

    /// The priority string in effect (after defaulting and appending).
    pub fn priority_string(&self) -> &str {
        &self.priority_string
    }

    /// Whether sessions ask clients for a certificate (a trust list was given).
    pub fn requests_client_certificate(&self) -> bool {
        self.request_client_cert
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("kind", &self.kind())
            .field("priorities", &self.priority_string)
            .field("request_client_cert", &self.request_client_cert)
            .finish()
    }
}
