//! Reading the numbers of known fields.
//!
//! serde_json is built with `arbitrary_precision`, so that numbers in fields this version does
//! not know are kept exactly as written (a long integer keeps its digits, `-0` stays `-0`). With
//! that feature a number reaches a record that keeps unknown fields (`#[serde(flatten)]`) in a
//! form the standard integer and float readers refuse, so every known numeric field reads a
//! [`serde_json::Number`] first and converts it here, with a message in plain words.

use serde::de::{Deserializer, Error, Unexpected};
use serde_json::Number;

/// A number as read: a whole number that fits in a `u64` (ids, scores: almost all of them,
/// read without allocating), or any other number, exactly.
enum Read {
    Whole(u64),
    Other(Number),
}

impl Read {
    fn number(self) -> Number {
        match self {
            Read::Whole(v) => Number::from(v),
            Read::Other(n) => n,
        }
    }
}

/// Reads a number, whichever form it arrives in (a plain number, or the one-entry map that
/// serde_json's `arbitrary_precision` uses for every number), naming `expected` when it is
/// something else.
fn number<'de, D: Deserializer<'de>>(d: D, expected: &'static str) -> Result<Read, D::Error> {
    d.deserialize_any(NumberVisitor { expected })
}

/// serde_json's key for an exactly written number: {TOKEN: "digits"}.
const TOKEN: &str = "$serde_json::private::Number";

struct NumberVisitor {
    expected: &'static str,
}

impl<'de> serde::de::Visitor<'de> for NumberVisitor {
    type Value = Read;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expected)
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Read, E> {
        Ok(Read::Whole(v))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Read, E> {
        Ok(Read::Other(Number::from(v)))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Read, E> {
        Number::from_f64(v)
            .map(Read::Other)
            .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        if map.next_key_seed(IsToken)? != Some(true) {
            return Err(A::Error::invalid_type(Unexpected::Map, &self));
        }
        map.next_value_seed(Digits(self))
    }
}

/// Whether a key is serde_json's number token, compared without copying it.
struct IsToken;

impl<'de> serde::de::DeserializeSeed<'de> for IsToken {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for IsToken {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == TOKEN)
    }
}

/// The digits of an exactly written number: a plain whole number is read as such.
struct Digits(NumberVisitor);

impl<'de> serde::de::DeserializeSeed<'de> for Digits {
    type Value = Read;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read, D::Error> {
        d.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for Digits {
    type Value = Read;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.0.expecting(f)
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<Read, E> {
        if !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit())
            && let Ok(v) = text.parse::<u64>()
        {
            return Ok(Read::Whole(v));
        }
        text.parse::<Number>()
            .map(Read::Other)
            .map_err(|_| E::invalid_value(Unexpected::Str(text), &self.0))
    }
}

/// A whole number that fits in `T`.
pub fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64> + num_max::Max,
{
    let n = match number(d, "a whole number")? {
        Read::Whole(v) => {
            return T::try_from(v).map_err(|_| {
                D::Error::invalid_value(
                    Unexpected::Other(&format!("the number {v}")),
                    &format!("a whole number of at most {}", T::MAX_TEXT).as_str(),
                )
            });
        }
        Read::Other(n) => n,
    };
    let text = n.to_string();
    let Some(value) = n.as_u64() else {
        return Err(D::Error::invalid_value(
            Unexpected::Other(&format!("the number {text}")),
            &"a whole number of 0 or more",
        ));
    };
    T::try_from(value).map_err(|_| {
        D::Error::invalid_value(
            Unexpected::Other(&format!("the number {text}")),
            &format!("a whole number of at most {}", T::MAX_TEXT).as_str(),
        )
    })
}

pub fn u8<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    whole(d)
}

pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole(d)
}

pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole(d)
}

/// A finite number that fits in an `f32`.
pub fn f32<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    let n = number(d, "a number")?.number();
    let value = n.as_f64().map(|v| v as f32).filter(|v| v.is_finite());
    value.ok_or_else(|| {
        D::Error::invalid_value(
            Unexpected::Other(&format!("the number {n}")),
            &"a number of ordinary size",
        )
    })
}

/// The largest value of each integer type, as text for messages.
pub mod num_max {
    pub trait Max {
        const MAX_TEXT: &'static str;
    }
    impl Max for u8 {
        const MAX_TEXT: &'static str = "255";
    }
    impl Max for u32 {
        const MAX_TEXT: &'static str = "4294967295";
    }
    impl Max for u64 {
        const MAX_TEXT: &'static str = "18446744073709551615";
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Stakeholder, StakeholderId};

    fn stakeholder(json: &str) -> Result<Stakeholder, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// Whole numbers take the quick way; everything else the exact one, with the same answers.
    #[test]
    fn ids_and_scores_read_the_same_whichever_way_they_come() {
        let s = stakeholder(r#"{"id": 18446744073709551615, "name": "A", "power": 5, "interest": 1}"#).unwrap();
        assert_eq!((s.id, s.power, s.interest), (StakeholderId(u64::MAX), 5, 1));
        let err = stakeholder(r#"{"id": 18446744073709551616, "name": "A"}"#).unwrap_err();
        assert!(err.contains("a whole number of 0 or more"), "{err}");
        let err = stakeholder(r#"{"id": 7, "name": "A", "power": 300}"#).unwrap_err();
        assert!(err.contains("the number 300") && err.contains("at most 255"), "{err}");
        for (json, why) in [
            (r#"{"id": -1, "name": "A"}"#, "the number -1"),
            (r#"{"id": 1.5, "name": "A"}"#, "the number 1.5"),
            (r#"{"id": 1e3, "name": "A"}"#, "the number 1e"),
            (r#"{"id": "7", "name": "A"}"#, "a whole number"),
        ] {
            let err = stakeholder(json).unwrap_err();
            assert!(err.contains(why), "{json}: {err}");
        }
    }
}
