//! The file store on its own (round trip, permissions, atomic write, corrupt file) and under a
//! session (saved after each refresh, restored).

use std::path::PathBuf;

use genauth::Secret;
use genauth::Session;
use genauth::SessionError;
use genauth::session::{FileTokenStore, StoreError, StoredTokens, TokenStore};

use super::{Fixture, LEAD, TTL, advance, token};

/// A fresh directory under the system temp dir (removed by [`TempDir`]'s `Drop`).
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "genauth-session-{tag}-{}-{}",
            std::process::id(),
            genauth::oidc::random_token(6).unwrap()
        ));
        TempDir(dir)
    }
    fn names(&self, sub: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.0.join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stored(access: &str) -> StoredTokens {
    StoredTokens {
        version: 1,
        access_token: Secret::new(access),
        refresh_token: Some(Secret::new("RT-file-0001")),
        id_token: None,
        token_type: "Bearer".into(),
        scope: Some("openid offline_access".into()),
        expires_at: Some(4_000_000_000),
    }
}

#[test]
fn file_store_round_trip_permissions_atomicity_and_corruption() {
    let tmp = TempDir::new("file");
    let store = FileTokenStore::new(tmp.0.join("app/tokens.json"));
    assert_eq!(store.load().unwrap(), None, "missing file: nothing stored");
    store.clear().unwrap();

    store.save(&stored("AT-file-0001")).unwrap();
    assert_eq!(store.load().unwrap(), Some(stored("AT-file-0001")));
    store.save(&stored("AT-file-0002")).unwrap();
    assert_eq!(store.load().unwrap(), Some(stored("AT-file-0002")));
    assert_eq!(tmp.names("app"), ["tokens.json"], "no temporary file left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.path().to_owned()), 0o600);
        assert_eq!(mode(tmp.0.join("app")), 0o700);
    }
    store.clear().unwrap();
    assert_eq!(store.load().unwrap(), None);
    assert!(tmp.names("app").is_empty());

    // A failed write (the target is a non-empty directory, so the final rename fails) leaves
    // the target as it was and no temporary file behind.
    let blocked = FileTokenStore::new(tmp.0.join("app/blocked"));
    std::fs::create_dir_all(tmp.0.join("app/blocked/inside")).unwrap();
    let e = blocked.save(&stored("AT-file-0003")).unwrap_err();
    assert!(matches!(e, StoreError::Io { .. }), "{e:?}");
    assert_eq!(tmp.names("app"), ["blocked"]);
    assert_eq!(tmp.names("app/blocked"), ["inside"]);

    // A corrupt file is a typed error that never quotes the content.
    std::fs::write(
        store.path(),
        br#"{"version":"AT-LEAKED-0004","access_token":"x"}"#,
    )
    .unwrap();
    let e = store.load().unwrap_err();
    assert!(matches!(e, StoreError::Corrupt { .. }), "{e:?}");
    assert!(!format!("{e} {e:?}").contains("AT-LEAKED-0004"), "{e}");
    std::fs::write(store.path(), b"{\"version\":1,\"access_tok").unwrap();
    assert!(matches!(store.load(), Err(StoreError::Corrupt { .. })));
    std::fs::write(store.path(), serde_json::to_vec(&stored("x")).unwrap()).unwrap();
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.path()).unwrap()).unwrap();
    v["version"] = 2.into();
    std::fs::write(store.path(), v.to_string()).unwrap();
    let e = store.load().unwrap_err();
    assert!(e.to_string().contains("version 2"), "{e}");
}

#[tokio::test(start_paused = true)]
async fn file_store_follows_refreshes_and_restores_the_session() {
    let tmp = TempDir::new("restore");
    let path = tmp.0.join("tokens.json");
    let f = Fixture::new(None).await;
    let session = Session::builder(f.client.clone())
        .store(FileTokenStore::new(&path))
        .start(f.login().await)
        .await
        .unwrap();
    advance(TTL - LEAD).await;
    let fresh = token(session.access_token().await);
    let on_disk = FileTokenStore::new(&path).load().unwrap().unwrap();
    assert_eq!(
        on_disk.access_token.expose(),
        fresh,
        "saved after the refresh"
    );
    assert!(on_disk.expires_at.is_some() && on_disk.refresh_token.is_some());

    let restored = Session::restore(f.client.clone(), FileTokenStore::new(&path))
        .await
        .unwrap()
        .expect("a stored session");
    assert_eq!(token(restored.access_token().await), fresh);
    assert_eq!(f.refreshes(), 1);

    // A corrupt store: a typed error from restore.
    std::fs::write(&path, b"not json").unwrap();
    let e = Session::restore(f.client.clone(), FileTokenStore::new(&path))
        .await
        .unwrap_err();
    assert!(matches!(e, SessionError::Store(_)), "{e:?}");
    // An empty store: no session.
    std::fs::remove_file(&path).unwrap();
    let none = Session::restore(f.client.clone(), FileTokenStore::new(&path)).await;
    assert!(none.unwrap().is_none());
}
