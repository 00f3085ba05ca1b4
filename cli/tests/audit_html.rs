//! The `--html` report opened in headless Chromium: it renders with no
//! console message and the class counts are in the page; a screenshot is
//! taken (written to `docs/audit-report.png` when
//! `PACSPACE_UPDATE_SCREENSHOT=1`). Skipped, with a notice, when no
//! Chromium is installed (Debian: `apt-get install -y chromium`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Runs headless Chromium on `page` with a fresh profile; returns (DOM, log).
fn open(browser: &Path, page: &Path, profile: &Path, screenshot: Option<&Path>) -> (String, String) {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1100,1500",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    match screenshot {
        Some(png) => cmd.arg(format!("--screenshot={}", png.display())),
        None => cmd.arg("--dump-dom"),
    };
    let out = cmd
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn console_lines(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn html_report_renders_in_chromium_with_the_counts_and_no_console_message() {
    let Some(browser) = chromium() else {
        eprintln!(
            "NOTICE: no Chromium found (apt-get install -y chromium): the HTML report was not opened in a browser"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("pacspace-audit-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    // The console check can fail: a page that logs is seen to log.
    let probe = dir.join("probe.html");
    std::fs::write(
        &probe,
        "<!DOCTYPE html><p>x</p><script>console.error('probe')</script>",
    )
    .unwrap();
    let (_, log) = open(&browser, &probe, &dir.join("profile-probe"), None);
    assert_eq!(
        console_lines(&log).len(),
        1,
        "the console probe was not seen: {log}"
    );

    let page = dir.join("report.html");
    let examples = common::repo_root().join("examples/audit");
    let arg = |name: &str| examples.join(name).display().to_string();
    let o = common::run_cli(
        &[
            "audit",
            "--deltas",
            &arg("deltas.jsonl"),
            "--receipts",
            &arg("receipts.jsonl"),
            "--answers",
            &arg("answers.jsonl"),
            "--html",
            &page.display().to_string(),
        ],
        b"",
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("http://")
            || html
                .matches("http://")
                .all(|_| html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    );
    assert!(
        !html.contains("https://") && !html.contains("<script") && !html.contains("<link"),
        "self-contained"
    );

    let (dom, log) = open(&browser, &page, &dir.join("profile-dom"), None);
    assert!(
        console_lines(&log).is_empty(),
        "console messages: {:?}",
        console_lines(&log)
    );
    for (class, n) in [
        ("submitted", 9),
        ("verified", 5),
        ("altered", 1),
        ("failed", 1),
        ("pending", 1),
        ("missing", 1),
        ("duplicate", 1),
        ("unmatchedItems", 5),
    ] {
        assert!(
            dom.contains(&format!("<td data-count=\"{class}\">{n}</td>")),
            "{class} = {n} not in the rendered page"
        );
    }
    for (class, n) in [("verified", 5), ("missing", 1)] {
        assert!(
            dom.contains(&format!("data-class=\"{class}\"")) && dom.contains(&format!(">{n}</text>")),
            "chart {class}"
        );
    }
    assert!(dom.contains("NOT VERIFIED") && dom.contains("cust_bolt") && dom.contains("MISMATCH"));

    let png = match std::env::var_os("PACSPACE_UPDATE_SCREENSHOT") {
        Some(_) => common::repo_root().join("docs/audit-report.png"),
        None => dir.join("audit-report.png"),
    };
    if let Some(parent) = png.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    let (_, log) = open(&browser, &page, &dir.join("profile-shot"), Some(&png));
    assert!(
        console_lines(&log).is_empty(),
        "console messages: {:?}",
        console_lines(&log)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "screenshot {}",
        png.display()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
