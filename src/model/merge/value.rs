//! Field-by-field merge of records as JSON values, so that every field, known or not, merges
//! the same way.
//!
//! - Objects merge by field name.
//! - Lists of plain values (an ownership team, the commitments) merge as sets: additions and
//!   removals from both sides are kept, and they never conflict.
//! - Lists of objects with an identifying field (`id`, `stakeholder`, `area`, `date`) merge
//!   entry by entry, like the record lists.
//! - Anything else changed to two different values is a conflict.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Conflict, Cx, Pick};
use crate::model::RecordKey;

/// For a top-level field: the record to name in a conflict, its key, and whether the field's
/// own name belongs in the conflict's field path (not for `details`, which names the record).
pub(super) type Site<'a> = &'a dyn Fn(&str) -> (String, Option<RecordKey>);

/// Where in the merge we are, for naming conflicts.
struct At<'a> {
    record: &'a str,
    key: Option<RecordKey>,
    path: Vec<String>,
}

/// Merges three JSON objects field by field.
pub(super) fn merge_object_fields(base: &Value, mine: &Value, theirs: &Value, cx: &mut Cx, site: Site) -> Value {
    let empty = Map::new();
    let (b, m, t) = (
        as_object(base, &empty),
        as_object(mine, &empty),
        as_object(theirs, &empty),
    );
    let mut out = Map::new();
    for field in union_of_keys(m, t) {
        let (record, key) = site(field);
        // Top-level sections named as the record itself need no field name in the path.
        let path = if record == "project details" || record == "settings" {
            Vec::new()
        } else {
            vec![human(field)]
        };
        let mut at = At {
            record: &record,
            key,
            path,
        };
        if let Some(v) = merge_opt(b.get(field), m.get(field), t.get(field), cx, &mut at) {
            out.insert(field.clone(), v);
        }
    }
    Value::Object(out)
}

fn as_object<'a>(v: &'a Value, empty: &'a Map<String, Value>) -> &'a Map<String, Value> {
    v.as_object().unwrap_or(empty)
}

fn union_of_keys<'a>(m: &'a Map<String, Value>, t: &'a Map<String, Value>) -> Vec<&'a String> {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.extend(t.keys().filter(|k| !m.contains_key(*k)));
    keys
}

/// Merges one value that may be missing on any side. `None` in the answer: leave it out.
fn merge_opt(b: Option<&Value>, m: Option<&Value>, t: Option<&Value>, cx: &mut Cx, at: &mut At) -> Option<Value> {
    if m == t {
        return m.cloned();
    }
    // Two-way: there is no base, so neither side can be the unchanged one.
    let b = if cx.two_way { None } else { b };
    if !cx.two_way {
        if t == b {
            return m.cloned();
        }
        if m == b {
            return t.cloned();
        }
    }
    let none = Value::Null;
    let b = match b {
        Some(b) => Some(b),
        // Without a base, an object or a list is still merged part by part.
        None if cx.two_way => Some(&none),
        None => None,
    };
    let empty_object = Map::new();
    if let (Some(b), Some(m), Some(t)) = (b, m, t) {
        let b_object = if cx.two_way { Some(&empty_object) } else { b.as_object() };
        let b_array: Option<&[Value]> = if cx.two_way {
            Some(&[])
        } else {
            b.as_array().map(Vec::as_slice)
        };
        match (b_object, b_array, m, t) {
            (Some(bo), _, Value::Object(mo), Value::Object(to)) => {
                let mut out = Map::new();
                for field in union_of_keys(mo, to) {
                    at.path.push(human(field));
                    if let Some(v) = merge_opt(bo.get(field), mo.get(field), to.get(field), cx, at) {
                        out.insert(field.clone(), v);
                    }
                    at.path.pop();
                }
                return Some(Value::Object(out));
            }
            (_, Some(ba), Value::Array(ma), Value::Array(ta)) => {
                if let Some(merged) = merge_array(ba, ma, ta, cx, at) {
                    return Some(Value::Array(merged));
                }
            }
            _ => {}
        }
    }
    let conflict = Conflict {
        record: at.record.to_string(),
        key: at.key,
        field: at.path.join(" › "),
        mine: show(m),
        theirs: show(t),
    };
    match cx.conflict(conflict) {
        Pick::Mine => m.cloned(),
        Pick::Theirs => t.cloned(),
    }
}

