//! The one error type every operation fails with: data to act on, not prose to parse.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::redact::Secrets;
use crate::text::{cat, digits};
use crate::validate::Problem;

/// The most characters of any one text an error carries (its message, each item's message):
/// an API error whose message is a megabyte must not become a megabyte `err.message`.
pub const MESSAGE_CAP: usize = 1024;

/// What kind of failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// The parameters break a documented constraint; nothing was sent.
    Validation,
    /// The API answered with an error (HTTP status, or `success: false`).
    Api,
    /// The request could not be sent or the connection failed.
    Network,
    /// No response within the timeout.
    Timeout,
    /// The caller aborted the request.
    Aborted,
    /// A successful response did not have the shape the API documents.
    Decode,
}

impl ErrorKind {
    /// The kind as JavaScript sees it: `'validation'`, `'api'`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::Api => "api",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::Aborted => "aborted",
            Self::Decode => "decode",
        }
    }
}

/// One step of a path into a JSON document: a key or an index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(untagged)]
pub enum PathSegment {
    /// An array index.
    Index(u64),
    /// An object key.
    Key(String),
}

/// One error item, as Cloudflare reports it (`errors[]` of the envelope) or as validation found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct ErrorItem {
    /// Cloudflare's error code, e.g. 7001 (input validation) or 7002 (not found).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub code: Option<i64>,
    /// What went wrong.
    pub message: String,
    /// Where in the request, e.g. `["body"]` or `["updated_tools", 0, "alias"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<Vec<PathSegment>>,
}

/// A failed operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// One line saying what happened and where; never holds a credential.
    pub message: String,
    /// HTTP status of the response, when there was one.
    pub status: Option<u16>,
    /// The API's error items, or the validation problems.
    pub errors: Vec<ErrorItem>,
    /// The first Cloudflare error code.
    pub code: Option<i64>,
    /// Whether trying again later may succeed (the client already retried what was safe).
    pub retryable: bool,
    /// Cloudflare's ray id (`cf-ray`), to quote to support.
    pub ray_id: Option<String>,
    /// For a failed create: whether the server may exist anyway (an attempt got no answer or
    /// a 5xx, so it may have landed). For a delete that found nothing (404) after such an
    /// attempt: `true`, that attempt may have deleted it. `None` otherwise.
    pub may_have_applied: Option<bool>,
}

impl Error {
    /// A failure with just a kind and a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            status: None,
            errors: Vec::new(),
            code: None,
            retryable: false,
            ray_id: None,
            may_have_applied: None,
        }
    }

    /// The error as it leaves the client: every secret the call sent replaced with
    /// `[redacted]` in every text it carries, then each text cut to [`MESSAGE_CAP`]
    /// characters (in that order, so a cut cannot leave half a secret behind).
    pub fn redacted(mut self, secrets: &Secrets) -> Self {
        let clean = |text: &mut String| {
            if let std::borrow::Cow::Owned(scrubbed) = secrets.scrub(text) {
                *text = scrubbed;
            }
            if let Some((at, _)) = text.char_indices().nth(MESSAGE_CAP) {
                text.truncate(at);
                text.push('…');
            }
        };
        clean(&mut self.message);
        for item in &mut self.errors {
            clean(&mut item.message);
            for segment in item.path.iter_mut().flatten() {
                if let PathSegment::Key(key) = segment {
                    clean(key);
                }
            }
        }
        if let Some(ray_id) = &mut self.ray_id {
            clean(ray_id);
        }
        self
    }

    /// The validation error for a list of problems (which must not be empty to make sense).
    pub fn validation(problems: Vec<Problem>) -> Self {
        let mut message = match problems.len() {
            1 => "invalid parameters: ".to_owned(),
            n => cat!("invalid parameters (", n, " problems): "),
        };
        // Pushed one by one rather than `join`ed: `join` costs a kilobyte of wasm.
        for (i, p) in problems.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            message.push_str(&p.message);
        }
        let errors = problems
            .into_iter()
            .map(|p| ErrorItem {
                code: None,
                path: Some(field_path(&p.field)),
                message: p.message,
            })
            .collect();
        Self {
            errors,
            ..Self::new(ErrorKind::Validation, message)
        }
    }
}

/// `updated_tools[2].alias` → `["updated_tools", 2, "alias"]`.
pub fn field_path(field: &str) -> Vec<PathSegment> {
    field
        .split(['.', '['])
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_suffix(']').and_then(digits) {
            Some(index) => PathSegment::Index(index),
            _ => PathSegment::Key(s.to_owned()),
        })
        .collect()
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Every operation returns this.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_split_into_keys_and_indexes() {
        assert_eq!(
            field_path("updated_tools[2].alias"),
            vec![
                PathSegment::Key("updated_tools".into()),
                PathSegment::Index(2),
                PathSegment::Key("alias".into())
            ]
        );
        assert_eq!(field_path("id"), vec![PathSegment::Key("id".into())]);
    }

    #[test]
    fn validation_message_lists_every_problem() {
        let err = Error::validation(vec![
            Problem {
                field: "id".into(),
                message: "id is bad".into(),
            },
            Problem {
                field: "name".into(),
                message: "name is bad".into(),
            },
        ]);
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(
            err.message,
            "invalid parameters (2 problems): id is bad; name is bad"
        );
        assert_eq!(err.errors.len(), 2);
    }
}
