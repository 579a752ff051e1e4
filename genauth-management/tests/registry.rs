//! The declared Management API agrees with `codegen/management-endpoints.tsv`, the endpoint
//! table of the official SDKs: every (method, path) of a row with auth `management` (496 pairs)
//! is declared with `auth = management`, nothing else is, and each endpoint's trait is its row's
//! `group` in PascalCase (or the name `codegen/overrides.json` gives it, with its reason).
//!
//! Driven by the program-wide inventory (`genauth::endpoint::registries()`), like the
//! Authentication API's `tests/endpoints_tsv.rs`: it sees what the traits declare, not what the
//! emitter meant to declare. The table is the one `codegen/extract.mjs` joins the schema with
//! (byte for byte the project's reference copy; its SHA-256 is in `codegen/README.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use genauth_client::endpoint::{Auth, Endpoint, registries};

/// The number of distinct (method, path) pairs of the table's `management` rows.
const MANAGEMENT_PAIRS: usize = 496;

/// `{id}` and `{credentialId}` are the same placeholder (as in the root `tests/endpoints_tsv.rs`).
fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if in_placeholder => {}
            c => out.push(c),
        }
    }
    out
}

fn read(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{} is unreadable ({e})", path.display()),
    }
}

type Pair = (String, String);

/// (method, normalised path) → group, for the rows with auth `management`.
fn management_rows() -> BTreeMap<Pair, String> {
    let text = read("codegen/management-endpoints.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    assert_eq!(
        header[..5],
        ["group", "sdk_method", "http_method", "path", "auth"],
        "the table's columns changed"
    );
    let mut rows = BTreeMap::new();
    for line in lines {
        let r: Vec<&str> = line.split('\t').collect();
        if r.len() < 5 || r[4] != "management" {
            continue;
        }
        let pair = (r[2].to_owned(), normalise(r[3]));
        if let Some(group) = rows.insert(pair.clone(), r[0].to_owned()) {
            assert_eq!(group, r[0], "{pair:?} is in two groups");
        }
    }
    rows
}

/// The trait of a group: PascalCase of the group, unless overrides.json names it.
fn trait_names() -> impl Fn(&str) -> String {
    let overrides: serde_json::Value =
        serde_json::from_str(&read("codegen/overrides.json")).expect("overrides.json is JSON");
    let renamed: BTreeMap<String, String> = overrides["trait_names"]
        .as_array()
        .expect("trait_names")
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().expect("a string").to_owned();
            (s("group"), s("rust"))
        })
        .collect();
    move |group| {
        renamed.get(group).cloned().unwrap_or_else(|| {
            group
                .split('-')
                .map(|w| w[..1].to_uppercase() + &w[1..])
                .collect()
        })
    }
}

/// Every `auth = management` endpoint in the program, with its trait's name. Naming the crate's
/// traits keeps it linked, so their registries are in the inventory.
fn management_endpoints() -> Vec<(&'static str, &'static Endpoint)> {
    let _ = genauth_management::USERS_ENDPOINTS;
    registries()
        .iter()
        .flat_map(|r| r.endpoints.iter().map(move |e| (r.trait_name, *e)))
        .filter(|(_, e)| e.auth == Auth::Management)
        .collect()
}

#[test]
fn every_management_row_is_declared_once_with_its_group() {
    let rows = management_rows();
    assert_eq!(
        rows.len(),
        MANAGEMENT_PAIRS,
        "management pairs in the table"
    );
    let trait_of = trait_names();
    let mut declared: BTreeMap<Pair, Vec<String>> = BTreeMap::new();
    for (trait_name, ep) in management_endpoints() {
        let pair = (ep.method.as_str().to_owned(), normalise(ep.path));
        let Some(group) = rows.get(&pair) else {
            panic!(
                "{trait_name}::{} ({} {}) is declared with auth = management but is no management row of the table",
                ep.name, pair.0, ep.path
            );
        };
        assert_eq!(
            trait_name,
            trait_of(group),
            "{trait_name}::{} ({} {}): the table's group is `{group}`",
            ep.name,
            pair.0,
            ep.path
        );
        declared
            .entry(pair)
            .or_default()
            .push(format!("{trait_name}::{}", ep.name));
    }
    let missing: Vec<&Pair> = rows.keys().filter(|p| !declared.contains_key(*p)).collect();
    assert!(
        missing.is_empty(),
        "{} management pairs are not declared: {missing:?}",
        missing.len()
    );
    assert_eq!(declared.len(), MANAGEMENT_PAIRS);
    // Two Node methods send one pair (overrides.json `shared_pairs`): both are declared.
    let shared: Vec<(&Pair, &Vec<String>)> = declared.iter().filter(|(_, m)| m.len() > 1).collect();
    assert_eq!(
        shared,
        [(
            &("POST".to_owned(), "/api/v3/pub-event".to_owned()),
            &vec![
                "Events::pub_event".to_owned(),
                "Events::verify_event".to_owned()
            ]
        )],
        "pairs declared more than once"
    );
}

#[test]
fn management_traits_are_the_table_groups() {
    let trait_of = trait_names();
    let groups: BTreeSet<String> = management_rows().values().map(|g| trait_of(g)).collect();
    let mut traits = BTreeSet::new();
    for r in registries() {
        let management = r
            .endpoints
            .iter()
            .filter(|e| e.auth == Auth::Management)
            .count();
        if management == 0 {
            continue;
        }
        // A management trait declares nothing else: its implementation is for ManagementClient.
        assert_eq!(
            management,
            r.endpoints.len(),
            "{} mixes auth = management with other kinds",
            r.trait_name
        );
        assert!(
            traits.insert(r.trait_name),
            "{} is registered twice",
            r.trait_name
        );
    }
    assert_eq!(
        traits,
        groups.iter().map(String::as_str).collect(),
        "management traits vs the table's groups"
    );
    assert_eq!(traits.len(), 37);
}

#[test]
fn endpoint_names_are_unique_within_each_trait() {
    let endpoints = management_endpoints();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (trait_name, ep) in &endpoints {
        *counts.entry((trait_name, ep.name)).or_default() += 1;
    }
    let twice: Vec<_> = counts.into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(twice.is_empty(), "declared more than once: {twice:?}");
    // One endpoint per Node method: the 496 pairs, `POST /api/v3/pub-event` twice.
    assert_eq!(endpoints.len(), MANAGEMENT_PAIRS + 1);
}
