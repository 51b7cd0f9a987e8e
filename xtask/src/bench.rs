//! `cargo xtask bench` (not written yet).
use crate::util::Result;

pub fn run(_args: &[String]) -> Result {
    Err("the benchmark is not written yet".into())
}
