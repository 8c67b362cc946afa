//! `steward generate`: a large generated project for trying Steward at scale.

use std::path::Path;
use std::process::ExitCode;

use crate::storage;

pub(super) fn generate(out: &Path, records: usize, seed: u64) -> ExitCode {
    if out.exists() {
        eprintln!("{} already exists: choose a new file name.", out.display());
        return ExitCode::from(2);
    }
    let project = crate::model::generate::generate(crate::model::generate::Sizes::uniform(records), seed);
    match storage::save_project(out, &project, None, false) {
        Ok(_) => {
            println!("Wrote {} ({records} records per list).", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
