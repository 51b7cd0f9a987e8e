//! The JavaScript boundary under Node (`cargo xtask test` runs it with wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_node_experimental);

#[path = "wasm/boundary.rs"]
mod boundary;
