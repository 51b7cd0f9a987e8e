//! Problems named by their JSON path (`portals[1].servers[0].on_behalf`), and reading the
//! members of a configuration's own objects (the entries' fields are checked by the
//! resources' tables, [`crate::params`]).

use super::value::Value;
use crate::text::cat;
use crate::validate::{path, Problem};

/// A problem at `field` (a JSON path); the message starts with the path.
pub(crate) fn problem(field: &str, what: &str) -> Problem {
    Problem {
        field: field.to_owned(),
        message: cat!(field, " ", what),
    }
}

/// `items` with `sep` between them (written out: `join` costs a kilobyte of wasm).
pub(crate) fn joined<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// A problem found on parameters (fields relative to them), moved under `prefix`.
pub(crate) fn under(prefix: &str, p: Problem) -> Problem {
    let field = path(prefix, &p.field);
    let rest = p
        .message
        .strip_prefix(p.field.as_str())
        .unwrap_or(&p.message);
    Problem {
        message: cat!(field, rest),
        field,
    }
}

/// The members of one object, read with their paths.
pub(crate) struct Fields<'a> {
    pub value: &'a Value,
    pub at: &'a str,
    pub problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    /// Checks that the value is an object with no key outside `allowed`; `what` names it
    /// (`a server`). `false` when it is not an object.
    pub fn start(&mut self, what: &str, allowed: &[&str]) -> bool {
        let Some(members) = self.value.members() else {
            let got = self.value.describe();
            self.problems.push(problem(
                self.at,
                &cat!("must be ", what, " object (got ", got, ")"),
            ));
            return false;
        };
        for (key, _) in members {
            if !allowed.contains(&key.as_str()) {
                let list = joined(allowed, ", ");
                self.problems.push(problem(
                    &path(self.at, key),
                    &cat!("is not a field of ", what, " (", list, ")"),
                ));
            }
        }
        true
    }

    fn mistyped(&mut self, key: &str, want: &str, got: &Value) {
        let got = got.describe();
        self.problems.push(problem(
            &path(self.at, key),
            &cat!("must be ", want, " (got ", got, ")"),
        ));
    }

    /// A string member (absent or `null`: `None`).
    pub fn string(&mut self, key: &str) -> Option<String> {
        let v = self.value.get(key)?;
        let s = v.str().map(str::to_owned);
        if s.is_none() {
            self.mistyped(key, "a string", v);
        }
        s
    }
}
