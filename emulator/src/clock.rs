//! Timestamps as the API writes them: RFC 3339, UTC.

use time::macros::format_description;
use time::OffsetDateTime;

/// Now, like `2026-11-25T10:00:00.123Z` (milliseconds keep successive changes apart).
pub fn now() -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::now_utc()
        .format(&format)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_utc_with_milliseconds() {
        let now = super::now();
        assert_eq!(now.len(), 24, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
    }
}
