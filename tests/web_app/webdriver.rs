//! Just enough of the W3C WebDriver protocol (<https://www.w3.org/TR/webdriver2/>) to drive
//! Debian's ChromeDriver from the browser test: JSON over HTTP on loopback, with the reqwest
//! the SDK already uses. (The `fantoccini` crate would bring `webdriver` 0.53 and with it a
//! second `http`, a second `cookie`, `icu_segmenter` and an MPL licence, for the nine commands
//! below.)

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};

/// The W3C element reference key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A running `chromedriver` on a loopback port; killed when dropped.
pub struct ChromeDriver {
    child: Child,
    url: String,
    http: reqwest::Client,
}

impl ChromeDriver {
    /// Starts `$CHROMEDRIVER` (default `chromedriver` on the `PATH`) on a free loopback port
    /// and waits until it is ready.
    pub async fn start() -> Result<ChromeDriver, String> {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        // A free port: bind, read it, release it for chromedriver.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free loopback port: {e}"))?
            .port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e} (install chromium-driver)"))?;
        let driver = ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .map_err(|e| e.to_string())?,
        };
        for _ in 0..100 {
            let ready = driver
                .http
                .get(format!("{}/status", driver.url))
                .send()
                .await;
            if let Ok(r) = ready
                && let Ok(text) = r.text().await
                && let Ok(v) = serde_json::from_str::<Value>(&text)
                && v["value"]["ready"] == true
            {
                return Ok(driver);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!(
            "{program} did not become ready on port {port} within 10 s"
        ))
    }

    /// A new headless Chromium session (`$CHROME_BIN`, default `/usr/bin/chromium`).
    pub async fn session(&self) -> Result<Browser, String> {
        let binary = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=900,1000"],
            },
        }}});
        let value = call(
            &self.http,
            "POST",
            &format!("{}/session", self.url),
            Some(capabilities),
        )
        .await?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no sessionId in {value}"))?;
        Ok(Browser {
            http: self.http.clone(),
            url: format!("{}/session/{id}", self.url),
        })
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One WebDriver command; the reply's `value`, or its `error` and `message`.
async fn call(
    http: &reqwest::Client,
    method: &str,
    url: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    let request = match method {
        "GET" => http.get(url),
        "DELETE" => http.delete(url),
        _ => http
            .post(url)
            .header("content-type", "application/json")
            .body(body.unwrap_or_else(|| json!({})).to_string()),
    };
    let reply = request
        .send()
        .await
        .map_err(|e| format!("{method} {url}: {e}"))?;
    let status = reply.status();
    let text = reply.text().await.map_err(|e| e.to_string())?;
    let mut value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{method} {url}: {e}: {text}"))?;
    if status.is_success() {
        Ok(value["value"].take())
    } else {
        Err(format!(
            "{method} {url}: {} {}: {}",
            status.as_u16(),
            value["value"]["error"],
            value["value"]["message"]
        ))
    }
}

/// A browser session.
pub struct Browser {
    http: reqwest::Client,
    url: String,
}

impl Browser {
    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        call(&self.http, method, &format!("{}{path}", self.url), body).await
    }

    /// Navigates and waits for the page to load.
    pub async fn goto(&self, url: &str) -> Result<(), String> {
        self.cmd("POST", "/url", Some(json!({"url": url})))
            .await
            .map(drop)
    }

    /// The current URL.
    pub async fn current_url(&self) -> Result<String, String> {
        let v = self.cmd("GET", "/url", None).await?;
        v.as_str().map(str::to_owned).ok_or_else(|| v.to_string())
    }

    /// The element `css` selects, waiting up to 10 s for it to appear.
    pub async fn find(&self, css: &str) -> Result<String, String> {
        let mut last = String::new();
        for _ in 0..100 {
            let found = self
                .cmd(
                    "POST",
                    "/element",
                    Some(json!({"using": "css selector", "value": css})),
                )
                .await;
            match found {
                Ok(v) => {
                    return v[ELEMENT]
                        .as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| v.to_string());
                }
                Err(e) => last = e,
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let url = self.current_url().await.unwrap_or_default();
        Err(format!("no element {css:?} on {url} after 10 s: {last}"))
    }

    /// The visible text of the element `css` selects.
    pub async fn text(&self, css: &str) -> Result<String, String> {
        let el = self.find(css).await?;
        let v = self
            .cmd("GET", &format!("/element/{el}/text"), None)
            .await?;
        v.as_str().map(str::to_owned).ok_or_else(|| v.to_string())
    }

    /// Clicks the element `css` selects.
    pub async fn click(&self, css: &str) -> Result<(), String> {
        let el = self.find(css).await?;
        self.cmd("POST", &format!("/element/{el}/click"), None)
            .await
            .map(drop)
    }

    /// Clears the input `css` selects and types `text` into it.
    pub async fn fill(&self, css: &str, text: &str) -> Result<(), String> {
        let el = self.find(css).await?;
        self.cmd("POST", &format!("/element/{el}/clear"), None)
            .await?;
        self.cmd(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({"text": text})),
        )
        .await
        .map(drop)
    }

    /// Runs `script` in the page (a returned promise is awaited) and returns its result.
    pub async fn execute(&self, script: &str) -> Result<Value, String> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// A PNG of the viewport.
    pub async fn screenshot(&self) -> Result<Vec<u8>, String> {
        let v = self.cmd("GET", "/screenshot", None).await?;
        let b64 = v.as_str().ok_or_else(|| v.to_string())?;
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| e.to_string())
    }

    /// Ends the session (ChromeDriver closes the browser).
    pub async fn quit(self) -> Result<(), String> {
        self.cmd("DELETE", "", None).await.map(drop)
    }
}
