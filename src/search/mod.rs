//! The in-memory index behind quick find, `/` and `shuniu find`: titles,
//! codes, 文號, units, people and phone digits, each also as pinyin and
//! initials, with traditional and simplified folded together.

pub mod fold;
pub mod highlight;
pub mod index;

pub use highlight::spans;
pub use index::{DocInput, Hit, Index, Target, MAX_RESULTS};
