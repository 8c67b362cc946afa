use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::model::generate::{Sizes, generate};
use crate::model::{Edit, KickoffId, KickoffItem, LogEntry, LogId, Raci, apply, validate};

fn base() -> Project {
    generate(
        Sizes {
            stakeholders: 6,
            kickoff: 5,
            handover: 5,
            areas: 3,
            log_per_person: 1,
        },
        7,
    )
}

fn merged_clean(b: &Project, m: &Project, t: &Project) -> Merged {
    let merged = merge(b, m, t);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert!(validate(&merged.project).is_empty(), "{:?}", validate(&merged.project));
    merged
}

#[test]
fn changes_to_different_records_are_all_kept() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    m.stakeholders[0].notes = "mine".into();
    t.stakeholders[1].notes = "theirs".into();
    t.kickoff[2].done_on = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
    let merged = merged_clean(&b, &m, &t);
    assert_eq!(merged.project.stakeholders[0].notes, "mine");
    assert_eq!(merged.project.stakeholders[1].notes, "theirs");
    assert_eq!(merged.project.kickoff[2].done_on, t.kickoff[2].done_on);
    assert_eq!(merged.incoming.total(), 2);
    assert_eq!(
        merged.incoming.summary(),
        "1 kickoff item changed, 1 stakeholder changed"
    );
}

#[test]
fn different_fields_of_one_record_merge() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    m.stakeholders[0].notes = "mine".into();
    t.stakeholders[0].power = 5;
    t.stakeholders[0].log[0].note = "their log note".into();
    let merged = merged_clean(&b, &m, &t);
    let s = &merged.project.stakeholders[0];
    assert_eq!((s.notes.as_str(), s.power), ("mine", 5));
    assert_eq!(s.log[0].note, "their log note");
}

#[test]
fn the_same_field_changed_both_ways_is_a_conflict_settled_by_the_pick() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    m.stakeholders[0].notes = "mine".into();
    t.stakeholders[0].notes = "theirs".into();
    t.stakeholders[0].role = "Head of finance".into();
    let merged = merge(&b, &m, &t);
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!(c.record, format!("stakeholder \"{}\"", b.stakeholders[0].name));
    assert_eq!(c.key, Some(RecordKey::Stakeholder(b.stakeholders[0].id)));
    assert_eq!(
        (c.field.as_str(), c.mine.as_str(), c.theirs.as_str()),
        ("notes", "mine", "theirs")
    );
    assert_eq!(
        merged.project.stakeholders[0].notes, "mine",
        "mine unless picked otherwise"
    );
    assert_eq!(
        merged.project.stakeholders[0].role, "Head of finance",
        "their other field still comes in"
    );

    let theirs = merge_with(&b, &m, &t, &[Pick::Theirs]);
    assert_eq!(theirs.project.stakeholders[0].notes, "theirs");
    assert_eq!(
        theirs.conflicts, merged.conflicts,
        "the same conflicts whatever the picks"
    );
}

#[test]
fn a_conflict_in_the_project_details_names_the_field() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    m.details.name = "Mine".into();
    t.details.name = "Theirs".into();
    t.settings.max_load_per_person = 9;
    let merged = merge(&b, &m, &t);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].record, "project details");
    assert_eq!(merged.conflicts[0].field, "name");
    assert_eq!(merged.project.settings.max_load_per_person, 9);
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let b = base();
    let id = b.kickoff[1].id;
    let (mut m, mut t) = (b.clone(), b.clone());
    m.kickoff[1].notes = "still needed".into();
    apply(&mut t, Edit::Remove(RecordKey::Kickoff(id))).unwrap();
    let merged = merge(&b, &m, &t);
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!(c.field, "whole record");
    assert_eq!((c.mine.as_str(), c.theirs.as_str()), ("changed (notes)", "(deleted)"));
    assert!(merged.project.kickoff.iter().any(|k| k.id == id));
    let gone = merge_with(&b, &m, &t, &[Pick::Theirs]).project;
    assert!(!gone.kickoff.iter().any(|k| k.id == id));

    // And the other way round: I deleted it, they changed it.
    let merged = merge(&b, &t, &m);
    assert_eq!(merged.conflicts[0].mine, "(deleted)");
    assert!(!merged.project.kickoff.iter().any(|k| k.id == id));
    assert!(
        merge_with(&b, &t, &m, &[Pick::Theirs])
            .project
            .kickoff
            .iter()
            .any(|k| k.id == id)
    );
}

