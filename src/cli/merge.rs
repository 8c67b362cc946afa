//! `steward merge BASE MINE THEIRS --out FILE`: the app's three-way merge without a window,
//! usable as a git merge driver.

use std::path::Path;
use std::process::ExitCode;

use crate::model::merge::{Pick, merge_with};
use crate::storage;

use super::{Prefer, fail};

pub(super) fn merge(base: &Path, mine: &Path, theirs: &Path, out: &Path, prefer: Option<Prefer>) -> ExitCode {
    let mut read = Vec::new();
    let mut lineages = Vec::new();
    for file in [base, mine, theirs] {
        match storage::open_project(file) {
            Ok(opened) => {
                read.push(opened.project);
                lineages.push(opened.header.lineage);
            }
            Err(err) => return fail(err, 1),
        }
    }
    let (b, m, t) = (&read[0], &read[1], &read[2]);
    let first = merge_with(b, m, t, &[]);
    let conflicts = first.conflicts.len();
    let pick = match prefer {
        Some(Prefer::Mine) => Pick::Mine,
        Some(Prefer::Theirs) => Pick::Theirs,
        None => Pick::Mine,
    };
    for c in &first.conflicts {
        let record = if c.field.is_empty() {
            c.record.clone()
        } else {
            format!("{} › {}", c.record, c.field)
        };
        eprintln!("conflict: {record}\n  mine:   {}\n  theirs: {}", c.mine, c.theirs);
    }
    if conflicts > 0 && prefer.is_none() {
        return fail(
            format!(
                "{conflicts} conflict(s); nothing written. Settle them in the app, or run again with --prefer mine|theirs."
            ),
            1,
        );
    }
    let merged = if conflicts > 0 {
        merge_with(b, m, t, &vec![pick; conflicts])
    } else {
        first
    };
    // Both sides' saves are kept in the history, with one entry for this merge.
    let lineage = storage::Lineage {
        project_id: lineages[1].project_id.clone().or(lineages[2].project_id.clone()),
        history: storage::history::combine(&lineages[1].history, &lineages[2].history),
    };
    let revision = storage::new_revision();
    let who = storage::SavedBy::current();
    let lineage = lineage.after_save(
        &revision,
        &who,
        &format!("merged with steward merge: {}", merged.incoming.summary()),
    );
    let bytes = storage::to_bytes_with_lineage(&merged.project, &revision, Some(&who), &lineage);
    if let Err(err) = storage::atomic_write(out, &bytes) {
        return fail(err, 1);
    }
    let settled = match (conflicts, prefer) {
        (0, _) => String::new(),
        (n, Some(Prefer::Mine)) => format!("; {n} conflict(s) settled for mine"),
        (n, _) => format!("; {n} conflict(s) settled for theirs"),
    };
    println!(
        "Merged into {} ({} from theirs{settled}).",
        out.display(),
        merged.incoming.summary()
    );
    ExitCode::SUCCESS
}
