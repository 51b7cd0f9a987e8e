//! Catalogue review: what changed in a server's tools and prompts, digests for approved
//! snapshots, the view agents get after overrides, and the override edits behind pinning and
//! quarantine.
//!
//! Written once over [`Canonical`] (a [`Json`] whose objects can be walked), so the same code runs
//! natively over `serde_json::Value` and in wasm over the caller's JavaScript values.

mod canonical;
mod diff;
mod effective;
mod items;
mod number;
mod ops;
mod order;
mod overrides;
pub mod params;
mod review;
mod sha256;

pub use canonical::{canonical, digest};
pub use diff::{diff, CatalogueDiff, Changed, Changes};
pub use effective::{effective, Effective, EffectiveCapability};
pub use items::{catalogue, Catalogue};
pub use number::ecmascript_number;
pub use ops::{Edit, Names, QuarantineMode, SyncReview};
#[cfg(target_arch = "wasm32")]
// Used by the wasm layer's review methods, which only the `full` build has.
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "full")),
    allow(unused_imports)
)]
pub(crate) use ops::{Job, Outcome, Plan, Step};
pub(crate) use order::sort_by;
pub use overrides::{CapabilityNames, Which};
pub use review::{review, snapshot, Digests, Review, ReviewChanges, Snapshot};
pub use sha256::sha256_hex;

use crate::json::Json;

/// A [`Json`] value whose objects can be walked member by member, as canonical JSON needs.
pub trait Canonical: Json {
    /// The members of an object in any order (`None` when the value is not an object).
    /// Members JSON cannot write (in JavaScript, `undefined`) are left out, as `JSON.stringify`
    /// leaves them out.
    fn members(&self) -> Option<Vec<(String, Self)>>;
    /// A number as ECMAScript's `Number.prototype.toString` writes it (`None` when the value is
    /// not a finite number).
    fn number_text(&self) -> Option<String>;
    /// A string's text; `Some(Err(()))` when it holds a lone surrogate, which UTF-8 cannot
    /// carry (only JavaScript strings can).
    fn string_text(&self) -> Option<Result<String, ()>>;
    /// The whole value's canonical JSON, when the value can write it faster than a walk member
    /// by member (in wasm, one call into JavaScript); `None` to walk, as for anything that
    /// cannot be written, so that the walk names where.
    fn canonical_text(&self) -> Option<String> {
        None
    }
}

impl Canonical for serde_json::Value {
    fn members(&self) -> Option<Vec<(String, Self)>> {
        self.as_object()
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }
    fn number_text(&self) -> Option<String> {
        self.as_f64().and_then(ecmascript_number)
    }
    fn string_text(&self) -> Option<Result<String, ()>> {
        self.as_str().map(|s| Ok(s.to_owned()))
    }
}
