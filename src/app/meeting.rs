//! Running a meeting: the clock behind the presenter view (time since the meeting began, the
//! time left for the current agenda item, how far the meeting is behind its plan) and what is
//! written into the project when the presentation ends: the actual times and the attendance.
//!
//! The clock is plain state driven by the instants it is given, so it is tested without
//! waiting; the window asks for a repaint once a second while it shows the clock.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::present::item_at;
use super::{StewardApp, today};
use crate::model::meeting::{self, MeetingTimes};
use crate::model::{AgendaId, AgendaItem, MeetingId};

/// Time spent on one agenda item.
#[derive(Debug, Clone, PartialEq)]
struct ItemTime {
    item: AgendaId,
    /// Time on the item in stretches already closed.
    spent: Duration,
    first: Instant,
    last: Instant,
}

/// The clock of a running meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingClock {
    /// The meeting it times (`None`: a presentation without a meeting, timed all the same).
    pub meeting: Option<MeetingId>,
    began: Instant,
    /// The wall-clock time at `began`, for the times written into the minutes.
    began_at: NaiveDateTime,
    /// The item on screen now and since when.
    current: Option<(AgendaId, Instant)>,
    items: Vec<ItemTime>,
    /// Set once anything happened that shows the meeting really ran (an agenda item was
    /// reached, a minute recorded): only then are its times written into the project.
    pub ran: bool,
}

impl MeetingClock {
    pub fn start(meeting: Option<MeetingId>, now: Instant, wall: NaiveDateTime) -> Self {
        MeetingClock {
            meeting,
            began: now,
            began_at: wall,
            current: None,
            items: Vec::new(),
            ran: false,
        }
    }

    /// The presentation is now on `item` (or on no item): closes the stretch of the item left.
    pub fn at(&mut self, item: Option<AgendaId>, now: Instant) {
        if self.current.map(|(i, _)| i) == item {
            return;
        }
        if let Some((left, since)) = self.current.take()
            && let Some(t) = self.items.iter_mut().find(|t| t.item == left)
        {
            t.spent += now.saturating_duration_since(since);
            t.last = now;
        }
        if let Some(item) = item {
            self.ran = true;
            self.current = Some((item, now));
            if !self.items.iter().any(|t| t.item == item) {
                self.items.push(ItemTime {
                    item,
                    spent: Duration::ZERO,
                    first: now,
                    last: now,
                });
            }
        }
    }

    pub fn current_item(&self) -> Option<AgendaId> {
        self.current.map(|(i, _)| i)
    }

    /// Time since the meeting began.
    pub fn elapsed(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.began)
    }

    /// Time spent on `item` so far, the stretch on screen included.
    pub fn spent(&self, item: AgendaId, now: Instant) -> Duration {
        let closed = self
            .items
            .iter()
            .find(|t| t.item == item)
            .map_or(Duration::ZERO, |t| t.spent);
        match self.current {
            Some((i, since)) if i == item => closed + now.saturating_duration_since(since),
            _ => closed,
        }
    }

    /// Seconds left for the current item (negative once it runs over); `None` off the agenda.
    pub fn left(&self, agenda: &[AgendaItem], now: Instant) -> Option<i64> {
        let (item, _) = self.current?;
        let planned = agenda.iter().find(|a| a.id == item)?.planned_minutes as i64 * 60;
        Some(planned - self.spent(item, now).as_secs() as i64)
    }

    /// How many seconds the meeting is behind its plan (negative: ahead): the time since it
    /// began against the time planned for the items before the current one and the part of
    /// the current one used so far (up to its plan). At the end it is the whole overrun.
    pub fn behind(&self, agenda: &[AgendaItem], now: Instant) -> i64 {
        let elapsed = self.elapsed(now).as_secs() as i64;
        // The plan starts with the first item reached: time on the title and the agenda
        // before it is not late.
        let Some(first) = self.items.iter().map(|t| t.first).min() else {
            return 0;
        };
        let running = elapsed - first.saturating_duration_since(self.began).as_secs() as i64;
        let seconds = |a: &AgendaItem| a.planned_minutes as i64 * 60;
        let Some((item, _)) = self.current else {
            // Off the agenda after it: the whole plan is behind us.
            return running - agenda.iter().map(seconds).sum::<i64>();
        };
        let Some(position) = agenda.iter().position(|a| a.id == item) else {
            return 0;
        };
        let before: i64 = agenda[..position].iter().map(seconds).sum();
        let used = (self.spent(item, now).as_secs() as i64).min(seconds(&agenda[position]));
        running - before - used
    }

    /// The wall-clock time of an instant.
    fn wall(&self, at: Instant) -> NaiveDateTime {
        let since = at.saturating_duration_since(self.began);
        self.began_at + chrono::Duration::from_std(since).unwrap_or_default()
    }

    /// When the meeting and each item reached actually ran, up to `now`.
    pub fn times(&self, now: Instant) -> MeetingTimes {
        let items = self
            .items
            .iter()
            .map(|t| {
                let last = match self.current {
                    Some((i, _)) if i == t.item => now,
                    _ => t.last,
                };
                (t.item, self.wall(t.first), self.wall(last))
            })
            .collect();
        MeetingTimes {
            started: self.began_at,
            ended: self.wall(now),
            items,
        }
    }

    /// How long until the shown seconds change, for the next repaint.
    pub fn until_next_second(&self, now: Instant) -> Duration {
        let nanos = self.elapsed(now).subsec_nanos();
        Duration::from_nanos(1_000_000_000 - nanos as u64)
    }
}

