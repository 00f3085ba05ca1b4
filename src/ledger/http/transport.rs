//! One blocking HTTP exchange with a ledger source: a whole-request timeout,
//! a body cap, retries with backoff on 429 / 5xx, and redirects followed
//! only within the same scheme, host and port.

use std::string::{String, ToString};
use std::time::Duration;
use std::vec::Vec;
use ureq::http::Uri;

/// Why a source gave no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// The URL is not a valid absolute `http`/`https` URL.
    #[error("bad URL: {0}")]
    BadUrl(String),
    /// No complete answer within the configured timeout.
    #[error("no answer within {millis} ms")]
    Timeout {
        /// The timeout, in milliseconds.
        millis: u64,
    },
    /// The body is larger than the configured cap.
    #[error("answer larger than the {limit}-byte cap")]
    TooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// A redirect to another scheme, host or port.
    #[error("refused redirect from {from} to another host: {to}")]
    RedirectRefused {
        /// The URL that answered with the redirect.
        from: String,
        /// Where it pointed.
        to: String,
    },
    /// A redirect of a JSON-RPC POST that would turn it into a GET (301/302/303).
    #[error("refused HTTP {status} redirect: it would turn the JSON-RPC POST into a GET")]
    RedirectChangesMethod {
        /// The redirect status.
        status: u16,
    },
    /// A redirect without a usable `Location` header.
    #[error("HTTP {status} redirect without a usable Location header")]
    RedirectWithoutLocation {
        /// The redirect status.
        status: u16,
    },
    /// More same-host redirects than allowed.
    #[error("more than {limit} redirects")]
    TooManyRedirects {
        /// The limit.
        limit: u32,
    },
    /// The body is not UTF-8 (JSON answers are).
    #[error("the answer's body (HTTP {status}) is not UTF-8")]
    NotUtf8 {
        /// The HTTP status it came with.
        status: u16,
    },
    /// Connecting, TLS or reading failed.
    #[error("transport error: {0}")]
    Transport(String),
}

/// Retries on 429 and 5xx answers with exponential backoff, honouring a
/// `Retry-After` header (seconds) up to `max_delay`.
///
/// ```
/// use pacspace_proof::ledger::RetryPolicy;
/// use std::time::Duration;
/// let p = RetryPolicy::default();
/// assert!(p.retries_status(429) && p.retries_status(503) && !p.retries_status(404));
/// assert_eq!(p.delay(2, None), Duration::from_millis(1000));
/// assert_eq!(p.delay(0, Some(Duration::from_secs(60))), Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Further attempts after the first (0 = no retry).
    pub max_retries: u32,
    /// First backoff delay; doubled each retry.
    pub base_delay: Duration,
    /// No single wait is longer than this, whatever `Retry-After` asks.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Whether an answer with this status is worth asking again.
    ///
    /// ```
    /// assert!(!pacspace_proof::ledger::RetryPolicy::default().retries_status(400));
    /// ```
    pub fn retries_status(&self, code: u16) -> bool {
        code == 429 || (500..=599).contains(&code)
    }

    /// The wait before retry number `attempt` (0-based): `Retry-After` when
    /// given, else `base_delay * 2^attempt`; at most `max_delay`.
    ///
    /// ```
    /// use pacspace_proof::ledger::RetryPolicy;
    /// use std::time::Duration;
    /// assert_eq!(RetryPolicy::default().delay(40, None), Duration::from_secs(30));
    /// ```
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX);
        retry_after
            .unwrap_or(self.base_delay.saturating_mul(factor))
            .min(self.max_delay)
    }
}

/// The effective (scheme, host, port) of an absolute URL.
fn origin(url: &str) -> Result<(String, String, u16), HttpError> {
    let uri: Uri = url
        .parse()
        .map_err(|_| HttpError::BadUrl(url.chars().take(200).collect()))?;
    let scheme = uri.scheme_str().unwrap_or("").to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return Err(HttpError::BadUrl(url.chars().take(200).collect())),
    };
    let host = uri
        .host()
        .ok_or_else(|| HttpError::BadUrl(url.chars().take(200).collect()))?
        .to_ascii_lowercase();
    Ok((scheme, host, uri.port_u16().unwrap_or(default_port)))
}

/// Resolves a `Location` header against the URL that sent it.
fn resolve(base: &str, location: &str) -> Result<String, HttpError> {
    let (scheme, _, _) = origin(base)?;
    if location.contains("://") {
        return Ok(location.to_string());
    }
    if let Some(rest) = location.strip_prefix("//") {
        return Ok(std::format!("{scheme}://{rest}"));
    }
    let uri: Uri = base.parse().map_err(|_| HttpError::BadUrl(base.to_string()))?;
    let authority = uri.authority().map(|a| a.as_str()).unwrap_or("");
    let prefix = std::format!("{scheme}://{authority}");
    if location.starts_with('/') {
        return Ok(std::format!("{prefix}{location}"));
    }
    let path = uri.path();
    let dir = path.rfind('/').and_then(|i| path.get(..=i)).unwrap_or("/");
    Ok(std::format!("{prefix}{dir}{location}"))
}

