//! The columns of each list, declared once. The same definition draws the table in the window
//! (title, width, sort order, filter), and writes the CSV export (and any spreadsheet export to
//! come), so a column added here appears everywhere at once.

use std::borrow::Cow;
use std::cmp::Ordering;

use chrono::NaiveDate;

use super::edit::Record;
use super::enums::{Choice, Quadrant};
use super::ids::RecordKey;
use super::project::{HandoverItem, KickoffItem, Project, Stakeholder};
use super::testing::Scenario;

use super::names::parse_choice;
pub use super::names::{Lookup, Names, parse_date};

/// One column of a list of `R`.
pub struct Column<R> {
    /// The header in the table.
    pub title: &'static str,
    /// The header in exports, when it differs from the table's.
    pub export_title: Option<&'static str>,
    /// The width the table starts with; `None` for columns only in exports.
    pub width: Option<f32>,
    /// Whether the column is written to exports.
    pub exported: bool,
    /// Free text that may name people (contact details, notes): left out of exports made
    /// with names hidden.
    pub private: bool,
    /// The cell's text, as shown, filtered and exported.
    pub text: for<'a> fn(&'a R, &'a Names) -> Cow<'a, str>,
    /// The sort order; `None` sorts by the text, ignoring case.
    pub sort: Option<fn(&R, &R) -> Ordering>,
    /// For columns that hold a date: the date itself, so a workbook gets a real date cell.
    pub date: Option<fn(&R) -> Option<NaiveDate>>,
    /// For columns that hold a number: the number, so a workbook gets a number cell.
    pub number: Option<fn(&R) -> f64>,
    /// For columns an import can fill: sets the field from a cell's text, or says why not.
    /// Names of people and areas resolve through the [`Lookup`]; unknown names are errors.
    pub set: Option<Setter<R>>,
}

/// Fills one field of a record from a spreadsheet cell.
pub type Setter<R> = fn(&mut R, &str, &Lookup) -> Result<(), String>;

impl<R> Column<R> {
    /// A column shown in the table and exported under the same title.
    pub const fn new(title: &'static str, width: f32, text: for<'a> fn(&'a R, &'a Names) -> Cow<'a, str>) -> Self {
        Column {
            title,
            export_title: None,
            width: Some(width),
            exported: true,
            private: false,
            text,
            sort: None,
            date: None,
            number: None,
            set: None,
        }
    }

    /// A column that only exports carry (ids, long notes).
    pub const fn export_only(title: &'static str, text: for<'a> fn(&'a R, &'a Names) -> Cow<'a, str>) -> Self {
        Column {
            width: None,
            ..Column::new(title, 0.0, text)
        }
    }

    pub const fn export_as(self, title: &'static str) -> Self {
        Column {
            export_title: Some(title),
            ..self
        }
    }

    pub const fn private(self) -> Self {
        Column { private: true, ..self }
    }

    pub const fn table_only(self) -> Self {
        Column {
            exported: false,
            ..self
        }
    }

    pub const fn sorted_by(self, sort: fn(&R, &R) -> Ordering) -> Self {
        Column {
            sort: Some(sort),
            ..self
        }
    }

    pub const fn dated(self, date: fn(&R) -> Option<NaiveDate>) -> Self {
        Column {
            date: Some(date),
            ..self
        }
    }

    pub const fn numeric(self, number: fn(&R) -> f64) -> Self {
        Column {
            number: Some(number),
            ..self
        }
    }

    pub const fn importable(self, set: Setter<R>) -> Self {
        Column { set: Some(set), ..self }
    }

    pub fn in_table(&self) -> bool {
        self.width.is_some()
    }

    pub fn header_in_export(&self) -> &'static str {
        self.export_title.unwrap_or(self.title)
    }

    /// Orders two records by this column, ascending.
    pub fn compare(&self, a: &R, b: &R, names: &Names) -> Ordering {
        match self.sort {
            Some(sort) => sort(a, b),
            None => lowercase_cmp(&(self.text)(a, names), &(self.text)(b, names)),
        }
    }
}

