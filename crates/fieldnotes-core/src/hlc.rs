//! Hybrid logical clock timestamps.
//!
//! A timestamp is the wall-clock millisecond plus a counter. Invariant: each
//! timestamp this device issues is strictly greater than every timestamp it
//! has issued or seen before, whatever the wall clock says, so a laptop whose
//! clock jumps back still orders its own edits; and since which versions are
//! current is decided by parent links, never by time, a wrong clock cannot
//! hide anyone's edit. The text form sorts in time order.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A hybrid logical clock timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as far as the issuing device knew.
    pub wall_ms: u64,
    /// Orders timestamps issued within one millisecond (or while the wall
    /// clock stood behind the last timestamp).
    pub counter: u32,
}

impl Hlc {
    /// The next timestamp after `last`, given the wall clock `now_ms`.
    pub fn tick(last: Hlc, now_ms: u64) -> Hlc {
        if now_ms > last.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
            }
        } else {
            match last.counter.checked_add(1) {
                Some(counter) => Hlc {
                    wall_ms: last.wall_ms,
                    counter,
                },
                None => Hlc {
                    wall_ms: last.wall_ms.saturating_add(1),
                    counter: 0,
                },
            }
        }
    }

    /// The wall-clock part as RFC 3339 text, for people.
    pub fn to_rfc3339(self) -> String {
        i64::try_from(self.wall_ms)
            .ok()
            .and_then(chrono::DateTime::from_timestamp_millis)
            .and_then(crate::dates::rfc3339)
            .unwrap_or_else(|| self.wall_ms.to_string())
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}.{:010}", self.wall_ms, self.counter)
    }
}

/// A timestamp text that does not parse.
#[derive(Debug, Clone, thiserror::Error)]
#[error("not a hybrid logical clock timestamp")]
pub struct BadHlc;

impl FromStr for Hlc {
    type Err = BadHlc;
    fn from_str(s: &str) -> Result<Self, BadHlc> {
        let (ms, counter) = s.split_once('.').ok_or(BadHlc)?;
        if ms.len() != 15 || counter.len() != 10 {
            return Err(BadHlc);
        }
        Ok(Hlc {
            wall_ms: ms.parse().map_err(|_| BadHlc)?,
            counter: counter.parse().map_err(|_| BadHlc)?,
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A source of wall-clock time, replaceable so tests can set a clock back.
pub trait Clock: Send {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clock_set_back_still_moves_forward() {
        let t1 = Hlc::tick(Hlc::default(), 100_000_000);
        let t2 = Hlc::tick(t1, 100_000_000 - 86_400_000);
        let t3 = Hlc::tick(t2, 100_000_000 - 86_400_000);
        assert!(t1 < t2 && t2 < t3);
        assert_eq!(t3.wall_ms, t1.wall_ms);
    }

    proptest! {
        #[test]
        fn text_order_is_value_order(a in any::<(u64, u32)>(), b in any::<(u64, u32)>()) {
            let a = Hlc { wall_ms: a.0 % 1_000_000_000_000_000, counter: a.1 };
            let b = Hlc { wall_ms: b.0 % 1_000_000_000_000_000, counter: b.1 };
            prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
            prop_assert_eq!(a.to_string().parse::<Hlc>().unwrap(), a);
        }

        #[test]
        fn tick_is_strictly_increasing(last in any::<(u32, u32)>(), now in any::<u32>()) {
            let last = Hlc { wall_ms: u64::from(last.0), counter: last.1 };
            prop_assert!(Hlc::tick(last, u64::from(now)) > last);
        }
    }
}
