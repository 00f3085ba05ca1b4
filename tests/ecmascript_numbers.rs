//! Differential test of number text against JavaScript itself: the machine's
//! `node` prints `String(x)` for random and edge-case doubles (given as bit
//! patterns) and `String(JSON.parse(t))` for random number texts; the library
//! must print the same. Needs `node` on the PATH: without it each test prints a
//! visible SKIPPED notice and passes, except under CI (`CI` set), where it fails.

use pacspace_proof::canonical::{canonical_json_str, write_number};
use std::io::Write;
use std::process::{Command, Stdio};

/// SplitMix64: deterministic, seedable, no extra dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn edge_values() -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.2,
        0.3,
        1e21,
        1e20,
        999999999999999900000.0,
        1e-7,
        1e-6,
        1.5e-7,
        123456789012345680000.0,
        5e-324,
        -5e-324,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        9007199254740991.0,
        9007199254740992.0,
        9007199254740994.0,
        4.35,
        0.000001,
        1.7976931348623157e308,
        2.2250738585072014e-308,
        2.225073858507201e-308,
        100.0,
        1e100,
        1.23e-18,
        42.5,
        6578.71,
        -9271.72,
    ];
    for e in -330..=310 {
        let p = 10f64.powi(e);
        v.extend([
            p,
            -p,
            p * 1.5,
            p * 9.999999999999999,
            p * 7.0,
            p * 1.0000000000000002,
        ]);
    }
    for k in 0..64 {
        let p = 2f64.powi(k);
        v.extend([p, p - 1.0, p + 1.0, -p]);
    }
    v.into_iter().filter(|x| x.is_finite()).collect()
}

fn random_number_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.below(2) == 0 {
        s.push('-');
    }
    let int_digits = 1 + rng.below(22);
    if rng.below(5) == 0 {
        s.push('0');
    } else {
        s.push(char::from(b'1' + rng.below(9) as u8));
        for _ in 1..int_digits {
            s.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    if rng.below(2) == 0 {
        s.push('.');
        for _ in 0..1 + rng.below(25) {
            s.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    if rng.below(3) == 0 {
        s.push(if rng.below(2) == 0 { 'e' } else { 'E' });
        match rng.below(3) {
            0 => s.push('+'),
            1 => s.push('-'),
            _ => {}
        }
        s.push_str(&rng.below(330).to_string());
    }
    s
}

/// JavaScript's answers, or `None` (after a visible notice) when `node` is
/// not on the PATH outside CI.
fn js(input: &str) -> Option<Vec<String>> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/node/numbers.js");
    let spawned = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::env::var_os("CI").is_none() => {
            use std::io::Write as _;
            // The stderr handle, not eprintln!, so the notice shows without --nocapture.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED ECMAScript number differential: `node` is not on the PATH"
            );
            return None;
        }
        Err(e) => panic!("this test needs `node` on the PATH: {e}"),
    };
    let mut stdin = child.stdin.take().expect("stdin");
    let owned = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(owned.as_bytes()).expect("write to node"));
    let out = child.wait_with_output().expect("node output");
    writer.join().expect("writer");
    assert!(out.status.success(), "node failed");
    Some(
        String::from_utf8(out.stdout)
            .expect("utf8")
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

fn ours(x: f64) -> String {
    let mut buf = Vec::new();
    write_number(&mut buf, x).expect("finite");
    String::from_utf8(buf).expect("utf8")
}

#[test]
fn doubles_print_as_javascript_prints_them() {
    let mut rng = Rng(0x5eed_0001);
    let mut values = edge_values();
    // Random bit patterns cover every exponent; random small integers and
    // two-decimal amounts cover what deltas usually hold.
    while values.len() < 200_000 {
        let x = match rng.below(3) {
            0 => f64::from_bits(rng.next()),
            1 => (rng.next() as i64 >> rng.below(64)) as f64,
            _ => (rng.below(2_000_000_000) as f64 - 1e9) / 100.0,
        };
        if x.is_finite() {
            values.push(x);
        }
    }
    let input: String = values
        .iter()
        .map(|x| format!("b {:016x}\n", x.to_bits()))
        .collect();
    let Some(expected) = js(&input) else { return };
    assert_eq!(expected.len(), values.len());
    let mut mismatches = Vec::new();
    for (x, want) in values.iter().zip(&expected) {
        let got = ours(*x);
        if &got != want {
            mismatches.push(format!(
                "bits {:016x}: ours {got}, JavaScript {want}",
                x.to_bits()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} differ, first: {:?}",
        mismatches.len(),
        values.len(),
        &mismatches[..mismatches.len().min(5)]
    );
}

#[test]
fn number_texts_parse_and_print_as_javascript_does() {
    let mut rng = Rng(0x5eed_0002);
    let mut texts: Vec<String> = vec![
        "9007199254740993".into(),
        "-0".into(),
        "-0.0".into(),
        "1.0".into(),
        "42.50".into(),
        "1E21".into(),
        "1e-7".into(),
        "0.30000000000000004".into(),
        "2.4703282292062327e-324".into(),
        "2.4703282292062328e-324".into(),
        "1.7976931348623158e308".into(),
        "123456789012345678901234567890".into(),
        "0.1000000000000000055511151231257827021181583404541015625".into(),
    ];
    while texts.len() < 100_000 {
        texts.push(random_number_text(&mut rng));
    }
    // Texts beyond the double range become Infinity in JavaScript (and null in
    // JSON.stringify); the library refuses them. Compare only finite ones.
    let input: String = texts.iter().map(|t| format!("t {t}\n")).collect();
    let Some(expected) = js(&input) else { return };
    assert_eq!(expected.len(), texts.len());
    let mut compared = 0;
    for (t, want) in texts.iter().zip(&expected) {
        match canonical_json_str(t) {
            Ok(got) => {
                assert_eq!(&got, want, "text {t}");
                compared += 1;
            }
            Err(e) => assert!(
                want.contains("Infinity"),
                "text {t} refused ({e}) but JavaScript gives {want}"
            ),
        }
    }
    assert!(compared > 95_000, "only {compared} compared");
}