fn is_plain(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

/// Fields that identify an entry of a list of objects, in the order they are tried.
const KEY_FIELDS: &[&str] = &["id", "stakeholder", "area", "date"];

/// Merges lists; `None` when they cannot be merged entry by entry (then the whole list conflicts).
fn merge_array(b: &[Value], m: &[Value], t: &[Value], cx: &mut Cx, at: &mut At) -> Option<Vec<Value>> {
    let all = || b.iter().chain(m).chain(t);
    if all().all(is_plain) {
        if cx.two_way {
            // As sets there is no telling an addition from a removal: the list conflicts whole.
            return None;
        }
        // As sets: keep mine except what they removed, then add what they added.
        let mut out: Vec<Value> = m.iter().filter(|v| !b.contains(v) || t.contains(v)).cloned().collect();
        out.extend(t.iter().filter(|v| !b.contains(v) && !m.contains(v)).cloned());
        return Some(out);
    }
    let key_field = KEY_FIELDS.iter().find(|f| {
        all().all(|v| v.get(**f).is_some_and(is_plain)) && [b, m, t].iter().all(|list| unique_keys(list, f))
    })?;
    let key = |v: &Value| v[*key_field].to_string();
    let find = |list: &[Value], k: &str| list.iter().find(|v| key(v) == k).cloned();
    let parent = at.path.pop().unwrap_or_default();
    let entry = |k: &str| match *key_field {
        "id" => format!("{parent} entry {k}"),
        "date" => format!("{parent} of {}", k.trim_matches('"')),
        other => format!("{parent} for {other} {k}"),
    };
    let mut out = Vec::with_capacity(m.len().max(t.len()));
    for mv in m {
        let k = key(mv);
        at.path.push(entry(&k));
        let merged = match (find(b, &k), find(t, &k)) {
            (Some(bv), None) if &bv == mv => None,
            (bv, tv) => merge_opt(bv.as_ref(), Some(mv), tv.as_ref(), cx, at),
        };
        at.path.pop();
        out.extend(merged);
    }
    // Entries only theirs has: added by them, or deleted by me (a conflict if they changed it).
    let mut anchor: Option<String> = None;
    let mut inserts: Vec<(Option<String>, Value)> = Vec::new();
    for tv in t {
        let k = key(tv);
        if m.iter().any(|mv| key(mv) == k) {
            anchor = Some(k);
            continue;
        }
        let bv = find(b, &k);
        if bv.as_ref() == Some(tv) {
            continue;
        }
        at.path.push(entry(&k));
        let merged = merge_opt(bv.as_ref(), None, Some(tv), cx, at);
        at.path.pop();
        if let Some(v) = merged {
            inserts.push((anchor.clone(), v));
        }
    }
    at.path.push(parent);
    for (anchor, value) in inserts {
        let at_index = match anchor {
            None => 0,
            Some(a) => out.iter().position(|v| key(v) == a).map_or(out.len(), |i| i + 1),
        };
        // After any entries already inserted behind the same anchor, to keep their order.
        let mut i = at_index;
        while i < out.len() && !m.iter().any(|mv| key(mv) == key(&out[i])) {
            i += 1;
        }
        out.insert(i, value);
    }
    Some(out)
}

fn unique_keys(list: &[Value], field: &str) -> bool {
    let mut seen = std::collections::HashSet::new();
    list.iter().all(|v| seen.insert(v[field].to_string()))
}

/// A field name as people read it: `engagement_now` → `engagement now`.
fn human(field: &str) -> String {
    field.replace('_', " ")
}

/// A value as shown in the conflict dialog.
pub fn show(v: Option<&Value>) -> String {
    const MAX: usize = 300;
    let text = match v {
        None => return "(removed)".into(),
        Some(Value::Null) => return "(empty)".into(),
        Some(Value::String(s)) if s.is_empty() => return "(empty)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => (if *b { "yes" } else { "no" }).into(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text
    }
}

/// The fields that differ between two versions of a record: `notes, power`.
pub(super) fn changed_fields<T: Serialize>(before: &T, after: &T) -> String {
    let (b, a) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    );
    let empty = Map::new();
    let (b, a) = (as_object(&b, &empty), as_object(&a, &empty));
    let fields: Vec<String> = union_of_keys(a, b)
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| human(k))
        .collect();
    fields.join(", ")
}