#[test]
fn a_deletion_nobody_objects_to_comes_in() {
    let b = base();
    let id = b.kickoff[1].id;
    let mut t = b.clone();
    apply(&mut t, Edit::Remove(RecordKey::Kickoff(id))).unwrap();
    let mut m = b.clone();
    m.kickoff[0].notes = "mine".into();
    let merged = merged_clean(&b, &m, &t);
    assert!(!merged.project.kickoff.iter().any(|k| k.id == id));
    assert_eq!(merged.incoming.summary(), "1 kickoff item removed");
}

#[test]
fn records_added_on_both_sides_are_both_kept_even_with_the_same_id() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    let id = KickoffId(b.fresh_id());
    m.kickoff.push(KickoffItem::new(id, "Mine"));
    t.kickoff.insert(0, KickoffItem::new(id, "Theirs"));
    // Their new item is referred to nowhere else, but their new log entry also took the id after it.
    let their_entry = LogEntry {
        id: LogId(id.0 + 1),
        ..t.stakeholders[0].log[0].clone()
    };
    t.stakeholders[0].log.push(their_entry);
    let my_entry = LogEntry {
        id: LogId(id.0 + 1),
        note: "my call".into(),
        ..m.stakeholders[1].log[0].clone()
    };
    m.stakeholders[1].log.push(my_entry);
    let merged = merged_clean(&b, &m, &t);
    let texts: Vec<&str> = merged.project.kickoff.iter().map(|k| k.text.as_str()).collect();
    assert_eq!(texts.first(), Some(&"Theirs"), "their item keeps its place");
    assert_eq!(texts.last(), Some(&"Mine"));
    assert_eq!(merged.project.stakeholders[0].log.len(), 2);
    assert_eq!(merged.project.stakeholders[1].log.len(), 2);
    assert_eq!(merged.incoming.summary(), "1 kickoff item added, 1 stakeholder changed");

    // The same record added by both is one record.
    let merged = merged_clean(&b, &m, &m.clone());
    assert_eq!(merged.project, m);
}

#[test]
fn unknown_fields_survive_and_merge() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    t.extra.insert("budget_code".into(), json!("FIN-7"));
    t.stakeholders[0]
        .extra
        .insert("badge".into(), json!({"colour": "green"}));
    m.stakeholders[0].notes = "mine".into();
    m.details.extra.insert("sponsor_note".into(), json!("from mine"));
    let merged = merged_clean(&b, &m, &t);
    assert_eq!(merged.project.extra["budget_code"], json!("FIN-7"));
    assert_eq!(
        merged.project.stakeholders[0].extra["badge"],
        json!({"colour": "green"})
    );
    assert_eq!(merged.project.details.extra["sponsor_note"], json!("from mine"));
    assert_eq!(merged.project.stakeholders[0].notes, "mine");
}

#[test]
fn raci_letters_and_the_ownership_team_merge_per_person() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    let (p0, p1) = (b.stakeholders[0].id, b.stakeholders[1].id);
    m.areas[0].set_role(p0, Some(Raci::Consulted));
    t.areas[0].set_role(p1, Some(Raci::Informed));
    m.details.ownership_team = vec![p0];
    t.details.ownership_team = vec![p1];
    let merged = merged_clean(&b, &m, &t);
    assert_eq!(merged.project.areas[0].role_of(p0), Some(Raci::Consulted));
    assert_eq!(merged.project.areas[0].role_of(p1), Some(Raci::Informed));
    let mut team = merged.project.details.ownership_team.clone();
    team.sort();
    assert_eq!(team, vec![p0, p1]);

    // One person given two different letters is a conflict.
    t.areas[0].set_role(p0, Some(Raci::Accountable));
    let merged = merge(&b, &m, &t);
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    assert!(
        merged.conflicts[0].field.starts_with("raci"),
        "{}",
        merged.conflicts[0].field
    );
}

