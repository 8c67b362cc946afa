//! Turning what the JSON reader says into plain words: which field holds which value, why it is
//! refused, and on which line.
//!
//! Two passes help. [`scan`] walks the file once before it is read into a project: it finds
//! syntax errors and keys given twice (which the JSON reader would otherwise settle silently by
//! keeping the last one). When reading into a project fails, [`explain`] finds the field at
//! fault by trying the failing record with one field left out at a time, and names it.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::model::{Area, HandoverItem, KickoffItem, ProjectDetails, ProjectSettings, ReadinessSnapshot, Stakeholder};

mod words;

pub use words::*;

/// The key serde_json uses internally to carry a number written exactly (arbitrary precision).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// One step on the way from the top of the file to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// What went wrong where, before it is put into words.
struct Found {
    path: Vec<Seg>,
    what: String,
}

/// Walks a JSON document without building it, tracking the path; stops at a key given twice,
/// or at `target` when one is given (to learn its line).
struct Walk<'a> {
    path: &'a RefCell<Vec<Seg>>,
    target: Option<&'a [Seg]>,
    found: &'a RefCell<Option<Found>>,
}

impl Walk<'_> {
    fn child(&self) -> Walk<'_> {
        Walk {
            path: self.path,
            target: self.target,
            found: self.found,
        }
    }
    fn at_target(&self) -> bool {
        self.target.is_some_and(|t| *self.path.borrow() == t)
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// The part of a walk over any JSON value that every walker shares: plain values (true, numbers,
/// strings, null) hold nothing to look into.
macro_rules! passes_over_scalars {
    () => {
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    };
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();
    passes_over_scalars!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.path.borrow_mut().push(Seg::Index(index));
            if self.at_target() {
                return Err(de::Error::custom("target reached"));
            }
            let more = seq.next_element_seed(self.child())?;
            self.path.borrow_mut().pop();
            if more.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN {
                // A number, handed over as a one-entry map: nothing inside to check.
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if !seen.insert(key.clone()) {
                *self.found.borrow_mut() = Some(Found {
                    path: self.path.borrow().clone(),
                    what: format!("the field \"{}\" is given twice", printable(&key)),
                });
                return Err(de::Error::custom("duplicate key"));
            }
            self.path.borrow_mut().push(Seg::Key(key));
            if self.at_target() {
                return Err(de::Error::custom("target reached"));
            }
            map.next_value_seed(self.child())?;
            self.path.borrow_mut().pop();
        }
        Ok(())
    }
}

/// Checks that `text` is one well-formed JSON value with no key given twice in any object.
/// The error is already in plain words.
pub fn scan(text: &str) -> Result<(), String> {
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = DupScan { found: &found }.deserialize(&mut de).and_then(|()| de.end());
    match result {
        Ok(()) => Ok(()),
        Err(e) => Err(match found.into_inner() {
            Some(found) => format!("line {}: {}: {}", e.line(), location(&found.path, None), found.what),
            None => syntax(text, &e),
        }),
    }
}

/// The lean walk behind [`scan`]: no path is kept while all is well (keys are borrowed from
/// the text where they can be); the path to a key given twice is put together on the way out.
struct DupScan<'a> {
    found: &'a RefCell<Option<Found>>,
}

impl<'de> DeserializeSeed<'de> for DupScan<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// A key, borrowed from the text unless it holds escapes.
struct KeySeed;
impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = std::borrow::Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(KeySeed)
    }
}
impl<'de> Visitor<'de> for KeySeed {
    type Value = std::borrow::Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(std::borrow::Cow::Owned(v.to_string()))
    }
}

impl<'de> Visitor<'de> for DupScan<'_> {
    type Value = ();
    passes_over_scalars!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            match seq.next_element_seed(DupScan { found: self.found }) {
                Ok(Some(())) => index += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    if let Some(found) = self.found.borrow_mut().as_mut() {
                        found.path.insert(0, Seg::Index(index));
                    }
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Few keys are compared in a list; many go into a set, so no object is slow to check.
        let mut few: Vec<std::borrow::Cow<'de, str>> = Vec::new();
        let mut many: HashSet<std::borrow::Cow<'de, str>> = HashSet::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == NUMBER_TOKEN {
                // A number, handed over as a one-entry map: nothing inside to check.
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let twice = if many.is_empty() && few.len() < 16 {
                let twice = few.contains(&key);
                few.push(key.clone());
                twice
            } else {
                many.extend(few.drain(..));
                !many.insert(key.clone())
            };
            if twice {
                *self.found.borrow_mut() = Some(Found {
                    path: Vec::new(),
                    what: format!("the field \"{}\" is given twice", printable(&key)),
                });
                return Err(de::Error::custom("duplicate key"));
            }
            if let Err(e) = map.next_value_seed(DupScan { found: self.found }) {
                if let Some(found) = self.found.borrow_mut().as_mut() {
                    found.path.insert(0, Seg::Key(key.into_owned()));
                }
                return Err(e);
            }
        }
        Ok(())
    }
}

