//! The demo 通訊錄: every unit with its main number, about six people per unit
//! (the general office has more), the city leaders, and a pool of citizens who
//! call and write in. The named fixtures 張三 and 王建國 are placed here.

use fastrand::Rng;

use crate::model::{Person, Unit};

use super::names::{Namer, FIXTURE_MOBILE};
use super::units::{is_bureau, is_local, EDUCATION, GOV, OFFICE, UNITS};

/// The fixture every quick-find demo starts from (`zs`).
pub const ZHANG_SAN: &str = "張三";
/// The 王科長 of 市教育局, mobile ending in 1234.
pub const WANG_JIANGUO: &str = "王建國";

/// The directory and the indices the item generator draws from.
pub(super) struct Directory {
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
    /// Per unit: the people who handle its items (never 張三, never a leader).
    pub staff: Vec<Vec<usize>>,
    /// Per unit: its head (局長/主任; for the government, the 市長).
    pub heads: Vec<usize>,
    /// The city leaders: 市長, 常務副市長, 副市長…
    pub leaders: Vec<usize>,
    /// People outside the directory who call, write and visit: (name, mobile).
    pub citizens: Vec<(String, String)>,
}

impl Directory {
    /// Builds the whole directory from `rng`.
    pub fn build(rng: &mut Rng) -> Directory {
        let mut namer = Namer::new(&[ZHANG_SAN, WANG_JIANGUO]);
        let mut units = Vec::with_capacity(UNITS.len());
        let mut people = Vec::with_capacity(UNITS.len() * 7);
        let mut staff = vec![vec![]; UNITS.len()];
        let mut heads = vec![0; UNITS.len()];
        let mut leaders = vec![];

        for (i, spec) in UNITS.iter().enumerate() {
            units.push(Unit {
                key: spec.key.to_string(),
                name: spec.name.to_string(),
                abbreviations: spec.abbreviations.iter().map(|s| s.to_string()).collect(),
                phone: namer.landline(rng),
                doc_prefix: spec.doc_prefix.to_string(),
            });
            for (n, title) in roster(i, rng).iter().enumerate() {
                let name = match (i, *title) {
                    (EDUCATION, "科長") => WANG_JIANGUO.to_string(),
                    (OFFICE, "科員") if n == 2 => ZHANG_SAN.to_string(),
                    _ => namer.name(rng),
                };
                let mobile = if name == WANG_JIANGUO {
                    FIXTURE_MOBILE.to_string()
                } else {
                    namer.mobile(rng)
                };
                let idx = people.len();
                people.push(Person {
                    id: 0,
                    name,
                    unit: spec.key.to_string(),
                    title: title.to_string(),
                    phones: vec![namer.landline(rng), mobile],
                    notes: String::new(),
                });
                if n == 0 {
                    heads[i] = idx;
                }
                if i == GOV {
                    leaders.push(idx);
                } else if n > 0 && people[idx].name != ZHANG_SAN {
                    staff[i].push(idx);
                }
            }
        }
        let citizens = (0..300)
            .map(|_| (namer.name(rng), namer.mobile(rng)))
            .collect();
        Directory {
            units,
            people,
            staff,
            heads,
            leaders,
            citizens,
        }
    }

    /// A person's name.
    pub fn name(&self, p: usize) -> &str {
        &self.people[p].name
    }
}

/// The posts of one unit, head first.
fn roster(i: usize, rng: &mut Rng) -> Vec<&'static str> {
    if i == GOV {
        return vec!["市長", "常務副市長", "副市長", "副市長", "副市長", "秘書長"];
    }
    if i == OFFICE {
        // The hub: more clerks than anywhere else. 張三 is the third post.
        return vec![
            "主任",
            "科員",
            "科員",
            "科長",
            "科長",
            "副科長",
            "科員",
            "科員",
            "秘書",
            "秘書",
        ];
    }
    let mut v = if is_bureau(i) {
        vec!["局長", "副局長", "科長", "副科長", "科員", "秘書"]
    } else if is_local(i) {
        vec!["主任", "科長", "副科長", "科員", "秘書"]
    } else {
        vec!["主任", "科長", "科長", "副科長", "科員", "秘書"]
    };
    if rng.bool() {
        v.push("科員");
    }
    v
}
