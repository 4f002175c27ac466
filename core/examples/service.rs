//! A due-date service on axum, and its load test.
//!
//! ```text
//! cargo run --release -p motcua --example service                 # serve on 127.0.0.1:8080
//! curl -s -X POST 'http://127.0.0.1:8080/classify?as_of=2026-03-31&explain=true&lang=en' \
//!   -d '{"received":"2026-03-02T09:30","time_limit":{"working_days":3},
//!        "events":[{"type":"resolved","at":"2026-03-06T08:00"}]}'
//! cargo run --release -p motcua --example service -- --loadtest   # the load test (below)
//! ```
//!
//! Endpoints (the body is a dossier as the CLI's `due` and `classify` read it):
//! - `POST /due`, `POST /classify`: the answer as the CLI prints it (`classify` adds
//!   `outcome`). Query parameters: `as_of` (`YYYY-MM-DD[THH:MM[:SS]]`, an offset converted to
//!   Vietnam time, a date alone = the end of that day; for `classify` the default is now in
//!   Vietnam), `explain=true|false`, `lang=vi|en`, and any rule switch by its key
//!   (`supplement=restart`, `counting=hours`, ...).
//! - `POST /constant`: reads the body and answers a fixed JSON: the HTTP floor of the load test.
//! - Any bad input: `400` with `{"error":{"code","message","field"?,...}}`, the library's
//!   [`motcua::Error`] serialized (its code is stable; its message quotes at most 80 characters
//!   of a bad value). A body over 2 MB: `413`, same shape.
//!
//! The calendar (the Vietnamese public sector) and the procedure catalogue (the sample one,
//! `examples/sample/catalogue.json`, or `--catalogue FILE`) are built once and shared by every
//! request (`Arc`); a request builds its [`Options`] from them at no cost.
//!
//! The dossier is read by the [`DossierJson`] extractor: the body's bytes go to
//! [`Dossier::from_json_bytes`], so a bad dossier answers with its code and field (axum's
//! `Json<Dossier>` would keep only the message, as a plain-text 422).
//!
//! # The load test
//! `--loadtest` starts this program again as the server (a child process on 127.0.0.1, port
//! chosen by the system), then drives it over loopback with `--connections C` keep-alive
//! connections (default 8), `--requests N` requests per endpoint (default 20,000; the
//! endpoints take turns in five rounds) after a warm-up, and `--hostile H` hostile requests (default 10,000), within `--seconds T` in all
//! (default 120; a phase stops early when the time is up, and says so). It prints, per
//! endpoint, requests/s, p50 and p99 latency and the server's CPU time per request (from
//! `/proc/PID/task/*/schedstat`), then the server's resident memory (`VmRSS`) after the
//! warm-up and after each phase. It fails (exit 1) when a good request is not answered 200,
//! when a hostile one is not answered 400 with an error object, or with an answer over 1 KB,
//! and, with `--max-cpu-ratio R`, when `/classify` costs the server more than R times the CPU
//! of `/constant` per request. Linux only (it reads `/proc`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use motcua::prelude::*;

// ---------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------

/// What every request shares, built once.
struct Service {
    calendar: WorkCalendar,
    catalogue: Catalogue,
}

/// A bad request: the library's error, answered as `{"error": {...}}`.
struct ApiError(StatusCode, Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            error: &'a Error,
        }
        json_response(self.0, &Body { error: &self.1 })
    }
}

