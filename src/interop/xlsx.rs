//! Workbooks: the whole project as one `.xlsx` file (a sheet per list, written from the same
//! column definitions as the tables and the CSV exports), and reading the sheets of `.xlsx`,
//! `.xls` and `.ods` files for the import preview.
//!
//! Every text cell is written with `write_string`, which stores a string and never a formula:
//! a name such as `=HYPERLINK(…)` or `+49 30 1234` stays the text it was.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::csv::Table;
use crate::model::columns::{Listed, Names};
use crate::model::findings::{Severity, findings};
use crate::model::people::shown_id;
use crate::model::{Choice, HandoverItem, KickoffItem, Project, Raci, Scenario, Stakeholder};

/// The sheet names Steward writes; the import preview offers the sheet that fits the list.
pub const STAKEHOLDERS_SHEET: &str = "Stakeholders";
pub const KICKOFF_SHEET: &str = "Kickoff checklist";
pub const HANDOVER_SHEET: &str = "Exit plan";
pub const SCENARIOS_SHEET: &str = "Test scenarios";

/// How a workbook treats people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkbookOptions {
    /// People by role or initials, and no contact details or notes, on every sheet.
    pub hide_names: bool,
}

const LATE_FILL: u32 = 0xFFC7CE; // light red, with dark red text: Excel's own "bad" style
const LATE_TEXT: u32 = 0x9C0006;
const MEDIUM_FILL: u32 = 0xFFEB9C;

struct Formats {
    header: Format,
    date: Format,
    late: Format,
    late_date: Format,
    medium: Format,
}

impl Formats {
    fn new() -> Formats {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let late = Format::new()
            .set_background_color(Color::RGB(LATE_FILL))
            .set_font_color(Color::RGB(LATE_TEXT));
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            late_date: late.clone().set_num_format("yyyy-mm-dd"),
            late,
            date,
            medium: Format::new().set_background_color(Color::RGB(MEDIUM_FILL)),
        }
    }
}

/// The project as a workbook: project details, stakeholders (with quadrant and engagement gap),
/// RACI, kickoff checklist, exit plan, test scenarios (with a column per round) and findings.
/// Overdue kickoff items, late hand-overs and high findings are coloured. Fails only when a cell
/// is longer than a spreadsheet allows.
pub fn export_workbook(project: &Project, today: NaiveDate) -> Result<Vec<u8>, String> {
    export_workbook_with(project, today, WorkbookOptions::default())
}

/// [`export_workbook`], with names hidden when asked.
pub fn export_workbook_with(project: &Project, today: NaiveDate, options: WorkbookOptions) -> Result<Vec<u8>, String> {
    build(project, today, options).map_err(|e| format!("the workbook could not be written: {e}"))
}

fn build(project: &Project, today: NaiveDate, options: WorkbookOptions) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let hide = options.hide_names;
    let names = if hide {
        Names::hiding(project)
    } else {
        Names::of(project)
    };
    let lists = Lists {
        project,
        names: &names,
        f: &f,
        hide,
    };
    details_sheet(book.add_worksheet(), project, &f)?;
    lists.sheet::<Stakeholder>(book.add_worksheet(), STAKEHOLDERS_SHEET, |_| false)?;
    raci_sheet(book.add_worksheet(), project, &f, hide)?;
    lists.sheet::<KickoffItem>(book.add_worksheet(), KICKOFF_SHEET, |k| k.is_overdue(today))?;
    lists.sheet::<HandoverItem>(book.add_worksheet(), HANDOVER_SHEET, |h| h.is_late(today))?;
    scenarios_sheet(book.add_worksheet(), &lists)?;
    findings_sheet(book.add_worksheet(), project, today, &f, hide)?;
    book.save_to_buffer()
}

/// What every list sheet is written with.
struct Lists<'a> {
    project: &'a Project,
    names: &'a Names,
    f: &'a Formats,
    /// Names hidden: the columns that could name someone stay empty.
    hide: bool,
}

impl Lists<'_> {
    fn sheet<R: Listed>(
        &self,
        sheet: &mut Worksheet,
        name: &str,
        marked: impl Fn(&R) -> bool,
    ) -> Result<usize, XlsxError> {
        list_sheet::<R>(sheet, name, self, marked)
    }
}

