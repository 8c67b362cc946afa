//! The plain words of load errors: where in the file (record and field), what kind of value
//! it holds, and what was expected instead.

use serde_json::Value;

use super::*;

pub(super) fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// "stakeholder 4 (\"Ann Lee\"), field \"power\"": where a value sits, for people.
pub fn location(path: &[Seg], doc: Option<&Value>) -> String {
    if path.is_empty() {
        return "the top of the file".into();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut node = doc;
    let mut list: Option<&str> = None;
    for seg in path {
        node = node.and_then(|v| match seg {
            Seg::Key(k) => v.get(k),
            Seg::Index(i) => v.get(*i),
        });
        match seg {
            Seg::Key(k) => {
                list = Some(k.as_str());
                if !is_list(k) {
                    parts.push(format!("field \"{}\"", printable(k)));
                }
            }
            Seg::Index(i) => {
                let kind = list.map(record_kind).unwrap_or("item");
                let label = node
                    .and_then(record_label)
                    .map(|l| format!(" (\"{l}\")"))
                    .unwrap_or_default();
                parts.push(format!("{kind} {}{label}", i + 1));
            }
        }
    }
    if let Some(Seg::Key(k)) = path.last()
        && is_list(k)
    {
        parts.push(format!("field \"{k}\""));
    }
    parts.join(", ")
}

pub(super) fn is_list(key: &str) -> bool {
    matches!(
        key,
        "areas"
            | "stakeholders"
            | "kickoff"
            | "handover"
            | "readiness_history"
            | "log"
            | "raci"
            | "commitments"
            | "ownership_team"
            | "meetings"
            | "agenda"
            | "minutes"
            | "attendees"
    )
}

pub(super) fn record_kind(list: &str) -> &'static str {
    match list {
        "areas" => "area",
        "stakeholders" => "stakeholder",
        "kickoff" => "kickoff item",
        "handover" => "hand-over item",
        "readiness_history" => "readiness snapshot",
        "log" => "log entry",
        "raci" => "RACI entry",
        "commitments" => "commitment",
        "ownership_team" => "ownership team member",
        "meetings" => "meeting",
        "agenda" => "agenda item",
        "minutes" => "minute",
        "attendees" => "attendee",
        _ => "item",
    }
}

/// A short name for a record, to help find it: its name, text, skill or date.
pub(super) fn record_label(v: &Value) -> Option<String> {
    ["name", "text", "skill", "title", "date"].iter().find_map(|k| {
        v.get(*k).and_then(Value::as_str).map(|s| {
            let short: String = s.chars().take(40).collect();
            printable(&short)
        })
    })
}

/// A value as people would describe it: `the text "high"`, `the number 300`, `a list`.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(60).collect();
            let more = if s.chars().count() > 60 { "…" } else { "" };
            format!("the text \"{}{more}\"", printable(&short))
        }
        Value::Array(_) => "a list ([ … ])".into(),
        Value::Object(_) => "a group of fields ({ … })".into(),
    }
}

/// What a type name from the reader means to people.
pub(super) fn expected_plain(expected: &str) -> String {
    let e = expected.trim();
    if matches!(e, "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64") || e.starts_with("a whole number") {
        return if e.starts_with("a whole number") {
            e.into()
        } else {
            "a whole number".into()
        };
    }
    if matches!(e, "f32" | "f64" | "a JSON number") || e.starts_with("a number") {
        return if e.starts_with("a number") {
            e.into()
        } else {
            "a number".into()
        };
    }
    if e == "a string" || e == "a formatted date string" || e.contains("date") {
        return if e.contains("date") {
            "a date written as YYYY-MM-DD".into()
        } else {
            "text in double quotes".into()
        };
    }
    if e == "a boolean" {
        return "true or false".into();
    }
    if e.starts_with("struct ") || e == "a map" {
        return "a group of fields ({ … })".into();
    }
    if e == "a sequence" {
        return "a list ([ … ])".into();
    }
    if e.starts_with("variant identifier") || e.starts_with("enum ") {
        return "one of the known choices".into();
    }
    e.to_string()
}

/// The reader's message about `value` in plain words.
pub(super) fn plain(message: &str, value: Option<&Value>) -> String {
    let holds = value.map(describe);
    if let Some(field) = missing_field(message) {
        return format!("the required field \"{field}\" is missing");
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("the field \"{field}\" is given twice");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
        let holds = holds.unwrap_or_else(|| rest.split(", expected").next().unwrap_or(rest).to_string());
        return format!("it holds {holds}, but it must be {}", expected_plain(expected));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let expected = rest.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
        let holds = holds.unwrap_or_else(|| rest.split(", expected").next().unwrap_or(rest).to_string());
        return format!("it holds {holds}, but it must be {}", expected_plain(expected));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (found, choices) = rest.split_once("`, expected").unwrap_or((rest, ""));
        let choices = choices
            .trim()
            .trim_start_matches("one of ")
            .trim_start_matches("one of")
            .replace('`', "\"");
        return format!(
            "\"{}\" is not one of the known choices ({})",
            printable(found),
            choices.trim()
        );
    }
    // chrono's date messages.
    let date_problem = match message {
        "input is out of range" => Some("is not a date that exists"),
        "input contains invalid characters"
        | "premature end of input"
        | "trailing input"
        | "input is not enough for unique date and time"
        | "bad or unsupported format string" => Some("is not a date written as YYYY-MM-DD"),
        _ => None,
    };
    if let Some(problem) = date_problem {
        return match value {
            Some(Value::String(s)) => format!("\"{}\" {problem}", printable(s)),
            _ => format!("the value {problem}"),
        };
    }
    match holds {
        Some(holds) => format!("it holds {holds}, which is refused: {message}"),
        None => message.to_string(),
    }
}

/// Text safe to print: control and bidirectional-override characters are shown as `\u{…}`
/// escapes, so that a name cannot start a new line, colour a terminal or reverse the text.
pub fn printable(text: &str) -> String {
    crate::sanitize::escape_controls(text).into_owned()
}
