//! The one HTTP client of a sync: ureq (rustls, gzip) with a User-Agent that names
//! Raadsvolger, a polite pace between requests, retries with growing waits on 429 (honouring
//! `Retry-After`), 5xx answers, timeouts and dropped connections, a time limit per request and
//! a size limit per response (a response that never ends is cut off, not read into memory).
//!
//! A plan can give a host its own rules ([`Client::host_rules`]): a budget of requests per
//! minute that the client stays below, and whether that host's HTTP 403 means "slow down"
//! (iBabs) rather than "forbidden". What the last failed request ran into
//! ([`Client::last_failure`]) lets a plan react: narrow a window that timed out, or say
//! that an address is refused.
//!
//! Every address a sync reaches, redirects included, passes [`Destinations`]: the source's
//! own address as it was configured, else https to a public host of the system's; the
//! addresses a name resolves to are checked again where the connection is made
//! ([`PublicResolver`]), so a name that answers differently the second time cannot lead the
//! client to this machine or the local network. Waits
//! (the pace, a host's budget, the growing waits between tries) end early when the sync is
//! stopped.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
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
    /// Largest document read (a download: a PDF, an office file).
    pub max_bytes: u64,
    /// Largest register answer read (a listing, a record, a search page): these are parsed
    /// into a tree in memory that takes many times their size, so they are held to less.
    pub max_answer_bytes: u64,
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
            // The largest real answer recorded (`../shared/realdata`) is a Tweede Kamer OData
            // page of votes of under 3 MiB; a page of a listing is far smaller. 32 MiB keeps
            // the parsed tree of an XML answer (some 25 times its size) under 1 GiB.
            max_answer_bytes: 32 * 1024 * 1024,
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

/// A host's own rules (see [`Client::host_rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostRules {
    /// Most requests sent to the host in any minute.
    pub per_minute: u32,
    /// The host answers HTTP 403 to say "too many requests": it is retried after growing
    /// waits like a 429, and a 403 that outlasts the tries is [`Failure::Refused`].
    pub forbidden_is_throttle: bool,
}

/// What the last request that failed ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No complete answer within the time limit (after the retries).
    TimedOut,
    /// HTTP 403 on every try, or an answer that says the address is blocked: the host does
    /// not serve this address.
    Refused,
    /// Another HTTP status.
    Status(u16),
    /// An address (or a redirect) outside the source's [`Destinations`]: not fetched.
    NotAllowed,
    /// Anything else (the connection, the size limit, the address).
    Other,
}

/// The requests sent to one host in the last window, to keep below its budget.
#[derive(Debug)]
struct Budget {
    limit: usize,
    window: Duration,
    sent: VecDeque<Instant>,
}

impl Budget {
    fn new(per_window: u32, window: Duration) -> Budget {
        Budget {
            limit: per_window.max(1) as usize,
            window,
            sent: VecDeque::new(),
        }
    }

    /// How long to wait at `now` before one more request keeps within the budget.
    fn wait(&mut self, now: Instant) -> Duration {
        while self
            .sent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
        {
            self.sent.pop_front();
        }
        if self.sent.len() < self.limit {
            return Duration::ZERO;
        }
        let oldest = self.sent[self.sent.len() - self.limit];
        (oldest + self.window).saturating_duration_since(now)
    }

    fn record(&mut self, at: Instant) {
        self.sent.push_back(at);
        while self.sent.len() > self.limit {
            self.sent.pop_front();
        }
    }
}

/// A URL's host (as written: `[::1]` in its brackets) and what follows it before the path
/// (`:8080`, or nothing), without the user.
fn host_and_port(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority
        .rsplit_once('@')
        .map(|(_, h)| h)
        .unwrap_or(authority);
    let end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    authority.split_at(end)
}

/// The host of a URL, lower case, without user, port or path.
pub(crate) fn host_of(url: &str) -> String {
    host_and_port(url).0.to_ascii_lowercase()
}

