//! The chain check on several threads (`parallel`): the calling thread reads
//! the chunks (so the reader need not be `Send`) and hands each to a worker
//! thread with room in its queue, or reads it into facts itself when every
//! worker is busy; the facts are applied to the [`ChainVerifier`] in line
//! order as they come back. Workers are threads of this call (not rayon's
//! pool, whose threads must not wait on a channel); each keeps its own
//! [`LineReader`] from chunk to chunk. At most a few chunks are in flight,
//! so memory stays constant.

use super::chunks::{ChunkBuf, ChunkReader, Span};
use super::jsonl::{read_err, too_long};
use super::line::{LineReader, ProofFact};
use super::{ChainInputError, ChainReport, ChainVerifier};
use crate::NodeEncoding;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Bytes per chunk: smaller than the single thread's, as several are in flight.
pub(super) const CHUNK_BYTES: usize = 32 * 1024;
/// Chunks queued at one worker: one being read, one waiting.
const QUEUED: usize = 2;
/// Chunks read and not yet applied, beyond which the reader waits. Only the
/// front chunk is ever waited for, so the chunks in flight (and the memory
/// they hold) follow the input, not the threads' timing.
const PENDING: usize = 3;
/// Batches cached by each thread's reader (besides the last list).
const SLOTS: usize = 16;

/// One line's outcome and the bytes consumed once it is read.
type Outcome = (u64, Result<Option<ProofFact>, ChainInputError>);

/// A chunk and its lines' outcomes, passed between threads and reused.
#[derive(Debug, Default)]
struct Work {
    buf: ChunkBuf,
    hint: Option<NodeEncoding>,
    spans: Vec<Span>,
    out: Vec<Outcome>,
}

impl Work {
    /// Reads every line of the chunk, stopping at the first that fails.
    fn read(&mut self, reader: &mut LineReader, max_line_bytes: usize) {
        self.buf.spans(&mut self.spans);
        self.out.clear();
        if self.hint.is_some() {
            reader.hint = self.hint;
        }
        for span in &self.spans {
            let outcome = match self.buf.text(span, max_line_bytes) {
                Ok(text) => reader.read(text, span.number),
                Err(line) => Err(too_long(line, max_line_bytes)),
            };
            let failed = outcome.is_err();
            self.out.push((span.end, outcome));
            if failed {
                break;
            }
        }
    }
}

struct Worker {
    jobs: SyncSender<Work>,
    done: Receiver<Work>,
    queued: usize,
}

/// Where the facts of a chunk read but not applied are.
enum Pending {
    /// At worker i.
    At(usize),
    /// Read here.
    Here(Work),
}

/// Checks the rest of the stream (`first`: its first chunk, already read)
/// on `threads` threads, this one included (at most [`PENDING`]).
pub(super) fn run<R: Read>(
    verifier: ChainVerifier,
    chunks: ChunkReader<R>,
    first: ChunkBuf,
    threads: usize,
    max_line_bytes: usize,
    progress: impl FnMut(u64),
) -> Result<ChainReport, ChainInputError> {
    std::thread::scope(|scope| {
        let mut workers = Vec::new();
        // No more threads than chunks in flight.
        for _ in 1..threads.min(PENDING) {
            let (jobs, inbox) = sync_channel::<Work>(QUEUED);
            let (outbox, done) = sync_channel::<Work>(QUEUED);
            let spawned = std::thread::Builder::new()
                .name(String::from("chain-reader"))
                .spawn_scoped(scope, move || {
                    let mut reader = LineReader::with_slots(SLOTS);
                    for mut work in inbox {
                        work.read(&mut reader, max_line_bytes);
                        if outbox.send(work).is_err() {
                            break;
                        }
                    }
                });
            // Without the thread, this one does its share.
            if spawned.is_ok() {
                workers.push(Worker {
                    jobs,
                    done,
                    queued: 0,
                });
            }
        }
        let mut run = Run {
            verifier,
            workers,
            pending: VecDeque::new(),
            spare: Vec::new(),
            reader: LineReader::with_slots(SLOTS),
            max_line_bytes,
            progress,
        };
        let result = run.drive(chunks, first);
        // Closing the queues ends the workers; the scope waits for them.
        drop(run.workers);
        result.map(|()| run.verifier.finish())
    })
}

struct Run<F> {
    verifier: ChainVerifier,
    workers: Vec<Worker>,
    pending: VecDeque<Pending>,
    spare: Vec<Work>,
    reader: LineReader,
    max_line_bytes: usize,
    progress: F,
}

impl<F: FnMut(u64)> Run<F> {
    fn drive<R: Read>(&mut self, mut chunks: ChunkReader<R>, first: ChunkBuf) -> Result<(), ChainInputError> {
        let mut next = Some(first);
        loop {
            let mut work = self.spare.pop().unwrap_or_default();
            match next.take() {
                Some(buf) => work.buf = buf,
                None => match chunks.next_into(&mut work.buf) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        // The lines before come first.
                        self.apply_until(0)?;
                        return Err(read_err(e, self.max_line_bytes));
                    }
                },
            }
            work.hint = self.verifier.encoding_hint();
            self.dispatch(work);
            self.apply_until(PENDING - 1)?;
        }
        self.apply_until(0)
    }

    /// Hands `work` to the least busy worker with room, or reads it here.
    fn dispatch(&mut self, work: Work) {
        let free = self
            .workers
            .iter_mut()
            .enumerate()
            .filter(|(_, w)| w.queued < QUEUED)
            .min_by_key(|(_, w)| w.queued);
        let work = match free {
            Some((i, w)) => match w.jobs.send(work) {
                Ok(()) => {
                    w.queued += 1;
                    self.pending.push_back(Pending::At(i));
                    return;
                }
                // The worker is gone: read the chunk here.
                Err(back) => back.0,
            },
            None => work,
        };
        let mut work = work;
        work.read(&mut self.reader, self.max_line_bytes);
        self.pending.push_back(Pending::Here(work));
    }

    /// Applies chunks in order, waiting for them, until at most `left` are pending.
    fn apply_until(&mut self, left: usize) -> Result<(), ChainInputError> {
        while self.pending.len() > left {
            let work = match self.pending.pop_front() {
                Some(Pending::Here(w)) => w,
                Some(Pending::At(i)) => {
                    let worker = self.workers.get_mut(i).ok_or_else(lost)?;
                    let w = worker.done.recv().map_err(|_| lost())?;
                    worker.queued -= 1;
                    w
                }
                None => return Ok(()),
            };
            self.apply(work)?;
        }
        Ok(())
    }

    /// Checks the chunk's facts in line order; its buffers are kept for reuse.
    fn apply(&mut self, mut work: Work) -> Result<(), ChainInputError> {
        for (end, outcome) in work.out.drain(..) {
            self.verifier.count_line();
            if let Some(fact) = outcome? {
                self.verifier.apply(&fact);
            }
            (self.progress)(end);
        }
        self.spare.push(work);
        Ok(())
    }
}

/// A worker thread stopped before answering (not expected: the reading does not panic).
fn lost() -> ChainInputError {
    ChainInputError::Io(String::from("a chain-reading thread stopped"))
}
