//! `cargo xtask demo` (not written yet).
use crate::util::Result;

pub fn run(_args: &[String]) -> Result {
    Err("the demo is not written yet".into())
}