/// "4:05", "1:02:03", "-0:30": a length of time as the presenter view shows it.
pub fn clock_text(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{sign}{}:{:02}", s / 60, s % 60)
    }
}

/// The wall-clock time now, as meetings record it.
pub fn wall_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

impl StewardApp {
    /// The meeting to present: the one selected in the Kickoff panel (or the meeting of the
    /// selected agenda item or minute), else the next one not yet held.
    pub(super) fn meeting_to_present(&self) -> Option<MeetingId> {
        use crate::model::RecordKey;
        let project = &self.doc.project;
        let selected = match self.view.selection {
            Some(RecordKey::Meeting(id)) => project.meeting(id).map(|m| m.id),
            Some(RecordKey::Agenda(id)) => project.agenda_item(id).map(|(m, _)| m.id),
            Some(RecordKey::Minute(id)) => project.minute(id).map(|(m, _)| m.id),
            _ => None,
        };
        selected.or_else(|| meeting::next_meeting(project, today()))
    }

    /// Starts the presentation with the presenter view (Alt+F5): the slides go to a second
    /// window, the notes, the next slide, the clock and the minutes stay on this one.
    pub fn start_presenter_view(&mut self) {
        self.start_presentation();
        if let Some(present) = self.present.as_mut() {
            present.presenter = true;
        }
        // The presenter's window stays a window; the slides' window goes full screen itself.
        self.fullscreen_request = None;
    }

    /// Keeps the clock on the meeting being presented (a new clock for another meeting; the
    /// same meeting presented again carries on) and on the agenda item on screen.
    pub(super) fn follow_slide(&mut self) {
        let Some(present) = self.present.as_ref() else { return };
        let now = Instant::now();
        if self.clock.as_ref().is_none_or(|c| c.meeting != present.meeting) {
            self.clock = Some(MeetingClock::start(present.meeting, now, wall_now()));
        }
        let deck = present.deck(&self.doc.project);
        let item = item_at(&deck, present.current(&deck).0);
        if let Some(clock) = self.clock.as_mut() {
            clock.at(item, now);
        }
    }

    /// Starts the clock again from now (the meeting really begins after the slides were opened).
    pub(super) fn restart_clock(&mut self) {
        let meeting = self.present.as_ref().and_then(|p| p.meeting);
        self.clock = Some(MeetingClock::start(meeting, Instant::now(), wall_now()));
        self.follow_slide();
    }

