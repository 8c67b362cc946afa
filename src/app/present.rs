//! Meeting mode: the project as full-screen slides for a projector, driven by the keys that
//! presentation clickers send. Ticking a checklist item here is an ordinary, undoable edit.

use super::view::Panel;
use crate::model::Project;

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
        }
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

/// The slides for this project when `rows_per_slide` list rows fit on one slide.
pub fn slides(project: &Project, rows_per_slide: usize) -> Vec<Slide> {
    let mut slides = vec![Slide::Title, Slide::Commitments];
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
    slides.push(Slide::Grid);
    let raci = pages(project.areas.len(), rows_per_slide);
    let n = raci.len();
    slides.extend(raci.into_iter().enumerate().map(|(page, (start, end))| Slide::Raci {
        start,
        end,
        page,
        pages: n,
    }));
    slides.push(Slide::Timeline);
    slides.push(Slide::Testing);
    slides.push(Slide::Readiness);
    slides
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
        }
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
        let count = slides(&self.doc.project, present.rows_per_slide).len();
        match step {
            Next => present.next(count),
            Previous => present.previous(),
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
            End => {}
        }
    }

    /// The slide on screen, while presenting.
    pub fn current_slide(&self) -> Option<Slide> {
        let present = self.present.as_ref()?;
        let all = slides(&self.doc.project, present.rows_per_slide);
        all.get(present.slide.min(all.len() - 1)).copied()
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
