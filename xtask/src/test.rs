//! `cargo xtask test` (not written yet).
use crate::util::Result;

pub fn run(_args: &[String]) -> Result {
    Err("test is not written yet".into())
}