/// A JSON syntax error in plain words.
fn syntax(text: &str, e: &serde_json::Error) -> String {
    if text.trim().is_empty() {
        return "the file is empty".into();
    }
    let full = e.to_string();
    let raw = strip_position(&full);
    let why = if raw.starts_with("EOF while parsing") {
        "the file ends in the middle of the data (it may have been cut off while being copied)".to_string()
    } else if raw.starts_with("trailing characters") {
        "there is more text after the end of the project data".to_string()
    } else if raw.starts_with("expected value") {
        "a value was expected here (the file may not be JSON at all)".to_string()
    } else if raw.starts_with("key must be a string") {
        "a field name is not in double quotes".to_string()
    } else if raw.starts_with("control character") {
        "a text value contains a raw line break or control character".to_string()
    } else if raw.starts_with("invalid unicode code point") || raw.starts_with("lone leading surrogate") {
        "a text value contains an invalid \\u escape".to_string()
    } else if raw.starts_with("recursion limit exceeded") {
        "the data is nested too deeply".to_string()
    } else {
        format!("the JSON is malformed ({raw})")
    };
    format!("line {}, column {}: {why}", e.line(), e.column())
}

/// The line on which the value at `path` starts, if it can be found.
pub fn line_of(text: &str, path: &[Seg]) -> Option<usize> {
    if path.is_empty() {
        return None;
    }
    let cursor = RefCell::new(Vec::new());
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let walk = Walk {
        path: &cursor,
        target: Some(path),
        found: &found,
    };
    match walk.deserialize(&mut de) {
        Err(e) if *cursor.borrow() == path && e.line() > 0 => Some(e.line()),
        _ => None,
    }
}

/// Removes serde_json's " at line L column C" from the end of a message.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

/// Explains why `doc` (well-formed JSON) does not read as a project. `raw` is the reader's own
/// message, used when no better one is found.
pub fn explain(text: &str, doc: &Value, raw: &serde_json::Error) -> String {
    let Value::Object(top) = doc else {
        return format!(
            "it holds {}, not a Steward project (a project is a group of fields between {{ and }})",
            describe(doc)
        );
    };
    let raw_text = strip_position(&raw.to_string()).to_string();
    for (key, value) in top {
        let found = match key.as_str() {
            "details" => narrow::<ProjectDetails>(value),
            "settings" => narrow::<ProjectSettings>(value),
            "areas" => narrow_list::<Area>(value),
            "stakeholders" => narrow_list::<Stakeholder>(value),
            "kickoff" => narrow_list::<KickoffItem>(value),
            "handover" => narrow_list::<HandoverItem>(value),
            "commitments" => narrow_list::<String>(value),
            "readiness_history" => narrow_list::<ReadinessSnapshot>(value),
            "meetings" => narrow_list::<crate::model::Meeting>(value),
            _ => None,
        };
        if let Some((mut path, message)) = found {
            path.insert(0, Seg::Key(key.clone()));
            let line = line_of(text, &path);
            let value_at = get(doc, &path);
            let why = plain(&message, value_at);
            let place = location(&path, Some(doc));
            return match line {
                Some(line) => format!("line {line}: {place}: {why}"),
                None => format!("{place}: {why}"),
            };
        }
    }
    if let Some(field) = missing_field(&raw_text) {
        return format!("the required field \"{field}\" is missing at the top of the file");
    }
    let at = if raw.line() > 0 {
        format!("line {}: ", raw.line())
    } else {
        String::new()
    };
    format!("{at}{}", plain(&raw_text, None))
}

fn narrow_list<T: DeserializeOwned>(value: &Value) -> Option<(Vec<Seg>, String)> {
    let Value::Array(items) = value else {
        return narrow::<Vec<T>>(value);
    };
    for (i, item) in items.iter().enumerate() {
        if let Some((mut path, message)) = narrow::<T>(item) {
            path.insert(0, Seg::Index(i));
            return Some((path, message));
        }
    }
    None
}

/// Arrays longer than this are not searched element by element (each try copies the record).
const NARROW_ARRAY_LIMIT: usize = 500;

/// Finds the path inside `root` to the value that makes reading it as `T` fail, by leaving out
/// one field or element at a time. Returns the path and the reader's message.
fn narrow<T: DeserializeOwned>(root: &Value) -> Option<(Vec<Seg>, String)> {
    let fails = |v: &Value| T::deserialize(v).err().map(|e| e.to_string());
    let message = fails(root)?;
    let mut path: Vec<Seg> = Vec::new();
    loop {
        let children: Vec<Seg> = match get(root, &path) {
            Some(Value::Object(m)) => m.keys().map(|k| Seg::Key(k.clone())).collect(),
            Some(Value::Array(a)) if a.len() <= NARROW_ARRAY_LIMIT => (0..a.len()).map(Seg::Index).collect(),
            _ => break,
        };
        let culprit = children.into_iter().find(|child| {
            let mut copy = root.clone();
            remove(&mut copy, &path, child);
            match fails(&copy) {
                None => true,
                Some(other) => matches!(child, Seg::Key(k) if missing_field(&other) == Some(k.as_str())),
            }
        });
        match culprit {
            Some(child) => path.push(child),
            None => break,
        }
    }
    Some((path, message))
}

fn get<'v>(root: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(root, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(*i),
    })
}

fn remove(root: &mut Value, path: &[Seg], child: &Seg) {
    let mut node = root;
    for seg in path {
        node = match seg {
            Seg::Key(k) => &mut node[k.as_str()],
            Seg::Index(i) => &mut node[*i],
        };
    }
    match (node, child) {
        (Value::Object(m), Seg::Key(k)) => {
            m.remove(k);
        }
        (Value::Array(a), Seg::Index(i)) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}