fn json_response<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    // (An answer without explanation is under 512 bytes: one allocation, no regrowth.)
    let mut body = Vec::with_capacity(512);
    match serde_json::to_writer(&mut body, value) {
        Ok(()) => (status, [(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The request's dossier, read from the body's bytes with [`Dossier::from_json_bytes`]: a bad
/// dossier is rejected with its code and field.
struct DossierJson(Dossier);

impl<S: Send + Sync> FromRequest<S> for DossierJson {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<DossierJson, ApiError> {
        let body = Bytes::from_request(req, state).await.map_err(|r| {
            let e = Error::new(ErrorKind::InvalidArgument, r.body_text()).in_field("body");
            ApiError(r.status(), e)
        })?;
        Ok(DossierJson(Dossier::from_json_bytes(&body)?))
    }
}

/// The query parameters, as pairs (a rule switch is any key not listed in the module docs).
type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The options of a request: `as_of`, `explain`, `lang` and rule switches from the query;
/// `default_as_of` when the query has no `as_of`.
fn options<'a>(
    service: &'a Service,
    params: Params,
    default_as_of: Option<NaiveDateTime>,
) -> Result<Options<'a>, Error> {
    let Query(pairs) = params
        .map_err(|r| Error::new(ErrorKind::InvalidArgument, r.body_text()).in_field("query"))?;
    let mut rules = Rules::default();
    let mut opts = Options::new(&service.calendar)
        .catalogue(&service.catalogue)
        .as_of(default_as_of);
    for (key, value) in &pairs {
        match key.as_str() {
            "as_of" => {
                let t =
                    parse_instant(value, DateOnly::EndOfDay).map_err(|e| e.in_field("as_of"))?;
                opts = opts.as_of(t);
            }
            "explain" => {
                let on = match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        let why =
                            format!("`{}` is not true or false", motcua::error::excerpt(value));
                        return Err(Error::new(ErrorKind::InvalidArgument, why).in_field("explain"));
                    }
                };
                opts = opts.explain(on);
            }
            "lang" => opts = opts.lang(value.parse().map_err(|e: Error| e.in_field("lang"))?),
            _ => rules.set(key, value).map_err(|e| e.in_field("query"))?,
        }
    }
    Ok(opts.rules(rules))
}

/// Now, in Vietnam (the service reads the clock; the library never does).
fn now_in_vietnam() -> Result<NaiveDateTime, Error> {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    motcua::civil::vietnam_wall_clock(secs)
}

async fn due(
    State(s): State<Arc<Service>>,
    params: Params,
    DossierJson(dossier): DossierJson,
) -> Result<Response, ApiError> {
    let due = options(&s, params, None)?.due(&dossier)?;
    Ok(json_response(StatusCode::OK, &due))
}

async fn classify(
    State(s): State<Arc<Service>>,
    params: Params,
    DossierJson(dossier): DossierJson,
) -> Result<Response, ApiError> {
    let classified = options(&s, params, Some(now_in_vietnam()?))?.classify(&dossier)?;
    Ok(json_response(StatusCode::OK, &classified))
}

/// The answer of `/constant`: the `/classify` answer of the load test's dossier.
const CONSTANT: &str = r#"{"due":"2026-03-12","due_at":"2026-03-12T17:00","rule_set":"nd118","deemed_receipt":"2026-03-02","outcome":"on_time","working_days_late":0,"warnings":[]}"#;

async fn constant(_body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], CONSTANT).into_response()
}

fn app(service: Arc<Service>) -> Router {
    Router::new()
        .route("/due", post(due))
        .route("/classify", post(classify))
        .route("/constant", post(constant))
        .with_state(service)
}

