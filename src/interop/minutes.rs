//! A meeting's minutes as one self-contained HTML page to send round: who attended in which
//! role, the agenda with the times it actually took, the decisions, the actions with their
//! owners and due dates (and how each stands in the checklist today), and the questions still
//! to settle. No scripts, nothing fetched; it prints well. With `hide_names`, people appear by
//! role or initials, and a stakeholder's full name typed into a minute is replaced the same way.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use super::report::{ReportOptions, escape};
use crate::model::people::{shown_id, shown_name};
use crate::model::{Choice, Meeting, MeetingId, Minute, MinuteKind, Project};

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:16px;color:#1d1d1f;background:#fff;line-height:1.4}
main{max-width:900px;margin:0 auto}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:2px solid #ddd;padding-bottom:.2em}
.muted{color:#555}.done{color:#1e7a46}.late{color:#b3261e;font-weight:600}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f2f2f2}
ol li{margin:.3em 0}
@media print{body{padding:0}h2{break-after:avoid}section{break-inside:avoid-page}.scroll{overflow:visible}}
"#;

/// The minutes of `meeting`, or `None` when it does not exist.
pub fn html_minutes(project: &Project, meeting: MeetingId, today: NaiveDate, options: ReportOptions) -> Option<String> {
    let m = project.meeting(meeting)?;
    let hide = options.hide_names;
    let who = |id| escape(&shown_id(project, id, hide, ""));
    let text = |t: &str| escape(&if hide { redact(project, t) } else { Cow::Borrowed(t) });
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Minutes: {}</title><style>{STYLE}</style></head><body><main>",
        escape(&m.title)
    );
    let _ = write!(h, "<h1>Minutes: {}</h1>", escape(&m.title));
    let date = m.date.map(|d| d.format("%A %-d %B %Y").to_string()).unwrap_or_default();
    let _ = write!(
        h,
        "<p>{} · {}{}{}</p>",
        escape(&project.details.name),
        m.kind.label(),
        if date.is_empty() { "" } else { " · " },
        date
    );
    let held = match (m.started, m.ended) {
        (Some(s), Some(e)) => format!(
            "Held {}–{} ({} minutes; {} planned).",
            s.format("%H:%M"),
            e.format("%H:%M"),
            minutes_between(s, e),
            m.planned_minutes()
        ),
        _ => format!("Not yet held: {} minutes planned.", m.planned_minutes()),
    };
    let _ = write!(
        h,
        "<p class=\"muted\">{held} Written by Steward on {}.</p>",
        today.format("%Y-%m-%d")
    );

    let _ = write!(h, "<section><h2>Attendees ({})</h2>", m.attendees.len());
    if m.attendees.is_empty() {
        h.push_str("<p class=\"muted\">No attendees recorded.</p>");
    } else {
        h.push_str("<div class=\"scroll\"><table><tr>");
        if !hide {
            h.push_str("<th>Name</th>");
        }
        h.push_str("<th>Role</th><th>Side</th></tr>");
        for id in &m.attendees {
            let Some(person) = project.stakeholder(*id) else {
                continue;
            };
            h.push_str("<tr>");
            if !hide {
                let _ = write!(h, "<td>{}</td>", escape(&person.name));
            }
            let role = if hide {
                shown_name(person, true)
            } else {
                Cow::Borrowed(person.role.as_str())
            };
            let _ = write!(h, "<td>{}</td><td>{}</td></tr>", escape(&role), person.side.label());
        }
        h.push_str("</table></div>");
    }
    h.push_str("</section>");

    let _ = write!(h, "<section><h2>Agenda ({} minutes planned)</h2>", m.planned_minutes());
    if m.agenda.is_empty() {
        h.push_str("<p class=\"muted\">No agenda.</p>");
    } else {
        h.push_str("<div class=\"scroll\"><table><tr><th></th><th>Item</th><th>Presented by</th><th>Planned</th><th>Actual</th></tr>");
        for (i, item) in m.agenda.iter().enumerate() {
            let actual = match (item.started, item.ended) {
                (Some(s), Some(e)) => {
                    let took = minutes_between(s, e);
                    let class = if took > item.planned_minutes as i64 {
                        " class=\"late\""
                    } else {
                        ""
                    };
                    format!(
                        "<td{class}>{}–{} ({took} min)</td>",
                        s.format("%H:%M"),
                        e.format("%H:%M")
                    )
                }
                _ => "<td class=\"muted\">not reached</td>".into(),
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} min</td>{actual}</tr>",
                i + 1,
                escape(&item.title),
                who(item.presenter),
                item.planned_minutes
            );
        }
        h.push_str("</table></div>");
    }
    h.push_str("</section>");

    let decisions: Vec<&Minute> = m.minutes.iter().filter(|x| x.kind == MinuteKind::Decision).collect();
    let _ = write!(h, "<section><h2>Decisions ({})</h2>", decisions.len());
    if decisions.is_empty() {
        h.push_str("<p class=\"muted\">No decisions recorded.</p>");
    } else {
        h.push_str("<ol>");
        for d in decisions {
            let _ = write!(h, "<li>{}{}</li>", text(&d.text), on_item(m, d));
        }
        h.push_str("</ol>");
    }
    h.push_str("</section>");

    for (kind, title, owner) in [
        (MinuteKind::Action, "Actions", "Owner"),
        (MinuteKind::Question, "Questions to settle", "Who settles it"),
    ] {
        let list: Vec<&Minute> = m.minutes.iter().filter(|x| x.kind == kind).collect();
        if list.is_empty() && kind == MinuteKind::Question {
            continue;
        }
        let _ = write!(h, "<section><h2>{title} ({})</h2>", list.len());
        if list.is_empty() {
            h.push_str("<p class=\"muted\">No actions recorded.</p></section>");
            continue;
        }
        let _ = write!(
            h,
            "<div class=\"scroll\"><table><tr><th>{}</th><th>{owner}</th><th>Due</th><th>Now</th></tr>",
            if kind == MinuteKind::Action {
                "Action"
            } else {
                "Question"
            }
        );
        for x in list {
            let item = x.item.and_then(|id| project.kickoff.iter().find(|k| k.id == id));
            let (owner, due, state) = match item {
                Some(k) => {
                    let state = if let Some(on) = k.done_on {
                        format!("<span class=\"done\">Settled on {on}</span>")
                    } else if k.is_overdue(today) {
                        "<span class=\"late\">Overdue</span>".into()
                    } else {
                        "Open".into()
                    };
                    (who(k.owner), k.due.map(|d| d.to_string()).unwrap_or_default(), state)
                }
                None => (
                    String::new(),
                    String::new(),
                    "<span class=\"muted\">no longer on the checklist</span>".into(),
                ),
            };
            let _ = write!(
                h,
                "<tr><td>{}{}</td><td>{owner}</td><td>{due}</td><td>{state}</td></tr>",
                text(&x.text),
                on_item(m, x)
            );
        }
        h.push_str("</table></div></section>");
    }
    h.push_str("</main></body></html>\n");
    Some(h)
}