/// Scheme, host and port of an absolute http(s) URL; None for anything else.
fn origin(url: &str) -> Option<(String, String, u16)> {
    let (scheme, _) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let (host, port) = host_and_port(url);
    if host.is_empty() {
        return None;
    }
    let port = match port.strip_prefix(':') {
        None | Some("") => default_port,
        Some(p) => p.parse().ok()?,
    };
    Some((scheme, host.to_ascii_lowercase(), port))
}

/// True for an address on the internet: not this machine, the local network, link-local
/// (169.254.169.254, a cloud's metadata service), shared or reserved ranges, or multicast.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || a >= 240
                // Shared address space (carrier-grade NAT).
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // Unique local fc00::/7 and link-local fe80::/10.
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Why [`PublicResolver`] refuses a name: carried in the I/O error it returns, so that the
/// failure is final (see `transport`).
const LOCAL_ADDRESS: &str = "resolves only to local or private addresses";

/// The client's name lookup: the system's, after which every address that is not public
/// ([`is_public`]) is dropped, unless the name and port are the source's own base URL (a
/// mirror or the tests' server, allowed as configured) or the configured proxy. A name with
/// no public address left is refused. [`Destinations::check`] looks the name up before the
/// request for a clear message; this second look is the one the connection uses, so a name
/// whose answer changes in between (DNS rebinding) still reaches no local address.
#[derive(Debug)]
pub(crate) struct PublicResolver {
    /// Host and port of the source's base URL, as configured.
    base: Option<(String, u16)>,
    inner: ureq::unversioned::resolver::DefaultResolver,
}

impl PublicResolver {
    pub(crate) fn new(destinations: &Destinations) -> PublicResolver {
        PublicResolver {
            base: destinations.base.as_ref().map(|(_, h, p)| (h.clone(), *p)),
            inner: Default::default(),
        }
    }

    /// True when `host:port` may resolve to any address.
    fn trusted(&self, host: &str, port: u16, config: &ureq::config::Config) -> bool {
        let host = host.to_ascii_lowercase();
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let same = |h: &str, p: u16| {
            h.to_ascii_lowercase()
                .trim_start_matches('[')
                .trim_end_matches(']')
                == host
                && p == port
        };
        self.base.as_ref().is_some_and(|(h, p)| same(h, *p))
            || config
                .proxy()
                .is_some_and(|proxy| same(proxy.host(), proxy.port()))
    }
}

impl ureq::unversioned::resolver::Resolver for PublicResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> std::result::Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let found = self.inner.resolve(uri, config, timeout)?;
        let host = uri.host().unwrap_or_default();
        let port = uri.port_u16().unwrap_or_else(|| match uri.scheme_str() {
            Some("http") => 80,
            _ => 443,
        });
        if self.trusted(host, port, config) {
            return Ok(found);
        }
        let mut kept = self.empty();
        for address in found.iter().filter(|a| is_public(a.ip())) {
            kept.push(*address);
        }
        if kept.is_empty() {
            return Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{host} {LOCAL_ADDRESS}: not reached"),
            )));
        }
        Ok(kept)
    }
}

/// Where the requests of a sync may go: the source's base URL as configured (whatever its
/// scheme and host: a mirror, or the tests' server on 127.0.0.1), and otherwise only https
/// to a public address under one of the system's domains (any public host for a system
/// that gathers the councils' own files). Checked before each request and each redirect,
/// so a register's answer cannot send the app to this machine, the local network or plain
/// http.
#[derive(Debug, Clone)]
pub struct Destinations {
    base: Option<(String, String, u16)>,
    /// Domains whose hosts (the domain and its subdomains) may be reached; None: any
    /// public host.
    domains: Option<Vec<String>>,
    /// Who the domains are of, for messages.
    system: String,
}

