//! `fieldnotes`: the command line over fieldnotes-core.
//!
//! It only parses, asks for passphrases and prints; every rule lives in the
//! core. Exit status: 0 on success, 1 when the command failed, 2 on a usage
//! error (clap's own). Each command unlocks the vault, does its work and
//! locks it again, so keys live only for the length of one command.

mod backup_cmd;
mod cli;
mod commands;
mod exchange_cmd;
mod output;
mod secret;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A bug must not print a backtrace (with paths and values) at a user.
    std::panic::set_hook(Box::new(|info| {
        // println! panics when stdout fails. A reader that went away
        // (`fieldnotes records | head`) is no error; anything else is the
        // output's problem, not a bug.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied());
        if let Some(cause) = message.and_then(|m| m.strip_prefix("failed printing to stdout: ")) {
            if !cause.starts_with("Broken pipe") {
                eprintln!("error: Could not write the output ({cause}). Check where it goes, then try again.");
            }
            return;
        }
        eprintln!("error: Fieldnotes hit an internal error and stopped; nothing was changed after the last saved record. Please report it.");
    }));
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Core errors already say what to do; for the rest, show the cause too.
            if e.downcast_ref::<fieldnotes_core::Error>().is_some() {
                eprintln!("error: {e}");
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::from(1)
        }
    }
}