fn serve(port: u16, catalogue: Option<String>) -> Result<(), Box<dyn std::error::Error>> {
    let catalogue = match catalogue {
        Some(path) => Catalogue::from_json(&std::fs::read_to_string(path)?)?,
        None => Catalogue::from_json(include_str!("sample/catalogue.json"))?,
    };
    let service = Arc::new(Service {
        calendar: vn::public_sector()?,
        catalogue,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        // The load test reads this line for the port.
        println!("listening on http://{}", listener.local_addr()?);
        std::io::stdout().flush()?;
        axum::serve(listener, app(service)).await
    })?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The load test
// ---------------------------------------------------------------------------------------------

/// DESIGN's dossier: a supplement request and its answer, resolved on its due date.
const DOSSIER: &str = r#"{"received":"2026-03-02T09:30","channel":"direct","time_limit":{"working_days":3},"events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},{"type":"supplement_received","at":"2026-03-10T08:00"},{"type":"resolved","at":"2026-03-12T16:00"}]}"#;

/// One request of the load test.
#[derive(Clone)]
struct Req {
    path: String,
    body: Vec<u8>,
}

/// An answer: status, content type, body.
struct Answer {
    status: u16,
    json: bool,
    body: Vec<u8>,
}

/// A keep-alive HTTP/1.1 connection (a minimal client: `Content-Length` bodies only, which is
/// what the server sends).
struct Conn {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Conn {
    fn send(&mut self, req: &Req) -> std::io::Result<Answer> {
        // One retry on a fresh connection if the kept one was closed.
        match self.try_send(req) {
            Ok(a) => Ok(a),
            Err(_) => {
                self.stream = None;
                self.try_send(req)
            }
        }
    }

    fn try_send(&mut self, req: &Req) -> std::io::Result<Answer> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr)?;
            s.set_nodelay(true)?;
            s.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.stream = Some(BufReader::with_capacity(64 * 1024, s));
        }
        let Some(stream) = self.stream.as_mut() else {
            return Err(std::io::ErrorKind::NotConnected.into());
        };
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            req.path,
            req.body.len()
        );
        let s = stream.get_mut();
        s.write_all(head.as_bytes())?;
        s.write_all(&req.body)?;
        let mut line = String::new();
        stream.read_line(&mut line)?;
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let (mut length, mut json, mut close) = (0usize, false, false);
        loop {
            line.clear();
            stream.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (name, value) = l.split_once(':').unwrap_or((l, ""));
            let (name, value) = (name.to_ascii_lowercase(), value.trim());
            match name.as_str() {
                "content-length" => length = value.parse().unwrap_or(0),
                "content-type" => json = value.starts_with("application/json"),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
        let mut body = vec![0; length];
        stream.read_exact(&mut body)?;
        if close {
            self.stream = None;
        }
        Ok(Answer { status, json, body })
    }
}

/// What a phase measured.
struct Phase {
    name: &'static str,
    sent: usize,
    wall: Duration,
    latencies: Vec<Duration>,
    cpu_ns: u64,
    failures: Vec<String>,
    largest: usize,
    cut_short: bool,
}

impl Phase {
    /// Two runs of the same endpoint as one.
    fn merge(mut self, other: Phase) -> Phase {
        self.sent += other.sent;
        self.wall += other.wall;
        self.latencies.extend(other.latencies);
        self.latencies.sort_unstable();
        self.cpu_ns += other.cpu_ns;
        self.failures.extend(other.failures);
        self.largest = self.largest.max(other.largest);
        self.cut_short |= other.cut_short;
        self
    }
}

/// Sends `n` requests (`reqs` in turn) over `connections` connections, each answer checked by
/// `check`; stops at `deadline`.
fn run_phase(
    name: &'static str,
    server: &Server,
    reqs: Arc<Vec<Req>>,
    n: usize,
    connections: usize,
    deadline: Instant,
    check: fn(&Req, &Answer) -> Result<(), String>,
) -> Phase {
    let cpu_before = server.cpu_ns();
    let start = Instant::now();
    let threads: Vec<_> = (0..connections)
        .map(|t| {
            let reqs = Arc::clone(&reqs);
            let addr = server.addr;
            std::thread::spawn(move || {
                let mut conn = Conn { addr, stream: None };
                let (mut lat, mut fails, mut largest, mut cut) = (Vec::new(), Vec::new(), 0, false);
                for i in (t..n).step_by(connections) {
                    if Instant::now() > deadline {
                        cut = true;
                        break;
                    }
                    let Some(req) = reqs.get(i % reqs.len()) else {
                        break;
                    };
                    let t0 = Instant::now();
                    match conn.send(req) {
                        Ok(a) => {
                            lat.push(t0.elapsed());
                            largest = largest.max(a.body.len());
                            if let Err(why) = check(req, &a) {
                                fails.push(why);
                            }
                        }
                        Err(e) => fails.push(format!("{}: {e}", req.path)),
                    }
                }
                (lat, fails, largest, cut)
            })
        })
        .collect();
    let mut phase = Phase {
        name,
        sent: 0,
        wall: Duration::ZERO,
        latencies: Vec::with_capacity(n),
        cpu_ns: 0,
        failures: Vec::new(),
        largest: 0,
        cut_short: false,
    };
    for t in threads {
        match t.join() {
            Ok((lat, fails, largest, cut)) => {
                phase.latencies.extend(lat);
                phase.failures.extend(fails);
                phase.largest = phase.largest.max(largest);
                phase.cut_short |= cut;
            }
            Err(_) => phase.failures.push("a client thread panicked".into()),
        }
    }
    phase.wall = start.elapsed();
    phase.cpu_ns = server.cpu_ns().saturating_sub(cpu_before);
    phase.sent = phase.latencies.len();
    phase.latencies.sort_unstable();
    phase
}

