//! Placeholder until the portal calls land (issue-10c).
use crate::client::Client;
use crate::config::RequestOptions;
use crate::error::{Error, ErrorKind};
use crate::http::Transport;
use crate::models::AccountParams;
use crate::portals::{PortalCreateParams, PortalUpdateParams};

fn missing() -> Error {
    Error::new(ErrorKind::Validation, "portal calls are not available yet")
}

impl<T: Transport> Client<T> {
    pub(crate) async fn all_portals_json(
        &self,
        _a: Option<&str>,
        _o: &RequestOptions,
    ) -> Result<Vec<T::Json>, Error> {
        Ok(Vec::new())
    }
    pub(crate) async fn delete_portal_json(
        &self,
        _id: &str,
        _a: &AccountParams,
        _o: &RequestOptions,
    ) -> Result<(), Error> {
        Err(missing())
    }
    pub(crate) async fn create_portal_json(
        &self,
        _p: &PortalCreateParams,
        _o: &RequestOptions,
    ) -> Result<(), Error> {
        Err(missing())
    }
    pub(crate) async fn update_portal_json(
        &self,
        _id: &str,
        _p: PortalUpdateParams,
        _o: &RequestOptions,
    ) -> Result<(), Error> {
        Err(missing())
    }
}
