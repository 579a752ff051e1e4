//! Where a [`Session`](super::Session) keeps its tokens between runs: the [`TokenStore`] trait,
//! [`MemoryTokenStore`] and [`FileTokenStore`].

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// The file format version [`FileTokenStore`] writes (`"version"` in the JSON).
const FORMAT_VERSION: u32 = 1;

/// What a [`TokenStore`] keeps: the tokens and their absolute expiry.
///
/// Serialises to JSON with the tokens in clear (that is what a store must persist); `Debug`
/// redacts them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredTokens {
    /// Format version (1).
    pub version: u32,
    /// The access token.
    pub access_token: Secret,
    /// The refresh token, when the login granted one (`offline_access`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// The OIDC ID token, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<Secret>,
    /// Token type, e.g. `Bearer`.
    pub token_type: String,
    /// Granted scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// When the access token expires, in seconds since the UNIX epoch; `None` when the server
    /// never said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<u64>,
}

impl StoredTokens {
    /// The expiry as a [`SystemTime`].
    pub fn expires_at_time(&self) -> Option<SystemTime> {
        self.expires_at.map(|s| UNIX_EPOCH + Duration::from_secs(s))
    }

    pub(crate) fn version() -> u32 {
        FORMAT_VERSION
    }
}

/// Why a [`TokenStore`] failed. Messages name the file and the failure, never its content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Reading, writing or removing the file failed.
    #[error("token store {}: {source}", path.display())]
    Io {
        /// The file (or the temporary file next to it).
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The file exists but is not a token file this version understands.
    #[error("token store {} is corrupt: {reason}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong, by position only (the content is never quoted).
        reason: String,
    },
    /// A failure of a store outside this crate.
    #[error("token store: {0}")]
    Other(String),
}

/// Persistence for a [`Session`](super::Session)'s tokens: loaded by
/// [`Session::restore`](super::Session::restore), saved after the session starts and after
/// every refresh, cleared when the session ends (refresh token rejected, logout).
///
/// The trait is synchronous on purpose: the stores it is for (a file, the OS keychain) have
/// blocking APIs, and each operation is a few hundred bytes, once per refresh. The session runs
/// every call on tokio's blocking pool (`spawn_blocking`), so a slow disk never stalls the
/// async runtime, and the trait stays object-safe with no boxed futures for implementors.
pub trait TokenStore: Send + Sync + 'static {
    /// The stored tokens, or `None` when nothing is stored.
    fn load(&self) -> Result<Option<StoredTokens>, StoreError>;
    /// Replaces the stored tokens.
    fn save(&self, tokens: &StoredTokens) -> Result<(), StoreError>;
    /// Removes the stored tokens. Clearing an empty store succeeds.
    fn clear(&self) -> Result<(), StoreError>;
}

/// A [`TokenStore`] in memory: the tokens live as long as the store (share it with an `Arc` to
/// look at it from outside the session).
#[derive(Default)]
pub struct MemoryTokenStore(Mutex<Option<StoredTokens>>);

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<StoredTokens>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryTokenStore")
            .field("has_tokens", &self.slot().is_some())
            .finish()
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> Result<Option<StoredTokens>, StoreError> {
        Ok(self.slot().clone())
    }
    fn save(&self, tokens: &StoredTokens) -> Result<(), StoreError> {
        *self.slot() = Some(tokens.clone());
        Ok(())
    }
    fn clear(&self) -> Result<(), StoreError> {
        *self.slot() = None;
        Ok(())
    }
}

/// A [`TokenStore`] in one JSON file ([`StoredTokens`]), for CLI and desktop apps.
///
/// - **Atomic**: a save writes a new file next to the target (same directory, so the same file
///   system), flushes it to disk (`fsync`), then renames it over the target; readers see the old
///   file or the new one, never a mix. On failure the temporary file is removed.
/// - **Owner-only**: on Unix the file is created with mode `0600` (set by the `open` call that
///   creates it, so it is never readable by others, not even for an instant), and missing parent
///   directories with `0700`. Elsewhere the platform's default ACLs apply.
/// - A missing file loads as "nothing stored"; a file that does not parse is
///   [`StoreError::Corrupt`], whose message gives the position, never the content.
pub struct FileTokenStore {
    path: PathBuf,
}

