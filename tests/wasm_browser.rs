//! The JavaScript boundary in headless Chromium (`cargo xtask test` runs it with chromedriver).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/boundary.rs"]
mod boundary;
