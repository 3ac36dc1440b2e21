//! The in-memory index behind quick find, `/` and `shuniu find`: titles,
//! codes, 文號, units, people and phone digits, each also as pinyin and
//! initials, with traditional and simplified folded together.

mod blocks;
pub mod fold;
mod fuzzy;
pub mod highlight;
mod holders;
pub mod index;
pub mod query;

#[cfg(test)]
mod tests;

pub use highlight::spans;
pub use index::{DocInput, Hit, Index, Prepared, Target, Work, MAX_RESULTS, MAX_SCANS};
pub use query::MAX_QUERY_CHARS;
