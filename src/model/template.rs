//! The built-in template a new project starts from: default areas, kickoff items and
//! commitments, written so that an owner can run a first meeting from it unchanged.

use super::ids::{AgendaId, AreaId, KickoffId, MeetingId, RoundId, ScenarioId};
use super::meeting::{AgendaItem, Meeting, MeetingKind, SlideKind};
use super::project::{Area, KickoffItem, Project, ProjectDetails};
use super::testing::{Scenario, TestRound};

/// Names of the built-in templates, for `steward new --template` and File › New from template.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "standard",
        "Association management system: membership, events, finance and a full kickoff checklist",
    ),
    (
        "crm",
        "CRM: contacts, sales pipeline, marketing, service and a full kickoff checklist",
    ),
    (
        "erp",
        "ERP: finance, procurement, inventory, HR and payroll and a full kickoff checklist",
    ),
    ("blank", "No areas, no checklist: start from nothing"),
];

/// (name, key area, description) of each functional area.
type AreaSpec = (&'static str, bool, &'static str);

const CRM_AREAS: &[AreaSpec] = &[
    ("Contacts", true, "People and organizations, duplicates and consent"),
    ("Sales pipeline", true, "Leads, opportunities, quotes and forecasts"),
    ("Marketing", false, "Campaigns, segments, email and events"),
    ("Service", true, "Cases, queues, service levels and the knowledge base"),
    ("Reporting", false, "Dashboards and management reports"),
];

const ERP_AREAS: &[AreaSpec] = &[
    ("Finance", true, "General ledger, payables, receivables and closing"),
    ("Procurement", true, "Requisitions, purchase orders and suppliers"),
    ("Inventory", true, "Items, stock, warehouses and counts"),
    (
        "HR and payroll",
        true,
        "Employees, time, pay runs and statutory reports",
    ),
    ("Reporting", false, "Management accounts, dashboards and audits"),
];

const AREAS: &[AreaSpec] = &[
    ("Membership", true, "Joining, renewals, member records and categories"),
    ("Events", true, "Registration, sessions, badges and event finances"),
    ("Finance", true, "Invoicing, payments, reconciliation and month end"),
    (
        "Communications",
        false,
        "Email campaigns, newsletters and the member portal",
    ),
    ("Reporting", false, "Dashboards, queries and board reports"),
    (
        "Data & integrations",
        true,
        "Imports, data quality and links to other systems",
    ),
];

const KICKOFF: &[(&str, &str)] = &[
    (
        "Expectations",
        "Say out loud that the project's success is our job; the vendor helps, we own it",
    ),
    (
        "Expectations",
        "Agree what the new system should change for members and for staff",
    ),
    (
        "Expectations",
        "Tell each team what the system will give them personally",
    ),
    (
        "Roles",
        "Name the internal project lead and the vendor's project manager",
    ),
    ("Roles", "Confirm the executive sponsor and how decisions are escalated"),
    ("Roles", "Agree who is Responsible and Accountable for each area"),
    (
        "Ownership",
        "Name the system owner (or an ownership team covering every key area)",
    ),
    (
        "Ownership",
        "Pair a staff member with each consultant from the first week",
    ),
    (
        "Ownership",
        "Agree how hand-over progress will be tracked up to the consultants' exit",
    ),
    (
        "Schedule",
        "Agree the milestones, the go-live date and the consultants' exit date",
    ),
    ("Schedule", "Block staff time for configuration, training and testing"),
    (
        "Success measures",
        "Define three to five measures that show the project worked",
    ),
    ("Success measures", "Agree the exit criteria for the end of hypercare"),
    ("Ways of working", "Set the rhythm of status meetings and who attends"),
    ("Ways of working", "Agree how change requests are raised and approved"),
    (
        "Ways of working",
        "Decide where project documents and decisions are kept",
    ),
    ("Testing", "Name a staff tester for every area before go-live"),
    ("Risks", "List the top risks and who watches each one"),
    (
        "Preparation",
        "Hold an internal kickoff before the meeting with the vendor",
    ),
    (
        "Preparation",
        "Collect open questions and agree that people try to answer them first",
    ),
];

