//! Receipts and webhooks (SPEC section 6): typed wire formats, one-call
//! verification returning a [`Report`], chain continuity.

pub(crate) mod artefact;
pub(crate) mod batch;
pub(crate) mod chain;
mod common;
pub(crate) mod detect;
pub(crate) mod emit;
pub(crate) mod mapping;
pub(crate) mod report;
pub(crate) mod status;
pub(crate) mod verify_answer;
pub(crate) mod webhook;
pub(crate) mod wire;
