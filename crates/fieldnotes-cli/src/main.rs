//! `fieldnotes`: the command line over fieldnotes-core.
//!
//! It only parses, asks for passphrases and prints; every rule lives in the
//! core. Exit status: 0 on success, 1 when the command failed, 2 on a usage
//! error (clap's own). Each command unlocks the vault, does its work and
//! locks it again, so keys live only for the length of one command.

mod cli;
mod commands;
mod output;
mod secret;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A bug must not print a backtrace (with paths and values) at a user.
    std::panic::set_hook(Box::new(|_| {
        eprintln!("error: Fieldnotes hit an internal error and stopped; nothing was changed after the last saved record. Please report it.");
    }));
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
