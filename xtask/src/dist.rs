//! `cargo xtask dist` (not written yet).
use crate::util::Result;

pub fn run(_args: &[String]) -> Result {
    Err("dist is not written yet".into())
}
