//! Catalogue review through the crate's public API: digests of the committed capability
//! fixtures (tests/fixtures), which the JavaScript tests compare with the package's digests of
//! the same values, so Rust and JavaScript are checked against each other.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use serde_json::{json, Value};

use cf_mcp_servers::catalogue::{canonical, digest};

const INPUT: &str = "tests/fixtures/capabilities.in.json";
const EXPECTED: &str = "tests/fixtures/capabilities.rust.json";

fn computed() -> Value {
    let input: Value = serde_json::from_str(&std::fs::read_to_string(INPUT).unwrap()).unwrap();
    let cases: Vec<Value> = input
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let value = &c["value"];
            json!({
                "case": c["case"],
                "canonical": canonical(value, "value").unwrap(),
                "digest": digest(value, "value").unwrap(),
            })
        })
        .collect();
    Value::Array(cases)
}

/// The committed digests are what this crate computes now; `UPDATE_FIXTURES=1 cargo test
/// --test catalogue` rewrites them after a deliberate change.
#[test]
fn committed_digests_are_what_rust_computes() {
    let now = computed();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(EXPECTED, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(EXPECTED).unwrap()).unwrap();
    assert_eq!(now, committed);
    // Key order and whitespace do not change a digest.
    assert_eq!(now[0]["digest"], now[1]["digest"]);
    assert_eq!(
        now[3]["canonical"],
        "{\"name\":\"n\",\"numbers\":[1e+21,100000000000000000000,1e-7,0.000001,0,0.30000000000000004,9007199254740992,1e+30,4.5,0.002,333333333.3333333,5e-324,1.7976931348623157e+308,100,-1.5,1e-27,123456789012345680000]}"
    );
}
