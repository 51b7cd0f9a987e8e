//! Reading a catalogue (a server, or any `{ tools, prompts }`) into named capabilities, with an
//! error that names the position of anything that is not one.

use crate::json::Json;
use crate::text::cat;
use crate::validate::Problem;

/// A catalogue's tools and prompts, each with its name, sorted by name.
#[derive(Debug)]
pub struct Catalogue<J> {
    /// `(name, tool)` pairs.
    pub tools: Vec<(String, J)>,
    /// `(name, prompt)` pairs.
    pub prompts: Vec<(String, J)>,
}

/// Reads `value` (named `at` in messages) as a catalogue. A missing or `null` list is empty;
/// a list that is not an array, an item that is not an object or has no string `name`, and a
/// name used twice are problems, all reported at once.
pub fn catalogue<J: Json>(value: &J, at: &str) -> Result<Catalogue<J>, Vec<Problem>> {
    let mut problems = Vec::new();
    if !value.is_object() {
        problems.push(Problem {
            field: at.to_owned(),
            message: cat!(
                at,
                " must be a server or an object with tools and prompts, not ",
                value.describe()
            ),
        });
        return Err(problems);
    }
    let tools = list(value, "tools", at, &mut problems);
    let prompts = list(value, "prompts", at, &mut problems);
    if problems.is_empty() {
        Ok(Catalogue { tools, prompts })
    } else {
        Err(problems)
    }
}

fn list<J: Json>(
    value: &J,
    key: &'static str,
    at: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(String, J)> {
    let field = cat!(at, ".", key);
    let Some(list) = value.get(key) else {
        return Vec::new();
    };
    let Some(items) = list.items() else {
        problems.push(Problem {
            message: cat!(field, " must be an array, not ", list.describe()),
            field,
        });
        return Vec::new();
    };
    let mut named: Vec<(String, usize, J)> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let place = cat!(field, "[", i as u64, "]");
        match item.get("name").and_then(|n| n.as_string()) {
            Some(name) if item.is_object() => named.push((name, i, item)),
            _ if !item.is_object() => problems.push(Problem {
                message: cat!(place, " must be an object, not ", item.describe()),
                field: place,
            }),
            _ => problems.push(Problem {
                message: cat!(place, ".name must be a string"),
                field: cat!(place, ".name"),
            }),
        }
    }
    super::order::sort_by(&mut named, |(a, _, _), (b, _, _)| a.cmp(b));
    for pair in named.windows(2) {
        if let [(a, first, _), (b, second, _)] = pair {
            if a == b {
                let place = cat!(field, "[", *second as u64, "].name");
                problems.push(Problem {
                    message: cat!(
                        place,
                        ": \"",
                        b,
                        "\" is also the name of ",
                        field,
                        "[",
                        *first as u64,
                        "]; names must be unique"
                    ),
                    field: place,
                });
            }
        }
    }
    named
        .into_iter()
        .map(|(name, _, item)| (name, item))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::catalogue;
    use serde_json::json;

    fn messages(value: serde_json::Value) -> Vec<String> {
        catalogue(&value, "before")
            .unwrap_err()
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn names_sort_and_missing_lists_are_empty() {
        let c = catalogue(&json!({ "tools": [{ "name": "b" }, { "name": "a" }] }), "x").unwrap();
        let names: Vec<_> = c.tools.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(c.prompts.is_empty());
    }

    #[test]
    fn what_is_not_a_catalogue_is_named_by_position() {
        assert_eq!(
            messages(json!([1])),
            ["before must be a server or an object with tools and prompts, not an array"]
        );
        assert_eq!(
            messages(json!({ "tools": {}, "prompts": "x" })),
            [
                "before.tools must be an array, not an object",
                "before.prompts must be an array, not a string"
            ]
        );
        assert_eq!(
            messages(json!({ "tools": [{ "name": "a" }, 3, { "title": "t" }, { "name": "a" }] })),
            [
                "before.tools[1] must be an object, not a number",
                "before.tools[2].name must be a string",
                "before.tools[3].name: \"a\" is also the name of before.tools[0]; names must be unique"
            ]
        );
    }
}