    /// When a presentation ends: writes the meeting's actual times and its attendance into
    /// the project as one undoable step, if the meeting really ran.
    pub(super) fn close_clock(&mut self) {
        let now = Instant::now();
        let Some(clock) = self.clock.as_mut() else { return };
        clock.at(None, now);
        let (Some(id), true) = (clock.meeting, clock.ran) else {
            return;
        };
        if self.doc.read_only {
            return;
        }
        let times = clock.times(now);
        if let Some(edit) = meeting::close_meeting(&self.doc.project, id, &times) {
            let label = "Record the meeting's times and attendance";
            self.apply_edit(edit, label, None);
        }
    }

    /// Whether the clock shows: a repaint is wanted this often while presenting.
    pub fn clock_repaint(&self, now: Instant) -> Option<Duration> {
        let present = self.present.as_ref()?;
        if !present.presenter {
            return None;
        }
        self.clock.as_ref().map(|c| c.until_next_second(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda() -> Vec<AgendaItem> {
        vec![
            AgendaItem::new(AgendaId(1), "Welcome", 10),
            AgendaItem::new(AgendaId(2), "Roles", 20),
            AgendaItem::new(AgendaId(3), "Questions", 5),
        ]
    }

    fn wall() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 9, 14)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn each_item_counts_down_and_the_meeting_knows_how_late_it_is() {
        let t0 = Instant::now();
        let min = |m: u64| t0 + Duration::from_secs(m * 60);
        let agenda = agenda();
        let mut clock = MeetingClock::start(Some(MeetingId(9)), t0, wall());
        // Two minutes on the title and the agenda: not late, the plan has not begun.
        clock.at(None, min(2));
        assert_eq!(clock.behind(&agenda, min(2)), 0);
        assert!(!clock.ran);
        clock.at(Some(AgendaId(1)), min(2));
        assert!(clock.ran);
        assert_eq!(clock.left(&agenda, min(5)), Some(7 * 60));
        assert_eq!(clock.behind(&agenda, min(5)), 0, "on time within the item");
        // Welcome takes 14 minutes instead of 10: 4 over, and the meeting is 4 behind.
        assert_eq!(clock.left(&agenda, min(16)), Some(-4 * 60));
        assert_eq!(clock.behind(&agenda, min(16)), 4 * 60);
        clock.at(Some(AgendaId(2)), min(16));
        assert_eq!(clock.left(&agenda, min(16)), Some(20 * 60));
        assert_eq!(clock.behind(&agenda, min(26)), 4 * 60);
        // Roles is done in 15: the meeting catches up to 1 minute ahead at the last item.
        clock.at(Some(AgendaId(3)), min(31));
        assert_eq!(clock.behind(&agenda, min(31)), -60);
        // Going back to Welcome for a moment adds to its time.
        clock.at(Some(AgendaId(1)), min(33));
        assert_eq!(clock.spent(AgendaId(1), min(34)), Duration::from_secs(15 * 60));
        clock.at(None, min(36));
        assert_eq!(clock.elapsed(min(36)), Duration::from_secs(36 * 60));
        // Off the agenda at the end: the whole overrun against the 35 minutes planned, counted
        // from the first item (minute 2).
        assert_eq!(clock.behind(&agenda, min(40)), 3 * 60);
        let times = clock.times(min(40));
        assert_eq!(times.started, wall());
        assert_eq!(times.ended, wall() + chrono::Duration::minutes(40));
        let welcome = times.items.iter().find(|(i, _, _)| *i == AgendaId(1)).unwrap();
        assert_eq!(
            (welcome.1, welcome.2),
            (
                wall() + chrono::Duration::minutes(2),
                wall() + chrono::Duration::minutes(36)
            )
        );
        assert_eq!(times.items.len(), 3);
    }

    #[test]
    fn clock_text_reads_like_a_clock() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(245), "4:05");
        assert_eq!(clock_text(3723), "1:02:03");
        assert_eq!(clock_text(-30), "-0:30");
    }

    #[test]
    fn the_repaint_comes_when_the_seconds_change() {
        let t0 = Instant::now();
        let clock = MeetingClock::start(None, t0, wall());
        let wait = clock.until_next_second(t0 + Duration::from_millis(1250));
        assert_eq!(wait, Duration::from_millis(750));
    }
}
