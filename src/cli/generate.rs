//! `steward generate`: a large generated project for trying Steward at scale.

use std::path::Path;
use std::process::ExitCode;

use super::{fail, say, shown_path};
use crate::storage;

/// The most records per list `generate` writes: about 100 MB of JSON, far beyond any real
/// project, and well inside what Steward opens.
pub const MAX_RECORDS: u64 = 100_000;

pub(super) fn generate(out: &Path, records: u64, seed: u64) -> ExitCode {
    if records > MAX_RECORDS {
        return fail(
            format!(
                "--records {records} is too many: at most {} records per list are generated.",
                crate::model::readiness::thousands(MAX_RECORDS as usize)
            ),
            2,
        );
    }
    let sizes = crate::model::generate::Sizes::uniform(records as usize);
    let project = crate::model::generate::generate(sizes, seed);
    match storage::create_project(out, &project) {
        Ok(_) => {
            say(&format!("Wrote {} ({records} records per list).", shown_path(out)));
            ExitCode::SUCCESS
        }
        Err(err) if err.reason == storage::ALREADY_EXISTS => fail(
            format!("{} already exists: choose a new file name.", shown_path(out)),
            2,
        ),
        Err(err) => fail(err, 1),
    }
}
