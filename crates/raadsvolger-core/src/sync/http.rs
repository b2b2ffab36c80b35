//! The one HTTP client of a sync: ureq (rustls, gzip) with a User-Agent that names
//! Raadsvolger, a polite pace between requests, retries with growing waits on 429 (honouring
//! `Retry-After`), 5xx answers, timeouts and dropped connections, a time limit per request and
//! a size limit per response (a response that never ends is cut off, not read into memory).

use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How a sync talks to a register.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Least time between two requests to the register.
    pub pace: Duration,
    /// Time limit of one request, answer included.
    pub timeout: Duration,
    /// Tries of a request before it is given up (the first one included).
    pub attempts: u32,
    /// Wait before the first retry; doubled for each next one.
    pub backoff: Duration,
    /// Longest wait accepted from a `Retry-After` header.
    pub max_wait: Duration,
    /// Largest response read.
    pub max_bytes: u64,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            pace: Duration::from_millis(250),
            timeout: Duration::from_secs(60),
            attempts: 5,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(120),
            max_bytes: 256 * 1024 * 1024,
        }
    }
}

/// The User-Agent of every request: who asks, and where to find out more.
pub fn user_agent() -> String {
    format!(
        "Raadsvolger/{} (offline archive of council documents; +https://github.com/raadsvolger)",
        env!("CARGO_PKG_VERSION")
    )
}

pub struct Client {
    agent: ureq::Agent,
    config: HttpConfig,
    last: Option<Instant>,
    /// Requests sent, retries included.
    pub requests: usize,
    /// Retries made.
    pub retries: usize,
}

/// A request of a sync.
pub enum Request<'a> {
    Get(&'a str),
    /// A SOAP 1.1 call: the URL, the action and the envelope.
    Soap(&'a str, &'a str, &'a str),
    /// A JSON POST (an Elasticsearch query).
    Json(&'a str, &'a str),
}

impl Request<'_> {
    fn url(&self) -> &str {
        match self {
            Request::Get(u) | Request::Soap(u, _, _) | Request::Json(u, _) => u,
        }
    }
}

enum Failure {
    /// Worth another try, after at least this long.
    Retry(String, Option<Duration>),
    /// Final.
    Fatal(String),
}

impl Client {
    pub fn new(config: HttpConfig) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(user_agent())
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .max_redirects(5)
            .build()
            .into();
        Client {
            agent,
            config,
            last: None,
            requests: 0,
            retries: 0,
        }
    }

    /// Sends a request and reads its answer, retrying what may pass. The error names the URL,
    /// what went wrong and how often it was tried.
    pub fn fetch(&mut self, request: &Request<'_>) -> Result<Vec<u8>> {
        let mut wait = self.config.backoff;
        let mut attempt = 1;
        loop {
            self.pause();
            self.requests += 1;
            match self.once(request) {
                Ok(bytes) => return Ok(bytes),
                Err(Failure::Fatal(what)) => {
                    return Err(Error::Sync(format!("{}: {what}", request.url())));
                }
                Err(Failure::Retry(what, after)) => {
                    if attempt >= self.config.attempts {
                        return Err(Error::Sync(format!(
                            "{}: {what} (tried {attempt} times)",
                            request.url()
                        )));
                    }
                    let delay = after.unwrap_or(wait).min(self.config.max_wait).max(wait);
                    tracing::info!(url = request.url(), %what, ?delay, "retrying");
                    std::thread::sleep(delay);
                    wait = wait.saturating_mul(2);
                    attempt += 1;
                    self.retries += 1;
                }
            }
        }
    }

    fn pause(&mut self) {
        if let Some(last) = self.last {
            let since = last.elapsed();
            if since < self.config.pace {
                std::thread::sleep(self.config.pace - since);
            }
        }
        self.last = Some(Instant::now());
    }

    fn once(&self, request: &Request<'_>) -> std::result::Result<Vec<u8>, Failure> {
        let sent = match request {
            Request::Get(url) => self
                .agent
                .get(*url)
                .header(
                    "Accept",
                    "application/json, application/xml;q=0.9, */*;q=0.8",
                )
                .call(),
            Request::Soap(url, action, envelope) => self
                .agent
                .post(*url)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", format!("\"{action}\""))
                .send(*envelope),
            Request::Json(url, body) => self
                .agent
                .post(*url)
                .header("Content-Type", "application/json")
                .send(*body),
        };
        let mut response = sent.map_err(transport)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        if status == 429 {
            return Err(Failure::Retry(
                "the register asks to slow down (HTTP 429)".into(),
                retry_after,
            ));
        }
        if status >= 500 {
            return Err(Failure::Retry(
                format!("the register answered HTTP {status}"),
                retry_after,
            ));
        }
        if status >= 400 {
            return Err(Failure::Fatal(format!(
                "the register answered HTTP {status}"
            )));
        }
        response
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Failure::Fatal(format!(
                    "the answer is larger than {} MiB; not read",
                    self.config.max_bytes >> 20
                )),
                other => transport(other),
            })
    }
}

