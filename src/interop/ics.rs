//! The project's dates as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple
//! Calendar import: all-day events, CRLF line ends, long lines folded at 75 octets, text
//! escaped, and a UID per event made of the project's unchanging uid and the item's key, so that
//! importing a newer export updates the events instead of adding them again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::model::people::shown_name;
use crate::model::schedule::{ScheduleFilter, dated_items};
use crate::model::{Project, Stakeholder, StakeholderId};

/// What goes into the calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CalendarOptions {
    pub filter: ScheduleFilter,
    /// People appear by role (or initials) instead of by name.
    pub hide_names: bool,
}

/// The calendar, as bytes ready to write. `now` stamps every event (DTSTAMP).
pub fn calendar(project: &Project, options: CalendarOptions, now: DateTime<Utc>) -> Vec<u8> {
    let items = dated_items(project, options.filter);
    // About 300 octets an event.
    let mut out = Ics(String::with_capacity(items.len() * 320 + 512));
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    // People are looked up once, not by a search of the list for every mention.
    let people: HashMap<StakeholderId, &Stakeholder> = project.stakeholders.iter().map(|s| (s.id, s)).collect();
    let person = |id: StakeholderId| {
        people
            .get(&id)
            .map_or(Cow::Borrowed("someone"), |s| shown_name(s, options.hide_names))
    };
    let domain = calendar_domain(project);
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(concat!(
        "PRODID:-//Steward//Steward ",
        env!("CARGO_PKG_VERSION"),
        "//EN"
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.property("X-WR-CALNAME", &calendar_name(project));
    let mut line = String::new();
    for item in items {
        let render = |phrase: &crate::model::people::Phrase| phrase.render(person);
        out.line("BEGIN:VEVENT");
        line.clear();
        let _ = write!(line, "UID:{}@{domain}", item.key);
        out.line(&line);
        line.clear();
        let _ = write!(line, "DTSTAMP:{stamp}");
        out.line(&line);
        line.clear();
        line.push_str("DTSTART;VALUE=DATE:");
        ical_date(&mut line, item.date);
        out.line(&line);
        if let Some(next) = item.date.succ_opt() {
            line.clear();
            line.push_str("DTEND;VALUE=DATE:");
            ical_date(&mut line, next);
            out.line(&line);
        }
        let mut summary = render(&item.title);
        if item.done {
            summary.push_str(" (done)");
        }
        out.property("SUMMARY", &summary);
        out.property("DESCRIPTION", &render(&item.detail));
        out.property("CATEGORIES", item.kind.label());
        // All-day reminders, not meetings: they do not make anyone look busy.
        out.line("TRANSP:TRANSPARENT");
        // Done items stay confirmed ("(done)" in the title): some clients delete cancelled
        // events on import, and the date still happened.
        out.line("STATUS:CONFIRMED");
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.0.into_bytes()
}

fn calendar_name(project: &Project) -> String {
    let name = project.details.name.trim();
    if name.is_empty() {
        "Steward project".into()
    } else {
        format!("{name} (Steward)")
    }
}

/// The right-hand side of every UID: the project's uid, or, for a file from before projects had
/// one, a name derived from what rarely changes (the organization and the kickoff date).
pub fn calendar_domain(project: &Project) -> String {
    let d = &project.details;
    let uid = if d.uid.trim().is_empty() {
        let seed = format!("{}|{:?}", d.organization.trim(), d.kickoff_date);
        format!("project-{:016x}", xxhash_rust::xxh3::xxh3_64(seed.as_bytes()))
    } else {
        d.uid.trim().to_string()
    };
    // A UID is text, but some clients choke on anything beyond letters, digits and a few marks.
    let uid: String = uid
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{uid}.steward")
}

/// A DATE value: YYYYMMDD (written directly; a format string is parsed on every use).
fn ical_date(out: &mut String, date: NaiveDate) {
    let _ = write!(out, "{:04}{:02}{:02}", date.year(), date.month(), date.day());
}

/// Lines of an iCalendar file.
#[derive(Default)]
struct Ics(String);

impl Ics {
    /// A text property, its value escaped.
    fn property(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + 1 + value.len() + 8);
        line.push_str(name);
        line.push(':');
        escape_into(&mut line, value);
        self.line(&line);
    }

    /// One content line, folded so that no physical line exceeds 75 octets, ended by CRLF.
    fn line(&mut self, line: &str) {
        fold_into(&mut self.0, line);
    }
}

/// Escapes TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// Folds one content line (RFC 5545 3.1): at most 75 octets per physical line, continuation
/// lines start with a space, and a UTF-8 character is never split.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    fold_into(&mut out, line);
    out
}

fn fold_into(out: &mut String, line: &str) {
    // Most lines are short: copied whole.
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Sizes, generate};
    use crate::model::{KickoffId, KickoffItem};
    use chrono::{NaiveDate, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 8, 30, 0).unwrap()
    }

    fn text(project: &Project, options: CalendarOptions) -> String {
        String::from_utf8(calendar(project, options, now())).unwrap()
    }

    /// Unfolds content lines as a reader does (RFC 5545 3.1).
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn lines_end_in_crlf_and_are_at_most_75_octets() {
        let mut p = generate(Sizes::uniform(30), 2);
        p.kickoff[0].text = "Ünïcode everywhere: ".repeat(12);
        p.kickoff[0].due = NaiveDate::from_ymd_opt(2026, 10, 1);
        let ics = text(&p, CalendarOptions::default());
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "no bare LF");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Folding never splits a character, and unfolding gives back the text.
        let unfolded = unfold(&ics);
        assert!(
            unfolded.iter().any(|l| l.contains(&"Ünïcode everywhere: ".repeat(12))),
            "{unfolded:?}"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        let mut p = Project::default();
        p.details.uid = "u1".into();
        let mut k = KickoffItem::new(KickoffId(7), "Roles, rights; and \\ more\nsecond line");
        k.due = NaiveDate::from_ymd_opt(2027, 1, 4);
        p.kickoff.push(k);
        let lines = unfold(&text(&p, CalendarOptions::default()));
        assert!(
            lines.contains(&"SUMMARY:Kickoff: Roles\\, rights\\; and \\\\ more\\nsecond line".to_string()),
            "{lines:?}"
        );
    }

    #[test]
    fn events_are_all_day_with_stable_unique_uids() {
        let mut p = generate(Sizes::uniform(50), 4);
        let first = unfold(&text(&p, CalendarOptions::default()));
        // Renaming the project or an item, or moving a date, keeps the event's UID.
        p.details.name = "Renamed".into();
        p.handover[0].skill = "Renamed skill".into();
        let again = unfold(&text(&p, CalendarOptions::default()));
        let uids = |lines: &[String]| {
            lines
                .iter()
                .filter(|l| l.starts_with("UID:"))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(uids(&first), uids(&again));
        let mut unique = uids(&first);
        let n = unique.len();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), n, "UIDs are unique");
        assert!(unique.iter().all(|u| u.ends_with("@generated-4.steward")));
        let events = first.iter().filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(events, n);
        assert_eq!(first.iter().filter(|l| l.starts_with("DTSTART;VALUE=DATE:")).count(), n);
        assert_eq!(
            first
                .iter()
                .filter(|l| l.starts_with("DTSTAMP:20261125T083000Z"))
                .count(),
            n
        );
        // DTEND is the day after DTSTART (exclusive end of an all-day event).
        let exit = p.details.exit_date.unwrap();
        let at = first
            .iter()
            .position(|l| l == "UID:milestone-exit@generated-4.steward")
            .unwrap();
        assert!(first[at..].contains(&format!("DTSTART;VALUE=DATE:{}", exit.format("%Y%m%d"))));
        assert!(first[at..].contains(&format!(
            "DTEND;VALUE=DATE:{}",
            exit.succ_opt().unwrap().format("%Y%m%d")
        )));
    }

    #[test]
    fn the_calendar_has_the_required_structure() {
        let p = generate(Sizes::uniform(10), 1);
        let lines = unfold(&text(&p, CalendarOptions::default()));
        assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
        assert!(lines.contains(&"VERSION:2.0".to_string()));
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
        // Every event has exactly one UID, DTSTAMP and DTSTART (RFC 5545 3.6.1).
        let mut depth = 0;
        let mut seen: Vec<&str> = Vec::new();
        for l in &lines {
            match l.as_str() {
                "BEGIN:VEVENT" => {
                    depth += 1;
                    seen.clear();
                }
                "END:VEVENT" => {
                    depth -= 1;
                    for required in ["UID", "DTSTAMP", "DTSTART"] {
                        assert_eq!(seen.iter().filter(|p| **p == required).count(), 1, "{required}");
                    }
                }
                _ if depth == 1 => seen.push(l.split([':', ';']).next().unwrap()),
                _ => {}
            }
            // Property names are followed by ':' or ';' (no stray text lines).
            assert!(l.contains(':'), "{l}");
        }
        assert_eq!(depth, 0);
    }

    #[test]
    fn hidden_names_and_filters() {
        let p = generate(Sizes::uniform(30), 8);
        let who = p.handover.iter().find_map(|h| h.internal_owner).unwrap();
        let name = &p.stakeholder(who).unwrap().name;
        let shown = text(&p, CalendarOptions::default());
        assert!(shown.replace("\r\n ", "").contains(name.as_str()));
        let hidden = text(
            &p,
            CalendarOptions {
                hide_names: true,
                ..Default::default()
            },
        );
        for s in &p.stakeholders {
            assert!(!hidden.replace("\r\n ", "").contains(&s.name), "{} appears", s.name);
        }
        let mine = text(
            &p,
            CalendarOptions {
                filter: ScheduleFilter {
                    person: Some(who),
                    open_only: true,
                },
                ..Default::default()
            },
        );
        assert!(mine.matches("BEGIN:VEVENT").count() < shown.matches("BEGIN:VEVENT").count());
        assert!(!mine.contains("(done)"), "only open items");
    }

    #[test]
    fn files_without_a_uid_get_a_stable_one() {
        let mut p = generate(Sizes::uniform(3), 1);
        p.details.uid.clear();
        let a = calendar_domain(&p);
        p.details.name = "Another name".into();
        assert_eq!(a, calendar_domain(&p));
        assert!(a.starts_with("project-"));
    }
}
