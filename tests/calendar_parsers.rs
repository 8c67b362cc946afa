//! The calendar Steward writes, read by a parser that calendar software relies on: Python's
//! `icalendar` library (Debian's python3-icalendar). It must parse without a single error, with
//! the properties RFC 5545 requires on the calendar and on every event, every UID unique, and
//! every event an all-day date.
//!
//! Without python3 and its icalendar module the test says so and passes, unless
//! `STEWARD_REQUIRE_TOOLS=1` is set: CI (`scripts/test-interop.sh`) installs the module and sets
//! it, so there a missing parser fails the run.

use std::process::Command;

use steward::interop::ics::{CalendarOptions, calendar};
use steward::model::generate::{Sizes, generate};
use steward::model::schedule::ScheduleFilter;

/// Reads a calendar on standard input and prints one line per problem, then "events N".
const CHECK: &str = r#"
import sys
from icalendar import Calendar
data = sys.stdin.buffer.read()
cal = Calendar.from_ical(data)
problems = []
for prop in ("VERSION", "PRODID"):
    if prop not in cal:
        problems.append("calendar has no " + prop)
if str(cal.get("VERSION")) != "2.0":
    problems.append("VERSION is not 2.0")
uids = set()
events = 0
for component in cal.walk():
    for error in getattr(component, "errors", []):
        problems.append("%s: %s" % (component.name, error))
    if component.name != "VEVENT":
        continue
    events += 1
    for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
        if prop not in component:
            problems.append("event without " + prop)
    uid = str(component.get("UID"))
    if uid in uids:
        problems.append("UID used twice: " + uid)
    uids.add(uid)
    start = component.decoded("DTSTART")
    if type(start).__name__ != "date":
        problems.append("event is not all-day: %r" % (start,))
    if "DTEND" in component and component.decoded("DTEND") <= start:
        problems.append("event ends before it starts: " + uid)
for line in data.split(b"\r\n"):
    if len(line) > 75:
        problems.append("line longer than 75 octets")
for p in problems:
    print(p)
print("events %d" % events)
"#;

fn python_with_icalendar() -> bool {
    Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn python_icalendar_reads_every_event_without_a_problem() {
    if !python_with_icalendar() {
        let required = std::env::var("STEWARD_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "python3 with the icalendar module is required (STEWARD_REQUIRE_TOOLS=1) but missing"
        );
        eprintln!("python3-icalendar is not installed: skipping the calendar parser check");
        return;
    }
    let mut project = generate(Sizes::uniform(120), 3);
    // Text that needs escaping and folding: commas, semicolons, backslashes, line breaks, long
    // lines and characters of several bytes.
    project.kickoff[0].text = "Agree scope; budget, and \\ dates\nwith the vendor".into();
    project.handover[0].skill = "Überprüfung der Mitgliedsbeiträge ".repeat(6);
    for open_only in [false, true] {
        let options = CalendarOptions {
            filter: ScheduleFilter {
                person: None,
                open_only,
            },
            hide_names: false,
        };
        let bytes = calendar(&project, options, chrono::Utc::now());
        let mut child = Command::new("python3")
            .args(["-c", CHECK])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "the parser failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<&str> = stdout.lines().collect();
        let (last, problems) = lines.split_last().unwrap();
        assert!(problems.is_empty(), "open_only {open_only}: {problems:?}");
        let events: usize = last.strip_prefix("events ").unwrap().parse().unwrap();
        let written = String::from_utf8_lossy(&bytes).matches("BEGIN:VEVENT").count();
        assert_eq!(events, written, "the parser sees every event");
        assert!(events > 100, "a real calendar: {events} events");
    }
}
