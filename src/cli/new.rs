//! `steward new`: a project file from a built-in template.

use std::path::Path;
use std::process::ExitCode;

use super::{clean, fail, say, shown_path};
use crate::storage;

pub(super) fn new(file: &Path, template: &str) -> ExitCode {
    // A name typed without an extension becomes NAME.steward.
    let file = &storage::naming::with_project_extension(file.to_path_buf());
    let Some(project) = crate::model::template::from_template(template) else {
        let names: Vec<&str> = crate::model::template::TEMPLATES.iter().map(|(n, _)| *n).collect();
        return fail(
            format!(
                "There is no template \"{}\"; choose one of: {}.",
                clean(template),
                names.join(", ")
            ),
            2,
        );
    };
    // Created in one step that fails if the name is taken, even by another `new` at the same
    // moment: an existing file is never replaced.
    match storage::create_project(file, &project) {
        Ok(_) => {
            say(&format!("Created {} from the {template} template.", shown_path(file)));
            ExitCode::SUCCESS
        }
        Err(err) if err.reason == storage::ALREADY_EXISTS => fail(
            format!("{} already exists: choose a new file name.", shown_path(file)),
            2,
        ),
        Err(err) => fail(err, 1),
    }
}
