//! `fieldnotes`: the command line over fieldnotes-core.
//!
//! It only parses, asks for passphrases and prints; every rule lives in the
//! core. Each command unlocks the vault, does its work and locks it again,
//! so keys live only for the length of one command.
//!
//! What lives where:
//! - [`cli`]: the global options and the list of commands;
//! - [`command`]: one module per concern (`vault`, `case`, `note`, `need`,
//!   `consent`, `followup`, `attach`, `records`, `audit`, `exchange`,
//!   `backup`), each with its clap arguments and its `run`, and the routing;
//! - [`output`]: printing shared by several commands (`--json` or text);
//! - [`secret`]: where passphrases come from;
//! - [`report`]: how a failure is printed (`error[code]` and a hint) and
//!   its exit status (0 success, 1 failed, 2 usage, 3 no vault, 4 wrong
//!   passphrase, 5 bundle refused, 6 damaged data).

mod cli;
mod command;
mod output;
mod report;
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
    match command::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report::failure(&e),
    }
}
