//! Meeting mode: the project as full-screen slides for a projector, driven by the keys that
//! presentation clickers send. Ticking a checklist item here is an ordinary, undoable edit.
//! A meeting with an agenda orders the slides: the title, the agenda, then for each agenda item
//! its section slide followed by the slides it shows.

use super::view::Panel;
use crate::model::{AgendaId, MeetingId, Project, SlideKind};

/// One slide. Long lists are split over several pages of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    Title,
    Commitments,
    /// Kickoff items `start..end` (indexes into the checklist), page `page` of `pages`.
    Checklist {
        start: usize,
        end: usize,
        page: usize,
        pages: usize,
    },
    Grid,
    Raci {
        start: usize,
        end: usize,
        page: usize,
        pages: usize,
    },
    /// Acceptance testing and sign-off per area.
    Testing,
    /// The hand-over plan on a timeline.
    Timeline,
    Readiness,
    /// The meeting's agenda with presenters and times.
    Agenda,
    /// The section slide of agenda item number `number` (from 0).
    Section {
        item: AgendaId,
        number: usize,
    },
}

impl Slide {
    pub fn title(self) -> String {
        let paged = |name: &str, page: usize, pages: usize| {
            if pages > 1 {
                format!("{name} ({}/{pages})", page + 1)
            } else {
                name.to_string()
            }
        };
        match self {
            Slide::Title => "Title".into(),
            Slide::Commitments => "What we commit to".into(),
            Slide::Checklist { page, pages, .. } => paged("Kickoff checklist", page, pages),
            Slide::Grid => "Stakeholders: power and interest".into(),
            Slide::Raci { page, pages, .. } => paged("Who owns what", page, pages),
            Slide::Testing => "Tested and signed off by staff?".into(),
            Slide::Timeline => "Hand-over up to the exit".into(),
            Slide::Readiness => "Ready for the consultants to leave?".into(),
            Slide::Agenda => "Agenda".into(),
            Slide::Section { number, .. } => format!("Agenda item {}", number + 1),
        }
    }

    /// The title as the presenter reads it: a section slide is named by its agenda item.
    pub fn name(self, project: &Project) -> String {
        match self {
            Slide::Section { item, number } => match project.agenda_item(item) {
                Some((_, a)) => format!("{}. {}", number + 1, a.title),
                None => self.title(),
            },
            Slide::Title => project.details.name.clone(),
            _ => self.title(),
        }
    }

    /// Which of the slides Steward builds this is (a section slide shows an agenda item).
    pub fn kind(self) -> Option<SlideKind> {
        Some(match self {
            Slide::Title => SlideKind::Title,
            Slide::Agenda => SlideKind::Agenda,
            Slide::Commitments => SlideKind::Commitments,
            Slide::Checklist { .. } => SlideKind::Checklist,
            Slide::Grid => SlideKind::Grid,
            Slide::Raci { .. } => SlideKind::Raci,
            Slide::Timeline => SlideKind::Timeline,
            Slide::Testing => SlideKind::Testing,
            Slide::Readiness => SlideKind::Readiness,
            Slide::Section { .. } => return None,
        })
    }
}

/// Splits `count` rows into pages of at most `per_page` (at least one page, even when empty).
fn pages(count: usize, per_page: usize) -> Vec<(usize, usize)> {
    let per_page = per_page.max(1);
    if count == 0 {
        return vec![(0, 0)];
    }
    (0..count)
        .step_by(per_page)
        .map(|start| (start, (start + per_page).min(count)))
        .collect()
}

/// The slides for this project, without a meeting, when `rows_per_slide` list rows fit on one
/// slide.
pub fn slides(project: &Project, rows_per_slide: usize) -> Vec<Slide> {
    deck(project, None, rows_per_slide)
}

/// The slides for a meeting: with an agenda, the title, the agenda, then each item's section
/// slide and the slides it shows; without one (or without a meeting), every slide in order.
pub fn deck(project: &Project, meeting: Option<MeetingId>, rows_per_slide: usize) -> Vec<Slide> {
    let agenda = meeting
        .and_then(|m| project.meeting(m))
        .map(|m| m.agenda.as_slice())
        .unwrap_or_default();
    let mut slides = vec![Slide::Title];
    if agenda.is_empty() {
        for kind in SlideKind::SHOWN_UNDER_ITEMS {
            add_kind(&mut slides, project, *kind, rows_per_slide);
        }
        return slides;
    }
    slides.push(Slide::Agenda);
    for (number, item) in agenda.iter().enumerate() {
        slides.push(Slide::Section { item: item.id, number });
        for kind in &item.slides {
            add_kind(&mut slides, project, *kind, rows_per_slide);
        }
    }
    slides
}

