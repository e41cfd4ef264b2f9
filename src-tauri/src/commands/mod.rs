//! The IPC commands, one module per area. Each command is a few lines over
//! `fieldnotes-core`; the work and the rules live in the core.

pub mod attachments;
pub mod audit;
pub mod cases;
pub mod records;
pub mod search;
pub mod settings;
pub mod vault;
