//! Turning key presses into actions. Shortcuts are tried with the most modifiers first, because
//! egui's matching ignores a Shift the shortcut does not ask for: tried in list order, Ctrl+S
//! would swallow Ctrl+Shift+S (Save instead of Save as) and Ctrl+Z would swallow Ctrl+Shift+Z.

use egui::{Context, KeyboardShortcut, Modifiers};

use crate::app::Action;

/// Every key of every action, the primary shortcut and the alternate one.
pub fn action_keys() -> impl Iterator<Item = (Action, KeyboardShortcut)> {
    Action::ALL.iter().flat_map(|&a| {
        [a.shortcut(), a.alternate_shortcut()]
            .into_iter()
            .flatten()
            .map(move |s| (a, s))
    })
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .iter()
        .filter(|&&on| on)
        .count()
}

/// Consumes this frame's key presses that match one of `candidates` and returns what they
/// trigger; each candidate fires at most once per frame.
pub fn triggered<T: Copy>(ctx: &Context, candidates: impl IntoIterator<Item = (T, KeyboardShortcut)>) -> Vec<T> {
    let mut candidates: Vec<(T, KeyboardShortcut)> = candidates.into_iter().collect();
    // Stable: among equals, the listed order still decides.
    candidates.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut fired = Vec::new();
    for (target, shortcut) in candidates {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            fired.push(target);
        }
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Event, RawInput};

    /// The actions one press of `shortcut` triggers, with every action enabled.
    fn fired_by(shortcut: KeyboardShortcut) -> Vec<Action> {
        let ctx = Context::default();
        let mut input = RawInput::default();
        input.events.push(Event::Key {
            key: shortcut.logical_key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: shortcut.modifiers,
        });
        let mut fired = Vec::new();
        let mut output = ctx.run_ui(input, |ui| fired = triggered(ui.ctx(), action_keys()));
        output.textures_delta.clear();
        fired
    }

    #[test]
    fn every_shortcut_triggers_its_own_action_and_no_other() {
        for (action, shortcut) in action_keys() {
            assert_eq!(fired_by(shortcut), vec![action], "{shortcut:?}");
        }
    }

    #[test]
    fn save_as_and_redo_win_over_save_and_undo() {
        let shift_cmd = Modifiers::COMMAND | Modifiers::SHIFT;
        assert_eq!(
            fired_by(KeyboardShortcut::new(shift_cmd, egui::Key::S)),
            vec![Action::SaveAs]
        );
        assert_eq!(
            fired_by(KeyboardShortcut::new(shift_cmd, egui::Key::Z)),
            vec![Action::Redo]
        );
    }

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let keys: Vec<_> = action_keys().collect();
        for (i, (a, s)) in keys.iter().enumerate() {
            for (b, t) in &keys[i + 1..] {
                assert!(s != t, "{a:?} and {b:?} share {s:?}");
            }
        }
    }
}