fn transport(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(t) => {
            Failure::Retry(format!("no complete answer in time ({t})"), None)
        }
        // A name the resolver does not know stays unknown on the next try: std reports
        // getaddrinfo's failure only in its message.
        ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => {
            Failure::Fatal(format!("the host name is not known ({io})"))
        }
        ureq::Error::Io(io) => Failure::Retry(format!("the connection failed ({io})"), None),
        ureq::Error::ConnectionFailed => Failure::Retry("the connection failed".into(), None),
        ureq::Error::HostNotFound => Failure::Fatal("the host name is not known".into()),
        ureq::Error::BadUri(u) => Failure::Fatal(format!("not a valid URL ({u})")),
        other => Failure::Retry(other.to_string(), None),
    }
}

/// An answer handed over unread: its headers, and its body as a reader (the size limit
/// applied), so that a long answer can be taken line by line.
pub struct Streamed {
    headers: Vec<(String, String)>,
    pub body: Box<dyn std::io::BufRead>,
}

impl Streamed {
    /// A header's value; names are compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Client {
    /// Sends a GET and hands over the answer unread, retrying what fails before its body as
    /// [`Client::fetch`] does (429 with `Retry-After`, 5xx, timeouts). A 4xx answer is final,
    /// and its error names the start of what the register said.
    pub fn open(&mut self, url: &str) -> Result<Streamed> {
        let mut wait = self.config.backoff;
        let mut attempt = 1;
        loop {
            self.pause();
            self.requests += 1;
            match self.start(url) {
                Ok(answer) => return Ok(answer),
                Err(Failure::Fatal(what)) => return Err(Error::Sync(format!("{url}: {what}"))),
                Err(Failure::Retry(what, after)) => {
                    if attempt >= self.config.attempts {
                        return Err(Error::Sync(format!(
                            "{url}: {what} (tried {attempt} times)"
                        )));
                    }
                    let delay = after.unwrap_or(wait).min(self.config.max_wait).max(wait);
                    tracing::info!(url, %what, ?delay, "retrying");
                    std::thread::sleep(delay);
                    wait = wait.saturating_mul(2);
                    attempt += 1;
                    self.retries += 1;
                }
            }
        }
    }

    fn start(&self, url: &str) -> std::result::Result<Streamed, Failure> {
        let mut response = self
            .agent
            .get(url)
            .header(
                "Accept",
                "application/x-ndjson, application/json;q=0.9, */*;q=0.8",
            )
            .call()
            .map_err(transport)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        if status == 429 {
            return Err(Failure::Retry(
                "the register asks to slow down (HTTP 429)".into(),
                retry_after,
            ));
        }
        if status >= 500 {
            return Err(Failure::Retry(
                format!("the register answered HTTP {status}"),
                retry_after,
            ));
        }
        if status >= 400 {
            let said = response
                .body_mut()
                .with_config()
                .limit(2048)
                .read_to_string()
                .unwrap_or_default();
            let said: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
            return Err(Failure::Fatal(format!(
                "the register answered HTTP {status}{}",
                if said.is_empty() {
                    String::new()
                } else {
                    format!(": {}", said.chars().take(300).collect::<String>())
                }
            )));
        }
        let headers = response
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let body = response
            .into_body()
            .into_with_config()
            .limit(self.config.max_bytes)
            .reader();
        Ok(Streamed {
            headers,
            body: Box::new(std::io::BufReader::new(body)),
        })
    }
}