fn lowercase_cmp(a: &str, b: &str) -> Ordering {
    // Most cells are ASCII: compare without allocating, and fall back to full lowercasing.
    if a.is_ascii() && b.is_ascii() {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

/// A kind of record that is kept in a list: the register, the checklist, the exit plan.
pub trait Listed: Clone + Sized + 'static {
    /// What one record is called: "stakeholder", "kickoff item".
    const NOUN: &'static str;
    fn rows(project: &Project) -> &[Self];
    fn key(&self) -> RecordKey;
    fn into_record(self) -> Record;
    fn columns() -> &'static [Column<Self>];
}

fn date(d: Option<NaiveDate>) -> Cow<'static, str> {
    d.map_or(Cow::Borrowed(""), |d| Cow::Owned(d.to_string()))
}

fn dates_last(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Ordering {
    (a.is_none(), a).cmp(&(b.is_none(), b))
}

fn quadrant_rank(s: &Stakeholder) -> usize {
    Quadrant::ALL.iter().position(|q| *q == s.quadrant()).unwrap_or(0)
}

type S = Column<Stakeholder>;
static STAKEHOLDER_COLUMNS: &[Column<Stakeholder>] = &[
    S::export_only("Id", |s, _| Cow::Owned(s.id.to_string())),
    // Through the names, so that an export with names hidden shows the role instead.
    S::new("Name", 180.0, |s, names| Cow::Borrowed(names.person(Some(s.id)))),
    S::new("Role", 150.0, |s, _| Cow::Borrowed(&s.role)),
    S::new("Department", 120.0, |s, _| Cow::Borrowed(&s.department)),
    S::new("Side", 90.0, |s, _| Cow::Borrowed(s.side.label())).sorted_by(|a, b| a.side.cmp(&b.side)),
    // Scores sort highest first, as people look for the powerful.
    S::new("Power", 60.0, |s, _| Cow::Owned(s.power.to_string()))
        .sorted_by(|a, b| b.power.cmp(&a.power))
        .numeric(|s| f64::from(s.power)),
    S::new("Interest", 70.0, |s, _| Cow::Owned(s.interest.to_string()))
        .sorted_by(|a, b| b.interest.cmp(&a.interest))
        .numeric(|s| f64::from(s.interest)),
    S::new("Quadrant", 110.0, |s, _| Cow::Borrowed(s.quadrant().label()))
        .sorted_by(|a, b| quadrant_rank(a).cmp(&quadrant_rank(b))),
    S::new("Now", 90.0, |s, _| Cow::Borrowed(s.engagement_now.label()))
        .export_as("Engagement now")
        .sorted_by(|a, b| a.engagement_now.cmp(&b.engagement_now)),
    S::new("Wanted", 90.0, |s, _| Cow::Borrowed(s.engagement_wanted.label()))
        .export_as("Engagement wanted")
        .sorted_by(|a, b| b.engagement_gap().cmp(&a.engagement_gap())),
    // How many levels engagement must still rise (negative: more than needed).
    S::export_only("Engagement gap", |s, _| Cow::Owned(s.engagement_gap().to_string()))
        .numeric(|s| f64::from(s.engagement_gap())),
    S::export_only("What's in it for them", |s, _| Cow::Borrowed(&s.benefit)).private(),
    S::export_only("Contact", |s, _| Cow::Borrowed(&s.contact)).private(),
    S::export_only("Notes", |s, _| Cow::Borrowed(&s.notes)).private(),
];

type K = Column<KickoffItem>;
static KICKOFF_COLUMNS: &[Column<KickoffItem>] = &[
    K::export_only("Id", |k, _| Cow::Owned(k.id.to_string())),
    K::new("Item", 380.0, |k, _| Cow::Borrowed(&k.text)).importable(|k, v, _| {
        k.text = v.to_string();
        Ok(())
    }),
    K::new("Category", 130.0, |k, _| Cow::Borrowed(&k.category)).importable(|k, v, _| {
        k.category = v.to_string();
        Ok(())
    }),
    K::new("Owner", 150.0, |k, names| Cow::Borrowed(names.person(k.owner))).importable(|k, v, lookup| {
        k.owner = lookup.person(v, "owner")?;
        Ok(())
    }),
    K::new("Due", 95.0, |k, _| date(k.due))
        .sorted_by(|a, b| dates_last(a.due, b.due))
        .dated(|k| k.due)
        .importable(|k, v, _| {
            k.due = parse_date(v, "due date")?;
            Ok(())
        }),
    K::new("Settled on", 95.0, |k, _| date(k.done_on))
        .sorted_by(|a, b| a.done_on.cmp(&b.done_on))
        .dated(|k| k.done_on)
        .importable(|k, v, _| {
            k.done_on = parse_date(v, "settled on")?;
            Ok(())
        }),
    K::export_only("Notes", |k, _| Cow::Borrowed(&k.notes))
        .private()
        .importable(|k, v, _| {
            k.notes = v.to_string();
            Ok(())
        }),
];

type H = Column<HandoverItem>;
static HANDOVER_COLUMNS: &[Column<HandoverItem>] = &[
    H::export_only("Id", |h, _| Cow::Owned(h.id.to_string())),
    H::new("Skill or task", 240.0, |h, _| Cow::Borrowed(&h.skill)).importable(|h, v, _| {
        h.skill = v.to_string();
        Ok(())
    }),
    H::new("Area", 120.0, |h, names| Cow::Borrowed(names.area(h.area))).importable(|h, v, lookup| {
        h.area = lookup.area(v)?;
        Ok(())
    }),
    H::new("Does it today", 130.0, |h, names| {
        Cow::Borrowed(names.person(h.current_doer))
    })
    .importable(|h, v, lookup| {
        h.current_doer = lookup.person(v, "does it today")?;
        Ok(())
    }),
    H::new("Internal owner", 130.0, |h, names| {
        Cow::Borrowed(names.person(h.internal_owner))
    })
    .importable(|h, v, lookup| {
        h.internal_owner = lookup.person(v, "internal owner")?;
        Ok(())
    }),
    H::new("Stage", 150.0, |h, _| Cow::Borrowed(h.stage.label()))
        .sorted_by(|a, b| a.stage.cmp(&b.stage))
        .importable(|h, v, _| {
            if let Some(stage) = parse_choice(v, "stage")? {
                h.stage = stage;
            }
            Ok(())
        }),
    H::new("Docs", 90.0, |h, _| Cow::Borrowed(h.documentation.label()))
        .export_as("Documentation")
        .sorted_by(|a, b| a.documentation.cmp(&b.documentation))
        .importable(|h, v, _| {
            if let Some(docs) = parse_choice(v, "documentation")? {
                h.documentation = docs;
            }
            Ok(())
        }),
    H::new("Tested by", 120.0, |h, names| Cow::Borrowed(names.person(h.tester))).importable(|h, v, lookup| {
        h.tester = lookup.person(v, "tested by")?;
        Ok(())
    }),
    H::new("Target", 95.0, |h, _| date(h.target))
        .sorted_by(|a, b| dates_last(a.target, b.target))
        .dated(|h| h.target)
        .importable(|h, v, _| {
            h.target = parse_date(v, "target date")?;
            Ok(())
        }),
    H::export_only("Notes", |h, _| Cow::Borrowed(&h.notes))
        .private()
        .importable(|h, v, _| {
            h.notes = v.to_string();
            Ok(())
        }),
];

type T = Column<Scenario>;
/// The test scenarios. The result in the chosen round and the standing are drawn by the list
/// from the results (they are not fields of the scenario); the exports add a column per round.
static SCENARIO_COLUMNS: &[Column<Scenario>] = &[
    T::export_only("Id", |s, _| Cow::Owned(s.id.to_string())),
    T::new("Scenario", 250.0, |s, _| Cow::Borrowed(&s.title)),
    T::new("Area", 120.0, |s, names| Cow::Borrowed(names.area(s.area))),
    T::new("Process", 140.0, |s, _| Cow::Borrowed(&s.process)).export_as("Business process"),
    T::export_only("Steps", |s, _| Cow::Borrowed(&s.steps)),
    T::export_only("Expected result", |s, _| Cow::Borrowed(&s.expected)),
    T::new("Must pass", 70.0, |s, _| {
        Cow::Borrowed(if s.must_pass { "Yes" } else { "No" })
    })
    .sorted_by(|a, b| b.must_pass.cmp(&a.must_pass)),
    T::new("Tester", 120.0, |s, names| Cow::Borrowed(names.person(s.tester))),
    T::new("Result", 100.0, |_, _| Cow::Borrowed("")).table_only(),
    T::new("Standing", 100.0, |_, _| Cow::Borrowed("")).table_only(),
];

impl Listed for Scenario {
    const NOUN: &'static str = "scenario";
    fn rows(project: &Project) -> &[Self] {
        &project.testing.scenarios
    }
    fn key(&self) -> RecordKey {
        RecordKey::Scenario(self.id)
    }
    fn into_record(self) -> Record {
        Record::Scenario(self)
    }
    fn columns() -> &'static [Column<Self>] {
        SCENARIO_COLUMNS
    }
}

