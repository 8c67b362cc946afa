//! `steward upgrade`: rewrite a project in the current format through the safe save.
//!
//! It respects what the app respects: it takes the lock file (and refuses while a colleague
//! holds it), leaves read-only files alone, and stops when the file changes underneath it.

use std::path::Path;
use std::process::ExitCode;

use super::{fail, say, shown_path};
use crate::storage::{self, LockRefused, SaveFailure};

pub(super) fn upgrade(file: &Path) -> ExitCode {
    let shown = shown_path(file);
    match std::fs::metadata(file) {
        Ok(meta) if meta.permissions().readonly() => {
            return fail(
                format!(
                    "{shown} is read-only, so it is left as it is. Make it writable first if it should be upgraded."
                ),
                1,
            );
        }
        _ => {}
    }
    let instance = uuid::Uuid::new_v4().to_string();
    let _lock = match storage::acquire_lock(file, &instance) {
        Ok(guard) => guard,
        Err(LockRefused::HeldByOther(info)) => {
            return fail(
                format!(
                    "{shown} is open for editing by {}: it was not changed. Upgrade it once they have closed it.",
                    info.describe()
                ),
                1,
            );
        }
        Err(refused) => return fail(format!("{shown} was not changed: {refused}."), 1),
    };
    let opened = match storage::open_project(file) {
        Ok(opened) => opened,
        Err(err) => return fail(err, 1),
    };
    let from = opened.header.format_version;
    let summary = format!("rewritten in format {} by steward upgrade", storage::FORMAT_VERSION);
    match storage::save_project_with(
        file,
        &opened.project,
        Some(&opened.fingerprint),
        false,
        &opened.header.lineage,
        &summary,
    ) {
        Ok(_) => {
            say(&format!(
                "{shown} rewritten in format {} (was {from}); the previous file is kept as {}.",
                storage::FORMAT_VERSION,
                shown_path(&storage::backup_path(&storage::real_path(file)))
            ));
            ExitCode::SUCCESS
        }
        Err(SaveFailure::Conflict) => fail(
            format!("{shown} was changed by someone else while it was being upgraded: it was not changed. Try again."),
            1,
        ),
        Err(err) => fail(err, 1),
    }
}
