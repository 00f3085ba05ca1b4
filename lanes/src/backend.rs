//! Which path the multi-lane functions take: detected once, overridable by
//! the `PACSPACE_KECCAK` environment variable (read once, with `std`) or by
//! [`force_backend`].

use core::fmt;
use core::sync::atomic::{AtomicU8, Ordering};

/// An implementation of the multi-lane permutations. Ordered from the
/// least to the most capable: a CPU with a backend has the ones below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Backend {
    /// Portable 64-bit integer code, one state after another.
    Scalar,
    /// AVX2: 4 states side by side in 256-bit registers (8 as two sets of 4).
    Avx2,
    /// AVX-512 (F and VL): 8 states in 512-bit registers, 4 in 256-bit ones,
    /// with single-instruction rotates and three-input logic.
    Avx512,
}

impl Backend {
    /// Every backend, from the least to the most capable.
    pub const ALL: [Backend; 3] = [Backend::Scalar, Backend::Avx2, Backend::Avx512];

    /// The name used by `PACSPACE_KECCAK` and [`Display`](fmt::Display):
    /// `scalar`, `avx2` or `avx512`.
    ///
    /// ```
    /// use pacspace_keccak_lanes::Backend;
    /// assert_eq!(Backend::Avx2.name(), "avx2");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Backend::Scalar => "scalar",
            Backend::Avx2 => "avx2",
            Backend::Avx512 => "avx512",
        }
    }

    /// The backend a name (as in `PACSPACE_KECCAK`, ASCII case and
    /// surrounding whitespace ignored) stands for.
    ///
    /// ```
    /// use pacspace_keccak_lanes::Backend;
    /// assert_eq!(Backend::from_name(" AVX512\n"), Some(Backend::Avx512));
    /// assert_eq!(Backend::from_name("sse2"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Backend> {
        let name = name.trim();
        Backend::ALL
            .into_iter()
            .find(|b| b.name().eq_ignore_ascii_case(name))
    }

    /// Whether this CPU can run the backend (always true for
    /// [`Backend::Scalar`]).
    ///
    /// ```
    /// use pacspace_keccak_lanes::Backend;
    /// assert!(Backend::Scalar.is_available());
    /// ```
    pub fn is_available(self) -> bool {
        match self {
            Backend::Scalar => true,
            #[cfg(target_arch = "x86_64")]
            Backend::Avx2 => crate::x86::has_avx2(),
            #[cfg(target_arch = "x86_64")]
            Backend::Avx512 => crate::x86::has_avx512(),
            #[cfg(not(target_arch = "x86_64"))]
            Backend::Avx2 | Backend::Avx512 => false,
        }
    }

    /// How many states the backend permutes at once at its best: 1, 4 or 8.
    ///
    /// ```
    /// use pacspace_keccak_lanes::Backend;
    /// assert_eq!(Backend::Avx512.lanes(), 8);
    /// ```
    pub const fn lanes(self) -> usize {
        match self {
            Backend::Scalar => 1,
            Backend::Avx2 => 4,
            Backend::Avx512 => 8,
        }
    }

    /// The most capable available backend not above `self`.
    fn best_at_most(self) -> Backend {
        Backend::ALL
            .into_iter()
            .rev()
            .find(|b| *b <= self && b.is_available())
            .unwrap_or(Backend::Scalar)
    }

    const fn code(self) -> u8 {
        match self {
            Backend::Scalar => 1,
            Backend::Avx2 => 2,
            Backend::Avx512 => 3,
        }
    }

    const fn from_code(code: u8) -> Option<Backend> {
        match code {
            1 => Some(Backend::Scalar),
            2 => Some(Backend::Avx2),
            3 => Some(Backend::Avx512),
            _ => None,
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A backend was forced that this CPU cannot run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Keccak backend {requested} is not available here (best available: {detected})")]
pub struct BackendUnavailable {
    /// The backend asked for.
    pub requested: Backend,
    /// The most capable backend this CPU has.
    pub detected: Backend,
}

/// The selected backend's code; 0 until the first [`backend`] call.
static SELECTED: AtomicU8 = AtomicU8::new(0);

/// The environment variable that forces a path: `scalar`, `avx2` or `avx512`.
pub const ENV_VAR: &str = "PACSPACE_KECCAK";

/// The most capable backend this CPU runs, whatever was forced.
///
/// ```
/// use pacspace_keccak_lanes::{Backend, detected_backend};
/// assert!(detected_backend() >= Backend::Scalar);
/// assert!(detected_backend().is_available());
/// ```
pub fn detected_backend() -> Backend {
    Backend::Avx512.best_at_most()
}

/// The backend [`f1600_x4`](crate::f1600_x4), [`f1600_x8`](crate::f1600_x8)
/// and the sponge use.
///
/// Chosen on the first call and cached: [`detected_backend`], or, with the
/// `std` feature and `PACSPACE_KECCAK` set to a backend's name, that
/// backend — or if this CPU lacks it, the most capable one it has below it
/// (never an illegal instruction). Other values of the variable are
/// ignored. [`force_backend`] replaces the choice at any time.
///
/// ```
/// use pacspace_keccak_lanes::backend;
/// assert!(backend().is_available());
/// ```
pub fn backend() -> Backend {
    if let Some(b) = Backend::from_code(SELECTED.load(Ordering::Relaxed)) {
        return b;
    }
    let chosen = requested().map_or_else(detected_backend, Backend::best_at_most);
    // A concurrent force_backend wins over the first detection.
    match SELECTED.compare_exchange(0, chosen.code(), Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => chosen,
        Err(current) => Backend::from_code(current).unwrap_or(chosen),
    }
}

#[cfg(feature = "std")]
fn requested() -> Option<Backend> {
    std::env::var(ENV_VAR)
        .ok()
        .as_deref()
        .and_then(Backend::from_name)
}

#[cfg(not(feature = "std"))]
fn requested() -> Option<Backend> {
    None
}

/// How many states to hand to the multi-lane functions at once for full
/// speed on the selected backend: 1, 4 or 8.
///
/// ```
/// let n = pacspace_keccak_lanes::preferred_lanes();
/// assert!([1, 4, 8].contains(&n));
/// ```
pub fn preferred_lanes() -> usize {
    backend().lanes()
}

/// Makes every later call use `backend` (replacing detection and
/// `PACSPACE_KECCAK`), process-wide; for tests and measurements.
///
/// # Errors
///
/// [`BackendUnavailable`] if this CPU cannot run `backend`; the selection
/// is then unchanged.
///
/// ```
/// use pacspace_keccak_lanes::{Backend, backend, detected_backend, force_backend};
/// force_backend(Backend::Scalar).unwrap();
/// assert_eq!(backend(), Backend::Scalar);
/// force_backend(detected_backend()).unwrap();
/// ```
pub fn force_backend(backend: Backend) -> Result<(), BackendUnavailable> {
    if backend.is_available() {
        SELECTED.store(backend.code(), Ordering::Relaxed);
        Ok(())
    } else {
        Err(BackendUnavailable {
            requested: backend,
            detected: detected_backend(),
        })
    }
}