/// The test scenarios, then each one's result in every round as a column named after the round,
/// as the CSV export has them (so the sheet imports back with its results).
fn scenarios_sheet(sheet: &mut Worksheet, lists: &Lists) -> Result<(), XlsxError> {
    let plan = &lists.project.testing;
    let first = lists.sheet::<Scenario>(sheet, SCENARIOS_SHEET, |_| false)?;
    let results: std::collections::HashMap<_, _> =
        plan.results.iter().map(|r| ((r.scenario, r.round), r.status)).collect();
    for (i, round) in plan.rounds.iter().enumerate() {
        let col = (first + i) as u16;
        sheet.write_string_with_format(0, col, &round.name, &lists.f.header)?;
        sheet.set_column_width(col, (round.name.len() as f64 + 2.0).max(12.0))?;
        for (row, scenario) in plan.scenarios.iter().enumerate() {
            if let Some(status) = results.get(&(scenario.id, round.id)) {
                sheet.write_string(row as u32 + 1, col, status.label())?;
            }
        }
    }
    filter(sheet, plan.scenarios.len(), first + plan.rounds.len())
}

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// A date cell, or the date as text where Excel has no date for it (before 1900).
fn write_date(sheet: &mut Worksheet, row: u32, col: u16, d: NaiveDate, format: &Format) -> Result<(), XlsxError> {
    match excel_date(d) {
        Some(x) => sheet.write_datetime_with_format(row, col, &x, format)?,
        None => sheet.write_string(row, col, d.to_string())?,
    };
    Ok(())
}

fn headers(sheet: &mut Worksheet, titles: &[&str], widths: &[f64], f: &Formats) -> Result<(), XlsxError> {
    for (col, (title, width)) in titles.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &f.header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn filter(sheet: &mut Worksheet, rows: usize, cols: usize) -> Result<(), XlsxError> {
    if cols > 0 {
        sheet.autofilter(0, 0, rows as u32, (cols - 1) as u16)?;
    }
    Ok(())
}

/// One list, one row per record, the columns the CSV export has. Dates become date cells and
/// scores number cells; rows for which `marked` holds are coloured.
/// Returns the number of columns written.
fn list_sheet<R: Listed>(
    sheet: &mut Worksheet,
    name: &str,
    lists: &Lists,
    marked: impl Fn(&R) -> bool,
) -> Result<usize, XlsxError> {
    let (project, names, f) = (lists.project, lists.names, lists.f);
    sheet.set_name(name)?;
    let columns: Vec<_> = R::columns().iter().filter(|c| c.exported).collect();
    let titles: Vec<_> = columns.iter().map(|c| c.header_in_export()).collect();
    // Table widths are pixels; a spreadsheet column is about 7 pixels per character.
    let widths: Vec<f64> = columns
        .iter()
        .map(|c| match c.width {
            Some(px) => (f64::from(px) / 7.0).clamp(6.0, 60.0),
            None if c.title == "Notes" || c.title.starts_with("What") => 40.0,
            None => (c.header_in_export().len() as f64 + 2.0).max(8.0),
        })
        .collect();
    headers(sheet, &titles, &widths, f)?;
    let rows = R::rows(project);
    for (i, record) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let mark = marked(record);
        for (col, column) in columns.iter().enumerate() {
            let col = col as u16;
            if lists.hide && column.private {
                if mark {
                    sheet.write_blank(row, col, &f.late)?;
                }
            } else if let Some(date) = column.date {
                match (date(record), mark) {
                    (Some(d), false) => write_date(sheet, row, col, d, &f.date)?,
                    (Some(d), true) => write_date(sheet, row, col, d, &f.late_date)?,
                    (None, true) => {
                        sheet.write_blank(row, col, &f.late)?;
                    }
                    (None, false) => {}
                }
            } else if let Some(number) = column.number {
                let n = number(record);
                if mark {
                    sheet.write_number_with_format(row, col, n, &f.late)?;
                } else {
                    sheet.write_number(row, col, n)?;
                }
            } else {
                let text = (column.text)(record, names);
                if mark {
                    sheet.write_string_with_format(row, col, text, &f.late)?;
                } else if !text.is_empty() {
                    sheet.write_string(row, col, text)?;
                }
            }
        }
    }
    filter(sheet, rows.len(), columns.len())?;
    Ok(columns.len())
}

