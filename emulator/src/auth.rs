//! Credentials on `/client/v4`: `Authorization: Bearer …`, or `X-Auth-Email` + `X-Auth-Key`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::envelope::{ApiError, CODE_AUTH, CODE_FORBIDDEN};
use crate::state::AppState;

/// Who made the request, as `created_by` / `modified_by` show it. Never the credential itself.
#[derive(Clone, Debug)]
pub struct Actor(pub String);

/// Rejects requests without acceptable credentials; passes the actor on to the handlers.
pub async fn require(State(state): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    match check(req.headers(), state.token.as_deref()) {
        Ok(actor) => {
            req.extensions_mut().insert(actor);
            next.run(req).await
        }
        Err(error) => error.into_response(),
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn forbidden(message: &str) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, CODE_FORBIDDEN, message)
}

fn check(headers: &HeaderMap, token: Option<&str>) -> Result<Actor, ApiError> {
    if let Some(value) = header(headers, "authorization") {
        let (scheme, given) = value.split_once(' ').unwrap_or((value, ""));
        let given = given.trim();
        if !scheme.eq_ignore_ascii_case("bearer") || given.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                CODE_AUTH,
                "Authentication error: the Authorization header must be `Bearer <API token>`",
            ));
        }
        return match token {
            Some(expected) if expected != given => Err(forbidden(
                "Invalid API token: this emulator accepts only the token given with --token",
            )),
            _ => Ok(Actor("api-token".into())),
        };
    }
    let email = header(headers, "x-auth-email").filter(|v| !v.is_empty());
    let key = header(headers, "x-auth-key").filter(|v| !v.is_empty());
    match (email, key) {
        (Some(email), Some(key)) => match token {
            Some(expected) if expected != key => Err(forbidden(
                "Invalid X-Auth-Key: this emulator accepts only the token given with --token",
            )),
            _ => Ok(Actor(email.to_owned())),
        },
        (Some(_), None) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            CODE_AUTH,
            "Authentication error: X-Auth-Email was sent without X-Auth-Key",
        )),
        (None, Some(_)) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            CODE_AUTH,
            "Authentication error: X-Auth-Key was sent without X-Auth-Email",
        )),
        (None, None) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            CODE_AUTH,
            "Authentication error: send `Authorization: Bearer <API token>`, or X-Auth-Email and X-Auth-Key",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = value.parse() {
                map.insert(*name, value);
            }
        }
        map
    }

    #[test]
    fn token_rules() {
        let status = |h: &[(&'static str, &str)], token| match check(&headers(h), token) {
            Ok(_) => 200,
            Err(e) => e.status.as_u16(),
        };
        assert_eq!(status(&[], None), 401);
        assert_eq!(status(&[("authorization", "Bearer x")], None), 200);
        assert_eq!(status(&[("authorization", "Basic x")], None), 401);
        assert_eq!(status(&[("authorization", "Bearer x")], Some("y")), 403);
        assert_eq!(status(&[("authorization", "Bearer y")], Some("y")), 200);
        assert_eq!(status(&[("x-auth-email", "a@b.c")], None), 401);
        assert_eq!(
            status(&[("x-auth-email", "a@b.c"), ("x-auth-key", "k")], None),
            200
        );
        assert_eq!(
            status(&[("x-auth-email", "a@b.c"), ("x-auth-key", "k")], Some("y")),
            403
        );
    }
}
