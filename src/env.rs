//! Defaults from the environment, under the official SDK's variable names.
//!
//! Where an environment exists (the package's Node, Deno and Bun entry supplies a reader;
//! browsers and Workers have none), a client built without credentials, base URL or log level
//! takes them from these variables. The rules are pure and live here; how a variable is read
//! is the caller's business.

use crate::config::ClientConfig;

/// API token (`apiToken`).
pub const API_TOKEN: &str = "CLOUDFLARE_API_TOKEN";
/// Account email (`apiEmail`), used together with [`API_KEY`].
pub const EMAIL: &str = "CLOUDFLARE_EMAIL";
/// Global API key (`apiKey`), used together with [`EMAIL`].
pub const API_KEY: &str = "CLOUDFLARE_API_KEY";
/// Origin CA key (`userServiceKey`).
pub const USER_SERVICE_KEY: &str = "CLOUDFLARE_API_USER_SERVICE_KEY";
/// API root (`baseURL`).
pub const BASE_URL: &str = "CLOUDFLARE_BASE_URL";
/// Log level (`logLevel`): `off`, `error`, `warn`, `info` or `debug`.
pub const LOG: &str = "CLOUDFLARE_LOG";

/// A variable's value as the official SDK reads it: trimmed, and unset when empty.
pub fn value(
    lookup: &impl Fn(&'static str) -> Option<String>,
    name: &'static str,
) -> Option<String> {
    let raw = lookup(name)?;
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Fills the credentials of a config that has none from the environment.
///
/// Credentials come from one place: when the options set any of them (or a default header
/// carries one, for a proxy that authenticates), none is taken from the environment, so an
/// explicit token is never sent together with a key the caller did not mention. An email and
/// a key are taken only as a pair; a lone `CLOUDFLARE_EMAIL` is ignored.
pub fn fill_credentials(
    config: &mut ClientConfig,
    lookup: &impl Fn(&'static str) -> Option<String>,
) {
    let explicit = config.api_token.is_some()
        || config.api_email.is_some()
        || config.api_key.is_some()
        || config.user_service_key.is_some();
    if explicit || config.default_headers_carry_credentials() {
        return;
    }
    config.api_token = value(lookup, API_TOKEN);
    if let (Some(email), Some(key)) = (value(lookup, EMAIL), value(lookup, API_KEY)) {
        config.api_email = Some(email);
        config.api_key = Some(key);
    }
    config.user_service_key = value(lookup, USER_SERVICE_KEY);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(
        vars: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&'static str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn values_are_trimmed_and_empty_ones_unset() {
        let lookup = env(&[(API_TOKEN, "  tok \n"), (BASE_URL, "   "), (LOG, "")]);
        assert_eq!(value(&lookup, API_TOKEN).as_deref(), Some("tok"));
        assert_eq!(value(&lookup, BASE_URL), None);
        assert_eq!(value(&lookup, LOG), None);
        assert_eq!(value(&lookup, EMAIL), None);
    }

    #[test]
    fn every_credential_variable_is_read_when_the_options_set_none() {
        let lookup = env(&[
            (API_TOKEN, "tok"),
            (EMAIL, "a@example.com"),
            (API_KEY, "key"),
            (USER_SERVICE_KEY, "svc"),
        ]);
        let mut config = ClientConfig::default();
        fill_credentials(&mut config, &lookup);
        assert_eq!(config.api_token.as_deref(), Some("tok"));
        assert_eq!(config.api_email.as_deref(), Some("a@example.com"));
        assert_eq!(config.api_key.as_deref(), Some("key"));
        assert_eq!(config.user_service_key.as_deref(), Some("svc"));
    }

    #[test]
    fn an_explicit_credential_keeps_the_environment_out() {
        let lookup = env(&[
            (EMAIL, "a@example.com"),
            (API_KEY, "key"),
            (API_TOKEN, "env-tok"),
        ]);
        let mut config = ClientConfig::with_token("mine");
        fill_credentials(&mut config, &lookup);
        assert_eq!(
            (
                config.api_token.as_deref(),
                config.api_email,
                config.api_key
            ),
            (Some("mine"), None, None)
        );
        let mut proxied = ClientConfig {
            default_headers: vec![("Authorization".into(), "Bearer proxy".into())],
            ..ClientConfig::default()
        };
        fill_credentials(&mut proxied, &lookup);
        assert_eq!(
            proxied.api_token, None,
            "a credential header counts as explicit"
        );
    }

    #[test]
    fn half_a_pair_is_not_taken() {
        let mut config = ClientConfig::default();
        fill_credentials(
            &mut config,
            &env(&[(EMAIL, "a@example.com"), (API_TOKEN, "tok")]),
        );
        assert_eq!(
            (config.api_token.as_deref(), config.api_email),
            (Some("tok"), None)
        );
        let mut nothing = ClientConfig::default();
        fill_credentials(&mut nothing, &env(&[(API_KEY, "key")]));
        assert_eq!(nothing, ClientConfig::default());
    }
}