/// " (on: Roles and ownership)": the agenda item a minute was recorded on.
fn on_item(meeting: &Meeting, minute: &Minute) -> String {
    minute
        .agenda
        .and_then(|a| meeting.agenda_item(a))
        .map(|a| format!(" <span class=\"muted\">({})</span>", escape(&a.title)))
        .unwrap_or_default()
}

fn minutes_between(start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    (end - start).num_minutes().max(0)
}

/// Text typed in a meeting with every stakeholder's full name, as a whole word, replaced by
/// how they appear with names hidden. The longest names are tried first at each place, and
/// what replaced a name is never looked at again, so "Ann" cannot match inside "Anna Berg" or
/// inside a role put in for someone else.
fn redact<'a>(project: &Project, text: &'a str) -> Cow<'a, str> {
    let mut names: Vec<(&str, Cow<str>)> = project
        .stakeholders
        .iter()
        .filter(|s| !s.name.trim().is_empty())
        .map(|s| (s.name.trim(), shown_name(s, true)))
        .collect();
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    if !names.iter().any(|(name, _)| text.contains(name)) {
        return Cow::Borrowed(text);
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    'scan: while let Some(c) = rest.chars().next() {
        if !word(before) {
            for (name, shown) in &names {
                if let Some(after) = rest.strip_prefix(name)
                    && !word(after.chars().next())
                {
                    out.push_str(shown);
                    rest = after;
                    before = name.chars().last();
                    continue 'scan;
                }
            }
        }
        out.push(c);
        before = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stakeholder, StakeholderId};

    fn demo() -> Project {
        crate::storage::demo_project()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    const VENDOR_KICKOFF: MeetingId = MeetingId(320);

    #[test]
    fn the_minutes_list_attendees_agenda_times_decisions_and_actions() {
        let html = html_minutes(&demo(), VENDOR_KICKOFF, today(), ReportOptions::default()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        for forbidden in ["<script", "<link", "src=", "@import", "url(", "http"] {
            assert!(!html.contains(forbidden), "found {forbidden}");
        }
        for section in [
            "Attendees (14)",
            "Agenda (80 minutes planned)",
            "Decisions (3)",
            "Actions (4)",
        ] {
            assert!(html.contains(section), "missing {section}");
        }
        assert!(html.contains("<td>Tom Okafor</td><td>Director of membership</td><td>Staff</td>"));
        assert!(html.contains("Held 09:30–11:12 (102 minutes; 80 planned)."));
        // Roles took 21 minutes of the 15 planned: marked.
        assert!(html.contains("<td class=\"late\">10:01–10:22 (21 min)</td>"), "{html}");
        // The action's owner and due date come from its checklist item, with how it stands.
        assert!(html.contains("Name a staff tester for every area before go-live"));
        assert!(html.contains("<td>Tom Okafor</td><td>2026-11-09</td><td><span class=\"late\">Overdue</span>"));
        assert!(html.contains("Settled on 2026-09-21"));
        assert!(
            html.contains("(How we work together)"),
            "the agenda item each was recorded on"
        );
    }

    #[test]
    fn hiding_names_leaves_no_name_anywhere_in_the_minutes() {
        let project = demo();
        for meeting in &project.meetings {
            let html = html_minutes(&project, meeting.id, today(), ReportOptions { hide_names: true }).unwrap();
            for person in &project.stakeholders {
                assert!(
                    !html.contains(&person.name),
                    "{} appears in {}",
                    person.name,
                    meeting.title
                );
                assert!(!html.contains(&escape(&person.name)));
            }
        }
        let html = html_minutes(&project, VENDOR_KICKOFF, today(), ReportOptions { hide_names: true }).unwrap();
        assert!(
            html.contains("<td>Director of membership</td><td>Staff</td>"),
            "roles instead"
        );
        assert!(
            html.contains("Director of membership is the system owner; Finance manager and IT and data officer form"),
            "names typed into a decision are replaced too: {html}"
        );
        // The test can fail: with names shown, they are there.
        let shown = html_minutes(&project, VENDOR_KICKOFF, today(), ReportOptions::default()).unwrap();
        assert!(shown.contains("Tom Okafor is the system owner"));
    }

    #[test]
    fn names_in_typed_text_are_replaced_whole_and_never_garbled() {
        let mut p = Project::default();
        for (id, name, role) in [(1, "Ann", "Chair"), (2, "Anna Berg", ""), (3, "Bo", "Clerk")] {
            let mut s = Stakeholder::new(StakeholderId(id), name);
            s.role = role.into();
            p.stakeholders.push(s);
        }
        assert_eq!(
            redact(&p, "Anna Berg and Ann, with Annabel; Bo's Bob"),
            "AB and Chair, with Annabel; Clerk's Bob"
        );
        assert_eq!(redact(&p, "nobody here"), "nobody here");
        assert_eq!(redact(&p, "Ann"), "Chair");
    }

    #[test]
    fn text_is_escaped_and_a_missing_meeting_gives_nothing() {
        let mut project = demo();
        project.meetings[0].title = "<b>R&D</b>".into();
        project.meetings[0].minutes[0].text = "<script>alert(1)</script>".into();
        let html = html_minutes(&project, project.meetings[0].id, today(), ReportOptions::default()).unwrap();
        assert!(html.contains("Minutes: &lt;b&gt;R&amp;D&lt;/b&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html_minutes(&project, MeetingId(1), today(), ReportOptions::default()).is_none());
    }
}
