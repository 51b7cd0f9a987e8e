//! The interpreter: one pass over parsed JSON that reads each field of a [`Model`], checks its
//! type and rule, and writes the request body, reporting every problem at once with its path.

use super::table::{Field, Kind, Model, Need, Op};
use crate::json::Json;
use crate::text::{cat, decimal};
use crate::validate::{path, repeats, Problem};
use crate::write::push_string;

/// A top-level value that passed its checks, for checks across fields and for the create's
/// read-back.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    /// A string.
    Text(String),
    /// A boolean.
    Flag(bool),
    /// A whole number.
    Whole(u32),
}

/// What [`check`] found.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The `account_id` parameter (it goes in the path, not the body).
    pub account_id: Option<String>,
    /// The request body, meaningful only when there are no problems.
    pub body: String,
    /// The top-level strings, booleans and numbers that passed their checks.
    pub seen: Vec<(&'static str, Scalar)>,
    /// Every problem: the fields' in the table's order, then unknown fields.
    pub problems: Vec<Problem>,
}

impl Checked {
    fn scalar(&self, key: &str) -> Option<&Scalar> {
        self.seen.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The top-level string `key`, if it was given and passed.
    pub(crate) fn text(&self, key: &str) -> Option<&str> {
        match self.scalar(key)? {
            Scalar::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The top-level boolean `key`, if it was given.
    pub(crate) fn flag(&self, key: &str) -> Option<bool> {
        match self.scalar(key)? {
            Scalar::Flag(flag) => Some(*flag),
            _ => None,
        }
    }

    /// The top-level whole number `key`, if it was given and passed.
    pub(crate) fn whole(&self, key: &str) -> Option<u32> {
        match self.scalar(key)? {
            Scalar::Whole(n) => Some(*n),
            _ => None,
        }
    }
}

/// Reads, checks and writes the parameters `value` (absent or `null` read as `{}`) of an `op`
/// on `model`.
pub(crate) fn check<J: Json>(model: &Model, op: Op, value: Option<&J>) -> Checked {
    let mut run = Run {
        problems: Vec::new(),
        out: String::new(),
    };
    let mut account_id = None;
    let mut seen = Vec::new();
    run.object(model, op, value, "", Some(&mut account_id), &mut seen);
    let mut checked = Checked {
        account_id,
        body: run.out,
        seen,
        problems: Vec::new(),
    };
    let mut problems = run.problems;
    if let Some(across) = model.across {
        across(&checked, &mut problems);
    }
    checked.problems = problems;
    checked
}

struct Run {
    problems: Vec<Problem>,
    out: String,
}

/// What to say of a key the model does not have: the fields it does.
fn unknown(model: &Model, op: Op, top: bool) -> String {
    let vowel = matches!(
        model.noun.as_bytes().first(),
        Some(b'a' | b'e' | b'i' | b'o' | b'u')
    );
    let article = if vowel { "an " } else { "a " };
    let mut out = cat!("is not a field of ", article, model.noun, " (");
    if top {
        out.push_str("account_id, ");
    }
    for key in model.keys(op) {
        out.push_str(key);
        out.push_str(", ");
    }
    out.truncate(out.len().saturating_sub(2));
    out.push(')');
    out
}

impl Run {
    fn problem(&mut self, field: String, what: &str) {
        self.problems.push(Problem::new(field, what));
    }

    fn mistyped<J: Json>(&mut self, field: String, want: &str, got: &J) {
        let got = got.describe();
        self.problem(field, &cat!("must be ", want, " (got ", got, ")"));
    }

    /// One object. `account` is where the top level's `account_id` goes (nested objects have
    /// none); `seen` collects the values that passed.
    fn object<J: Json>(
        &mut self,
        model: &Model,
        op: Op,
        value: Option<&J>,
        at: &str,
        account: Option<&mut Option<String>>,
        seen: &mut Vec<(&'static str, Scalar)>,
    ) {
        let object = value.filter(|v| !v.is_null());
        self.out.push('{');
        let keys = match object.map(Json::keys) {
            None => Vec::new(),
            Some(None) => {
                let field = if at.is_empty() { "params" } else { at };
                self.problem(field.to_owned(), "must be an object");
                self.out.push('}');
                return;
            }
            Some(Some(keys)) => keys,
        };
        let top = account.is_some();
        let has = |key: &str| keys.iter().any(|k| k == key);
        if let (Some(account), Some(object)) = (account, object) {
            if let Some(v) = object.get("account_id").filter(|_| has("account_id")) {
                *account = v.as_string();
                if account.is_none() {
                    self.mistyped(path(at, "account_id"), "a string", &v);
                }
            }
        }
        let mut first = true;
        for f in model.fields {
            let need = f.need(op);
            if need == Need::Fixed {
                continue;
            }
            let given = has(f.key);
            let member = object.filter(|_| given).and_then(|o| o.get(f.key));
            let field = path(at, f.key);
            let Some(member) = member else {
                // Absent, or `null` (in JavaScript, `undefined` too).
                match (&f.kind, given, need) {
                    (_, _, Need::Required) => self.problem(field, "is required"),
                    (Kind::Clearable, true, _) => {
                        self.key(&mut first, f.key);
                        self.out.push_str("null");
                    }
                    (Kind::NotNull, true, _) => {
                        self.problem(field, "cannot be null: send a string, or leave it out")
                    }
                    _ => {}
                }
                continue;
            };
            if let Some(value) = self.member(f, &member, &field, &mut first) {
                seen.push((f.key, value));
            }
        }
        for key in &keys {
            let field = model.fields.iter().find(|f| f.key == key);
            let fixed = field.is_some_and(|f| f.need(op) == Need::Fixed);
            if field.is_some() && !fixed || top && key == "account_id" {
                continue;
            }
            let what = if fixed {
                cat!(
                    "is not a parameter of this call (it cannot be updated: delete and re-create the ",
                    model.noun,
                    " to change it)"
                )
            } else {
                unknown(model, op, top)
            };
            self.problem(path(at, key), &what);
        }
        self.out.push('}');
    }

    fn key(&mut self, first: &mut bool, key: &str) {
        if !*first {
            self.out.push(',');
        }
        *first = false;
        push_string(&mut self.out, key);
        self.out.push(':');
    }

    /// One given member: its value if it passed and is a string, boolean or number.
    fn member<J: Json>(
        &mut self,
        f: &Field,
        value: &J,
        field: &str,
        first: &mut bool,
    ) -> Option<Scalar> {
        match &f.kind {
            Kind::Flag => {
                let Some(flag) = value.as_bool() else {
                    self.mistyped(field.to_owned(), "true or false", value);
                    return None;
                };
                self.key(first, f.key);
                self.out.push_str(if flag { "true" } else { "false" });
                Some(Scalar::Flag(flag))
            }
            Kind::Whole => {
                let n = value
                    .as_number()
                    .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n));
                let Some(n) = n else {
                    self.mistyped(field.to_owned(), "a whole number", value);
                    return None;
                };
                let n = n as u32;
                self.key(first, f.key);
                self.out.push_str(&decimal(n.into()));
                Some(Scalar::Whole(n))
            }
            Kind::List(model, max) => {
                let Some(items) = value.items() else {
                    self.mistyped(field.to_owned(), "an array", value);
                    return None;
                };
                if let Some((_, says)) = max.filter(|(max, _)| items.len() > *max) {
                    self.problem(field.to_owned(), &cat!(says, " (got ", items.len(), ")"));
                }
                self.key(first, f.key);
                self.list(model, &items, field);
                None
            }
            Kind::Text | Kind::Clearable | Kind::NotNull => {
                let Some(text) = value.as_string() else {
                    self.mistyped(field.to_owned(), "a string", value);
                    return None;
                };
                let before = self.problems.len();
                if let Some(rule) = f.rule {
                    rule(field, &text, &mut self.problems);
                }
                self.key(first, f.key);
                push_string(&mut self.out, &text);
                (self.problems.len() == before).then_some(Scalar::Text(text))
            }
        }
    }

    /// The items of a list, each an object of `model`; values of `once` fields must differ.
    fn list<J: Json>(&mut self, model: &Model, items: &[J], field: &str) {
        self.out.push('[');
        // The values each `once` field has had so far, per field of the model.
        let mut taken: Vec<(&'static str, String)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let at = cat!(field, "[", i, "]");
            let mut seen = Vec::new();
            self.object(model, Op::Create, Some(item), &at, None, &mut seen);
            for (key, value) in seen {
                let Some(why) = model
                    .fields
                    .iter()
                    .find(|f| f.key == key)
                    .and_then(|f| f.once)
                else {
                    continue;
                };
                let Scalar::Text(text) = value else { continue };
                if taken.iter().any(|(k, v)| *k == key && *v == text) {
                    self.problems.push(repeats(path(&at, key), &text, why));
                } else {
                    taken.push((key, text));
                }
            }
        }
        self.out.push(']');
    }
}