fn details_sheet(sheet: &mut Worksheet, project: &Project, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Project")?;
    headers(sheet, &["Field", "Value"], &[22.0, 60.0], f)?;
    let d = &project.details;
    let texts = [
        ("Project", d.name.as_str()),
        ("Organization", &d.organization),
        ("System", &d.system),
        ("Vendor", &d.vendor),
    ];
    let mut row = 1;
    for (label, value) in texts {
        sheet.write_string(row, 0, label)?;
        sheet.write_string(row, 1, value)?;
        row += 1;
    }
    for (label, value) in [
        ("Kickoff", d.kickoff_date),
        ("Go-live", d.go_live_date),
        ("Consultants' exit", d.exit_date),
    ] {
        sheet.write_string(row, 0, label)?;
        if let Some(day) = value {
            write_date(sheet, row, 1, day, &f.date)?;
        }
        row += 1;
    }
    let owner = shown_id(project, d.system_owner, false, "");
    sheet.write_string(row, 0, "System owner")?;
    sheet.write_string(row, 1, owner)?;
    row += 1;
    let team: Vec<_> = d
        .ownership_team
        .iter()
        .map(|id| shown_id(project, Some(*id), false, "?"))
        .collect();
    sheet.write_string(row, 0, "Ownership team")?;
    sheet.write_string(row, 1, team.join(", "))?;
    row += 1;
    sheet.write_string(row, 0, "Notes")?;
    sheet.write_string(row, 1, &d.notes)?;
    Ok(())
}

/// One row per area: who is Accountable, Responsible, Consulted and Informed.
fn raci_sheet(sheet: &mut Worksheet, project: &Project, f: &Formats, hide_names: bool) -> Result<(), XlsxError> {
    sheet.set_name("RACI")?;
    headers(
        sheet,
        &[
            "Area",
            "Key area",
            "Accountable",
            "Responsible",
            "Consulted",
            "Informed",
        ],
        &[24.0, 10.0, 28.0, 36.0, 36.0, 36.0],
        f,
    )?;
    for (i, area) in project.areas.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &area.name)?;
        sheet.write_string(row, 1, if area.key { "yes" } else { "" })?;
        for (col, role) in [Raci::Accountable, Raci::Responsible, Raci::Consulted, Raci::Informed]
            .into_iter()
            .enumerate()
        {
            let people: Vec<_> = area
                .holders(role)
                .map(|id| shown_id(project, Some(id), hide_names, "?"))
                .collect();
            let accountable_problem = role == Raci::Accountable && people.len() != 1;
            if accountable_problem {
                sheet.write_string_with_format(row, col as u16 + 2, people.join(", "), &f.late)?;
            } else if !people.is_empty() {
                sheet.write_string(row, col as u16 + 2, people.join(", "))?;
            }
        }
    }
    filter(sheet, project.areas.len(), 6)
}

fn findings_sheet(
    sheet: &mut Worksheet,
    project: &Project,
    today: NaiveDate,
    f: &Formats,
    hide_names: bool,
) -> Result<(), XlsxError> {
    sheet.set_name("Findings")?;
    headers(
        sheet,
        &["Severity", "Rule", "Finding", "Why it matters"],
        &[10.0, 26.0, 70.0, 70.0],
        f,
    )?;
    let list = findings(project, today);
    let names = if hide_names {
        Names::hiding(project)
    } else {
        Names::of(project)
    };
    for (i, finding) in list.iter().enumerate() {
        let row = i as u32 + 1;
        let format = match finding.severity {
            Severity::High => Some(&f.late),
            Severity::Medium => Some(&f.medium),
            Severity::Low => None,
        };
        let title = finding.title_in(&names);
        let cells = [
            finding.severity.label(),
            finding.rule.name(),
            title.as_str(),
            finding.rule.why(),
        ];
        for (col, text) in cells.into_iter().enumerate() {
            match format {
                Some(format) => sheet.write_string_with_format(row, col as u16, text, format)?,
                None => sheet.write_string(row, col as u16, text)?,
            };
        }
    }
    filter(sheet, list.len(), 4)
}

/// The sheets of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`), each as a table whose first
/// row is the header. Dates become `2027-03-31`, whole numbers lose their `.0`.
pub fn read_workbook(bytes: Vec<u8>) -> Result<Vec<(String, Table)>, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("this is not a workbook Steward can read ({e})"))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet \"{name}\" could not be read ({e})"))?;
        sheets.push((name, table_of(&range)));
    }
    if sheets.is_empty() {
        return Err("the workbook has no sheets".into());
    }
    Ok(sheets)
}

fn table_of(range: &calamine::Range<Data>) -> Table {
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_col = range.start().map_or(0, |(_, col)| col as usize);
    let mut headers = None;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        // Cells left of the used range are empty columns the spreadsheet still counts.
        let cells: Vec<String> = std::iter::repeat_n(String::new(), first_col)
            .chain(cells.iter().map(cell_text))
            .collect();
        if headers.is_none() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            headers = Some(cells.iter().map(|h| h.trim().to_string()).collect());
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((first_row + i + 1, cells));
    }
    Table {
        headers: headers.unwrap_or_default(),
        rows,
        delimiter: b',',
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