/// Appends the slides of one kind (several pages for a long list).
fn add_kind(slides: &mut Vec<Slide>, project: &Project, kind: SlideKind, rows_per_slide: usize) {
    match kind {
        SlideKind::Title | SlideKind::Agenda => {}
        SlideKind::Commitments => slides.push(Slide::Commitments),
        SlideKind::Checklist => {
            let checklist = pages(project.kickoff.len(), rows_per_slide);
            let n = checklist.len();
            slides.extend(
                checklist
                    .into_iter()
                    .enumerate()
                    .map(|(page, (start, end))| Slide::Checklist {
                        start,
                        end,
                        page,
                        pages: n,
                    }),
            );
        }
        SlideKind::Grid => slides.push(Slide::Grid),
        SlideKind::Raci => {
            let raci = pages(project.areas.len(), rows_per_slide);
            let n = raci.len();
            slides.extend(raci.into_iter().enumerate().map(|(page, (start, end))| Slide::Raci {
                start,
                end,
                page,
                pages: n,
            }));
        }
        SlideKind::Timeline => slides.push(Slide::Timeline),
        SlideKind::Testing => slides.push(Slide::Testing),
        SlideKind::Readiness => slides.push(Slide::Readiness),
    }
}

/// The agenda item that slide `index` of `deck` belongs to: the last section at or before it.
pub fn item_at(deck: &[Slide], index: usize) -> Option<AgendaId> {
    deck.iter().take(index + 1).rev().find_map(|s| match s {
        Slide::Section { item, .. } => Some(*item),
        _ => None,
    })
}

/// The speaker notes for a slide of a meeting ("" when there are none).
pub fn speaker_notes(project: &Project, meeting: Option<MeetingId>, slide: Slide) -> &str {
    let Some(meeting) = meeting.and_then(|m| project.meeting(m)) else {
        return "";
    };
    match slide {
        Slide::Section { item, .. } => meeting.agenda_item(item).map_or("", |a| a.notes.as_str()),
        other => other.kind().map_or("", |k| meeting.notes_for(k)),
    }
}

/// Where the presentation is.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    pub slide: usize,
    /// The screen shows only black (key B); any key brings the slide back.
    pub blanked: bool,
    /// People appear by role or initials instead of by name, on every slide.
    pub hide_names: bool,
    /// The highlighted row on a checklist slide (an index into the checklist).
    pub cursor: Option<usize>,
    /// Where to go back to when the presentation ends.
    pub return_to: Panel,
    /// How many list rows fit on a slide of the current screen (set by the window each frame).
    pub rows_per_slide: usize,
    /// The meeting being presented: its agenda orders the slides and its clock runs.
    pub meeting: Option<MeetingId>,
    /// The presenter view is open: the slides go to a second window for the audience.
    pub presenter: bool,
    /// The minute the presenter is typing.
    pub draft: crate::model::meeting::MinuteDraft,
}

impl Presentation {
    pub fn new(return_to: Panel, hide_names: bool) -> Self {
        Presentation {
            slide: 0,
            blanked: false,
            hide_names,
            cursor: None,
            return_to,
            rows_per_slide: 8,
            meeting: None,
            presenter: false,
            draft: Default::default(),
        }
    }

    /// The slides being shown.
    pub fn deck(&self, project: &Project) -> Vec<Slide> {
        deck(project, self.meeting, self.rows_per_slide)
    }

    /// The slide on screen in `deck`, and its index.
    pub fn current(&self, deck: &[Slide]) -> (usize, Slide) {
        let index = self.slide.min(deck.len().saturating_sub(1));
        (index, deck.get(index).copied().unwrap_or(Slide::Title))
    }

    pub fn next(&mut self, count: usize) {
        self.slide = (self.slide + 1).min(count.saturating_sub(1));
        self.cursor = None;
    }

    pub fn previous(&mut self) {
        self.slide = self.slide.saturating_sub(1);
        self.cursor = None;
    }
}