impl Destinations {
    /// `base_url`'s origin, and https to public hosts under `domains` (None: any).
    pub fn new(base_url: &str, domains: Option<&[&str]>, system: &str) -> Destinations {
        Destinations {
            base: origin(base_url.trim()),
            domains: domains.map(|d| d.iter().map(|d| d.to_ascii_lowercase()).collect()),
            system: system.to_owned(),
        }
    }

    /// Ok when `url` may be fetched; else why not.
    pub fn check(&self, url: &str) -> std::result::Result<(), String> {
        let Some((scheme, host, port)) = origin(url) else {
            return Err("not an http(s) address".into());
        };
        if self
            .base
            .as_ref()
            .is_some_and(|(s, h, p)| *s == scheme && *h == host && *p == port)
        {
            return Ok(());
        }
        if scheme != "https" {
            return Err(
                "not over https (only the source's own address may be reached otherwise)".into(),
            );
        }
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if let Some(domains) = &self.domains {
            let under = |d: &String| bare == d || bare.ends_with(&format!(".{d}"));
            if !domains.iter().any(under) {
                return Err(format!(
                    "{host} is not a host of {} nor the source's own address",
                    self.system
                ));
            }
        }
        if bare == "localhost" || bare.ends_with(".localhost") {
            return Err(format!("{host} is this computer"));
        }
        let addresses: Vec<IpAddr> = match bare.parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            Err(_) => match (bare, port).to_socket_addrs() {
                Ok(found) => found.map(|a| a.ip()).collect(),
                Err(e) => return Err(format!("the host name is not known ({e})")),
            },
        };
        match addresses.into_iter().find(|ip| !is_public(*ip)) {
            Some(ip) => Err(format!(
                "{host} is at a local or private address ({ip}): not reached"
            )),
            None => Ok(()),
        }
    }
}

/// `location` (a redirect's target) read against the address it came from.
fn join(from: &str, location: &str) -> String {
    let location = location.trim();
    if location.contains("://") {
        return location.to_owned();
    }
    let scheme = from.split_once("://").map_or("https", |(s, _)| s);
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    let after = from.split_once("://").map_or(from, |(_, r)| r);
    let authority = after.split(['/', '?', '#']).next().unwrap_or(after);
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let path = after[authority.len()..]
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    format!("{scheme}://{authority}{dir}/{location}")
}

/// Redirects followed for one request, each checked against the [`Destinations`].
const MAX_REDIRECTS: usize = 5;

/// How long a wait sleeps before it looks at the stop flag again.
const WAKE: Duration = Duration::from_millis(50);

pub struct Client<'c> {
    agent: ureq::Agent,
    config: HttpConfig,
    destinations: Destinations,
    /// Set when the user asks to stop: waits end early with [`Error::Cancelled`].
    cancel: Option<&'c AtomicBool>,
    last: Option<Instant>,
    hosts: HashMap<String, (HostRules, Budget)>,
    failure: Option<Failure>,
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

enum Attempt {
    /// Worth another try, after at least this long.
    Retry(String, Option<Duration>, Failure),
    /// Final.
    Fatal(String, Failure),
}

/// The body of a 403 with which iBabs refuses an address outright; a throttle comes without
/// it (ontola/openbesluitvorming src/ibabs/client.ts, `looksLikeHardBlock`).
const BLOCKED: &str = "The request is blocked";

