//! The core's closed values as the window sends them: by their keys (`motie`, `partly-met`,
//! `aangenomen`), the same keys the app sends it.

use raadsvolger_core as core;
use serde::de::DeserializeOwned;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::{TS, TypeVisitor};

use super::error::{ApiError, invalid_input};

/// One of the core's closed enums that the window names in a request.
pub trait Closed: DeserializeOwned + Copy + 'static {
    /// The `rule` of the error a key it does not know gets (the window words it by this).
    const RULE: &'static str;
    /// What a value is, for the error's message: "document kind".
    const WHAT: &'static str;
    /// Every value, in the order the message lists their keys.
    const ALL: &'static [Self];
    /// The value's key on the wire.
    fn key(self) -> &'static str;
}

/// A core enum whose key is its `as_str`.
macro_rules! closed {
    ($ty:ty, rule: $rule:literal, what: $what:literal, all: $all:expr) => {
        impl Closed for $ty {
            const RULE: &'static str = $rule;
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = $all;
            fn key(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

closed!(core::DocKind, rule: "kind", what: "document kind", all: &core::DocKind::ALL);
closed!(core::Flag, rule: "flag", what: "flag", all: &core::Flag::ALL);
closed!(core::Status, rule: "status", what: "status", all: {
    use core::Status::{Met, Open, PartlyMet, Withdrawn};
    &[Open, Met, PartlyMet, Withdrawn]
});
closed!(core::Outcome, rule: "outcome", what: "outcome", all: {
    use core::Outcome::{Aangehouden, Aangenomen, Ingetrokken, Verworpen};
    &[Aangenomen, Verworpen, Ingetrokken, Aangehouden]
});
closed!(core::MeetingStatus, rule: "status", what: "meeting status", all: {
    use core::MeetingStatus::{Cancelled, Held, Planned};
    &[Planned, Held, Cancelled]
});

/// A value of a closed enum as the window sends it: its key (`"partly-met"`), in TypeScript the
/// enum's union. A text that is no key of it is kept as it was, so that the command answers it
/// with a coded `invalid-input` (the enum's rule, the text as `value`), which the window words in
/// its language, rather than Tauri refusing the arguments in English; [`Key::get`] gives the
/// value or that error. Only the keys are read, not the Dutch words the core's parsers also take
/// from documents (`afgedaan`, `rib`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<T>(Result<T, String>);

impl<T: Closed> Key<T> {
    /// Reads `text` (white space around it allowed).
    pub fn parse(text: &str) -> Key<T> {
        let key = StrDeserializer::<ValueError>::new(text.trim());
        Key(T::deserialize(key).map_err(|_| text.to_owned()))
    }

    /// The value, or `invalid-input` (the enum's rule) when the text was no key of it.
    pub fn get(&self) -> Result<T, ApiError> {
        self.0.as_ref().copied().map_err(|text| {
            let keys: Vec<&str> = T::ALL.iter().map(|v| v.key()).collect();
            invalid_input(format!(
                "unknown {} {text:?} (expected one of: {})",
                T::WHAT,
                keys.join(", ")
            ))
            .with("rule", T::RULE)
            .with("value", text.as_str())
        })
    }

    /// A value that may be left out: absent or blank is none.
    pub fn optional(key: &Option<Key<T>>) -> Result<Option<T>, ApiError> {
        match key {
            Some(Key(Err(text))) if text.trim().is_empty() => Ok(None),
            Some(key) => key.get().map(Some),
            None => Ok(None),
        }
    }

    /// Every value of a list, or the error of the first that is none.
    pub fn all(keys: &[Key<T>]) -> Result<Vec<T>, ApiError> {
        keys.iter().map(Key::get).collect()
    }
}

impl<T> From<T> for Key<T> {
    fn from(value: T) -> Self {
        Key(Ok(value))
    }
}

impl<T: Closed> Serialize for Key<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Ok(value) => serializer.serialize_str(value.key()),
            Err(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de, T: Closed> Deserialize<'de> for Key<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Key::parse(&text))
    }
}

/// In TypeScript a key is the enum's own type (its union): the wrapper leaves no trace.
impl<T: TS> TS for Key<T> {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name() -> String {
        T::name()
    }

    fn inline() -> String {
        T::inline()
    }

    fn inline_flattened() -> String {
        T::inline_flattened()
    }

    fn visit_dependencies(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_dependencies(v);
    }

    fn visit_generics(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_generics(v);
        v.visit::<T>();
    }

    fn decl() -> String {
        T::decl()
    }

    fn decl_concrete() -> String {
        T::decl_concrete()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: Closed>(json: &str) -> Key<T> {
        serde_json::from_str(json).expect("a string")
    }

    /// Each value crosses as its key (the core's `as_str`) both ways: sent in a view, read back
    /// from a request.
    fn cross_as_keys<T: Closed + Serialize + PartialEq + std::fmt::Debug>() {
        for &value in T::ALL {
            let wire = format!("\"{}\"", value.key());
            assert_eq!(serde_json::to_string(&value).ok(), Some(wire.clone()));
            assert_eq!(read::<T>(&wire).get().ok(), Some(value), "{wire}");
            assert_eq!(serde_json::to_string(&Key::from(value)).ok(), Some(wire));
        }
    }

    #[test]
    fn the_closed_enums_cross_as_their_keys() {
        cross_as_keys::<core::DocKind>();
        cross_as_keys::<core::Flag>();
        cross_as_keys::<core::Status>();
        cross_as_keys::<core::Outcome>();
        cross_as_keys::<core::MeetingStatus>();
        cross_as_keys::<crate::api::motions::OutcomeFilter>();
    }

    #[test]
    fn a_word_that_is_no_key_is_a_coded_error_naming_it() {
        // The core's parser takes the clerks' word; the window sends the key.
        let error = read::<core::Status>("\"afgedaan\"")
            .get()
            .expect_err("no key");
        assert_eq!(error.params.get("rule").map(String::as_str), Some("status"));
        assert_eq!(
            error.params.get("value").map(String::as_str),
            Some("afgedaan")
        );
        assert!(error.message.contains("partly-met"), "{}", error.message);
        let kind = read::<core::DocKind>("\"gedicht\"")
            .get()
            .expect_err("no kind");
        assert_eq!(kind.params.get("rule").map(String::as_str), Some("kind"));
        assert_eq!(
            read::<core::Flag>("\" due-soon \"").get().ok(),
            Some(core::Flag::DueSoon)
        );
        assert_eq!(
            Key::<core::Flag>::optional(&Some(read("\"\""))).ok(),
            Some(None)
        );
        assert_eq!(Key::<core::Flag>::optional(&None).ok(), Some(None));
        assert!(Key::<core::Outcome>::optional(&Some(read("\"misschien\""))).is_err());
    }
}
