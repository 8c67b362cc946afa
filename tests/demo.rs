//! The bundled demo is what a new user sees first: it must open, be realistic and round-trip.

use std::collections::HashSet;
use std::path::Path;

use steward::model::{Choice, Quadrant, Stage};
use steward::storage;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json");

#[test]
fn the_demo_opens_and_has_a_realistic_size() {
    let opened = storage::open_project(Path::new(DEMO)).expect("the demo opens");
    let p = &opened.project;
    assert_eq!(p.stakeholders.len(), 15);
    assert_eq!(p.areas.len(), 6);
    assert_eq!(p.kickoff.len(), 20);
    assert_eq!(p.handover.len(), 25);
    assert!(p.details.system_owner.is_some());
    assert!(!p.commitments.is_empty());
    let quadrants: HashSet<_> = p.stakeholders.iter().map(|s| s.quadrant()).collect();
    assert_eq!(quadrants.len(), Quadrant::ALL.len(), "every quadrant is used");
    let stages: HashSet<Stage> = p.handover.iter().map(|h| h.stage).collect();
    assert_eq!(stages.len(), Stage::ALL.len(), "every rung of the ladder is used");
}

#[test]
fn the_demo_round_trips_unchanged() {
    let bytes = std::fs::read(DEMO).unwrap();
    let (project, header) = storage::from_bytes(Path::new(DEMO), &bytes).unwrap();
    let again = storage::to_bytes(&project, &header.revision);
    let (back, _) = storage::from_bytes(Path::new(DEMO), &again).unwrap();
    assert_eq!(back, project);
}
