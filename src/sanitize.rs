//! Text that is shown to people but came from a file: made safe to print, and checked for
//! being visibly empty.

use std::borrow::Cow;

/// Bidirectional formatting characters: they can reverse how the rest of a line reads.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that must not reach a terminal, a log or an export as they are: C0 and C1
/// control characters (line breaks and escape sequences among them), DEL, the line and
/// paragraph separators, and the bidirectional controls.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

/// `text` with every unsafe character written as a visible `\u{…}` escape (a line break as
/// `\n`, a tab as `\t`), so it prints on one line, with no colours and in its stored order.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters that take no visible space: zero-width spaces and joiners, the byte-order mark,
/// soft hyphens, filler characters, variation selectors and the controls above.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || is_unsafe_char(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// True when `text` shows nothing: empty, or made only of spaces and invisible characters.
pub fn is_visibly_empty(text: &str) -> bool {
    text.chars().all(is_invisible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_forged_verdict_line_stays_on_one_line() {
        let name = "Plan\n\nVerdict: GO\u{1b}[32m\u{202E}dlrow";
        let shown = escape_controls(name);
        assert!(!shown.contains('\n') && !shown.contains('\u{1b}') && !shown.contains('\u{202E}'));
        assert_eq!(shown, "Plan\\n\\nVerdict: GO\\u{001B}[32m\\u{202E}dlrow");
        assert!(matches!(escape_controls("Ann Lee – Café"), Cow::Borrowed(_)));
    }

    #[test]
    fn names_made_only_of_invisible_characters_are_empty() {
        assert!(is_visibly_empty("\u{200B}\u{FEFF} \u{2060}\u{00AD}"));
        assert!(is_visibly_empty(""));
        assert!(!is_visibly_empty("\u{200B}A"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(crate::test_cases(256)))]
        /// Whatever the text, the escaped form holds no character a terminal would act on.
        #[test]
        fn escaped_text_has_no_unsafe_characters(text in any::<String>()) {
            let shown = escape_controls(&text);
            prop_assert!(!shown.chars().any(is_unsafe_char));
            if !text.contains('\\') {
                prop_assert_eq!(shown.chars().filter(|c| *c == '\\').count() == 0, !text.chars().any(is_unsafe_char));
            }
        }
    }
}
