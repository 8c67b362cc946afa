//! The shipped JSON Schema is generated from the Rust types, is never stale, and every file
//! Steward writes validates against it.

use steward::model::generate::{Sizes, generate};
use steward::model::template;
use steward::storage;

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/project.schema.json");

fn generated_text() -> String {
    serde_json::to_string_pretty(&storage::json_schema()).unwrap() + "\n"
}

#[test]
fn the_shipped_schema_is_current() {
    let generated = generated_text();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SHIPPED, &generated).unwrap();
    }
    let shipped = std::fs::read_to_string(SHIPPED).unwrap_or_default();
    assert!(
        shipped == generated,
        "assets/project.schema.json is stale: regenerate it with `cargo run -- schema > assets/project.schema.json` \
         (or run this test with UPDATE_SCHEMA=1)"
    );
}

#[test]
fn every_file_steward_writes_validates() {
    let validator = jsonschema::validator_for(&storage::json_schema()).expect("the schema itself is valid");
    let demo: serde_json::Value =
        serde_json::from_slice(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.json")).unwrap())
            .unwrap();
    let mut files = vec![("demo", demo)];
    for (name, project) in [
        ("standard template", template::standard()),
        ("blank template", template::from_template("blank").unwrap()),
        ("generated", generate(Sizes::uniform(50), 9)),
    ] {
        files.push((
            name,
            serde_json::from_slice(&storage::to_bytes(&project, "rev")).unwrap(),
        ));
    }
    for (name, file) in &files {
        let errors: Vec<String> = validator.iter_errors(file).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let validator = jsonschema::validator_for(&storage::json_schema()).unwrap();
    let wrong_type = serde_json::json!({"format_version": 1, "details": {"name": "x"}, "stakeholders": [{"id": 1, "name": "A", "power": "high"}]});
    assert!(!validator.is_valid(&wrong_type));
    let missing = serde_json::json!({"format_version": 1, "details": {"name": "x"}, "stakeholders": [{"id": 1}]});
    assert!(!validator.is_valid(&missing));
    let unknown_kept = serde_json::json!({"format_version": 1, "details": {"name": "x", "later": true}, "future": [1]});
    assert!(
        validator.is_valid(&unknown_kept),
        "fields from newer versions are allowed"
    );
}
