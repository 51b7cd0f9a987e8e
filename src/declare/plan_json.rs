//! A plan as JSON, and back: `planConfig` hands it to JavaScript (and the CLI prints it), and
//! `apply` reads it again, so a plan can be reviewed, stored and applied later.

use super::diff::FieldChange;
use super::fields::problem;
use super::plan::{Action, Kind, Note, Plan, Step};
use super::value::Value;
use crate::text::cat;
use crate::validate::Problem;

fn optional(members: &mut Vec<(&str, Value)>, key: &'static str, value: Option<Value>) {
    if let Some(v) = value {
        members.push((key, v));
    }
}

fn change_value(c: &FieldChange) -> Value {
    let mut m = vec![("path", Value::text(&c.path))];
    optional(&mut m, "before", c.before.clone());
    optional(&mut m, "after", c.after.clone());
    Value::object(m)
}

impl Step {
    /// `{ action, kind, id, changes, refused?, params? }`.
    pub fn to_value(&self) -> Value {
        let mut m = vec![
            ("action", Value::text(self.action.as_str())),
            ("kind", Value::text(self.kind.as_str())),
            ("id", Value::text(&self.id)),
            (
                "changes",
                Value::Array(self.changes.iter().map(change_value).collect()),
            ),
        ];
        optional(&mut m, "refused", self.refused.as_deref().map(Value::text));
        optional(&mut m, "params", self.params.clone());
        Value::object(m)
    }

    /// Reads a step as [`Step::to_value`] writes it.
    pub fn read(value: &Value, at: &str, problems: &mut Vec<Problem>) -> Option<Step> {
        let text = |key: &str| value.get(key).and_then(Value::str);
        let action = match text("action") {
            Some("create") => Action::Create,
            Some("update") => Action::Update,
            Some("replace") => Action::Replace,
            Some("delete") => Action::Delete,
            _ => {
                problems.push(problem(
                    &cat!(at, ".action"),
                    "must be 'create', 'update', 'replace' or 'delete'",
                ));
                return None;
            }
        };
        let kind = match text("kind") {
            Some("server") => Kind::Server,
            Some("portal") => Kind::Portal,
            _ => {
                problems.push(problem(&cat!(at, ".kind"), "must be 'server' or 'portal'"));
                return None;
            }
        };
        let Some(id) = text("id") else {
            problems.push(problem(&cat!(at, ".id"), "must be a string"));
            return None;
        };
        let changes = value
            .get("changes")
            .and_then(Value::list)
            .unwrap_or_default()
            .iter()
            .map(|c| FieldChange {
                path: c.str_at("path").to_owned(),
                before: c.get("before").cloned(),
                after: c.get("after").cloned(),
            })
            .collect();
        Some(Step {
            action,
            kind,
            id: id.to_owned(),
            changes,
            refused: text("refused").map(str::to_owned),
            params: value.get("params").cloned(),
        })
    }
}

impl Plan {
    /// `{ account_id?, steps, notes, changes }`.
    pub fn to_value(&self) -> Value {
        let notes = self
            .notes
            .iter()
            .map(|n| {
                Value::object(vec![
                    ("kind", Value::text(&n.kind)),
                    ("id", Value::text(&n.id)),
                    ("message", Value::text(&n.message)),
                ])
            })
            .collect();
        let mut m = Vec::new();
        optional(
            &mut m,
            "account_id",
            self.account_id.as_deref().map(Value::text),
        );
        m.push((
            "steps",
            Value::Array(self.steps.iter().map(Step::to_value).collect()),
        ));
        m.push(("notes", Value::Array(notes)));
        m.push(("changes", Value::Bool(self.changes)));
        Value::object(m)
    }

    /// Reads a plan as [`Plan::to_value`] writes it (what `planConfig` returned).
    pub fn read(value: &Value) -> Result<Plan, Vec<Problem>> {
        let mut problems = Vec::new();
        let Some(steps) = value.get("steps").and_then(Value::list) else {
            return Err(vec![problem(
                "plan.steps",
                "must be an array: pass the plan planConfig returned",
            )]);
        };
        let steps = steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Step::read(s, &cat!("plan.steps[", i, "]"), &mut problems))
            .collect();
        let notes = value
            .get("notes")
            .and_then(Value::list)
            .unwrap_or_default()
            .iter()
            .map(|n| {
                let text = |k: &str| n.get(k).and_then(Value::str).unwrap_or_default().to_owned();
                Note {
                    kind: text("kind"),
                    id: text("id"),
                    message: text("message"),
                }
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Plan {
            account_id: value
                .get("account_id")
                .and_then(Value::str)
                .map(str::to_owned),
            steps,
            notes,
            changes: value.get("changes") == Some(&Value::Bool(true)),
        })
    }
}
