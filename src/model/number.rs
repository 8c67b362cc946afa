//! Reading the numbers of known fields.
//!
//! serde_json is built with `arbitrary_precision`, so that numbers in fields this version does
//! not know are kept exactly as written (a long integer keeps its digits, `-0` stays `-0`). With
//! that feature a number reaches a record that keeps unknown fields (`#[serde(flatten)]`) in a
//! form the standard integer and float readers refuse, so every known numeric field reads a
//! [`serde_json::Number`] first and converts it here, with a message in plain words.

use serde::de::{Deserializer, Error, Unexpected};
use serde_json::Number;

/// Reads a number, whichever form it arrives in (a plain number, or the one-entry map that
/// serde_json's `arbitrary_precision` uses inside records with unknown fields), naming
/// `expected` when it is something else.
fn number<'de, D: Deserializer<'de>>(d: D, expected: &'static str) -> Result<Number, D::Error> {
    d.deserialize_any(NumberVisitor { expected })
}

struct NumberVisitor {
    expected: &'static str,
}

impl<'de> serde::de::Visitor<'de> for NumberVisitor {
    type Value = Number;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expected)
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Number, E> {
        Ok(Number::from(v))
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<Number, E> {
        Ok(Number::from(v))
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<Number, E> {
        Number::from_f64(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Number, A::Error> {
        // serde_json's private form of an exactly written number: {TOKEN: "digits"}.
        let key: Option<String> = map.next_key()?;
        if key.as_deref() != Some("$serde_json::private::Number") {
            return Err(A::Error::invalid_type(Unexpected::Map, &self));
        }
        let text: String = map.next_value()?;
        text.parse::<Number>()
            .map_err(|_| A::Error::invalid_value(Unexpected::Str(&text), &self))
    }
}

/// A whole number that fits in `T`.
pub fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64> + num_max::Max,
{
    let n = number(d, "a whole number")?;
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
    let n = number(d, "a number")?;
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