/// A typical acceptance-test scenario: area, title, business process, steps, expected result,
/// must pass.
type ScenarioSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const CRM_SCENARIOS: &[ScenarioSpec] = &[
    (
        "Contacts",
        "Merge two duplicate contacts",
        "Data quality",
        "Find a person entered twice\nMerge the two records",
        "One contact keeps the history, consent and activities of both",
        true,
    ),
    (
        "Sales pipeline",
        "Turn a lead into a won deal",
        "Lead to order",
        "Qualify a new lead\nCreate the opportunity and a quote\nMark it won",
        "The deal shows in the forecast and the customer record",
        true,
    ),
    (
        "Marketing",
        "Send a campaign to a segment",
        "Email campaign",
        "Build the segment of opted-in customers\nSend a test, then the campaign",
        "Only opted-in contacts receive it; bounces and unsubscribes are recorded",
        true,
    ),
    (
        "Service",
        "Resolve a case within its service level",
        "Case handling",
        "Log a case from an email\nAssign, answer and close it",
        "The case closes inside its service level and the customer is told",
        true,
    ),
    (
        "Reporting",
        "Produce the monthly sales report",
        "Management reporting",
        "Run the pipeline dashboard for last month",
        "The figures match the won deals in the system",
        false,
    ),
];

const ERP_SCENARIOS: &[ScenarioSpec] = &[
    (
        "Finance",
        "Close the month",
        "Month end",
        "Post the accruals\nReconcile the bank\nRun the trial balance",
        "The trial balance balances and matches the bank",
        true,
    ),
    (
        "Procurement",
        "Buy from requisition to payment",
        "Procure to pay",
        "Raise a requisition\nApprove it and send the purchase order\nMatch the invoice and pay",
        "Three-way match passes and the supplier is paid once",
        true,
    ),
    (
        "Inventory",
        "Count a warehouse and post the differences",
        "Stock count",
        "Freeze a location\nCount it and enter the counts",
        "Stock and its value are corrected, with the differences posted",
        true,
    ),
    (
        "HR and payroll",
        "Run a payroll with a new starter",
        "Payroll",
        "Add a new starter mid-month\nRun the payroll",
        "The starter is paid pro rata and the payslips are right",
        true,
    ),
    (
        "Reporting",
        "Produce the management accounts",
        "Management reporting",
        "Run the monthly management pack",
        "It agrees with the ledger",
        false,
    ),
];

const SCENARIOS: &[ScenarioSpec] = &[
    (
        "Membership",
        "Renew a lapsed member",
        "Renewal",
        "Find a member whose membership lapsed last month\nStart a renewal and take the payment\nOpen the member record",
        "The member is current again, the payment is recorded and a receipt was sent",
        true,
    ),
    (
        "Membership",
        "Join as a new member online",
        "Joining",
        "Fill in the join form on the website as a new person\nPay by card\nLook the person up in the system",
        "One new member record with the right category, no duplicate contact",
        true,
    ),
    (
        "Events",
        "Register for an event and pay",
        "Event registration",
        "Register a member for a paid event\nPay the member rate\nCheck the attendee list",
        "The registration is confirmed at the member rate and appears on the list",
        true,
    ),
    (
        "Events",
        "Refund an event registration",
        "Cancellation and refund",
        "Cancel a paid registration before the deadline\nIssue the refund",
        "The seat is released, the refund is recorded and the ledger balances",
        true,
    ),
    (
        "Finance",
        "Close the month",
        "Month end",
        "Reconcile the payments of the month\nPost to the general ledger\nRun the month-end report",
        "The report matches the bank and the ledger to the cent",
        true,
    ),
    (
        "Finance",
        "Send overdue invoice reminders",
        "Collections",
        "Run the reminder batch for invoices 30 days overdue",
        "Each overdue invoice gets one reminder; paid invoices get none",
        false,
    ),
    (
        "Communications",
        "Send the monthly newsletter to a segment",
        "Email campaign",
        "Build the segment of current members who opted in\nSend a test, then the newsletter",
        "Only opted-in members receive it; unsubscribes are recorded",
        true,
    ),
    (
        "Reporting",
        "Produce the board's membership report",
        "Board reporting",
        "Run the membership dashboard for the last quarter\nExport it",
        "The figures match the counts in the member list",
        true,
    ),
    (
        "Data & integrations",
        "Import a file of new contacts",
        "Data import",
        "Import a spreadsheet of 50 contacts, three of them already known",
        "47 new contacts, 3 matched to existing ones, nothing duplicated",
        true,
    ),
];

/// The usual rounds of testing, in order.
const ROUNDS: &[&str] = &["System test", "UAT round 1", "Regression before go-live"];

/// What the organization commits to at kickoff; editable per project.
pub const DEFAULT_COMMITMENTS: &[&str] = &[
    "This project succeeds or fails on our side. The vendor helps; the outcome is ours.",
    "Every one of us owns our part: we make the time, learn the system and do the work.",
    "When we do not know something, we try to work it out before we hand it to the consultants.",
    "Staff work next to the consultants from day one, so we can run the system when they leave.",
    "It will take effort. It is worth it, and we will keep saying why.",
];

