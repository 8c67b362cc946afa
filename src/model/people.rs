//! How people appear in anything Steward shows or writes. Everything that names a person goes
//! through [`shown_name`], which knows whether names are hidden (a projected meeting, a report
//! to pass around). Text about people keeps them as ids ([`Phrase`]) until it is rendered, so
//! hiding names never edits finished strings: an empty name or a name inside another ("Ann",
//! "Anna") cannot garble the text.

use std::borrow::Cow;

use super::ids::StakeholderId;
use super::project::{Project, Stakeholder};

/// A person as others should see them: the name, or with names hidden the role, or the
/// initials when no role is recorded.
pub fn shown_name(person: &Stakeholder, hide_names: bool) -> Cow<'_, str> {
    if !hide_names {
        Cow::Borrowed(&person.name)
    } else if !person.role.trim().is_empty() {
        Cow::Borrowed(&person.role)
    } else {
        Cow::Owned(person.initials())
    }
}

/// The first letters of up to `max` words, in capitals ("?" for none): short enough for a dot
/// on the grid or a narrow column.
pub fn initials(text: &str, max: usize) -> String {
    let letters: String = text
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(max)
        .collect();
    if letters.is_empty() {
        "?".into()
    } else {
        letters.to_uppercase()
    }
}

/// [`shown_name`] for a reference, with `nobody` for an empty or dangling one.
pub fn shown_id<'a>(
    project: &'a Project,
    id: Option<StakeholderId>,
    hide_names: bool,
    nobody: &'a str,
) -> Cow<'a, str> {
    id.and_then(|id| project.stakeholder(id))
        .map_or(Cow::Borrowed(nobody), |s| shown_name(s, hide_names))
}

/// A sentence that mentions people by id, rendered with their names or with names hidden.
///
/// Kept as the text with the places where people go, so that a phrase without people (most of
/// them) is one string: the findings engine makes thousands of phrases on every change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrase {
    text: String,
    /// Where in `text` each person goes (a byte offset), in order.
    people: Vec<(usize, StakeholderId)>,
}

impl Phrase {
    pub fn text(text: impl Into<String>) -> Phrase {
        Phrase {
            text: text.into(),
            people: Vec::new(),
        }
    }

    /// Appends text.
    pub fn and(mut self, text: impl AsRef<str>) -> Phrase {
        self.text.push_str(text.as_ref());
        self
    }

    /// Appends a person.
    pub fn person(mut self, id: StakeholderId) -> Phrase {
        self.people.push((self.text.len(), id));
        self
    }

    /// The people the phrase mentions.
    pub fn people(&self) -> impl Iterator<Item = StakeholderId> + '_ {
        self.people.iter().map(|(_, id)| *id)
    }

    /// The finished text, each person written by `person` (usually a call to [`shown_name`]).
    pub fn render<'a>(&self, mut person: impl FnMut(StakeholderId) -> Cow<'a, str>) -> String {
        if self.people.is_empty() {
            return self.text.clone();
        }
        let mut out = String::with_capacity(self.text.len() + 16 * self.people.len());
        let mut from = 0;
        for (at, id) in &self.people {
            out.push_str(&self.text[from..*at]);
            out.push_str(&person(*id));
            from = *at;
        }
        out.push_str(&self.text[from..]);
        out
    }

    /// The finished text for `project`, people shown by [`shown_name`].
    pub fn render_in(&self, project: &Project, hide_names: bool) -> String {
        self.render(|id| shown_id(project, Some(id), hide_names, "someone"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut p = Project::default();
        let mut ann = Stakeholder::new(StakeholderId(1), "Ann");
        ann.role = "Chair".into();
        let mut anna = Stakeholder::new(StakeholderId(2), "Anna Berg");
        anna.role = "Treasurer".into();
        let nameless = Stakeholder::new(StakeholderId(3), "");
        p.stakeholders = vec![ann, anna, nameless];
        p
    }

    #[test]
    fn hidden_names_are_never_spliced_into_finished_text() {
        let p = project();
        let phrase = Phrase::text("Anna said: ")
            .person(StakeholderId(2))
            .and(" and ")
            .person(StakeholderId(1))
            .and(" agree, with ")
            .person(StakeholderId(3));
        assert_eq!(phrase.render_in(&p, false), "Anna said: Anna Berg and Ann agree, with ");
        // The literal text "Anna" stays: only the people are replaced, whole.
        assert_eq!(
            phrase.render_in(&p, true),
            "Anna said: Treasurer and Chair agree, with ?"
        );
    }

    #[test]
    fn a_dangling_reference_is_someone() {
        let p = project();
        assert_eq!(Phrase::text("").person(StakeholderId(9)).render_in(&p, true), "someone");
        assert_eq!(shown_id(&p, None, false, "nobody"), "nobody");
    }
}
