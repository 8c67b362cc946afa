//! `steward import`: add stakeholders, kickoff items, hand-over items or test scenarios from a spreadsheet
//! (CSV, `.xlsx`, `.xls`, `.ods`) to a project, the same way the window's import preview does:
//! names resolve to existing people and areas, rows with problems are listed and skipped.

use std::path::Path;
use std::process::ExitCode;

use crate::app::read_sheets;
use crate::interop::import::{ImportList, import_edit};
use crate::model::apply;
use crate::storage;

use super::{CsvList, fail};

pub(super) struct ImportArgs<'a> {
    pub file: &'a Path,
    pub into: &'a Path,
    pub list: CsvList,
    pub sheet: Option<&'a str>,
    pub dry_run: bool,
}

pub(super) fn import(args: ImportArgs) -> ExitCode {
    let list = match args.list {
        CsvList::Stakeholders => ImportList::Stakeholders,
        CsvList::Kickoff => ImportList::Kickoff,
        CsvList::Handover => ImportList::Handover,
        CsvList::Scenarios => ImportList::Scenarios,
        CsvList::Results => {
            return fail(
                "--list results cannot be imported: import the scenarios sheet (--list scenarios), whose columns named after rounds carry the results.",
                2,
            );
        }
    };
    let sheets = match read_sheets(args.file) {
        Ok(sheets) => sheets,
        Err(reason) => return fail(format!("{}: {reason}", args.file.display()), 1),
    };
    let wanted = args.sheet.unwrap_or(list.sheet_name());
    let table = match sheets.iter().find(|(name, _)| name == wanted) {
        Some((_, table)) => table,
        None if args.sheet.is_none() => &sheets[0].1,
        None => {
            let names: Vec<_> = sheets.iter().map(|(n, _)| format!("\"{n}\"")).collect();
            return fail(
                format!(
                    "{} has no sheet \"{wanted}\"; it has {}",
                    args.file.display(),
                    names.join(", ")
                ),
                2,
            );
        }
    };
    let opened = match storage::open_project(args.into) {
        Ok(opened) => opened,
        Err(err) => return fail(err, 1),
    };
    let rows = list.preview(table, &list.guess(&table.headers, &opened.project), &opened.project);
    for problem in rows.iter().flat_map(|r| &r.problems) {
        eprintln!("{problem}");
    }
    let (edit, count) = import_edit(&opened.project, &rows);
    let skipped = rows.len() - count;
    let noun = list.noun();
    if args.dry_run {
        println!("Would import {count} {noun}(s); {skipped} row(s) have problems and would be skipped.");
        return ExitCode::SUCCESS;
    }
    if count == 0 {
        println!("Nothing imported: {skipped} row(s) have problems.");
        return ExitCode::from(1);
    }
    // Someone editing the project in the window would lose this import on their next save.
    let lock = match storage::acquire_lock(args.into, &format!("cli-{}", std::process::id())) {
        Ok(lock) => lock,
        Err(refused) => return fail(format!("{} is not changed: {refused}.", args.into.display()), 1),
    };
    let mut project = opened.project;
    if let Err(err) = apply(&mut project, edit) {
        return fail(format!("the import could not be applied: {err}"), 1);
    }
    // The file's project id and history carry on, with this import as its latest save.
    let summary = format!("{count} {noun}(s) imported by steward import");
    let result = storage::save_project_with(
        args.into,
        &project,
        Some(&opened.fingerprint),
        false,
        &opened.header.lineage,
        &summary,
    );
    lock.release();
    match result {
        Ok(_) => {
            println!(
                "Imported {count} {noun}(s) into {}; {skipped} row(s) skipped. The previous file is kept as {}.",
                args.into.display(),
                storage::backup_path(args.into).display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}