impl<'c> Client<'c> {
    /// A client that reaches only `destinations`, and whose waits end when `cancel` is set.
    pub fn new(
        config: HttpConfig,
        destinations: Destinations,
        cancel: Option<&'c AtomicBool>,
    ) -> Client<'c> {
        let settings = ureq::Agent::config_builder()
            .user_agent(user_agent())
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            // Redirects are followed here, each target checked (`Client::send`).
            .max_redirects(0)
            .build();
        let agent = ureq::Agent::with_parts(
            settings,
            ureq::unversioned::transport::DefaultConnector::new(),
            PublicResolver::new(&destinations),
        );
        Client {
            agent,
            config,
            destinations,
            cancel,
            last: None,
            hosts: HashMap::new(),
            failure: None,
            requests: 0,
            retries: 0,
        }
    }

    /// Ok when `url` may be fetched ([`Destinations`]); else a sync error naming it and why
    /// not.
    pub fn allowed(&self, url: &str) -> Result<()> {
        self.destinations
            .check(url)
            .map_err(|why| Error::Sync(format!("{url}: not fetched: {why}")))
    }

    /// Gives `host` (as in a URL: `wcf.ibabs.eu`) its own rules for the rest of the sync.
    pub fn host_rules(&mut self, host: &str, rules: HostRules) {
        let budget = Budget::new(rules.per_minute, Duration::from_secs(60));
        self.hosts
            .insert(host.to_ascii_lowercase(), (rules, budget));
    }

    /// The largest register answer read whole, or one record of a streamed answer.
    pub fn answer_limit(&self) -> u64 {
        self.config.max_answer_bytes.min(self.config.max_bytes)
    }

    /// What the last request that failed ran into; None after one that succeeded.
    pub fn last_failure(&self) -> Option<Failure> {
        self.failure
    }

    /// The last request was answered with a 4xx (other than 429): the register said no to
    /// this request (a plan may skip it and go on), rather than being unreachable.
    pub fn refused(&self) -> bool {
        match self.failure {
            Some(Failure::Refused) => true,
            Some(Failure::Status(s)) => (400..500).contains(&s) && s != 429,
            _ => false,
        }
    }

    /// Sends a request to the register and reads its answer (at most
    /// [`HttpConfig::max_answer_bytes`]), retrying what may pass. The error names the URL,
    /// what went wrong and how often it was tried.
    pub fn fetch(&mut self, request: &Request<'_>) -> Result<Vec<u8>> {
        let limit = self.config.max_answer_bytes.min(self.config.max_bytes);
        self.fetch_within(request, limit)
    }

    /// As [`Client::fetch`], for a document (at most [`HttpConfig::max_bytes`]).
    pub fn fetch_document(&mut self, request: &Request<'_>) -> Result<Vec<u8>> {
        self.fetch_within(request, self.config.max_bytes)
    }

    fn fetch_within(&mut self, request: &Request<'_>, limit: u64) -> Result<Vec<u8>> {
        let host = host_of(request.url());
        let throttle_403 = self
            .hosts
            .get(&host)
            .is_some_and(|(r, _)| r.forbidden_is_throttle);
        self.with_retries(request.url(), &host, true, |c| {
            c.once(request, throttle_403, limit)
        })
    }

    /// Sends one request through `send` until it passes, is final, or the tries are spent:
    /// the pace and the host's budget before each, growing waits between them. With
    /// `throttle_waits`, a 403 or 429 waits longer from the first retry on and a 403 that
    /// outlasts the tries is [`Failure::Refused`]. The error names `url`, what went wrong and
    /// how often it was tried; [`Client::last_failure`] says what it ran into.
    fn with_retries<T>(
        &mut self,
        url: &str,
        host: &str,
        throttle_waits: bool,
        send: impl Fn(&Self) -> std::result::Result<T, Attempt>,
    ) -> Result<T> {
        if let Err(e) = self.allowed(url) {
            self.failure = Some(Failure::NotAllowed);
            return Err(e);
        }
        let mut wait = self.config.backoff;
        let mut attempt = 1;
        loop {
            self.pause(host)?;
            self.requests += 1;
            match send(self) {
                Ok(answer) => {
                    self.failure = None;
                    return Ok(answer);
                }
                Err(Attempt::Fatal(what, failure)) => {
                    self.failure = Some(failure);
                    return Err(Error::Sync(format!("{url}: {what}")));
                }
                Err(Attempt::Retry(what, after, failure)) => {
                    if attempt >= self.config.attempts {
                        // A throttle that never lifts is a refusal.
                        self.failure = Some(match failure {
                            Failure::Status(403) if throttle_waits => Failure::Refused,
                            f => f,
                        });
                        return Err(Error::Sync(format!(
                            "{url}: {what} (tried {attempt} times)"
                        )));
                    }
                    // A throttle needs seconds, not the quick retry of a dropped connection:
                    // its waits start at twice the backoff (openbesluitvorming waits 2 s,
                    // doubling, src/ibabs/client.ts `throttleDelayMs`).
                    if throttle_waits
                        && matches!(failure, Failure::Status(403 | 429))
                        && attempt == 1
                    {
                        wait = wait.saturating_mul(2);
                    }
                    let delay = after.unwrap_or(wait).min(self.config.max_wait).max(wait);
                    tracing::info!(url, %what, ?delay, "retrying");
                    self.sleep(delay)?;
                    wait = wait.saturating_mul(2);
                    attempt += 1;
                    self.retries += 1;
                }
            }
        }
    }

    fn pause(&mut self, host: &str) -> Result<()> {
        if let Some(last) = self.last {
            let since = last.elapsed();
            if since < self.config.pace {
                self.sleep(self.config.pace - since)?;
            }
        }
        let wait = match self.hosts.get_mut(host) {
            Some((_, budget)) => budget.wait(Instant::now()),
            None => Duration::ZERO,
        };
        if !wait.is_zero() {
            tracing::info!(host, ?wait, "waiting to stay within the host's budget");
            self.sleep(wait)?;
        }
        if let Some((_, budget)) = self.hosts.get_mut(host) {
            budget.record(Instant::now());
        }
        self.last = Some(Instant::now());
        Ok(())
    }

    /// Sleeps `how_long` in short slices, ending early with [`Error::Cancelled`] once the
    /// user asked to stop.
    fn sleep(&self, how_long: Duration) -> Result<()> {
        let until = Instant::now() + how_long;
        loop {
            if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return Err(Error::Cancelled);
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            std::thread::sleep(left.min(WAKE));
        }
    }

    /// Sends `request` and follows its redirects (at most [`MAX_REDIRECTS`]), each target
    /// checked against the [`Destinations`] first; a 301, 302 or 303 goes on as a GET.
    fn send(
        &self,
        request: &Request<'_>,
        accept: &str,
    ) -> std::result::Result<ureq::http::Response<ureq::Body>, Attempt> {
        let mut url = request.url().to_owned();
        let mut same_method = true;
        for hop in 0..=MAX_REDIRECTS {
            let sent = match request {
                Request::Soap(_, action, envelope) if same_method => self
                    .agent
                    .post(url.as_str())
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", format!("\"{action}\""))
                    .send(*envelope),
                Request::Json(_, body) if same_method => self
                    .agent
                    .post(url.as_str())
                    .header("Content-Type", "application/json")
                    .send(*body),
                _ => self.agent.get(url.as_str()).header("Accept", accept).call(),
            };
            let response = sent.map_err(transport)?;
            let status = response.status().as_u16();
            if !matches!(status, 301 | 302 | 303 | 307 | 308) {
                return Ok(response);
            }
            let Some(location) = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
            else {
                return Err(Attempt::Fatal(
                    format!("the register answered HTTP {status} without saying where to"),
                    Failure::Status(status),
                ));
            };
            if hop == MAX_REDIRECTS {
                return Err(Attempt::Fatal(
                    format!("more than {MAX_REDIRECTS} redirects"),
                    Failure::Other,
                ));
            }
            let next = join(&url, location);
            if let Err(why) = self.destinations.check(&next) {
                return Err(Attempt::Fatal(
                    format!("redirected to {next}: not followed: {why}"),
                    Failure::NotAllowed,
                ));
            }
            same_method &= matches!(status, 307 | 308);
            url = next;
        }
        Err(Attempt::Fatal(
            format!("more than {MAX_REDIRECTS} redirects"),
            Failure::Other,
        ))
    }

    fn once(
        &self,
        request: &Request<'_>,
        throttle_403: bool,
        limit: u64,
    ) -> std::result::Result<Vec<u8>, Attempt> {
        let mut response = self.send(
            request,
            "application/json, application/xml;q=0.9, */*;q=0.8",
        )?;
        if let Some(failed) = failure_of(&mut response, throttle_403) {
            return Err(failed);
        }
        response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Attempt::Fatal(
                    format!(
                        "the answer is larger than {}; not read",
                        crate::budget::size_label(limit)
                    ),
                    Failure::Other,
                ),
                other => transport(other),
            })
    }
}

