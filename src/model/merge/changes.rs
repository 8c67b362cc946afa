//! What changed between two versions of a project, counted per kind of record, for the
//! one-line summary each save leaves in the file's history ("2 stakeholders edited, 3 kickoff
//! items ticked") and for what a merge brought in.

use std::collections::HashMap;

use super::{Incoming, Item};
use crate::model::Project;

/// What happened to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Added,
    Edited,
    Removed,
    /// A kickoff item settled (only its "done on" day set).
    Ticked,
    Unticked,
}

impl Verb {
    const ALL: [Verb; 5] = [Verb::Added, Verb::Edited, Verb::Ticked, Verb::Unticked, Verb::Removed];

    fn word(self) -> &'static str {
        match self {
            Verb::Added => "added",
            Verb::Edited => "edited",
            Verb::Removed => "removed",
            Verb::Ticked => "ticked",
            Verb::Unticked => "unticked",
        }
    }
}

/// Counts per noun, in the order the nouns were first met.
#[derive(Default)]
struct Tally {
    nouns: Vec<(&'static str, [usize; 5])>,
}

impl Tally {
    fn count(&mut self, noun: &'static str, verb: Verb) {
        let slot = Verb::ALL.iter().position(|v| *v == verb).expect("every verb is listed");
        match self.nouns.iter_mut().find(|(n, _)| *n == noun) {
            Some((_, counts)) => counts[slot] += 1,
            None => {
                let mut counts = [0; 5];
                counts[slot] = 1;
                self.nouns.push((noun, counts));
            }
        }
    }

    /// Records added, edited and removed between two versions of one list (by id).
    fn list<T: Item>(&mut self, before: &[T], after: &[T], verb_for: impl Fn(&T, &T) -> Verb) {
        if before == after {
            return;
        }
        let old: HashMap<T::Id, &T> = before.iter().map(|r| (r.id(), r)).collect();
        let new: HashMap<T::Id, &T> = after.iter().map(|r| (r.id(), r)).collect();
        for r in after {
            match old.get(&r.id()) {
                None => self.count(T::NOUN, Verb::Added),
                Some(&b) if b != r => self.count(T::NOUN, verb_for(b, r)),
                Some(_) => {}
            }
        }
        for r in before {
            if !new.contains_key(&r.id()) {
                self.count(T::NOUN, Verb::Removed);
            }
        }
    }

    fn text(&self) -> String {
        let mut parts = Vec::new();
        for (noun, counts) in &self.nouns {
            for (n, verb) in counts.iter().zip(Verb::ALL) {
                match n {
                    0 => {}
                    1 => parts.push(format!("1 {noun} {}", verb.word())),
                    n => parts.push(format!("{n} {} {}", plural(noun), verb.word())),
                }
            }
        }
        parts.join(", ")
    }
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

fn edited<T>(_: &T, _: &T) -> Verb {
    Verb::Edited
}

fn tally(before: &Project, after: &Project) -> Tally {
    let mut t = Tally::default();
    t.list(&before.stakeholders, &after.stakeholders, edited);
    t.list(&before.areas, &after.areas, edited);
    t.list(&before.kickoff, &after.kickoff, |b, a| {
        let only_the_day = crate::model::KickoffItem {
            done_on: a.done_on,
            ..b.clone()
        } == *a;
        match (b.done_on, a.done_on) {
            (None, Some(_)) if only_the_day => Verb::Ticked,
            (Some(_), None) if only_the_day => Verb::Unticked,
            _ => Verb::Edited,
        }
    });
    t.list(&before.handover, &after.handover, edited);
    let (b, a) = (&before.testing, &after.testing);
    t.list(&b.scenarios, &a.scenarios, edited);
    t.list(&b.rounds, &a.rounds, edited);
    t.list(&b.results, &a.results, edited);
    t.list(&b.sign_offs, &a.sign_offs, edited);
    t
}

/// One line saying what changed from `before` to `after`: "2 stakeholders edited, 3 kickoff
/// items ticked, project details edited". `None` for `before`: a new project.
pub fn describe_changes(before: Option<&Project>, after: &Project) -> String {
    let Some(before) = before else {
        return "new project".into();
    };
    let mut parts = vec![tally(before, after).text()];
    parts.retain(|p| !p.is_empty());
    if before.details != after.details {
        parts.push("project details edited".into());
    }
    if before.settings != after.settings {
        parts.push("settings changed".into());
    }
    if before.commitments != after.commitments {
        parts.push("commitments edited".into());
    }
    if before.readiness_history != after.readiness_history {
        let recorded = after.readiness_history.len() > before.readiness_history.len()
            && after.readiness_history.starts_with(&before.readiness_history);
        parts.push(
            if recorded {
                "readiness snapshot recorded"
            } else {
                "readiness history changed"
            }
            .into(),
        );
    }
    if before.extra != after.extra {
        parts.push("other fields changed".into());
    }
    if parts.is_empty() {
        "saved without changes".into()
    } else {
        parts.join(", ")
    }
}

impl Incoming {
    /// What differs from `before` to `after`, counted as added, changed and removed records.
    pub(super) fn between(before: &Project, after: &Project) -> Incoming {
        let mut incoming = Incoming::default();
        for (noun, counts) in tally(before, after).nouns {
            let [added, edited, ticked, unticked, removed] = counts;
            for (what, n) in [(0, added), (1, edited + ticked + unticked), (2, removed)] {
                for _ in 0..n {
                    incoming.count(noun, what);
                }
            }
        }
        let rest = [
            (before.details != after.details, "project detail"),
            (before.settings != after.settings, "setting"),
            (before.commitments != after.commitments, "commitment list"),
            (before.readiness_history != after.readiness_history, "readiness history"),
            (before.extra != after.extra, "other project field"),
        ];
        for (changed, noun) in rest {
            if changed {
                incoming.count(noun, 1);
            }
        }
        incoming
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn a_summary_counts_records_per_kind_with_the_verb_that_fits() {
        let before = template::standard();
        let mut after = before.clone();
        after
            .stakeholders
            .push(crate::model::Stakeholder::new(crate::model::StakeholderId(9000), "Ann"));
        after.kickoff[0].done_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
        after.kickoff[1].done_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
        after.kickoff[2].done_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 25);
        after.kickoff[3].notes = "asked the vendor".into();
        after.testing.scenarios.remove(0);
        after.details.vendor = "Other vendor".into();
        assert_eq!(
            describe_changes(Some(&before), &after),
            "1 stakeholder added, 1 kickoff item edited, 3 kickoff items ticked, 1 test scenario removed, \
             project details edited"
        );
    }

    #[test]
    fn a_tick_with_another_change_is_an_edit_and_untick_is_its_own_word() {
        let mut before = template::standard();
        before.kickoff[0].done_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
        let mut after = before.clone();
        after.kickoff[0].done_on = None;
        assert_eq!(describe_changes(Some(&before), &after), "1 kickoff item unticked");
        after.kickoff[1].done_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
        after.kickoff[1].notes = "and a note".into();
        assert_eq!(
            describe_changes(Some(&before), &after),
            "1 kickoff item edited, 1 kickoff item unticked"
        );
    }

    #[test]
    fn nothing_changed_and_a_new_project_say_so() {
        let p = template::standard();
        assert_eq!(describe_changes(Some(&p), &p), "saved without changes");
        assert_eq!(describe_changes(None, &p), "new project");
    }
}
