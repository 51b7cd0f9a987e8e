//! When `list_all` stops: pure rules over the pages seen so far.
//!
//! The official SDKs ask for one more page until one comes back empty, so a walk over N pages
//! costs N+1 requests, and an API that ignores `page` makes them loop forever. Here the end is
//! read from `result_info` when the API sends it, else from a short page; and a page that
//! repeats the previous one stops the walk with an error.

use crate::models::{ResultInfo, ServerListParams};

/// The API's page size when `per_page` is not given.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Where a walk over all pages stands.
#[derive(Clone, Debug, PartialEq)]
pub struct PageCursor {
    /// The parameters of the next request (its `page` advances).
    pub params: ServerListParams,
    previous_ids: Option<Vec<String>>,
    done: bool,
    /// Pages and items recorded so far.
    walked: (u32, u64),
}

/// What to do after a page arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Ask for the next page.
    More,
    /// That was the last page.
    Done,
    /// The page repeats the previous page's ids: the API is not paging.
    Repeated {
        /// The page number that repeated its predecessor.
        page: u32,
    },
}

impl PageCursor {
    /// A walk starting at `params.page` (default 1).
    pub fn new(params: ServerListParams) -> Self {
        Self {
            params,
            previous_ids: None,
            done: false,
            walked: (0, 0),
        }
    }

    /// Whether the walk is over.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// How many pages, and how many items on them, the walk has recorded.
    pub fn walked(&self) -> (u32, u64) {
        self.walked
    }

    /// The page number the next request asks for.
    pub fn page(&self) -> u32 {
        self.params.page.unwrap_or(1)
    }

    /// Records a page (the ids on it, and its `result_info`) and says whether another request
    /// is needed.
    pub fn advance(&mut self, ids: Vec<String>, info: Option<&ResultInfo>) -> Step {
        let number = self.page();
        self.walked = (
            self.walked.0.saturating_add(1),
            self.walked.1.saturating_add(ids.len() as u64),
        );
        if !ids.is_empty() && self.previous_ids.as_ref() == Some(&ids) {
            self.done = true;
            return Step::Repeated { page: number };
        }
        let info = info.cloned().unwrap_or_default();
        let per_page = info
            .per_page
            .or(self.params.per_page)
            .unwrap_or(DEFAULT_PER_PAGE)
            .max(1);
        let last = if let Some(total_pages) = info.total_pages {
            number >= total_pages
        } else if let Some(total_count) = info.total_count {
            u64::from(number) * u64::from(per_page) >= u64::from(total_count)
        } else {
            ids.len() < per_page as usize
        };
        if last || ids.is_empty() {
            self.done = true;
            return Step::Done;
        }
        self.previous_ids = Some(ids);
        self.params.page = Some(number.saturating_add(1));
        Step::More
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_macros)] // tests may format
mod tests {
    use super::*;
    use crate::models::{AuthType, McpServer, ServerListPage};

    fn advance(cursor: &mut PageCursor, page: &ServerListPage) -> Step {
        let ids = page.result.iter().map(|s| s.id.clone()).collect();
        cursor.advance(ids, page.result_info.as_ref())
    }

    fn server(id: String) -> McpServer {
        McpServer {
            id,
            auth_type: AuthType::Unauthenticated,
            hostname: "https://h/mcp".into(),
            name: "n".into(),
            prompts: vec![],
            tools: vec![],
            auth_config_summary: None,
            authentication_status: None,
            created_at: None,
            created_by: None,
            description: None,
            error: None,
            error_details: None,
            is_shared_oauth_callback_enabled: None,
            last_successful_sync: None,
            last_synced: None,
            modified_at: None,
            modified_by: None,
            secure_web_gateway: None,
            status: None,
            updated_prompts: None,
            updated_tools: None,
        }
    }

    /// Pages of `total` items, `per_page` each, as an API would serve them.
    fn walk(total: usize, per_page: u32, with_info: bool) -> (u32, Step) {
        let mut cursor = PageCursor::new(ServerListParams {
            per_page: Some(per_page),
            ..Default::default()
        });
        let mut requests = 0;
        loop {
            requests += 1;
            let start = (cursor.page() as usize - 1) * per_page as usize;
            let ids = (start..total.min(start + per_page as usize)).map(|i| format!("s{i}"));
            let page = ServerListPage {
                result: ids.map(server).collect(),
                result_info: with_info.then(|| ResultInfo {
                    page: Some(cursor.page()),
                    per_page: Some(per_page),
                    total_count: Some(total as u32),
                    total_pages: Some((total as u32).div_ceil(per_page)),
                    count: None,
                }),
            };
            match advance(&mut cursor, &page) {
                Step::More => continue,
                other => return (requests, other),
            }
        }
    }

    #[test]
    fn forty_five_items_take_three_requests_with_or_without_result_info() {
        assert_eq!(walk(45, 20, true), (3, Step::Done));
        assert_eq!(walk(45, 20, false), (3, Step::Done));
    }

    #[test]
    fn an_exact_multiple_needs_no_extra_request_when_totals_are_known() {
        assert_eq!(walk(40, 20, true), (2, Step::Done));
        // Without totals, a full last page cannot be told from a middle one.
        assert_eq!(walk(40, 20, false), (3, Step::Done));
        assert_eq!(walk(0, 20, false), (1, Step::Done));
    }

    #[test]
    fn a_page_that_repeats_its_predecessor_stops_the_walk() {
        let mut cursor = PageCursor::new(ServerListParams::default());
        let full = ServerListPage {
            result: (0..20).map(|i| server(format!("s{i}"))).collect(),
            result_info: None,
        };
        assert_eq!(advance(&mut cursor, &full), Step::More);
        assert_eq!(advance(&mut cursor, &full), Step::Repeated { page: 2 });
        assert!(cursor.is_done());
    }

    #[test]
    fn the_page_size_the_api_applied_wins_over_the_one_asked_for() {
        let mut cursor = PageCursor::new(ServerListParams {
            per_page: Some(100),
            ..Default::default()
        });
        let page = ServerListPage {
            result: (0..50).map(|i| server(format!("s{i}"))).collect(),
            result_info: Some(ResultInfo {
                per_page: Some(50),
                ..Default::default()
            }),
        };
        assert_eq!(advance(&mut cursor, &page), Step::More);
        assert_eq!(cursor.page(), 2);
    }
}
