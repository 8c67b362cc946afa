//! The CSV table format: what Steward writes (UTF-8 with a byte-order mark and CRLF line ends,
//! which Excel and LibreOffice both open with the right columns and characters) and what it
//! reads (with or without a byte-order mark, comma- or semicolon-separated).

pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec())
}

pub(crate) fn finish(mut w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.flush().expect("writing to memory cannot fail");
    w.into_inner().expect("writing to memory cannot fail")
}

/// What a spreadsheet would take for the start of a formula: `=`, `+`, `-`, `@`, a tab or a
/// carriage return (OWASP's list for CSV injection).
fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as Steward writes it. Text that a spreadsheet would run as a formula gets a leading
/// apostrophe, which Excel and LibreOffice show as text; text that already starts with an
/// apostrophe gets one more, so that [`text_of_cell`] gives back exactly what was typed.
/// Bidirectional controls and control characters other than line breaks and tabs, which could
/// make a cell read differently from what it holds, are written as visible `\u{…}` escapes.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = |c: char| crate::sanitize::is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t');
    let mut out = std::borrow::Cow::Borrowed(text);
    if text.chars().any(risky) {
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if risky(c) {
                escaped.push_str(&format!("\\u{{{:04X}}}", c as u32));
            } else {
                escaped.push(c);
            }
        }
        out = std::borrow::Cow::Owned(escaped);
    }
    if starts_like_formula(&out) || out.starts_with('\'') {
        out = std::borrow::Cow::Owned(format!("'{out}"));
    }
    out
}

/// The text a cell that Steward wrote stands for: the apostrophe [`neutralise`] added is
/// taken off again.
pub fn text_of_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// A parsed spreadsheet: the header row and the data rows with their spreadsheet row numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// (row number as the spreadsheet shows it, the header being row 1; cells)
    pub rows: Vec<(usize, Vec<String>)>,
    pub delimiter: u8,
}

/// Reads CSV bytes: UTF-8 with or without a byte-order mark, comma- or semicolon-separated
/// (European Excel writes semicolons). Empty rows are skipped; ragged rows are accepted.
pub fn parse(bytes: &[u8]) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(
            "the file is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" and import that".into(),
        );
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 text (first bad byte at position {}); save it as \"CSV UTF-8\"",
            e.valid_up_to()
        )
    })?;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: {e}", index + 1))?;
        // Text is kept exactly as written; values are trimmed where they are parsed.
        // A cell Steward neutralised on export reads back as the text that was typed.
        let cells: Vec<String> = record.iter().map(|c| text_of_cell(c).to_string()).collect();
        if headers.is_none() {
            headers = Some(cells.iter().map(|h| h.trim().to_string()).collect());
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((index + 1, cells));
    }
    let headers = headers.ok_or("the file is empty")?;
    Ok(Table {
        headers,
        rows,
        delimiter,
    })
}

/// Semicolon when the header line has more semicolons than commas outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or("");
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}
