//! `steward new`: a project file from a built-in template.

use std::path::Path;
use std::process::ExitCode;

use crate::storage;

use super::fail;

pub(super) fn new(file: &Path, template: &str) -> ExitCode {
    // A name typed without an extension becomes NAME.steward.
    let file = &storage::naming::with_project_extension(file.to_path_buf());
    let Some(project) = crate::model::template::from_template(template) else {
        let names: Vec<&str> = crate::model::template::TEMPLATES.iter().map(|(n, _)| *n).collect();
        return fail(
            format!(
                "There is no template \"{template}\"; choose one of: {}.",
                names.join(", ")
            ),
            2,
        );
    };
    if file.exists() {
        return fail(format!("{} already exists: choose a new file name.", file.display()), 2);
    }
    match storage::save_project(file, &project, None, false) {
        Ok(_) => {
            println!("Created {} from the {template} template.", file.display());
            ExitCode::SUCCESS
        }
        Err(err) => fail(err, 1),
    }
}
