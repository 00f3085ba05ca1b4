//! A small blocking HTTP client for the service's public endpoints.

use super::{FetchError, RetryPolicy, parse_retry_after, unwrap_envelope};
use alloc::format;
use alloc::string::{String, ToString};
use core::time::Duration;
use serde_json::Value;

/// Which record the public verify endpoint reads (`?source=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The service's database.
    Db,
    /// The public ledger.
    Chain,
    /// Both, compared by the service.
    Both,
}

impl Source {
    /// The query value.
    ///
    /// ```
    /// assert_eq!(pacspace_proof::fetch::Source::Both.name(), "both");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Source::Db => "db",
            Source::Chain => "chain",
            Source::Both => "both",
        }
    }
}

impl core::str::FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "db" => Ok(Source::Db),
            "chain" => Ok(Source::Chain),
            "both" => Ok(Source::Both),
            _ => Err("source must be one of: db, chain, both".to_string()),
        }
    }
}

/// Where and how to fetch.
///
/// ```
/// use pacspace_proof::fetch::ClientConfig;
/// let c = ClientConfig::default();
/// assert_eq!(c.base_url, "https://balance-api.pacspace.io");
/// assert_eq!(c.max_body_bytes, 4 * 1024 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Base URL without a trailing path, e.g. `https://balance-api.pacspace.io`
    /// (the docs) or `https://app.pacspace.io` (the SDK).
    pub base_url: String,
    /// Sent as `X-Api-Key` when present (needed for delta status, not for verify).
    pub api_key: Option<String>,
    /// Whole-request timeout (connect, send, read).
    pub timeout: Duration,
    /// Answers larger than this are refused.
    pub max_body_bytes: u64,
    /// Retries on 429 / 5xx.
    pub retry: RetryPolicy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: "https://balance-api.pacspace.io".to_string(),
            api_key: None,
            timeout: Duration::from_secs(15),
            max_body_bytes: 4 * 1024 * 1024,
            retry: RetryPolicy::default(),
        }
    }
}

/// A blocking client (rustls, no async runtime).
///
/// ```no_run
/// use pacspace_proof::fetch::{Client, ClientConfig, Source};
/// let client = Client::new(ClientConfig::default());
/// let answer = client.verify_answer("0xb8bad1209a18ece5ee7589b4c2291a4f17f789d4e59652b0adeb8e6f75df8bed", Some(Source::Db))?;
/// println!("{answer}");
/// # Ok::<(), pacspace_proof::fetch::FetchError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    config: ClientConfig,
    agent: ureq::Agent,
}

impl Client {
    /// A client with `config` (no request is made until a fetch).
    ///
    /// ```
    /// use pacspace_proof::fetch::{Client, ClientConfig};
    /// let c = Client::new(ClientConfig { base_url: "https://app.pacspace.io".into(), ..Default::default() });
    /// assert_eq!(c.config().base_url, "https://app.pacspace.io");
    /// ```
    pub fn new(config: ClientConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Client { config, agent }
    }

    /// The configuration in use.
    ///
    /// ```
    /// let c = pacspace_proof::fetch::Client::new(Default::default());
    /// assert!(c.config().api_key.is_none());
    /// ```
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// `GET /api/v1/verify/:proofRoot[?source=…]`: the public verify answer's
    /// payload (envelope removed). No API key needed.
    ///
    /// ```no_run
    /// let c = pacspace_proof::fetch::Client::new(Default::default());
    /// let answer = c.verify_answer("0xb8bad1209a18ece5ee7589b4c2291a4f17f789d4e59652b0adeb8e6f75df8bed", None)?;
    /// println!("the service says verified = {}", answer["verified"]);
    /// # Ok::<(), pacspace_proof::fetch::FetchError>(())
    /// ```
    pub fn verify_answer(&self, proof_root: &str, source: Option<Source>) -> Result<Value, FetchError> {
        let mut path = format!("/api/v1/verify/{}", encode_segment(proof_root)?);
        if let Some(s) = source {
            path.push_str("?source=");
            path.push_str(s.name());
        }
        self.get_json(&path)
    }

    /// `GET /api/v1/balance/delta/:anchorId` (sends `X-Api-Key`): the delta
    /// status payload.
    ///
    /// ```no_run
    /// use pacspace_proof::fetch::{Client, ClientConfig};
    /// let c = Client::new(ClientConfig { api_key: Some("sk_test_…".into()), ..Default::default() });
    /// let status = c.delta_status("anc_123")?;
    /// println!("{}", status["status"]);
    /// # Ok::<(), pacspace_proof::fetch::FetchError>(())
    /// ```
    pub fn delta_status(&self, anchor_id: &str) -> Result<Value, FetchError> {
        self.get_json(&format!("/api/v1/balance/delta/{}", encode_segment(anchor_id)?))
    }

    /// GETs `path` (starting with `/`) under the base URL and returns the JSON
    /// payload, retrying 429 / 5xx as the policy says.
    ///
    /// ```no_run
    /// let c = pacspace_proof::fetch::Client::new(Default::default());
    /// let payload = c.get_json("/api/v1/verify/rcpt_1?source=chain")?;
    /// # Ok::<(), pacspace_proof::fetch::FetchError>(())
    /// ```
    pub fn get_json(&self, path: &str) -> Result<Value, FetchError> {
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), path);
        let mut attempt = 0;
        loop {
            let (code, retry_after, body) = self.get_once(&url)?;
            if (200..300).contains(&code) {
                let value: Value =
                    serde_json::from_slice(&body).map_err(|e| FetchError::NotJson(e.to_string()))?;
                return unwrap_envelope(value);
            }
            if self.config.retry.retries_status(code) && attempt < self.config.retry.max_retries {
                std::thread::sleep(self.config.retry.delay(attempt, retry_after));
                attempt += 1;
                continue;
            }
            let snippet: String = String::from_utf8_lossy(&body).chars().take(200).collect();
            return Err(FetchError::Status {
                code,
                url,
                body: snippet,
            });
        }
    }

    fn get_once(&self, url: &str) -> Result<(u16, Option<Duration>, alloc::vec::Vec<u8>), FetchError> {
        let mut request = self.agent.get(url).header("Accept", "application/json");
        if let Some(key) = &self.config.api_key {
            request = request.header("X-Api-Key", key);
        }
        let mut response = request.call().map_err(|e| self.map_error(e))?;
        let code = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = response
            .body_mut()
            .with_config()
            .limit(self.config.max_body_bytes)
            .read_to_vec()
            .map_err(|e| self.map_error(e))?;
        Ok((code, retry_after, body))
    }

    fn map_error(&self, e: ureq::Error) -> FetchError {
        let millis = u64::try_from(self.config.timeout.as_millis()).unwrap_or(u64::MAX);
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout { millis },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout { millis }
            }
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                limit: self.config.max_body_bytes,
            },
            ureq::Error::BadUri(m) => FetchError::BadUrl(m),
            other => FetchError::Transport(other.to_string()),
        }
    }
}

/// Percent-encodes one path segment (ids are `0x…` hashes or opaque ids, but
/// nothing a caller passes may change the path).
fn encode_segment(id: &str) -> Result<String, FetchError> {
    if id.is_empty() {
        return Err(FetchError::BadUrl("empty id".to_string()));
    }
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::encode_segment;

    #[test]
    fn segments_cannot_change_the_path() {
        assert_eq!(encode_segment("rcpt_1").unwrap(), "rcpt_1");
        assert_eq!(encode_segment("../x?y#z").unwrap(), "..%2Fx%3Fy%23z");
        assert!(encode_segment("").is_err());
    }
}
