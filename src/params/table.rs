//! What a parameter table says about each field.

use crate::validate::Problem;

/// Which call the parameters are for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Op {
    /// A create: `create` needs decide.
    Create,
    /// An update: `update` needs decide.
    Update,
}

/// Whether a call takes a field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Need {
    /// It must be there.
    Required,
    /// It may be there.
    Optional,
    /// Refused with a hint: it cannot change, so delete and re-create instead.
    Fixed,
}

/// A field's own check on a string value: pushes the problems of `field`.
pub(crate) type Rule = fn(field: &str, value: &str, problems: &mut Vec<Problem>);

/// A check across fields, given what the fields' own checks found.
pub(crate) type Across = fn(checked: &super::Checked, problems: &mut Vec<Problem>);

/// A field's JSON type, and what `null` means for it.
pub(crate) enum Kind {
    /// A string; `null` reads as absent.
    Text,
    /// A string, or `null`, sent as `null`, to clear it.
    Clearable,
    /// A string that may be left out but not `null`.
    NotNull,
    /// `true` or `false`; `null` reads as absent.
    Flag,
    /// A whole number from 0 to 2³² − 1; `null` reads as absent.
    Whole,
    /// An array of objects of another model, with at most `max` items (and what to say when
    /// there are more).
    List(&'static Model, Option<(usize, &'static str)>),
}

/// One field of a model.
pub(crate) struct Field {
    /// Its name on the wire.
    pub key: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Its constraints beyond the type (strings only).
    pub rule: Option<Rule>,
    /// What a create (and any nested object) needs of it.
    pub create: Need,
    /// What an update needs of it.
    pub update: Need,
    /// In a list, two items may not share a value of this field; the reason, for the message.
    pub once: Option<&'static str>,
}

impl Field {
    /// An optional field without constraints, the same for create and update.
    pub(crate) const fn plain(key: &'static str, kind: Kind) -> Self {
        Self {
            key,
            kind,
            rule: None,
            create: Need::Optional,
            update: Need::Optional,
            once: None,
        }
    }

    /// This field with a rule.
    pub(crate) const fn rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    /// This field, required by a create (and by nested objects).
    pub(crate) const fn required(mut self) -> Self {
        self.create = Need::Required;
        self
    }

    /// This field, required by a create and refused by an update.
    pub(crate) const fn fixed(mut self) -> Self {
        self.create = Need::Required;
        self.update = Need::Fixed;
        self
    }

    /// This field, unique across the items of a list.
    pub(crate) const fn once(mut self, why: &'static str) -> Self {
        self.once = Some(why);
        self
    }

    pub(crate) fn need(&self, op: Op) -> Need {
        match op {
            Op::Create => self.create,
            Op::Update => self.update,
        }
    }
}

/// An object's fields, in the order the body is written (the API's).
pub(crate) struct Model {
    /// What it is, for the hint on fixed fields ("server").
    pub noun: &'static str,
    /// Its fields.
    pub fields: &'static [Field],
    /// A check across fields, on the values that passed their own (a portal's code mode
    /// against the deprecated boolean).
    pub across: Option<Across>,
}

impl Model {
    /// The keys a call takes (for an update, all but the fixed ones), in the table's order.
    pub(crate) fn keys(&self, op: Op) -> impl Iterator<Item = &'static str> + '_ {
        self.fields
            .iter()
            .filter(move |f| f.need(op) != Need::Fixed)
            .map(|f| f.key)
    }
}