impl FileTokenStore {
    /// A store at `path` (created on the first save).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileTokenStore { path: path.into() }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to a fresh temporary file in `dir` and renames it to the target.
    fn write_atomically(&self, dir: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let name = self
            .path
            .file_name()
            .ok_or_else(|| StoreError::Other(format!("{} names no file", self.path.display())))?;
        let tmp = dir.join(format!(
            ".{}.{:016x}.tmp",
            name.to_string_lossy(),
            random_u64()
        ));
        let mut file = create_owner_only(&tmp).map_err(|e| io_err(&tmp, e))?;
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::rename(&tmp, &self.path));
        drop(file);
        if let Err(e) = written {
            // Best effort: the temporary file is ours and holds tokens.
            let _ = fs::remove_file(&tmp);
            return Err(io_err(&self.path, e));
        }
        sync_dir(dir);
        Ok(())
    }
}

impl fmt::Debug for FileTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileTokenStore")
            .field("path", &self.path)
            .finish()
    }
}

impl TokenStore for FileTokenStore {
    fn load(&self) -> Result<Option<StoredTokens>, StoreError> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(&self.path, e)),
        };
        let corrupt = |reason: String| StoreError::Corrupt {
            path: self.path.clone(),
            reason,
        };
        // serde_json's messages can quote the offending value ("invalid type: string …"), which
        // may be a token: report the category and position only.
        let tokens: StoredTokens = serde_json::from_slice(&bytes).map_err(|e| {
            corrupt(format!(
                "{:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ))
        })?;
        if tokens.version != FORMAT_VERSION {
            return Err(corrupt(format!(
                "format version {} (this version reads {FORMAT_VERSION})",
                tokens.version
            )));
        }
        Ok(Some(tokens))
    }

    fn save(&self, tokens: &StoredTokens) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(tokens)
            .map_err(|e| StoreError::Other(format!("could not serialise the tokens: {e}")))?;
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        create_private_dir(&dir).map_err(|e| io_err(&dir, e))?;
        self.write_atomically(&dir, &bytes)
    }

    fn clear(&self) -> Result<(), StoreError> {
        match fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&self.path, e)),
        }
    }
}

fn io_err(path: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Lets a caller keep a handle on the store it gives the session.
impl<S: TokenStore + ?Sized> TokenStore for Arc<S> {
    fn load(&self) -> Result<Option<StoredTokens>, StoreError> {
        (**self).load()
    }
    fn save(&self, tokens: &StoredTokens) -> Result<(), StoreError> {
        (**self).save(tokens)
    }
    fn clear(&self) -> Result<(), StoreError> {
        (**self).clear()
    }
}

/// Runs a store operation on tokio's blocking pool (file I/O and `fsync` off the async
/// workers).
pub(super) async fn store_op<R, F>(store: &Arc<dyn TokenStore>, op: F) -> Result<R, StoreError>
where
    R: Send + 'static,
    F: FnOnce(&dyn TokenStore) -> Result<R, StoreError> + Send + 'static,
{
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || op(&*store)).await {
        Ok(r) => r,
        Err(e) if e.is_panic() => Err(StoreError::Other("the token store panicked".into())),
        Err(_) => Err(StoreError::Other(
            "the token store task was cancelled".into(),
        )),
    }
}

/// Creates `path`, which must not exist, readable and writable by the owner only.
fn create_owner_only(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Applied by open(2) itself: the file never exists with wider permissions.
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates `dir` and its missing parents (`0700` on Unix).
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes a rename in `dir` durable (Unix: fsync the directory). Best effort: the rename has
/// happened either way.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn random_u64() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    })
}
