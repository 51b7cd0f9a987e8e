//! What came with a result besides the body: the status, the headers the transport kept, the
//! ray id and the rate-limit budget, for callers who asked for the raw response.

use crate::envelope::Success;
use crate::http::{find_header, HttpResponse};
use crate::ratelimit::RateLimit;

/// The response a result came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    /// HTTP status of the final attempt.
    pub status: u16,
    /// The headers the transport kept, names in lowercase (every header, when it was asked to
    /// keep them all).
    pub headers: Vec<(String, String)>,
    /// How many attempts came before the one that answered.
    pub retries: u32,
}

impl ResponseMeta {
    /// Cloudflare's ray id (`cf-ray`), for support requests.
    pub fn ray_id(&self) -> Option<&str> {
        find_header(&self.headers, "cf-ray")
    }

    /// The rate-limit budget the response reported (`Ratelimit`, `Ratelimit-Policy`).
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers)
    }
}

impl<J> Success<J> {
    /// Records the response this result came from; its headers move, nothing is copied.
    pub(crate) fn received(mut self, response: HttpResponse<J>, retries: u32) -> Self {
        self.response = ResponseMeta {
            status: response.status,
            headers: response.headers,
            retries,
        };
        self
    }
}