#[test]
fn a_record_deleted_by_them_that_mine_now_refers_to_is_kept() {
    let b = base();
    let who = b
        .stakeholders
        .iter()
        .find(|s| b.details.system_owner != Some(s.id))
        .unwrap()
        .clone();
    let (mut m, mut t) = (b.clone(), b.clone());
    apply(&mut t, crate::model::delete(&b, RecordKey::Stakeholder(who.id))).unwrap();
    m.details.system_owner = Some(who.id);
    let merged = merged_clean(&b, &m, &t);
    assert_eq!(merged.project.details.system_owner, Some(who.id));
    assert!(merged.project.stakeholder(who.id).is_some());
    assert_eq!(
        merged.kept_for_references,
        vec![format!("stakeholder \"{}\"", who.name)]
    );
}

#[test]
fn the_diff_turns_mine_into_the_merge_as_one_undoable_edit() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    m.stakeholders[0].notes = "mine".into();
    t.kickoff.remove(3);
    t.kickoff.insert(1, KickoffItem::new(KickoffId(b.fresh_id()), "New"));
    t.extra.insert("x".into(), json!(1));
    let merged = merged_clean(&b, &m, &t);
    let mut project = m.clone();
    let inverse = apply(&mut project, diff(&m, &merged.project)).unwrap();
    assert_eq!(project, merged.project);
    apply(&mut project, inverse).unwrap();
    assert_eq!(project, m);
}

/// One random edit to a project: a field of a record changed, a record added or removed.
#[test]
fn without_a_common_version_every_difference_is_a_conflict() {
    let b = base();
    let (mut m, mut t) = (b.clone(), b.clone());
    // Only one side changed these, but with no base nobody can tell which: both conflict.
    m.stakeholders[0].notes = "mine".into();
    t.stakeholders[1].role = "Their role".into();
    t.stakeholders[2].log[0].note = "their log note".into();
    t.details.ownership_team.push(b.stakeholders[3].id);
    let added = KickoffId(t.fresh_id());
    t.kickoff.push(KickoffItem::new(added, "only in the copy"));
    let merged = merge_two_way(&m, &t, &[]);
    let fields: Vec<(&str, &str, &str)> = merged
        .conflicts
        .iter()
        .map(|c| (c.field.as_str(), c.mine.as_str(), c.theirs.as_str()))
        .collect();
    assert_eq!(fields.len(), 5, "{fields:?}");
    assert!(
        fields.iter().any(|(f, m, _)| *f == "notes" && *m == "mine"),
        "{fields:?}"
    );
    assert!(
        fields.iter().any(|(f, _, t)| *f == "role" && *t == "Their role"),
        "{fields:?}"
    );
    assert!(
        fields
            .iter()
            .any(|(f, _, t)| f.starts_with("log entry") && f.ends_with("note") && *t == "their log note"),
        "a log entry conflicts on its own: {fields:?}"
    );
    assert!(fields.iter().any(|(f, _, _)| *f == "ownership team"), "{fields:?}");
    assert!(
        fields.contains(&("whole record", "(not there)", "present")),
        "{fields:?}"
    );
    // Mine unless picked: the window's version stays exactly as it was.
    assert_eq!(merged.project, m);
    assert_eq!(merged.incoming.total(), 0);

    let theirs_all = merge_two_way(&m, &t, &vec![Pick::Theirs; merged.conflicts.len()]);
    assert_eq!(theirs_all.project, t, "all theirs is their version");
    assert!(validate(&theirs_all.project).is_empty());
    assert!(theirs_all.incoming.total() >= 4, "{}", theirs_all.incoming.summary());
}

#[test]
fn a_record_only_mine_has_is_kept_unless_their_side_is_picked() {
    let b = base();
    let mut m = b.clone();
    let added = KickoffId(m.fresh_id());
    m.kickoff.push(KickoffItem::new(added, "only here"));
    let merged = merge_two_way(&m, &b, &[]);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        (merged.conflicts[0].mine.as_str(), merged.conflicts[0].theirs.as_str()),
        ("present", "(not there)")
    );
    assert!(merged.project.kickoff.iter().any(|k| k.id == added));
    let dropped = merge_two_way(&m, &b, &[Pick::Theirs]);
    assert_eq!(dropped.project, b);
    assert_eq!(dropped.incoming.summary(), "1 kickoff item removed");
    // Identical versions: nothing to ask.
    assert!(merge_two_way(&b, &b.clone(), &[]).conflicts.is_empty());
}