impl Listed for Stakeholder {
    const NOUN: &'static str = "stakeholder";
    fn rows(project: &Project) -> &[Self] {
        &project.stakeholders
    }
    fn key(&self) -> RecordKey {
        RecordKey::Stakeholder(self.id)
    }
    fn into_record(self) -> Record {
        Record::Stakeholder(self)
    }
    fn columns() -> &'static [Column<Self>] {
        STAKEHOLDER_COLUMNS
    }
}

impl Listed for KickoffItem {
    const NOUN: &'static str = "kickoff item";
    fn rows(project: &Project) -> &[Self] {
        &project.kickoff
    }
    fn key(&self) -> RecordKey {
        RecordKey::Kickoff(self.id)
    }
    fn into_record(self) -> Record {
        Record::Kickoff(self)
    }
    fn columns() -> &'static [Column<Self>] {
        KICKOFF_COLUMNS
    }
}

impl Listed for HandoverItem {
    const NOUN: &'static str = "hand-over item";
    fn rows(project: &Project) -> &[Self] {
        &project.handover
    }
    fn key(&self) -> RecordKey {
        RecordKey::Handover(self.id)
    }
    fn into_record(self) -> Record {
        Record::Handover(self)
    }
    fn columns() -> &'static [Column<Self>] {
        HANDOVER_COLUMNS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Sizes, generate};

    #[test]
    fn every_list_has_a_table_column_and_unique_titles() {
        fn check<R: Listed>() {
            let columns = R::columns();
            assert!(columns.iter().any(Column::in_table), "{}", R::NOUN);
            let mut exported: Vec<_> = columns
                .iter()
                .filter(|c| c.exported)
                .map(Column::header_in_export)
                .collect();
            let n = exported.len();
            exported.sort();
            exported.dedup();
            assert_eq!(exported.len(), n, "{}: an export title is used twice", R::NOUN);
        }
        check::<Stakeholder>();
        check::<KickoffItem>();
        check::<HandoverItem>();
        check::<Scenario>();
    }

    #[test]
    fn names_resolve_references_and_sorting_follows_the_column() {
        let p = generate(Sizes::uniform(20), 3);
        let names = Names::of(&p);
        let owner = HANDOVER_COLUMNS.iter().find(|c| c.title == "Internal owner").unwrap();
        let h = p.handover.iter().find(|h| h.internal_owner.is_some()).unwrap();
        assert_eq!(
            (owner.text)(h, &names),
            p.stakeholder(h.internal_owner.unwrap()).unwrap().name
        );
        let power = STAKEHOLDER_COLUMNS.iter().find(|c| c.title == "Power").unwrap();
        let mut people = p.stakeholders.clone();
        people.sort_by(|a, b| power.compare(a, b, &names));
        assert!(
            people.windows(2).all(|w| w[0].power >= w[1].power),
            "highest power first"
        );
    }
}