/// What an answer's status says, before its body is read: `None` for an answer to read; else a
/// try again (429 and 5xx, after `Retry-After` when it says; a 403 when `throttle_403`, as a
/// service that throttles that way answers, unless its page says the address is blocked) or a
/// refusal (another 4xx), naming the start of what the register said (NotuBiz:
/// `{"message": ...}`).
fn failure_of(
    response: &mut ureq::http::Response<ureq::Body>,
    throttle_403: bool,
) -> Option<Attempt> {
    let status = response.status().as_u16();
    if status < 400 {
        return None;
    }
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    if status == 429 {
        return Some(Attempt::Retry(
            "the register asks to slow down (HTTP 429)".into(),
            retry_after,
            Failure::Status(429),
        ));
    }
    if status >= 500 {
        return Some(Attempt::Retry(
            format!("the register answered HTTP {status}"),
            retry_after,
            Failure::Status(status),
        ));
    }
    // Only the start of the body: a refusal page is short.
    let said = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_vec()
        .unwrap_or_default();
    let said = String::from_utf8_lossy(&said);
    if status == 403 && throttle_403 {
        if said.contains(BLOCKED) {
            return Some(Attempt::Fatal(
                "the register refuses this address (HTTP 403, \"The request is blocked\")".into(),
                Failure::Refused,
            ));
        }
        return Some(Attempt::Retry(
            "the register asks to slow down (HTTP 403)".into(),
            retry_after,
            Failure::Status(403),
        ));
    }
    let said: String = said
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(300)
        .collect();
    Some(Attempt::Fatal(
        if said.is_empty() {
            format!("the register answered HTTP {status}")
        } else {
            format!("the register answered HTTP {status}: {said}")
        },
        Failure::Status(status),
    ))
}