impl super::StewardApp {
    /// Applies one presenter step (sent by the slides' keys and clicks).
    pub(super) fn present_step(&mut self, step: super::PresentStep) {
        use super::PresentStep::*;
        if step == End {
            self.end_presentation();
            return;
        }
        let slide = self.current_slide();
        let Some(present) = self.present.as_mut() else { return };
        let count = present.deck(&self.doc.project).len();
        match step {
            Next => present.next(count),
            Previous => present.previous(),
            GoTo(index) => {
                present.slide = index.min(count.saturating_sub(1));
                present.cursor = None;
            }
            Blank => present.blanked = true,
            Unblank => present.blanked = false,
            ToggleNames => present.hide_names = !present.hide_names,
            FitRows(rows) => present.rows_per_slide = rows,
            MoveCursor(by) => {
                if let Some(Slide::Checklist { start, end, .. }) = slide
                    && end > start
                {
                    let moved = present.cursor.map_or(start as i64, |c| c as i64 + by as i64);
                    present.cursor = Some(moved.clamp(start as i64, end as i64 - 1) as usize);
                }
            }
            TickCursor => {
                if let Some(item) = present.cursor.and_then(|i| self.doc.project.kickoff.get(i)) {
                    self.push(super::Command::tick_kickoff(item, !item.is_done(), super::today()));
                }
            }
            RestartClock => self.restart_clock(),
            UseMeeting(meeting) => present.meeting = Some(meeting),
            End => {}
        }
        self.follow_slide();
    }

    /// The slide on screen, while presenting.
    pub fn current_slide(&self) -> Option<Slide> {
        let present = self.present.as_ref()?;
        Some(present.current(&present.deck(&self.doc.project)).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn long_lists_continue_on_the_next_slide() {
        let project = template::standard();
        let slides = slides(&project, 8);
        let checklist: Vec<_> = slides.iter().filter(|s| matches!(s, Slide::Checklist { .. })).collect();
        assert_eq!(checklist.len(), 3, "20 items at 8 per slide");
        assert_eq!(
            *checklist[2],
            Slide::Checklist {
                start: 16,
                end: 20,
                page: 2,
                pages: 3
            }
        );
        assert_eq!(checklist[0].title(), "Kickoff checklist (1/3)");
        assert_eq!(slides.first(), Some(&Slide::Title));
        assert_eq!(slides.last(), Some(&Slide::Readiness));
        let all_rows: usize = checklist
            .iter()
            .map(|s| match s {
                Slide::Checklist { start, end, .. } => end - start,
                _ => 0,
            })
            .sum();
        assert_eq!(all_rows, 20, "every item is on exactly one slide");
    }

    #[test]
    fn an_empty_checklist_still_has_its_slide() {
        let mut project = template::standard();
        project.kickoff.clear();
        assert!(slides(&project, 8).contains(&Slide::Checklist {
            start: 0,
            end: 0,
            page: 0,
            pages: 1
        }));
    }

    #[test]
    fn a_meeting_orders_the_slides_by_its_agenda() {
        let project = template::standard();
        let kickoff = project
            .meetings
            .iter()
            .find(|m| m.kind == crate::model::MeetingKind::VendorKickoff)
            .unwrap();
        let deck = deck(&project, Some(kickoff.id), 8);
        assert_eq!(
            &deck[..3],
            &[
                Slide::Title,
                Slide::Agenda,
                Slide::Section {
                    item: kickoff.agenda[0].id,
                    number: 0
                }
            ]
        );
        let sections = deck.iter().filter(|s| matches!(s, Slide::Section { .. })).count();
        assert_eq!(sections, kickoff.agenda.len());
        // "Goals" shows the commitments; the checklist's three pages sit under "How we work".
        let goals = deck.iter().position(|s| *s == Slide::Commitments).unwrap();
        assert_eq!(item_at(&deck, goals), Some(kickoff.agenda[1].id));
        let checklist: Vec<usize> = (0..deck.len())
            .filter(|i| matches!(deck[*i], Slide::Checklist { .. }))
            .collect();
        assert_eq!(checklist.len(), 3);
        assert!(
            checklist
                .iter()
                .all(|i| item_at(&deck, *i) == Some(kickoff.agenda[3].id))
        );
        assert_eq!(item_at(&deck, 1), None, "the agenda slide comes before the first item");
        assert_eq!(deck[2].name(&project), "1. Welcome and introductions");
        assert_eq!(
            speaker_notes(&project, Some(kickoff.id), deck[goals - 1]),
            kickoff.agenda[1].notes
        );
        assert!(!speaker_notes(&project, Some(kickoff.id), Slide::Title).is_empty());
        assert_eq!(speaker_notes(&project, None, Slide::Title), "");
        // Without an agenda, every slide in the usual order.
        assert_eq!(super::deck(&project, None, 8), slides(&project, 8));
    }

    #[test]
    fn moving_stops_at_both_ends() {
        let mut p = Presentation::new(Panel::Kickoff, false);
        p.previous();
        assert_eq!(p.slide, 0);
        for _ in 0..10 {
            p.next(4);
        }
        assert_eq!(p.slide, 3);
    }
}
