//! A create under faults: retried like any call, and a "the id is taken" answer after an
//! attempt that may have landed is settled by reading the server back. A server that matches
//! what was sent is the create's own; one that differs is a real conflict. A create that still
//! fails says whether it may have been applied.

use crate::error::{Error, ErrorKind};
use crate::json::Json;
use crate::request::Resource;
use crate::text::{cat, contains_ignore_case};

/// What a create sent that identifies its server or portal: one read back with these values
/// is the one the create made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Expected {
    /// The collection created in.
    pub resource: Resource,
    /// The id sent.
    pub id: String,
    /// Other `(key, value)` pairs sent that the item read back must have.
    pub fields: Vec<(&'static str, String)>,
}

/// A create's final error, marked with whether the create may have been applied: `uncertain`
/// when an attempt before the last, or the last itself, got no answer or a 5xx.
pub(crate) fn mark(mut error: Error, uncertain: bool, resource: Resource) -> Error {
    error.may_have_applied = Some(uncertain);
    if uncertain && !is_taken(&error) {
        error.message = cat!(
            error.message,
            " (the ",
            resource.singular(),
            " may have been created: an attempt got no answer or a 5xx; read it back before creating it again)"
        );
    }
    error
}

/// Whether the create failed because the id is taken: a 409, or an API message saying so.
pub(crate) fn is_taken(error: &Error) -> bool {
    error.kind == ErrorKind::Api
        && (error.status == Some(409)
            || error
                .errors
                .iter()
                .any(|e| contains_ignore_case(&e.message, "already exists")))
}

/// Settles a create that met "the id is taken" after an attempt that may have landed, from
/// the server read back (`read`: its result, or why it could not be read).
pub(crate) fn settle<J: Json>(
    expected: &Expected,
    conflict: Error,
    read: Result<J, Error>,
) -> Result<J, Error> {
    let noun = expected.resource.singular();
    let item = match read {
        Ok(item) => item,
        Err(e) => {
            return Err(Error {
                message: cat!(
                    conflict.message,
                    " (the ",
                    noun,
                    " may have been created by an earlier attempt, but reading it back failed: ",
                    e.message,
                    ")"
                ),
                ..conflict
            })
        }
    };
    let id = ("id", expected.id.clone());
    let differs = std::iter::once(&id)
        .chain(&expected.fields)
        .find(|(key, sent)| item.get(key).and_then(|v| v.as_string()).as_ref() != Some(sent));
    match differs {
        None => Ok(item),
        Some((key, _)) => Err(Error {
            may_have_applied: Some(false),
            message: cat!(
                conflict.message,
                " (read back: the ",
                noun,
                " with this id has another ",
                key,
                " than was sent, so this is a real conflict, not an earlier attempt of this create)"
            ),
            ..conflict
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn expected() -> Expected {
        Expected {
            resource: Resource::Servers,
            id: "gh".into(),
            fields: vec![
                ("name", "GitHub".into()),
                ("hostname", "https://gh/mcp".into()),
                ("auth_type", "bearer".into()),
            ],
        }
    }

    fn conflict() -> Error {
        Error {
            status: Some(409),
            ..Error::new(ErrorKind::Api, "POST /x: 409 [7005] already exists")
        }
    }

    #[test]
    fn a_matching_server_read_back_is_the_creates_own() {
        let server = json!({"id": "gh", "name": "GitHub", "hostname": "https://gh/mcp",
                            "auth_type": "bearer", "tools": [], "prompts": [], "status": "waiting"});
        assert_eq!(
            settle(
                &expected(),
                mark(conflict(), true, Resource::Servers),
                Ok(server.clone())
            ),
            Ok(server)
        );
    }

    #[test]
    fn a_different_server_is_a_real_conflict_and_a_failed_read_stays_in_doubt() {
        let other = json!({"id": "gh", "name": "Someone else's", "hostname": "https://gh/mcp",
                           "auth_type": "bearer"});
        let e = settle(
            &expected(),
            mark(conflict(), true, Resource::Servers),
            Ok(other),
        )
        .unwrap_err();
        assert_eq!(e.may_have_applied, Some(false));
        assert!(
            e.message.contains("another name than was sent"),
            "{}",
            e.message
        );
        let unread = Error::new(ErrorKind::Network, "GET /x: network error: reset");
        let e = settle::<serde_json::Value>(
            &expected(),
            mark(conflict(), true, Resource::Servers),
            Err(unread),
        )
        .unwrap_err();
        assert_eq!(e.may_have_applied, Some(true));
        assert!(e
            .message
            .contains("reading it back failed: GET /x: network error"));
    }

    #[test]
    fn a_failed_create_says_whether_it_may_have_been_applied() {
        let e = mark(
            Error::new(ErrorKind::Timeout, "POST /x: timed out"),
            true,
            Resource::Servers,
        );
        assert_eq!(e.may_have_applied, Some(true));
        assert!(e.message.contains("may have been created"));
        let e = mark(
            Error::new(ErrorKind::Api, "POST /x: 400 bad"),
            false,
            Resource::Portals,
        );
        assert_eq!(e.may_have_applied, Some(false));
        assert_eq!(e.message, "POST /x: 400 bad");
    }
}
