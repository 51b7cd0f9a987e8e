//! Starting the emulator binary for a test, and talking to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const ACCOUNT: &str = "a86a8f5c339544d7bdc89926de14fb8c";
pub const TOKEN: &str = "test-token";

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "cf-mcp-emulator-test-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running emulator, killed when dropped.
pub struct Emulator {
    child: Child,
    pub base: String,
    /// Lines printed before the listening line.
    pub banner: Vec<String>,
}

/// How a start-up that should fail ended.
pub struct Failed {
    pub code: Option<i32>,
    pub stderr: String,
}

impl Emulator {
    /// Starts with `--listen 127.0.0.1:0 --token TOKEN` and `args`.
    pub fn start(args: &[&str]) -> Self {
        match Self::try_start(args) {
            Ok(emulator) => emulator,
            Err(failed) => panic!(
                "emulator did not start (exit {:?}): {}",
                failed.code, failed.stderr
            ),
        }
    }

    pub fn try_start(args: &[&str]) -> Result<Self, Failed> {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cf-mcp-emulator"));
        command
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if !args.contains(&"--token") && !args.contains(&"--proxy-to") {
            command.args(["--token", TOKEN]);
        }
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut banner = Vec::new();
        let mut base = None;
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            if let Some(url) = line.strip_prefix("cf-mcp-emulator listening on ") {
                base = Some(url.trim().to_owned());
                break;
            }
            banner.push(line);
        }
        let Some(base) = base else {
            let status = child.wait().unwrap();
            let mut stderr = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = err.read_to_string(&mut stderr);
            }
            return Err(Failed {
                code: status.code(),
                stderr,
            });
        };
        // Keep draining output so the emulator never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        if let Some(mut err) = child.stderr.take() {
            std::thread::spawn(move || {
                let mut sink = Vec::new();
                let _ = err.read_to_end(&mut sink);
            });
        }
        Ok(Self {
            child,
            base,
            banner,
        })
    }

    /// The servers collection of an account.
    pub fn servers(&self, account: &str) -> String {
        format!(
            "{}/client/v4/accounts/{account}/access/ai-controls/mcp/servers",
            self.base
        )
    }

    /// The portals collection of an account.
    pub fn portals(&self, account: &str) -> String {
        format!(
            "{}/client/v4/accounts/{account}/access/ai-controls/mcp/portals",
            self.base
        )
    }

    /// Stops it with SIGTERM-like politeness where possible, then waits.
    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// A request with the test token.
pub fn authed(request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    request.bearer_auth(TOKEN)
}

/// Sends and returns (status, body as JSON).
pub async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("response {status} is not JSON ({e}): {text}"));
    (status, body)
}

pub fn server_body(id: &str) -> Value {
    serde_json::json!({
        "id": id,
        "name": format!("Server {id}"),
        "hostname": "https://example.com/mcp",
        "auth_type": "unauthenticated",
    })
}

/// Creates a server, asserting the 201.
pub async fn create(http: &reqwest::Client, emulator: &Emulator, body: Value) -> Value {
    let (status, response) = send(authed(http.post(emulator.servers(ACCOUNT))).json(&body)).await;
    assert_eq!(status, 201, "{response}");
    response["result"].clone()
}

/// The first error of a failed envelope, after checking the envelope's shape.
pub fn first_error(body: &Value) -> &Value {
    assert_eq!(body["success"], false, "{body}");
    assert_eq!(body["result"], Value::Null, "{body}");
    assert!(body["messages"].is_array(), "{body}");
    &body["errors"][0]
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until something accepts connections on the port.
pub fn wait_for_port(port: u16, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// A child process (a Node.js MCP server), killed when dropped.
pub struct Node(pub Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `@modelcontextprotocol/server-everything` over Streamable HTTP on a free port.
pub fn start_server_everything() -> (Node, u16) {
    let entry =
        repo_root().join("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    assert!(
        entry.exists(),
        "{} is missing: run `cargo xtask test`, which installs the npm dev dependencies",
        entry.display()
    );
    let port = free_port();
    let child = Command::new("node")
        .arg(&entry)
        .arg("streamableHttp")
        .env("PORT", port.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("could not start node ({e}): install Node.js 20+ or run `cargo xtask test`")
        });
    let node = Node(child);
    assert!(
        wait_for_port(port, Duration::from_secs(20)),
        "server-everything did not start on port {port}"
    );
    (node, port)
}