fn ok_200(req: &Req, a: &Answer) -> Result<(), String> {
    if a.status == 200 && a.json {
        Ok(())
    } else {
        let body = String::from_utf8_lossy(&a.body);
        Err(format!("{}: status {} {body}", req.path, a.status))
    }
}

/// A `/classify` answer of [`DOSSIER`]: exactly the answer `/constant` gives (on time).
fn on_time(req: &Req, a: &Answer) -> Result<(), String> {
    ok_200(req, a)?;
    if a.body == CONSTANT.as_bytes() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}",
            req.path,
            String::from_utf8_lossy(&a.body)
        ))
    }
}

/// A hostile request's answer: 400, an `{"error": {"code": ...}}` object, at most 1 KB.
fn error_400(req: &Req, a: &Answer) -> Result<(), String> {
    let parsed: Option<serde_json::Value> = serde_json::from_slice(&a.body).ok();
    let code = parsed
        .as_ref()
        .and_then(|v| v.get("error")?.get("code")?.as_str().map(str::to_string));
    let shown = || String::from_utf8_lossy(req.body.get(..60).unwrap_or(&req.body)).into_owned();
    match code {
        Some(_) if a.status == 400 && a.json && a.body.len() <= 1024 => Ok(()),
        _ => Err(format!(
            "{} {:?}…: status {}, {} bytes: {}",
            req.path,
            shown(),
            a.status,
            a.body.len(),
            String::from_utf8_lossy(a.body.get(..300).unwrap_or(&a.body))
        )),
    }
}

