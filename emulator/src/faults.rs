//! `--faults`: a share of 429s, 5xx and dropped connections, and added latency, on `/client/v4`,
//! so the client's retry logic can be tested against something that misbehaves on purpose.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::envelope::{ApiError, CODE_INTERNAL, CODE_RATE_LIMIT};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FaultSpec {
    /// (status, share) pairs: 429 and any 5xx.
    pub statuses: Vec<(u16, f64)>,
    /// Share of connections closed without a response, before the request is handled.
    pub drop: f64,
    /// Share of requests handled (a create is stored) whose response is then lost: the
    /// connection closes instead. What a client cannot tell from `drop`.
    pub lost: f64,
    /// Added before every response.
    pub latency: Duration,
}

fn parse_share(kind: &str, value: &str) -> Result<f64, String> {
    let share: f64 = value
        .parse()
        .map_err(|_| format!("{kind}={value}: the share must be a number from 0 to 1"))?;
    if (0.0..=1.0).contains(&share) {
        Ok(share)
    } else {
        Err(format!("{kind}={value}: the share must be from 0 to 1"))
    }
}

fn parse_duration(value: &str) -> Result<Duration, String> {
    let bad = || format!("latency={value}: write it like 200ms or 1s");
    if let Some(ms) = value.strip_suffix("ms") {
        return ms
            .trim()
            .parse()
            .map(Duration::from_millis)
            .map_err(|_| bad());
    }
    if let Some(s) = value.strip_suffix('s') {
        return s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0 && *s < 3600.0)
            .map(Duration::from_secs_f64)
            .ok_or_else(bad);
    }
    Err(bad())
}

impl FromStr for FaultSpec {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let mut faults = FaultSpec::default();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (kind, value) = item
                .split_once('=')
                .ok_or_else(|| format!("{item}: write each fault as KIND=VALUE"))?;
            let (kind, value) = (kind.trim(), value.trim());
            match kind {
                "drop" => faults.drop = parse_share(kind, value)?,
                "lost" => faults.lost = parse_share(kind, value)?,
                "latency" => faults.latency = parse_duration(value)?,
                _ => match kind.parse::<u16>() {
                    Ok(status) if status == 429 || (500..600).contains(&status) => {
                        faults.statuses.push((status, parse_share(kind, value)?));
                    }
                    _ => {
                        return Err(format!(
                            "{kind}: unknown fault (use 429, a 5xx status, drop, lost or latency)"
                        ))
                    }
                },
            }
        }
        let total: f64 =
            faults.statuses.iter().map(|(_, s)| s).sum::<f64>() + faults.drop + faults.lost;
        if total > 1.0 + f64::EPSILON {
            return Err(format!("the shares add up to {total}, more than 1"));
        }
        Ok(faults)
    }
}

enum Fault {
    Status(u16),
    Drop,
    Lost,
}

impl FaultSpec {
    fn pick(&self, roll: f64) -> Option<Fault> {
        let mut edge = 0.0;
        for (status, share) in &self.statuses {
            edge += share;
            if roll < edge {
                return Some(Fault::Status(*status));
            }
        }
        edge += self.drop;
        if roll < edge {
            return Some(Fault::Drop);
        }
        edge += self.lost;
        (roll < edge).then_some(Fault::Lost)
    }
}

pub async fn inject(State(spec): State<Arc<FaultSpec>>, req: Request, next: Next) -> Response {
    if !spec.latency.is_zero() {
        tokio::time::sleep(spec.latency).await;
    }
    match spec.pick(fastrand::f64()) {
        None => next.run(req).await,
        Some(Fault::Status(429)) => {
            let mut error = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                CODE_RATE_LIMIT,
                "Rate limited (injected by --faults): retry after the Retry-After delay",
            );
            error.retry_after = Some(1);
            error.into_response()
        }
        Some(Fault::Status(status)) => ApiError::new(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            CODE_INTERNAL,
            format!("Internal error (HTTP {status} injected by --faults)"),
        )
        .into_response(),
        Some(Fault::Drop) => dropped(),
        Some(Fault::Lost) => {
            // Handled to the end (a change is written), then the answer never arrives.
            drop(next.run(req).await);
            dropped()
        }
    }
}

/// A body that fails before its first byte, which makes the server abort the connection.
fn dropped() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped by --faults"))
    });
    Response::new(Body::from_stream(failing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_bad_ones_are_explained() {
        let spec: FaultSpec = "429=0.2,500=0.1,drop=0.05,lost=0.05,latency=200ms"
            .parse()
            .unwrap();
        assert_eq!(spec.statuses, vec![(429, 0.2), (500, 0.1)]);
        assert_eq!(spec.drop, 0.05);
        assert_eq!(spec.latency, Duration::from_millis(200));
        assert!(matches!(spec.pick(0.1), Some(Fault::Status(429))));
        assert!(matches!(spec.pick(0.25), Some(Fault::Status(500))));
        assert!(matches!(spec.pick(0.32), Some(Fault::Drop)));
        assert!(matches!(spec.pick(0.37), Some(Fault::Lost)));
        assert!(spec.pick(0.5).is_none());
        assert!("404=0.1".parse::<FaultSpec>().is_err());
        assert!("429=2".parse::<FaultSpec>().is_err());
        assert!("429=0.7,500=0.7".parse::<FaultSpec>().is_err());
        assert!("latency=fast".parse::<FaultSpec>().is_err());
    }
}