/// An agenda item: title, minutes planned, the slides it shows, speaker notes.
type AgendaSpec = (&'static str, u32, &'static [SlideKind], &'static str);

/// The meetings every template brings: (title, kind, agenda, speaker notes for the title slide).
const MEETINGS: &[(&str, MeetingKind, &[AgendaSpec], &str)] = &[
    (
        "Internal kickoff",
        MeetingKind::InternalKickoff,
        &[
            (
                "Why we are doing this",
                10,
                &[SlideKind::Commitments],
                "Say why we chose a new system. Read the commitments aloud and ask who is unsure about any of them.",
            ),
            (
                "Who owns what",
                15,
                &[SlideKind::Raci, SlideKind::Grid],
                "Go through each area's Accountable: every one is on staff. Ask the room where the gaps are.",
            ),
            (
                "What we settle with the vendor",
                15,
                &[SlideKind::Checklist],
                "Tick what is settled already; give every open item an owner and a date.",
            ),
            (
                "Questions and next steps",
                10,
                &[],
                "Record each question as a question to settle, with the person who will answer it.",
            ),
        ],
        "This hour is ours, before the vendor joins: we agree what we will say at the kickoff.",
    ),
    (
        "Kickoff with the vendor",
        MeetingKind::VendorKickoff,
        &[
            (
                "Welcome and introductions",
                10,
                &[],
                "Each person gives their name, their role and what they will own after go-live.",
            ),
            (
                "Goals and what success means",
                15,
                &[SlideKind::Commitments],
                "The sponsor says it out loud: the project's success is our job; the vendor helps.",
            ),
            (
                "Roles, ownership and the system owner",
                15,
                &[SlideKind::Raci, SlideKind::Grid],
                "Name the system owner. Consultants can be Responsible, never Accountable.",
            ),
            (
                "How we work together",
                15,
                &[SlideKind::Checklist],
                "Status meetings, change requests, escalation, where files and decisions live.",
            ),
            (
                "Testing by staff and the consultants' exit",
                10,
                &[SlideKind::Testing, SlideKind::Readiness],
                "Staff test every area themselves; the exit date and its criteria are agreed today.",
            ),
            (
                "Risks, questions and actions",
                15,
                &[],
                "Read back the actions with their owners and dates before people leave.",
            ),
        ],
        "Thank everyone for coming. The agenda is on the next slide; we finish on time.",
    ),
    (
        "Monthly hand-over review",
        MeetingKind::HandoverReview,
        &[
            (
                "Actions from last time",
                10,
                &[SlideKind::Checklist],
                "Who did what they said? What is late, and why?",
            ),
            (
                "Hand-over by skill",
                20,
                &[SlideKind::Timeline, SlideKind::Readiness],
                "Which skills moved up the ladder this month, and which are stuck?",
            ),
            (
                "Testing and sign-off",
                15,
                &[SlideKind::Testing],
                "Failed must-pass scenarios first, with the vendor's defect numbers.",
            ),
            (
                "Owners and gaps",
                10,
                &[SlideKind::Raci],
                "Any area without an internal Accountable, or one person holding too much?",
            ),
            (
                "Decisions and next actions",
                5,
                &[],
                "Every action gets an owner and a date.",
            ),
        ],
        "",
    ),
    (
        "Exit review",
        MeetingKind::ExitReview,
        &[
            (
                "Readiness and the verdict",
                20,
                &[SlideKind::Readiness],
                "Go through each failing criterion and who fixes it.",
            ),
            (
                "Testing and sign-off",
                15,
                &[SlideKind::Testing],
                "Every area signed off by its Accountable owner after staff tested it?",
            ),
            (
                "Who owns what from now on",
                15,
                &[SlideKind::Raci],
                "After today the consultants are gone: every area's owner says so.",
            ),
            (
                "Go or no-go",
                10,
                &[],
                "Record the decision, and the actions if it is not yet a go.",
            ),
        ],
        "",
    ),
];

/// Adds the template's meetings to `project`, taking ids from `next` on.
fn add_meetings(project: &mut Project, next: &mut u64) {
    for (title, kind, agenda, title_notes) in MEETINGS {
        let mut meeting = Meeting::new(MeetingId(*next), *title);
        *next += 1;
        meeting.kind = *kind;
        if !title_notes.is_empty() {
            meeting.slide_notes.insert(SlideKind::Title, title_notes.to_string());
        }
        for (item, minutes, slides, notes) in *agenda {
            let mut item = AgendaItem::new(AgendaId(*next), *item, *minutes);
            *next += 1;
            item.slides = slides.to_vec();
            item.notes = notes.to_string();
            meeting.agenda.push(item);
        }
        project.meetings.push(meeting);
    }
}

/// A new project from the named template, or `None` for an unknown name.
pub fn from_template(name: &str) -> Option<Project> {
    match name {
        "standard" => Some(standard()),
        "crm" => Some(with_areas(CRM_AREAS, CRM_SCENARIOS)),
        "erp" => Some(with_areas(ERP_AREAS, ERP_SCENARIOS)),
        "blank" => Some(blank()),
        _ => None,
    }
}

fn blank() -> Project {
    Project {
        details: ProjectDetails {
            name: "New project".into(),
            uid: uuid::Uuid::new_v4().to_string(),
            ..Default::default()
        },
        commitments: DEFAULT_COMMITMENTS.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// The default template, for an association management system: its typical areas, a
/// kickoff checklist and the commitments.
pub fn standard() -> Project {
    with_areas(AREAS, SCENARIOS)
}

/// The areas given, the kickoff checklist and the commitments.
fn with_areas(areas: &[AreaSpec], scenarios: &[ScenarioSpec]) -> Project {
    let mut project = blank();
    let mut next = 1;
    for (name, key, description) in areas {
        project.areas.push(Area {
            id: AreaId(next),
            name: name.to_string(),
            key: *key,
            description: description.to_string(),
            raci: Vec::new(),
            extra: Default::default(),
        });
        next += 1;
    }
    for (category, text) in KICKOFF {
        let mut item = KickoffItem::new(KickoffId(next), *text);
        item.category = category.to_string();
        project.kickoff.push(item);
        next += 1;
    }
    for (area, title, process, steps, expected, must_pass) in scenarios {
        let mut scenario = Scenario::new(ScenarioId(next), *title);
        scenario.area = project.areas.iter().find(|a| a.name == *area).map(|a| a.id);
        scenario.process = process.to_string();
        scenario.steps = steps.to_string();
        scenario.expected = expected.to_string();
        scenario.must_pass = *must_pass;
        project.testing.scenarios.push(scenario);
        next += 1;
    }
    for name in ROUNDS {
        project.testing.rounds.push(TestRound::new(RoundId(next), *name));
        next += 1;
    }
    add_meetings(&mut project, &mut next);
    project
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn every_template_is_valid() {
        for (name, _) in TEMPLATES {
            let p = from_template(name).unwrap();
            assert!(validate(&p).is_empty(), "{name}");
        }
        assert!(from_template("nope").is_none());
    }

    #[test]
    fn each_kind_of_system_has_its_own_areas() {
        let names = |t: &str| -> Vec<String> { from_template(t).unwrap().areas.into_iter().map(|a| a.name).collect() };
        assert!(names("standard").contains(&"Membership".to_string()));
        assert!(names("crm").contains(&"Sales pipeline".to_string()));
        assert!(names("erp").contains(&"HR and payroll".to_string()));
        for t in ["crm", "erp"] {
            assert_eq!(from_template(t).unwrap().kickoff.len(), 20, "{t}");
        }
    }

    #[test]
    fn standard_has_areas_kickoff_items_and_commitments() {
        let p = standard();
        assert_eq!(p.areas.len(), 6);
        assert_eq!(p.kickoff.len(), 20);
        assert!(p.areas.iter().filter(|a| a.key).count() >= 3);
        assert!(!p.commitments.is_empty());
    }

    #[test]
    fn every_template_brings_scenarios_for_every_area_and_blank_brings_none() {
        for name in ["standard", "crm", "erp"] {
            let p = from_template(name).unwrap();
            for area in &p.areas {
                assert!(
                    p.testing.scenarios.iter().any(|s| s.area == Some(area.id)),
                    "{name}: {} has no scenario",
                    area.name
                );
            }
            assert!(p.testing.scenarios.iter().all(|s| s.area.is_some()), "{name}");
            assert_eq!(p.testing.rounds.len(), 3);
        }
        let p = standard();
        assert!(p.testing.results.is_empty() && p.testing.sign_offs.is_empty());
        let blank = from_template("blank").unwrap();
        assert!(blank.testing.is_empty());
    }

    #[test]
    fn every_template_but_blank_brings_a_timed_kickoff_agenda_with_notes() {
        for name in ["standard", "crm", "erp"] {
            let p = from_template(name).unwrap();
            let kickoff = p
                .meetings
                .iter()
                .find(|m| m.kind == MeetingKind::VendorKickoff)
                .unwrap();
            assert!(kickoff.agenda.len() >= 5 && kickoff.planned_minutes() >= 60, "{name}");
            assert!(
                kickoff
                    .agenda
                    .iter()
                    .all(|a| a.planned_minutes > 0 && !a.notes.is_empty())
            );
            assert!(p.meetings.iter().any(|m| m.kind == MeetingKind::ExitReview));
        }
        assert!(from_template("blank").unwrap().meetings.is_empty());
    }
}