fn edit_at(p: &mut Project, pick: usize, what: u8, text: &str, only: &[usize]) {
    let i = only[pick % only.len()];
    let (s, k, h) = (p.stakeholders.len(), p.kickoff.len(), p.handover.len());
    match what % 4 {
        0 => p.stakeholders[i % s].notes = text.into(),
        1 => p.kickoff[i % k].text = text.into(),
        2 => p.handover[i % h].notes = text.into(),
        _ => p.kickoff[i % k].category = text.into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn an_unchanged_side_gives_the_other_side_exactly(
        seed in 0u64..1000,
        edits in proptest::collection::vec((0usize..50, any::<u8>(), "[a-z ]{0,8}"), 0..8),
        removals in proptest::collection::vec(0usize..5, 0..3),
        added in 0usize..3,
    ) {
        let b = generate(Sizes { stakeholders: 5, kickoff: 5, handover: 5, areas: 3, log_per_person: 2 }, seed);
        let mut x = b.clone();
        for (pick, what, text) in &edits {
            edit_at(&mut x, *pick, *what, text, &[0, 1, 2, 3, 4]);
        }
        for r in &removals {
            if *r < x.kickoff.len() { x.kickoff.remove(*r); }
        }
        for n in 0..added {
            let id = KickoffId(x.fresh_id());
            let index = n.min(x.kickoff.len());
            x.kickoff.insert(index, KickoffItem::new(id, "added"));
        }
        x.extra.insert("unknown".into(), json!(seed));
        prop_assert_eq!(&merge(&b, &x, &b).project, &x);
        prop_assert_eq!(&merge(&b, &b, &x).project, &x);
        prop_assert_eq!(&merge(&b, &x, &x).project, &x);
        prop_assert!(merge(&b, &b, &x).conflicts.is_empty());
    }

    #[test]
    fn edits_to_disjoint_records_never_conflict_and_are_all_kept(
        seed in 0u64..1000,
        mine in proptest::collection::vec((0usize..50, any::<u8>(), "[a-z]{1,8}"), 1..6),
        theirs in proptest::collection::vec((0usize..50, any::<u8>(), "[A-Z]{1,8}"), 1..6),
    ) {
        let b = generate(Sizes { stakeholders: 6, kickoff: 6, handover: 6, areas: 3, log_per_person: 1 }, seed);
        let (mut m, mut t) = (b.clone(), b.clone());
        for (pick, what, text) in &mine { edit_at(&mut m, *pick, *what, text, &[0, 1, 2]); }
        for (pick, what, text) in &theirs { edit_at(&mut t, *pick, *what, text, &[3, 4, 5]); }
        let merged = merge(&b, &m, &t);
        prop_assert!(merged.conflicts.is_empty());
        for i in 0..6 {
            let side = if i < 3 { &m } else { &t };
            prop_assert_eq!(&merged.project.stakeholders[i], &side.stakeholders[i]);
            prop_assert_eq!(&merged.project.kickoff[i], &side.kickoff[i]);
            prop_assert_eq!(&merged.project.handover[i], &side.handover[i]);
        }
        let mut applied = m.clone();
        apply(&mut applied, diff(&m, &merged.project)).unwrap();
        prop_assert_eq!(&applied, &merged.project);
    }

    #[test]
    fn merging_is_symmetric_up_to_the_picks(
        seed in 0u64..1000,
        mine in proptest::collection::vec((0usize..50, any::<u8>(), "[a-z]{1,8}"), 1..6),
        theirs in proptest::collection::vec((0usize..50, any::<u8>(), "[A-Z]{1,8}"), 1..6),
    ) {
        let b = generate(Sizes { stakeholders: 4, kickoff: 4, handover: 4, areas: 2, log_per_person: 1 }, seed);
        let (mut m, mut t) = (b.clone(), b.clone());
        let all = [0, 1, 2, 3];
        for (pick, what, text) in &mine { edit_at(&mut m, *pick, *what, text, &all); }
        for (pick, what, text) in &theirs { edit_at(&mut t, *pick, *what, text, &all); }
        let one = merge(&b, &m, &t);
        let other_way = merge(&b, &t, &m);
        prop_assert_eq!(one.conflicts.len(), other_way.conflicts.len());
        let flipped = vec![Pick::Theirs; other_way.conflicts.len()];
        prop_assert_eq!(&one.project, &merge_with(&b, &t, &m, &flipped).project);
    }
}
