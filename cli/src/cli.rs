//! Command-line arguments.

use clap::{Parser, Subcommand};
use pacspace_proof::NodeEncoding;
use std::path::PathBuf;

/// Verify PacSpace balance receipts, item hashes, roots and inclusion proofs offline.
#[derive(Debug, Parser)]
#[command(name = "pacspace-verify", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Each verb reads JSON from FILE, or from standard input when FILE is absent or `-`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the canonical JSON of the input value.
    Canonical {
        /// Input file (`-` or absent: standard input).
        file: Option<PathBuf>,
    },
    /// Print the 0x item hash of one item object.
    ItemHash {
        /// Input file (`-` or absent: standard input).
        file: Option<PathBuf>,
    },
    /// Print the itemsRoot of a JSON array of item objects or 0x item hashes.
    Root {
        /// Input file (`-` or absent: standard input).
        file: Option<PathBuf>,
        /// How internal nodes join their children.
        #[arg(long, default_value = "hex0x", value_parser = parse_encoding)]
        node_encoding: NodeEncoding,
    },
    /// Print the inclusion proof of item INDEX as one JSON object.
    Prove {
        /// Input file (`-` or absent: standard input).
        file: Option<PathBuf>,
        /// Position of the item, from 0.
        #[arg(long)]
        index: u64,
        /// How internal nodes join their children.
        #[arg(long, default_value = "hex0x", value_parser = parse_encoding)]
        node_encoding: NodeEncoding,
    },
    /// Verify a proof object as printed by `prove`, or a multi-proof (an object
    /// with `indices`): exit 0 verified, 1 not.
    VerifyProof {
        /// Input file (`-` or absent: standard input).
        file: Option<PathBuf>,
        /// Node encoding when the proof carries no "nodeEncoding" (which wins when present).
        #[arg(long, value_parser = parse_encoding)]
        node_encoding: Option<NodeEncoding>,
        /// Also require the proof's itemsRoot to equal this trusted root (e.g. your receiptId).
        #[arg(long)]
        expect_root: Option<String>,
        /// Print a machine-readable verdict.
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Receipts(crate::receipt_cmds::ReceiptCommand),
    /// Fetch what the service publishes about RECEIPT_ID and verify it locally:
    /// exit 0 verified, 1 not verified or nothing checkable, 2 bad input or fetch failure.
    Fetch(crate::fetch_cmd::FetchArgs),
}

fn parse_encoding(s: &str) -> Result<NodeEncoding, String> {
    s.parse()
        .map_err(|e: pacspace_proof::hashing::ParseNodeEncodingError| e.to_string())
}