/// The hostile requests: broken, truncated, oversized, mistyped and ill-ordered dossiers, bad
/// query parameters; a few with a 1 MB value (seeded, reproducible).
fn hostile(n: usize) -> Vec<Req> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mb = "ả".repeat(1 << 19); // 1 MB of UTF-8
    let ok = |events: &str| {
        format!(
            r#"{{"received":"2026-03-02T09:30","time_limit":{{"working_days":3}},"events":[{events}]}}"#
        )
    };
    (0..n)
        .map(|i| {
            let r = rnd();
            let mut path = if r % 2 == 0 { "/classify?as_of=2026-03-31" } else { "/due" }.to_string();
            let body: Vec<u8> = match i % 24 {
                0 if i % 1000 == 0 => format!(r#"{{"received":"{mb}","time_limit":"3wd"}}"#).into(),
                1 if i % 1000 == 1 => format!(r#"{{"{mb}":1,"received":"2026-03-02","time_limit":"3wd"}}"#).into(),
                2 if i % 1000 == 2 => format!(r#"{{"received":"2026-03-02","time_limit":"{mb}"}}"#).into(),
                3 if i % 1000 == 3 => ok(&format!(r#"{{"type":"{mb}","at":"2026-03-03"}}"#)).into(),
                4 if i % 1000 == 4 => "[".repeat(1 << 20).into(),
                0..=4 => (0..(r % 2000) as usize).map(|_| (rnd() & 0xff) as u8).collect(),
                5 => {
                    let s = ok(r#"{"type":"resolved","at":"2026-03-06T08:00"}"#);
                    let cut = (r as usize) % s.len();
                    s.get(..cut).unwrap_or("").into()
                }
                6 => r#"{"received":5,"time_limit":"3wd"}"#.into(),
                7 => r#"{"received":"2026-02-30","time_limit":"3wd"}"#.into(),
                8 => r#"{"received":"2026-03-02","time_limit":{"working_days":0}}"#.into(),
                // Keys of control characters and of quotes (each spelled in several bytes
                // once escaped in the answer).
                9 => {
                    let key = match r % 3 {
                        0 => "\u{1b}[2J\u{0}".to_string(),
                        1 => "\\u0000".repeat(300),
                        _ => "\\\"".repeat(300),
                    };
                    format!(r#"{{"received":"2026-03-02","time_limit":"3wd","{key}":1}}"#).into()
                }
                10 => ok(r#"{"type":"resolved","at":"2026-03-06"},{"type":"supplement_requested","at":"2026-03-05"}"#).into(),
                11 => ok(r#"{"type":"supplement_received","at":"2026-03-05"}"#).into(),
                12 => ok(r#"{"type":"apology","at":"2026-03-04","new_due":"2026-03-10"},{"type":"apology","at":"2026-03-05","new_due":"2026-03-11"}"#).into(),
                13 => ok(r#"{"type":"resolved","at":"2026-03-01"}"#).into(),
                14 => r#"{"received":"2026-03-02","procedure":"9.999"}"#.into(),
                15 => b"{\"received\":\"\xff\xfe\",\"time_limit\":\"3wd\"}".to_vec(),
                16 => "\u{feff}{\"received\":\"2026-03-02\",\"time_limit\":\"3wd\"}".into(),
                17 => ["", "null", "[]", "\"x\"", "{}", "1e400"].get((r % 6) as usize).copied().unwrap_or("").into(),
                18 => r#"{"received":"2026-03-02","time_limit":"3wd","id":1e400}"#.into(),
                19 => {
                    path = "/classify?as_of=not-a-date".into();
                    ok("").into()
                }
                20 => {
                    path = "/due?supplement=maybe".into();
                    ok("").into()
                }
                21 => {
                    path = "/classify?as_of=2026-03-01".into(); // before the receipt
                    ok("").into()
                }
                22 => {
                    path = "/due?explain=yes&lang=fr".into();
                    ok("").into()
                }
                _ => r#"{"received":"1900-01-01","time_limit":"3wd"}"#.into(),
            };
            Req { path, body }
        })
        .collect()
}

/// The server process, started for the load test.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start() -> Result<Server, Box<dyn std::error::Error>> {
        let mut child = Command::new(std::env::current_exe()?)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        let out = child.stdout.take().ok_or("no stdout")?;
        BufReader::new(out).read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .ok_or_else(|| format!("unexpected first line from the server: {line:?}"))?
            .parse()?;
        Ok(Server { child, addr })
    }

    /// CPU time of every thread of the server, in nanoseconds.
    fn cpu_ns(&self) -> u64 {
        let dir = format!("/proc/{}/task", self.child.id());
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
            .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .sum()
    }

    /// Resident memory of the server, in kB.
    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()));
        status
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn print_phase(p: &Phase) {
    let pct = |q: f64| {
        let i = ((p.latencies.len() as f64 - 1.0) * q).round() as usize;
        p.latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e6)
    };
    let per_req = |x: f64| if p.sent == 0 { 0.0 } else { x / p.sent as f64 };
    println!(
        "{:<10} {:>8} {:>10.0} {:>9.0} {:>9.0} {:>13.1} {:>9}{}",
        p.name,
        p.sent,
        p.sent as f64 / p.wall.as_secs_f64().max(1e-9),
        pct(0.5),
        pct(0.99),
        per_req(p.cpu_ns as f64) / 1e3,
        p.largest,
        if p.cut_short {
            "  (cut short by --seconds)"
        } else {
            ""
        }
    );
}

fn loadtest(args: &HashMap<String, String>) -> Result<bool, Box<dyn std::error::Error>> {
    let get = |k: &str, d: usize| -> Result<usize, Box<dyn std::error::Error>> {
        Ok(args.get(k).map(|v| v.parse()).transpose()?.unwrap_or(d))
    };
    let (n, hostile_n) = (get("requests", 20_000)?, get("hostile", 10_000)?);
    let connections = get("connections", 8)?.max(1);
    let seconds = get("seconds", 120)?;
    let max_ratio: Option<f64> = args.get("max-cpu-ratio").map(|v| v.parse()).transpose()?;
    let deadline = Instant::now() + Duration::from_secs(seconds as u64);
    let server = Server::start()?;
    let req = |path: &str| Req {
        path: path.into(),
        body: DOSSIER.into(),
    };
    let classify = Arc::new(vec![req("/classify?as_of=2026-03-31")]);
    let due = Arc::new(vec![req("/due")]);
    let floor = Arc::new(vec![req("/constant")]);
    let rss_start = server.rss_kb();
    let warm = (n / 10).max(100);
    type Check = fn(&Req, &Answer) -> Result<(), String>;
    let run = |name, reqs: &Arc<Vec<Req>>, n, check: Check| {
        run_phase(
            name,
            &server,
            Arc::clone(reqs),
            n,
            connections,
            deadline,
            check,
        )
    };
    let mut phases = vec![
        run("warm-up", &classify, warm, on_time),
        run("warm-up", &floor, warm, ok_200),
    ];
    let rss_warm = server.rss_kb();
    // The endpoints take turns, in ROUNDS rounds of n / ROUNDS requests each, so that a
    // change of the machine's load weighs on all of them alike.
    const ROUNDS: usize = 5;
    let mut rounds: [Option<Phase>; 3] = [None, None, None];
    for _ in 0..ROUNDS {
        let turn = [
            run("constant", &floor, n / ROUNDS, ok_200),
            run("classify", &classify, n / ROUNDS, on_time),
            run("due", &due, n / ROUNDS, ok_200),
        ];
        for (total, p) in rounds.iter_mut().zip(turn) {
            *total = Some(match total.take() {
                None => p,
                Some(t) => t.merge(p),
            });
        }
    }
    phases.extend(rounds.into_iter().flatten());
    let rss_load = server.rss_kb();
    let bad = Arc::new(hostile(hostile_n));
    let bytes: usize = bad.iter().map(|r| r.body.len()).sum();
    phases.push(run("hostile", &bad, hostile_n, error_400));
    let rss_hostile = server.rss_kb();
    phases.push(run("classify", &classify, n, on_time));
    let rss_end = server.rss_kb();

    println!(
        "motcua example service, 127.0.0.1, {connections} keep-alive connections, {n} requests \
         per endpoint after {warm} of warm-up, {hostile_n} hostile ({:.1} MB)",
        bytes as f64 / 1e6
    );
    println!(
        "{:<10} {:>8} {:>10} {:>9} {:>9} {:>13} {:>9}",
        "endpoint", "requests", "req/s", "p50 µs", "p99 µs", "server CPU µs", "max bytes"
    );
    for p in phases.iter().skip(2) {
        print_phase(p);
    }
    let cpu = |name: &str| {
        phases
            .iter()
            .skip(2)
            .find(|p| p.name == name)
            .map_or(0.0, |p| p.cpu_ns as f64 / p.sent.max(1) as f64)
    };
    let ratio = cpu("classify") / cpu("constant").max(1.0);
    println!("/classify server CPU per request = {ratio:.2} × /constant's");
    println!(
        "server RSS: {:.1} MB at start, {:.1} MB after warm-up, {:.1} MB after the load, \
         {:.1} MB after the hostile requests, {:.1} MB after /classify again",
        rss_start as f64 / 1024.0,
        rss_warm as f64 / 1024.0,
        rss_load as f64 / 1024.0,
        rss_hostile as f64 / 1024.0,
        rss_end as f64 / 1024.0
    );
    let mut ok = true;
    for p in &phases {
        if !p.failures.is_empty() {
            ok = false;
            println!(
                "{}: {} failed; first: {}",
                p.name,
                p.failures.len(),
                p.failures.first().map_or("", |s| s.as_str())
            );
        }
    }
    if let Some(r) = max_ratio {
        if ratio > r {
            ok = false;
            println!("FAIL: /classify costs {ratio:.2}× /constant's server CPU (limit {r})");
        }
    }
    println!("{}", if ok { "ok" } else { "FAILED" });
    Ok(ok)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let key = a
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected argument `{a}`"))?;
        let value = if key == "loadtest" {
            String::new()
        } else {
            it.next().ok_or_else(|| format!("--{key} needs a value"))?
        };
        args.insert(key.to_string(), value);
    }
    if args.contains_key("loadtest") {
        if !loadtest(&args)? {
            std::process::exit(1);
        }
        return Ok(());
    }
    let port = args
        .get("port")
        .map(|p| p.parse())
        .transpose()?
        .unwrap_or(8080);
    serve(port, args.get("catalogue").cloned())
}