/// The knobs of one exchange.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    pub agent: ureq::Agent,
    pub timeout: Duration,
    pub max_body_bytes: u64,
    pub retry: RetryPolicy,
    pub max_redirects: u32,
}

struct Once {
    status: u16,
    retry_after: Option<Duration>,
    location: Option<String>,
    body: Vec<u8>,
}

impl Transport {
    /// A transport whose agent follows no redirect by itself.
    pub fn new(timeout: Duration, max_body_bytes: u64, retry: RetryPolicy, max_redirects: u32) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Transport {
            agent,
            timeout,
            max_body_bytes,
            retry,
            max_redirects,
        }
    }

    /// GET (`post` = `None`) or POST a JSON body; the final status and body text.
    pub fn exchange(&self, url: &str, post: Option<&str>) -> Result<(u16, String), HttpError> {
        let mut current = url.to_string();
        let mut redirects = 0u32;
        loop {
            let mut attempt = 0u32;
            let once = loop {
                let once = self.once(&current, post)?;
                if self.retry.retries_status(once.status) && attempt < self.retry.max_retries {
                    std::thread::sleep(self.retry.delay(attempt, once.retry_after));
                    attempt += 1;
                    continue;
                }
                break once;
            };
            let status = once.status;
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let location = once
                    .location
                    .ok_or(HttpError::RedirectWithoutLocation { status })?;
                let target = resolve(&current, &location)?;
                if origin(&target)? != origin(&current)? {
                    return Err(HttpError::RedirectRefused {
                        from: current,
                        to: target.chars().take(200).collect(),
                    });
                }
                if post.is_some() && !matches!(status, 307 | 308) {
                    return Err(HttpError::RedirectChangesMethod { status });
                }
                if redirects >= self.max_redirects {
                    return Err(HttpError::TooManyRedirects {
                        limit: self.max_redirects,
                    });
                }
                redirects += 1;
                current = target;
                continue;
            }
            let text = String::from_utf8(once.body).map_err(|_| HttpError::NotUtf8 { status })?;
            return Ok((status, text));
        }
    }

    fn once(&self, url: &str, post: Option<&str>) -> Result<Once, HttpError> {
        origin(url)?;
        let result = match post {
            None => self.agent.get(url).header("Accept", "application/json").call(),
            Some(body) => self
                .agent
                .post(url)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .send(body),
        };
        let mut response = result.map_err(|e| self.map_error(e))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status().as_u16();
        let retry_after =
            header("retry-after").and_then(|v| v.trim().parse::<u64>().ok().map(Duration::from_secs));
        let location = header("location");
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_body_bytes)
            .read_to_vec()
            .map_err(|e| self.map_error(e))?;
        Ok(Once {
            status,
            retry_after,
            location,
            body,
        })
    }

    fn map_error(&self, e: ureq::Error) -> HttpError {
        let millis = u64::try_from(self.timeout.as_millis()).unwrap_or(u64::MAX);
        match e {
            ureq::Error::Timeout(_) => HttpError::Timeout { millis },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => HttpError::Timeout { millis },
            ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge {
                limit: self.max_body_bytes,
            },
            ureq::Error::BadUri(m) => HttpError::BadUrl(m),
            other => HttpError::Transport(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets() {
        let base = "http://127.0.0.1:8080/api/v1/contracts/results/x";
        assert_eq!(resolve(base, "/a/b").unwrap(), "http://127.0.0.1:8080/a/b");
        assert_eq!(
            resolve(base, "y").unwrap(),
            "http://127.0.0.1:8080/api/v1/contracts/results/y"
        );
        assert_eq!(
            resolve(base, "//evil.example/x").unwrap(),
            "http://evil.example/x"
        );
        assert_eq!(resolve(base, "https://h/x").unwrap(), "https://h/x");
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin("HTTPS://Mirror.Example/x").unwrap(),
            ("https".into(), "mirror.example".into(), 443)
        );
        assert_ne!(
            origin("http://127.0.0.1:1/").unwrap(),
            origin("http://127.0.0.1:2/").unwrap()
        );
        assert_ne!(
            origin("http://127.0.0.1:1/").unwrap(),
            origin("http://localhost:1/").unwrap()
        );
        assert!(origin("ftp://x/").is_err());
        assert!(origin("not a url").is_err());
    }
}
