//! The caller's `AbortSignal`: racing a call against it, and cancelling on drop.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::error::{Error, ErrorKind};

use super::glue;
use crate::text::cat;

/// Aborts its controller when dropped before [`AbortOnDrop::disarm`]: an abandoned fetch or
/// timer is cancelled, not leaked, and a finished one costs no abort event.
pub struct AbortOnDrop(Option<AbortController>);

impl AbortOnDrop {
    /// Guards `controller`.
    pub fn new(controller: AbortController) -> Self {
        Self(Some(controller))
    }

    /// The work finished: nothing to cancel.
    pub fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// Runs `call`, unless `signal` aborts first; then `call` is dropped, which cancels its
/// in-flight fetch or retry wait.
pub async fn abortable<T>(
    signal: Option<AbortSignal>,
    what: &str,
    call: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    let Some(signal) = signal else {
        return call.await;
    };
    let aborted = || {
        Error::new(
            ErrorKind::Aborted,
            cat!(what, ": aborted by the caller's signal"),
        )
    };
    if signal.aborted() {
        return Err(aborted());
    }
    let release = AbortController::new()
        .map_err(|_| Error::new(ErrorKind::Network, "AbortController is not available"))?;
    let when = JsFuture::from(glue::when_aborted(&signal, &release));
    // Always aborted at the end: that removes our listener from the caller's signal.
    let _release = AbortOnDrop::new(release);
    let mut call = pin!(call);
    let mut when = pin!(when);
    poll_fn(|cx| {
        if let Poll::Ready(result) = call.as_mut().poll(cx) {
            return Poll::Ready(result);
        }
        match when.as_mut().poll(cx) {
            Poll::Ready(_) => Poll::Ready(Err(aborted())),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}
