//! A self-contained HTML report for people who will never install Steward: one file with inline
//! styles and an inline SVG grid, no scripts and nothing fetched, readable on a phone and
//! printable to PDF from a browser. With `hide_names`, people appear by role or initials only.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::findings::findings;
use crate::model::people::shown_name;
use crate::model::readiness::{exit_verdict, readiness};
use crate::model::testing::AreaTesting;
use crate::model::{Choice, Project, Quadrant, Raci, RoundId, ScenarioId, StakeholderId, TestResult, TestStatus};

#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// Show roles or initials instead of people's names, everywhere in the report.
    pub hide_names: bool,
}

/// Escapes text for HTML element content and attribute values. Control characters and
/// bidirectional overrides, which could make text read differently from what it holds, are
/// shown as visible `\u{…}` escapes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if crate::sanitize::is_unsafe_char(c) => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:16px;color:#1d1d1f;background:#fff;line-height:1.4}
main{max-width:980px;margin:0 auto}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:2px solid #ddd;padding-bottom:.2em}
.muted{color:#555}.verdict{display:inline-block;padding:.2em .6em;border-radius:4px;color:#fff;font-weight:600}
.go{background:#1e7a46}.nogo{background:#b3261e}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f2f2f2}
.sev{display:inline-block;min-width:4.5em;text-align:center;color:#fff;border-radius:3px;font-size:.8em;padding:.1em .3em}
.High{background:#b3261e}.Medium{background:#9a5b00}.Low{background:#2f5f9e}
.bar{background:#e6e6e6;border-radius:3px;height:1em;width:100%;min-width:8em}.fill{background:#1e7a46;height:100%;border-radius:3px}
.behind{background:#9a5b00}.done{color:#1e7a46}.late{color:#b3261e;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
svg{max-width:100%;height:auto}
@media print{body{padding:0}h2{break-after:avoid}section{break-inside:avoid-page}.scroll{overflow:visible}a{color:inherit}}
"#;

/// The whole report as one HTML document.
pub fn html_report(project: &Project, today: NaiveDate, options: ReportOptions) -> String {
    let people: HashMap<StakeholderId, String> = project
        .stakeholders
        .iter()
        .map(|s| (s.id, shown_name(s, options.hide_names).into_owned()))
        .collect();
    let who = |id: Option<StakeholderId>| id.and_then(|id| people.get(&id)).map_or(String::new(), |n| escape(n));
    let found = findings(project, today);
    let ready = readiness(project, today);
    let verdict = exit_verdict(project, &ready, &found);
    let d = &project.details;
    let date = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "–".into())
    };

    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>",
        escape(&d.name)
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"muted\">Ownership report of {}, made with Steward.</p>",
        escape(&d.name),
        today.format("%Y-%m-%d")
    );
    let (class, text) = if verdict.go {
        ("go", "Ready for the consultants to leave")
    } else {
        ("nogo", "Not ready for the consultants to leave")
    };
    let _ = write!(h, "<p><span class=\"verdict {class}\">{text}</span></p>");

    h.push_str("<section><h2>Project</h2><dl>");
    for (label, value) in [
        ("Organization", escape(&d.organization)),
        ("System", escape(&d.system)),
        ("Vendor or consultancy", escape(&d.vendor)),
        ("Kickoff", date(d.kickoff_date)),
        ("Go-live", date(d.go_live_date)),
        ("Consultants leave", date(d.exit_date)),
        ("System owner", who(d.system_owner)),
        (
            "Ownership team",
            d.ownership_team
                .iter()
                .map(|m| who(Some(*m)))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ] {
        let _ = write!(h, "<dt>{label}</dt><dd>{value}</dd>");
    }
    h.push_str("</dl></section>");

    let _ = write!(h, "<section><h2>Where ownership is at risk ({})</h2>", found.len());
    if found.is_empty() {
        h.push_str("<p class=\"done\">No findings.</p>");
    } else {
        h.push_str("<div class=\"scroll\"><table><tr><th>Severity</th><th>Finding</th><th>Why it matters</th></tr>");
        let names = if options.hide_names {
            crate::model::columns::Names::hiding(project)
        } else {
            crate::model::columns::Names::of(project)
        };
        for f in &found {
            let title = f.title_in(&names);
            let severity = f.severity.label();
            let _ = write!(
                h,
                "<tr><td><span class=\"sev {severity}\">{severity}</span></td><td>{}</td><td class=\"muted\">{}</td></tr>",
                escape(&title),
                escape(f.rule.why())
            );
        }
        h.push_str("</table></div>");
    }
    h.push_str("</section>");

    let _ = write!(h, "<section><h2>Exit readiness: {:.0}% overall</h2>", ready.overall);
    if let Some(days) = ready.days_to_exit {
        let _ = write!(h, "<p>{days} days to the consultants' exit date.</p>");
    }
    let minimum = project.settings.exit_min_area_readiness as f32;
    h.push_str("<div class=\"scroll\"><table><tr><th>Area</th><th>Readiness</th><th>Run by staff</th></tr>");
    for a in &ready.areas {
        let class = if a.percent + 0.05 >= minimum {
            "fill"
        } else {
            "fill behind"
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td><div class=\"bar\"><div class=\"{class}\" style=\"width:{:.0}%\"></div></div>{:.0}%</td><td>{} of {}</td></tr>",
            escape(&a.name),
            a.percent,
            a.percent,
            a.handed_over,
            a.items
        );
    }
    h.push_str("</table></div><ul>");
    for c in &verdict.criteria {
        let (mark, class) = if c.passed {
            ("Passes", "done")
        } else {
            ("Fails", "late")
        };
        let _ = write!(
            h,
            "<li><span class=\"{class}\">{mark}</span>: {} ({})</li>",
            escape(&c.label),
            escape(&c.detail)
        );
    }
    h.push_str("</ul></section>");

    h.push_str("<section><h2>Power and interest</h2>");
    h.push_str(&grid_svg(project, &people));
    let _ = write!(
        h,
        "<p class=\"muted\">Scores run 1 to 5; {} and above counts as high.</p></section>",
        Quadrant::HIGH_FROM
    );

    h.push_str("<section><h2>Responsibilities by area (RACI)</h2><div class=\"scroll\"><table><tr><th>Area</th><th>Accountable</th><th>Responsible</th><th>Consulted</th><th>Informed</th></tr>");
    for area in &project.areas {
        let list = |role: Raci| {
            area.holders(role)
                .map(|id| who(Some(id)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            h,
            "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&area.name),
            if area.key { " (key)" } else { "" },
            list(Raci::Accountable),
            list(Raci::Responsible),
            list(Raci::Consulted),
            list(Raci::Informed)
        );
    }
    h.push_str("</table></div></section>");

    let settled = project.kickoff.iter().filter(|k| k.is_done()).count();
    let _ = write!(
        h,
        "<section><h2>Kickoff checklist ({settled} of {} settled)</h2><div class=\"scroll\"><table><tr><th></th><th>Item</th><th>Category</th><th>Owner</th><th>Due</th></tr>",
        project.kickoff.len()
    );
    for k in &project.kickoff {
        let (mark, class) = if k.is_done() {
            ("Settled", "done")
        } else if k.is_overdue(today) {
            ("Overdue", "late")
        } else {
            ("Open", "")
        };
        let _ = write!(
            h,
            "<tr><td class=\"{class}\">{mark}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&k.text),
            escape(&k.category),
            who(k.owner),
            date(k.due)
        );
    }
    h.push_str("</table></div></section>");

    h.push_str("<section><h2>Hand-over timeline</h2>");
    h.push_str(&super::timeline_svg::timeline_svg(project, today));
    h.push_str("</section>");

    h.push_str("<section><h2>Consultant-exit plan</h2><div class=\"scroll\"><table><tr><th>Skill or task</th><th>Area</th><th>Does it today</th><th>Internal owner</th><th>Stage</th><th>Documentation</th><th>Target</th></tr>");
    for item in &project.handover {
        let area = item
            .area
            .and_then(|a| project.area(a))
            .map_or(String::new(), |a| escape(&a.name));
        let late = item.is_late(today);
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{area}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td></tr>",
            escape(&item.skill),
            who(item.current_doer),
            who(item.internal_owner),
            item.stage.label(),
            item.documentation.label(),
            if late { " class=\"late\"" } else { "" },
            date(item.target)
        );
    }
    h.push_str("</table></div></section>");

    testing_section(&mut h, project, &ready.testing, &who);
    h.push_str("</main></body></html>\n");
    h
}

/// Acceptance testing: progress and sign-off per area, then every scenario with its result in
/// each round (the vendor's defect reference beside a failure).
fn testing_section(
    h: &mut String,
    project: &Project,
    testing: &[AreaTesting],
    who: &dyn Fn(Option<StakeholderId>) -> String,
) {
    let plan = &project.testing;
    let _ = write!(
        h,
        "<section><h2>Acceptance testing ({} scenarios, {} rounds)</h2>",
        plan.scenarios.len(),
        plan.rounds.len()
    );
    h.push_str("<div class=\"scroll\"><table><tr><th>Area</th><th>Passed</th><th>Failed</th><th>Blocked</th><th>Not run</th><th>Sign-off</th></tr>");
    for a in testing {
        let sign_off = match (&a.signed_off, &a.withdrawn) {
            (Some((by, date)), _) => format!("<span class=\"done\">Signed off</span> by {} on {date}", who(Some(*by))),
            (None, Some(w)) => format!(
                "<span class=\"late\">Withdrawn</span> on {}: {}",
                w.date,
                escape(&w.reason)
            ),
            (None, None) if a.ready => "Ready for sign-off".into(),
            (None, None) => "<span class=\"muted\">Not ready</span>".into(),
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td><td>{}</td><td>{sign_off}</td></tr>",
            escape(&a.name),
            a.passed,
            if a.failed > 0 { " class=\"late\"" } else { "" },
            a.failed,
            a.blocked,
            a.not_run
        );
    }
    h.push_str("</table></div>");
    if plan.scenarios.is_empty() {
        h.push_str("<p class=\"muted\">No test scenarios yet.</p></section>");
        return;
    }
    // Results by scenario and round, looked up once rather than searched per cell.
    let results: HashMap<(ScenarioId, RoundId), &TestResult> =
        plan.results.iter().map(|r| ((r.scenario, r.round), r)).collect();
    h.push_str("<div class=\"scroll\"><table><tr><th>Scenario</th><th>Area</th><th>Process</th><th>Must pass</th><th>Tester</th>");
    for round in &plan.rounds {
        let _ = write!(h, "<th>{}</th>", escape(&round.name));
    }
    h.push_str("</tr>");
    for s in &plan.scenarios {
        let area = s
            .area
            .and_then(|a| project.area(a))
            .map_or(String::new(), |a| escape(&a.name));
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{area}</td><td>{}</td><td>{}</td><td>{}</td>",
            escape(&s.title),
            escape(&s.process),
            if s.must_pass { "Yes" } else { "No" },
            who(s.tester)
        );
        for round in &plan.rounds {
            match results.get(&(s.id, round.id)) {
                None => h.push_str("<td></td>"),
                Some(r) => {
                    let class = match r.status {
                        TestStatus::Passed => " class=\"done\"",
                        TestStatus::Failed | TestStatus::Blocked => " class=\"late\"",
                        TestStatus::NotRun => "",
                    };
                    let defect = if r.defect.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", escape(r.defect.trim()))
                    };
                    let _ = write!(h, "<td{class}>{}{defect}</td>", r.status.label());
                }
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></div></section>");
}

/// The power/interest grid as an inline SVG picture.
fn grid_svg(project: &Project, people: &HashMap<StakeholderId, String>) -> String {
    const SIZE: f32 = 500.0;
    const PAD: f32 = 30.0;
    let cell = SIZE / 5.0;
    let x = |interest: f32| PAD + (interest - 0.5) * cell;
    let y = |power: f32| PAD + SIZE - (power - 0.5) * cell;
    let split = Quadrant::HIGH_FROM as f32 - 0.5;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Power and interest grid\">",
        SIZE + 2.0 * PAD,
        SIZE + 2.0 * PAD
    );
    let quadrants = [
        (
            x(split),
            PAD,
            SIZE + PAD - x(split),
            y(split) - PAD,
            "#fce4d6",
            Quadrant::KeyPlayers,
        ),
        (
            PAD,
            PAD,
            x(split) - PAD,
            y(split) - PAD,
            "#fff4ce",
            Quadrant::KeepSatisfied,
        ),
        (
            x(split),
            y(split),
            SIZE + PAD - x(split),
            SIZE + PAD - y(split),
            "#ddebf7",
            Quadrant::KeepInformed,
        ),
        (
            PAD,
            y(split),
            x(split) - PAD,
            SIZE + PAD - y(split),
            "#e8e8e8",
            Quadrant::Monitor,
        ),
    ];
    for (qx, qy, w, h, fill, q) in quadrants {
        let _ = write!(
            s,
            "<rect x=\"{qx}\" y=\"{qy}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\" stroke=\"#999\"/><text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"600\">{}</text>",
            qx + 6.0,
            qy + 18.0,
            q.label()
        );
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">Interest</text>",
        PAD + SIZE / 2.0,
        SIZE + 2.0 * PAD - 6.0
    );
    let _ = write!(
        s,
        "<text x=\"12\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 {})\">Power</text>",
        PAD + SIZE / 2.0,
        PAD + SIZE / 2.0
    );
    let mut cells: HashMap<(u8, u8), Vec<&crate::model::Stakeholder>> = HashMap::new();
    for p in &project.stakeholders {
        cells
            .entry((p.power.clamp(1, 5), p.interest.clamp(1, 5)))
            .or_default()
            .push(p);
    }
    let mut keys: Vec<_> = cells.keys().copied().collect();
    keys.sort();
    for key in keys {
        let group = &cells[&key];
        let (cx, cy) = (x(key.1 as f32), y(key.0 as f32));
        if group.len() > 12 {
            let _ = write!(
                s,
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"18\" fill=\"#2f5f9e\"/><text x=\"{cx}\" y=\"{}\" font-size=\"13\" fill=\"#fff\" text-anchor=\"middle\">{}</text>",
                cy + 4.5,
                group.len()
            );
            continue;
        }
        for (i, p) in group.iter().enumerate() {
            let angle = i as f32 / group.len() as f32 * std::f32::consts::TAU;
            let ring = if group.len() == 1 { 0.0 } else { 22.0 };
            let (px, py) = (cx + ring * angle.cos(), cy + ring * angle.sin());
            let color = match p.engagement_gap() {
                i32::MIN..=0 => "#1e7a46",
                1 => "#9a5b00",
                _ => "#b3261e",
            };
            let shown = people.get(&p.id).cloned().unwrap_or_default();
            let label = if shown == p.name {
                p.initials()
            } else {
                shown.chars().take(3).collect()
            };
            let _ = write!(
                s,
                "<g><title>{}</title><circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"11\" fill=\"{color}\"/><text x=\"{px:.1}\" y=\"{:.1}\" font-size=\"9\" fill=\"#fff\" text-anchor=\"middle\">{}</text></g>",
                escape(&shown),
                py + 3.0,
                escape(&label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    fn demo() -> Project {
        crate::storage::demo_project()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_report_is_self_contained() {
        let html = html_report(&demo(), today(), ReportOptions::default());
        assert!(html.starts_with("<!DOCTYPE html>"));
        for forbidden in [
            "<script",
            "<link",
            "src=",
            "@import",
            "url(",
            "https://",
            "http://www.w3.org/1999",
        ] {
            assert!(!html.contains(forbidden), "found {forbidden}");
        }
        // The only address is the SVG namespace, which browsers never fetch.
        assert_eq!(html.matches("http").count(), 1);
        for section in [
            "Project",
            "Where ownership is at risk",
            "Exit readiness",
            "Power and interest",
            "RACI",
            "Kickoff checklist",
            "Consultant-exit plan",
            "Acceptance testing",
        ] {
            assert!(html.contains(section), "missing {section}");
        }
        assert!(html.contains("<svg"));
        assert!(html.contains("Tom Okafor"));
    }

    #[test]
    fn hiding_names_leaves_no_name_anywhere() {
        let project = demo();
        let html = html_report(&project, today(), ReportOptions { hide_names: true });
        for person in &project.stakeholders {
            assert!(!html.contains(&person.name), "{} appears", person.name);
            assert!(!html.contains(&escape(&person.name)), "{} appears escaped", person.name);
        }
        assert!(html.contains("Director of membership"), "roles are shown instead");
    }

    #[test]
    fn the_testing_section_shows_results_by_round_and_the_sign_off() {
        use crate::model::testing::{record_result, sign_off};
        use crate::model::{Stakeholder, TestStatus, apply};
        let mut project = template::standard();
        let ann = StakeholderId(9000);
        let mut person = Stakeholder::new(ann, "Ann Quist");
        person.role = "Finance lead".into();
        project.stakeholders.push(person);
        let finance = project.areas.iter().find(|a| a.name == "Finance").unwrap().id;
        project
            .areas
            .iter_mut()
            .find(|a| a.id == finance)
            .unwrap()
            .set_role(ann, Some(Raci::Accountable));
        let rounds: Vec<_> = project.testing.rounds.iter().map(|r| r.id).collect();
        let month_end = project
            .testing
            .scenarios
            .iter()
            .find(|s| s.title == "Close the month")
            .unwrap()
            .id;
        for (round, status) in [(rounds[0], TestStatus::Failed), (rounds[1], TestStatus::Passed)] {
            let recorded = record_result(&project, month_end, round, status, Some(ann), today()).unwrap();
            apply(&mut project, recorded.edit).unwrap();
        }
        project.testing.results[0].defect = "VEND-77".into();
        let edit = sign_off(&project, finance, ann, today()).unwrap();
        apply(&mut project, edit).unwrap();
        let html = html_report(&project, today(), ReportOptions::default());
        assert!(html.contains("<th>UAT round 1</th>"));
        assert!(html.contains("Failed (VEND-77)"));
        assert!(html.contains("Signed off</span> by Ann Quist"));
        let hidden = html_report(&project, today(), ReportOptions { hide_names: true });
        assert!(!hidden.contains("Ann Quist") && hidden.contains("Signed off</span> by Finance lead"));
    }

    #[test]
    fn text_is_escaped() {
        let mut project = template::standard();
        project.details.name = "<b>R&D</b> \"x\"".into();
        project.kickoff[0].text = "<script>alert(1)</script>".into();
        let html = html_report(&project, today(), ReportOptions::default());
        assert!(html.contains("&lt;b&gt;R&amp;D&lt;/b&gt; &quot;x&quot;"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn hidden_names_are_never_garbled() {
        // "Ann" starts "Anna", and a nameless person once put the role between every character.
        let mut project = template::standard();
        let ids: Vec<_> = (0..3).map(|i| StakeholderId(9000 + i)).collect();
        for (id, (name, role)) in ids.iter().zip([("Ann", "Chair"), ("Anna Berg", ""), ("", "Clerk")]) {
            let mut s = crate::model::Stakeholder::new(*id, name);
            s.role = role.into();
            s.side = crate::model::Side::Consultant;
            project.stakeholders.push(s);
        }
        for id in &ids {
            project.areas[0].set_role(*id, Some(Raci::Accountable));
        }
        let html = html_report(&project, today(), ReportOptions { hide_names: true });
        assert!(!html.contains("Ann"), "a name or half of one is left");
        assert!(html.contains("AB is Accountable for"), "{html}");
        assert!(html.contains("Chair is Accountable for"));
        assert!(html.contains("Clerk is Accountable for"));
        assert!(
            !html.contains("CClerk"),
            "the nameless person's role was spliced between letters"
        );
    }

    #[test]
    fn bidirectional_overrides_and_escape_codes_do_not_reach_the_report() {
        let mut project = template::standard();
        project.details.name = "Plan \u{202E}txt.exe\u{1b}[31m".into();
        let html = html_report(&project, today(), ReportOptions::default());
        assert!(!html.contains('\u{202E}') && !html.contains('\u{1b}'));
        assert!(html.contains("Plan \\u{202E}txt.exe\\u{001B}[31m"));
    }
}
