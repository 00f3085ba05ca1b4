//! A scripted HTTP server on 127.0.0.1 for the fetch tests: answers each
//! request with the next scripted reply and records what it was asked.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub headers: Vec<(String, String)>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            delay: Duration::ZERO,
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn delayed(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub url: String,
    pub api_key: Option<String>,
}

pub struct TestServer {
    pub base_url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    handle: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Serves `script` in order, then stops; at most 10 s in all.
    pub fn start(script: Vec<Reply>) -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind loopback");
        let port = server.server_addr().to_ip().expect("ip").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let handle = std::thread::spawn(move || {
            for reply in script {
                let Ok(Some(req)) = server.recv_timeout(Duration::from_secs(10)) else {
                    return;
                };
                let api_key = req
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("X-Api-Key"))
                    .map(|h| h.value.as_str().to_owned());
                log.lock().expect("log").push(Seen {
                    url: req.url().to_owned(),
                    api_key,
                });
                std::thread::sleep(reply.delay);
                let mut resp = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                for (k, v) in &reply.headers {
                    resp.add_header(
                        tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("header"),
                    );
                }
                let _ = req.respond(resp);
            }
        });
        TestServer {
            base_url: format!("http://127.0.0.1:{port}"),
            seen,
            handle: Some(handle),
        }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            if std::thread::panicking() {
                return;
            }
            let _ = h.join();
        }
    }
}