fn transport(e: ureq::Error) -> Attempt {
    let retry = |what: String| Attempt::Retry(what, None, Failure::Other);
    let fatal = |what: String| Attempt::Fatal(what, Failure::Other);
    match e {
        ureq::Error::Timeout(t) => Attempt::Retry(
            format!("no complete answer in time ({t})"),
            None,
            Failure::TimedOut,
        ),
        // A name the resolver does not know stays unknown on the next try: std reports
        // getaddrinfo's failure only in its message.
        ureq::Error::Io(io) if io.to_string().contains("failed to lookup address") => {
            fatal(format!("the host name is not known ({io})"))
        }
        // A name that leads only to this machine or the local network ([`PublicResolver`]).
        ureq::Error::Io(io) if io.to_string().contains(LOCAL_ADDRESS) => {
            Attempt::Fatal(io.to_string(), Failure::NotAllowed)
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Attempt::Retry(
            format!("no complete answer in time ({io})"),
            None,
            Failure::TimedOut,
        ),
        ureq::Error::Io(io) => retry(format!("the connection failed ({io})")),
        ureq::Error::ConnectionFailed => retry("the connection failed".into()),
        ureq::Error::HostNotFound => fatal("the host name is not known".into()),
        ureq::Error::BadUri(u) => fatal(format!("not a valid URL ({u})")),
        other => retry(other.to_string()),
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

impl Client<'_> {
    /// Sends a GET and hands over the answer unread, retrying what fails before its body as
    /// [`Client::fetch`] does (429 with `Retry-After`, 5xx, timeouts). A 4xx answer is final,
    /// and its error names the start of what the register said.
    pub fn open(&mut self, url: &str) -> Result<Streamed> {
        let host = host_of(url);
        self.with_retries(url, &host, false, |c| c.start(url))
    }

    fn start(&self, url: &str) -> std::result::Result<Streamed, Attempt> {
        let mut response = self.send(
            &Request::Get(url),
            "application/x-ndjson, application/json;q=0.9, */*;q=0.8",
        )?;
        if let Some(failed) = failure_of(&mut response, false) {
            return Err(failed);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A server on this machine that answers every connection with an empty 204.
    fn answering_server() -> u16 {
        serving(0)
    }

    /// A server on this machine that answers every connection with `size` bytes (204 when
    /// none).
    fn serving(size: usize) -> u16 {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let head = if size == 0 {
                    "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n".to_owned()
                } else {
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n")
                };
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&vec![b'x'; size]);
            }
        });
        port
    }

    #[test]
    fn the_connection_itself_reaches_no_local_address_but_the_sources_own() {
        // Destinations::check looks a name up before the request; the connection looks it up
        // again. This is that second look: the agent a client sends with drops every local
        // address, whatever the check saw, unless the name is the source's own address.
        let port = answering_server();
        let url = format!("http://localhost:{port}/agenda");
        let elsewhere = Client::new(
            HttpConfig::default(),
            Destinations::new("https://api.notubiz.nl", Some(&["notubiz.nl"]), "NotuBiz"),
            None,
        );
        let err = elsewhere
            .agent
            .get(&url)
            .call()
            .expect_err("a local address");
        assert!(err.to_string().contains(LOCAL_ADDRESS), "{err}");
        assert!(matches!(
            transport(err),
            Attempt::Fatal(_, Failure::NotAllowed)
        ));
        let own = Client::new(
            HttpConfig::default(),
            Destinations::new(&format!("http://localhost:{port}"), None, "Parlaeus"),
            None,
        );
        let answer = own
            .agent
            .get(&url)
            .call()
            .expect("the source's own address");
        assert_eq!(answer.status(), 204);
        // The same host on another port is not the source's own address.
        let other = format!("http://localhost:{}/", port.wrapping_add(1).max(1));
        let err = own.agent.get(&other).call().expect_err("another port");
        assert!(err.to_string().contains(LOCAL_ADDRESS), "{err}");
    }

    #[test]
    fn a_register_answer_is_held_to_less_than_a_document() {
        let port = serving(8 * 1024);
        let base = format!("http://127.0.0.1:{port}");
        let config = HttpConfig {
            pace: Duration::ZERO,
            attempts: 1,
            max_bytes: 64 * 1024,
            max_answer_bytes: 4 * 1024,
            ..HttpConfig::default()
        };
        let mut client = Client::new(config, Destinations::new(&base, None, "Parlaeus"), None);
        let url = format!("{base}/agenda");
        let err = client
            .fetch(&Request::Get(&url))
            .expect_err("too large an answer");
        assert!(err.to_string().contains("larger than 4 KiB"), "{err}");
        let document = client
            .fetch_document(&Request::Get(&url))
            .expect("a document may be larger");
        assert_eq!(document.len(), 8 * 1024);
    }

    #[test]
    fn a_budget_waits_once_the_window_is_full() {
        let start = Instant::now();
        let mut b = Budget::new(3, Duration::from_secs(60));
        for s in [0, 1, 2] {
            let at = start + Duration::from_secs(s);
            assert_eq!(b.wait(at), Duration::ZERO);
            b.record(at);
        }
        // The fourth in the same minute waits until the first leaves the window.
        assert_eq!(
            b.wait(start + Duration::from_secs(10)),
            Duration::from_secs(50)
        );
        assert_eq!(b.wait(start + Duration::from_secs(60)), Duration::ZERO);
        b.record(start + Duration::from_secs(60));
        assert_eq!(
            b.wait(start + Duration::from_secs(60)),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn a_sync_goes_to_its_own_address_and_over_https_to_public_hosts_of_its_system() {
        let notubiz = Destinations::new("https://api.notubiz.nl", Some(&["notubiz.nl"]), "NotuBiz");
        assert_eq!(notubiz.check("https://api.notubiz.nl/document/1/2"), Ok(()));
        // A redirect from https to http on the same host is a downgrade.
        let err = notubiz
            .check("http://api.notubiz.nl/document/1/2")
            .expect_err("http");
        assert!(err.contains("https"), "{err}");
        let err = notubiz
            .check("https://evil.example/x.pdf")
            .expect_err("other host");
        assert!(err.contains("not a host of NotuBiz"), "{err}");
        // A look-alike is not a subdomain.
        assert!(notubiz.check("https://apinotubiz.nl/x").is_err());
        // Addresses of this machine, the local network, link-local (a cloud's metadata
        // service): refused by their address, before any connection.
        let any = Destinations::new("https://api.openraadsinformatie.nl/v1", None, "ORI");
        for url in [
            "https://127.0.0.1/x",
            "https://10.1.2.3/x",
            "https://172.16.0.9/x",
            "https://192.168.1.1/x",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/x",
            "https://0.0.0.0/x",
            "https://[::1]/x",
            "https://[fe80::1]/x",
            "https://[fd00::1]/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://localhost/x",
            "https://printer.localhost/x",
        ] {
            let err = any.check(url).expect_err(url);
            assert!(
                err.contains("local or private") || err.contains("this computer"),
                "{url}: {err}"
            );
        }
        assert!(any.check("https://8.8.8.8/doc.pdf").is_ok());
        assert!(any.check("ftp://8.8.8.8/doc.pdf").is_err());
        // The configured address is reached whatever it is: the tests' server, a mirror;
        // only that origin, not another port or scheme of the same host.
        let local = Destinations::new(
            "http://127.0.0.1:8080/notubiz",
            Some(&["notubiz.nl"]),
            "NotuBiz",
        );
        assert_eq!(
            local.check("http://127.0.0.1:8080/notubiz/document/1"),
            Ok(())
        );
        assert!(local.check("http://127.0.0.1:9090/secret").is_err());
        assert!(local.check("https://127.0.0.1:8080/x").is_err());
        assert!(local.check("http://localhost:8080/x").is_err());
    }

    #[test]
    fn a_redirect_is_read_against_where_it_came_from() {
        let from = "https://a.notubiz.nl/document/5/1?x=1";
        assert_eq!(
            join(from, "https://b.notubiz.nl/y"),
            "https://b.notubiz.nl/y"
        );
        assert_eq!(join(from, "//c.notubiz.nl/z"), "https://c.notubiz.nl/z");
        assert_eq!(join(from, "/other"), "https://a.notubiz.nl/other");
        assert_eq!(join(from, "2"), "https://a.notubiz.nl/document/5/2");
        assert_eq!(
            origin("http://u@[::1]:81/x"),
            Some(("http".into(), "[::1]".into(), 81))
        );
        assert_eq!(
            origin("HTTPS://Host.nl/x"),
            Some(("https".into(), "host.nl".into(), 443))
        );
        assert_eq!(origin("file:///etc/passwd"), None);
    }

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(
            host_of("https://wcf.ibabs.eu/api/Public.svc"),
            "wcf.ibabs.eu"
        );
        assert_eq!(
            host_of("https://API1.ibabs.eu/publicdownload.aspx?site=Ergens&id=7"),
            "api1.ibabs.eu"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/ibabs"), "127.0.0.1");
        assert_eq!(host_of("http://u@[::1]:80/x"), "[::1]");
    }
}
