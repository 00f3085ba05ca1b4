//! Multi-lane Keccak (`pacspace-keccak-lanes`) on fuzzer-chosen states and
//! messages: on every backend this CPU has, `f1600_x4`, `f1600_x8` and
//! `f1600_batch` equal the scalar `f1600` (itself equal to the `keccak`
//! crate's), and the Keccak-256 lanes — whole, in two parts, after a
//! prefix, with last parts of different lengths — equal
//! `pacspace_proof::keccak256` of each message.

use crate::reader::Reader;
use pacspace_keccak_lanes::{
    Backend, Keccak256Lanes, State, backend, f1600, f1600_batch, f1600_x4, f1600_x8, force_backend,
    keccak256_x,
};
use pacspace_proof::keccak256;

pub fn run(data: &[u8]) {
    let mut r = Reader::new(data);
    let flags = r.u8();
    let states = read_states(&mut r, flags);
    let batch_len = usize::from(r.u8() % 20);
    let prefix_len = usize::from(r.u8());
    let prefix = r.take(prefix_len).to_vec();
    let cut = usize::from(r.u16());
    // Eight messages of one length: the rest of the input, each lane's bytes
    // XORed with its index so that they differ.
    let base = r.rest();
    let messages: [Vec<u8>; 8] = core::array::from_fn(|i| base.iter().map(|b| b ^ i as u8).collect());
    let len = base.len();
    let cut = cut % (len + 1);

    // The scalar results, computed once.
    let mut want = states;
    for s in &mut want {
        let mut reference = *s;
        keccak::Keccak::new().with_f1600(|f| f(&mut reference));
        f1600(s);
        assert_eq!(*s, reference, "scalar f1600 differs from the keccak crate");
    }
    let batch: Vec<State> = (0..batch_len)
        .map(|i| states[(i * 3 + usize::from(flags)) % 8])
        .collect();
    let batch_want: Vec<State> = (0..batch_len)
        .map(|i| want[(i * 3 + usize::from(flags)) % 8])
        .collect();
    let digests: Vec<[u8; 32]> = messages.iter().map(|m| *keccak256(m).as_bytes()).collect();
    let prefixed: Vec<[u8; 32]> = messages
        .iter()
        .map(|m| *keccak256(&[prefix.as_slice(), m].concat()).as_bytes())
        .collect();

    // The same messages cut to different lengths (lane i keeps (i+1)/8 of
    // its bytes, at least the first `cut`), for last parts of any length.
    let unequal_lens: [usize; 8] = core::array::from_fn(|i| (len * (i + 1) / 8).max(cut.min(len)));
    let unequal_refs: [&[u8]; 8] = core::array::from_fn(|i| &messages[i][..unequal_lens[i]]);
    let unequal_digests: Vec<[u8; 32]> = unequal_refs.iter().map(|m| *keccak256(m).as_bytes()).collect();
    let prefixed_unequal: Vec<[u8; 32]> = unequal_refs
        .iter()
        .map(|m| *keccak256(&[prefix.as_slice(), m].concat()).as_bytes())
        .collect();

    let before = backend();
    for b in Backend::ALL {
        if force_backend(b).is_err() {
            continue;
        }
        let mut x8 = states;
        f1600_x8(&mut x8);
        assert_eq!(x8, want, "{b} x8");
        for half in 0..2 {
            let mut x4: [State; 4] = core::array::from_fn(|i| states[4 * half + i]);
            f1600_x4(&mut x4);
            assert_eq!(x4[..], want[4 * half..4 * half + 4], "{b} x4, half {half}");
        }
        let mut many = batch.clone();
        f1600_batch(&mut many);
        assert_eq!(many, batch_want, "{b} batch of {batch_len}");

        let refs: [&[u8]; 8] = core::array::from_fn(|i| messages[i].as_slice());
        let whole = keccak256_x(refs);
        assert_eq!(whole[..], digests[..], "{b} keccak256_x::<8>, length {len}");
        let four = keccak256_x([refs[0], refs[1], refs[2], refs[3]]);
        assert_eq!(four[..], digests[..4], "{b} keccak256_x::<4>, length {len}");
        let unequal = keccak256_x(unequal_refs);
        assert_eq!(
            unequal[..],
            unequal_digests[..],
            "{b} keccak256_x, lengths {unequal_lens:?}"
        );

        let mut h = Keccak256Lanes::<8>::with_prefix(&prefix);
        h.update(refs.map(|m| &m[..cut])).expect("equal lengths");
        h.update(refs.map(|m| &m[cut..])).expect("equal lengths");
        assert_eq!(
            h.finalize()[..],
            prefixed[..],
            "{b} prefix {prefix_len}, cut at {cut} of {len}"
        );

        let mut h = Keccak256Lanes::<8>::with_prefix(&prefix);
        h.update(refs.map(|m| &m[..cut])).expect("equal lengths");
        let tails: [&[u8]; 8] = core::array::from_fn(|i| &unequal_refs[i][cut.min(unequal_lens[i])..]);
        assert_eq!(
            h.finalize_with(tails)[..],
            prefixed_unequal[..],
            "{b} prefix {prefix_len}, cut at {cut}, lengths {unequal_lens:?}"
        );
    }
    force_backend(before).expect("the previous backend is available");
}

/// Eight states: every word from the input (bit 0 of `flags`), or one input
/// word per state in a few positions (sparse states, where a lane mix-up or
/// a wrong rotation stands out).
fn read_states(r: &mut Reader<'_>, flags: u8) -> [State; 8] {
    if flags & 1 != 0 {
        core::array::from_fn(|_| core::array::from_fn(|_| r.u64()))
    } else {
        core::array::from_fn(|i| {
            let word = r.u64();
            let mut s = [0u64; 25];
            s[(i * 7 + usize::from(flags >> 1)) % 25] = word;
            s[24 - i] ^= word.rotate_left(i as u32);
            s
        })
    }
}
