//! `steward upgrade`: rewrite a project in the current format through the safe save.

use std::path::Path;
use std::process::ExitCode;

use crate::storage;

use super::fail;

pub(super) fn upgrade(file: &Path) -> ExitCode {
    let opened = match storage::open_project(file) {
        Ok(opened) => opened,
        Err(err) => return fail(err, 1),
    };
    let from = opened.header.format_version;
    match storage::save_project(file, &opened.project, Some(&opened.fingerprint), false) {
        Ok(_) => {
            println!(
                "{} rewritten in format {} (was {from}); the previous file is kept as {}.",
                file.display(),
                storage::FORMAT_VERSION,
                storage::backup_path(file).display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}
