//! `PACSPACE_KECCAK` selects the path, read once per process: each case runs
//! this test binary again as a child process with the variable set.
#![cfg(feature = "std")]

use pacspace_keccak_lanes::{Backend, ENV_VAR, backend, detected_backend, f1600, f1600_x8, preferred_lanes};
use std::process::Command;

/// Run only as a child: reports what the variable selected, and that the
/// selected path computes the scalar results.
#[test]
#[ignore = "run by selection_follows_the_environment_variable in a child process"]
fn child_reports_backend() {
    let mut states: [[u64; 25]; 8] = core::array::from_fn(|i| [i as u64 * 0x0101_0101; 25]);
    let mut want = states;
    want.iter_mut().for_each(f1600);
    f1600_x8(&mut states);
    assert_eq!(states, want);
    println!("BACKEND={} LANES={}", backend(), preferred_lanes());
}

fn child(value: &str) -> String {
    let out = Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "--exact",
            "child_reports_backend",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ENV_VAR, value)
        .output()
        .expect("child test runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "child with {ENV_VAR}={value:?} failed:\n{stdout}"
    );
    stdout
}

#[test]
fn selection_follows_the_environment_variable() {
    for b in Backend::ALL {
        // An unavailable request falls back to the best available one below it.
        let want = Backend::ALL
            .into_iter()
            .rev()
            .find(|c| *c <= b && c.is_available())
            .expect("scalar is always available");
        if want != b {
            println!("{b} is not available here: expecting the fallback to {want}");
        }
        let report = child(b.name());
        let line = format!("BACKEND={want} LANES={}", want.lanes());
        assert!(
            report.contains(&line),
            "{ENV_VAR}={b}: expected {line} in:\n{report}"
        );
        // Case and surrounding whitespace do not matter.
        let report = child(&format!(" {} ", b.name().to_ascii_uppercase()));
        assert!(
            report.contains(&line),
            "{ENV_VAR}={b} in capitals: expected {line} in:\n{report}"
        );
    }
    // Anything else leaves the detected path.
    let detected = format!("BACKEND={} LANES=", detected_backend());
    for other in ["", "auto", "avx", "sse2"] {
        let report = child(other);
        assert!(
            report.contains(&detected),
            "{ENV_VAR}={other:?}: expected {detected} in:\n{report}"
        );
    }
}

#[cfg(target_arch = "x86_64")]
#[test]
fn detection_agrees_with_the_standard_library() {
    assert_eq!(
        Backend::Avx2.is_available(),
        std::is_x86_feature_detected!("avx2")
    );
    assert_eq!(
        Backend::Avx512.is_available(),
        std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512vl")
    );
}
