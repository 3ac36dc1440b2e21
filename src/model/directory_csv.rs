//! The 通訊錄 as CSV, for `shuniu directory import|export` and the
//! workbench's `:import` / `:export`: parsing and writing text only (the
//! callers read and write the files). Import is all or nothing: every row
//! is checked, every bad field of it reported by line and field.
//!
//! Units: `key,name,abbreviations,phone,doc_prefix`. People:
//! `id,name,unit,title,phones,notes`, the `id` optional (a row with one
//! updates that person); `unit` may be a unit's key, full name or
//! abbreviation. Lists (abbreviations, phones) are separated by `、`, `,`,
//! `;` or `/`.

use std::collections::BTreeMap;

use super::sanitize::escape;
use super::{Person, Unit};

pub use super::directory_problem::RowProblem;

/// Columns of a units file.
pub const UNIT_COLUMNS: &[&str] = &["key", "name", "abbreviations", "phone", "doc_prefix"];
/// Columns of a people file.
pub const PERSON_COLUMNS: &[&str] = &["id", "name", "unit", "title", "phones", "notes"];

/// What a file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A units file.
    Units(Vec<Unit>),
    /// A people file.
    People(Vec<Person>),
}

impl Parsed {
    /// How many entries.
    pub fn len(&self) -> usize {
        match self {
            Parsed::Units(u) => u.len(),
            Parsed::People(p) => p.len(),
        }
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One thing wrong with a file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the file.
    pub line: usize,
    /// The column at fault (none for the header or a broken row).
    pub field: Option<&'static str>,
    /// What was wrong.
    pub problem: RowProblem,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.field {
            Some(field) => write!(f, "line {}: field '{field}': {}", self.line, self.problem),
            None => write!(f, "line {}: {}", self.line, self.problem),
        }
    }
}

/// Splits a list typed in one cell or field (phones, abbreviations).
pub fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；', '/', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A phone number as clerks write one: digits, with `-`, `+`, spaces,
/// brackets and 轉 for an extension.
pub fn phone_ok(p: &str) -> bool {
    p.chars().any(|c| c.is_ascii_digit())
        && p.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' ' | '(' | ')' | '轉' | '转'))
}

/// A unit's key: ASCII letters, digits, `-` and `_`.
pub fn key_ok(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The unit a person's `unit` cell names, by key, full name or abbreviation.
fn resolve<'a>(units: &'a [Unit], u: &str) -> Option<&'a Unit> {
    units
        .iter()
        .find(|x| x.key == u || x.name == u || x.abbreviations.iter().any(|a| a == u))
}

/// Parses a units or people CSV (told apart by the header: `key` means
/// units). `units` are the units already known, for a person's unit (a
/// people file may also name the units of a units file imported before).
pub fn parse(text: &str, units: &[Unit]) -> Result<Parsed, Vec<RowError>> {
    let mut rdr =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![RowError {
                line: 1,
                field: None,
                problem: RowProblem::Header(e.to_string()),
            }])
        }
    };
    let is_units = header.iter().any(|h| h == "key");
    let allowed = if is_units {
        UNIT_COLUMNS
    } else {
        PERSON_COLUMNS
    };
    let mut errors = vec![];
    for h in &header {
        if !allowed.contains(&h.as_str()) {
            errors.push(RowError {
                line: 1,
                field: None,
                problem: RowProblem::UnknownColumn {
                    column: escape(h),
                    columns: allowed,
                },
            });
        }
    }
    if !header.iter().any(|h| h == "name") {
        errors.push(RowError {
            line: 1,
            field: None,
            problem: RowProblem::NoNameColumn,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut new_units: Vec<Unit> = vec![];
    let mut people: Vec<Person> = vec![];
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                errors.push(RowError {
                    line,
                    field: None,
                    problem: RowProblem::NotCsv(e.to_string()),
                });
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let row: BTreeMap<&str, &str> = header
            .iter()
            .map(String::as_str)
            .zip(rec.iter().map(str::trim))
            .collect();
        let get = |k: &str| row.get(k).copied().unwrap_or("");
        // Every bad field of the row is reported, not just the first.
        let mut bad: Vec<RowError> = vec![];
        let mut fail = |field: &'static str, problem: RowProblem| {
            bad.push(RowError {
                line,
                field: Some(field),
                problem,
            })
        };
        if get("name").is_empty() {
            fail("name", RowProblem::Required);
        }
        if is_units {
            let key = get("key");
            if !key_ok(key) {
                fail("key", RowProblem::NotKey(escape(key)));
            } else if new_units.iter().any(|u| u.key == key) {
                fail("key", RowProblem::KeyTwice(escape(key)));
            }
            let phone = get("phone");
            if !phone.is_empty() && !phone_ok(phone) {
                fail("phone", RowProblem::NotPhone(escape(phone)));
            }
            if bad.is_empty() {
                new_units.push(Unit {
                    key: key.to_string(),
                    name: get("name").to_string(),
                    abbreviations: split_list(get("abbreviations")),
                    phone: phone.to_string(),
                    doc_prefix: get("doc_prefix").to_string(),
                });
            }
        } else {
            let id = match get("id") {
                "" => Some(0),
                s => s.parse::<u64>().ok().or_else(|| {
                    fail("id", RowProblem::NotNumber(escape(s)));
                    None
                }),
            };
            let u = get("unit");
            let unit = if u.is_empty() {
                Some(String::new())
            } else {
                resolve(units, u).map(|x| x.key.clone()).or_else(|| {
                    fail("unit", RowProblem::NoUnit(escape(u)));
                    None
                })
            };
            let phones = split_list(get("phones"));
            for p in phones.iter().filter(|p| !phone_ok(p)) {
                fail("phones", RowProblem::NotPhone(escape(p)));
            }
            if let (true, Some(id), Some(unit)) = (bad.is_empty(), id, unit) {
                people.push(Person {
                    id,
                    name: get("name").to_string(),
                    unit,
                    title: get("title").to_string(),
                    phones,
                    notes: get("notes").to_string(),
                });
            }
        }
        errors.extend(bad);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(if is_units {
        Parsed::Units(new_units)
    } else {
        Parsed::People(people)
    })
}

fn write_csv<I, R>(header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut w = csv::Writer::from_writer(vec![]);
    // Writing to memory cannot fail.
    w.write_record(header).expect("in memory");
    for r in rows {
        w.write_record(r).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}

/// Units as CSV, in the columns `parse` reads.
pub fn units_csv(units: &[Unit]) -> String {
    write_csv(
        UNIT_COLUMNS,
        units.iter().map(|u| {
            [
                u.key.clone(),
                u.name.clone(),
                u.abbreviations.join("、"),
                u.phone.clone(),
                u.doc_prefix.clone(),
            ]
        }),
    )
}

/// People as CSV, in the columns `parse` reads (with their ids, so the
/// file can be edited and imported again).
pub fn people_csv(people: &[Person]) -> String {
    write_csv(
        PERSON_COLUMNS,
        people.iter().map(|p| {
            [
                p.id.to_string(),
                p.name.clone(),
                p.unit.clone(),
                p.title.clone(),
                p.phones.join("、"),
                p.notes.clone(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Vec<Unit> {
        vec![Unit {
            key: "jyj".into(),
            name: "市教育局".into(),
            abbreviations: vec!["教育局".into()],
            phone: "0571-87000001".into(),
            doc_prefix: "市教發".into(),
        }]
    }

    #[test]
    fn units_file() {
        let p = parse(
            "key,name,abbreviations,phone\nfgw,市發展和改革委員會,發改委、市發改委,0571-87000002\n",
            &[],
        )
        .unwrap();
        let Parsed::Units(u) = p else { panic!() };
        assert_eq!(u[0].abbreviations, vec!["發改委", "市發改委"]);
    }

    #[test]
    fn people_resolve_units_by_abbreviation() {
        let p = parse(
            "name,unit,title,phones\n王建國,教育局,科長,13800001234/0571-87001234\n",
            &units(),
        )
        .unwrap();
        let Parsed::People(p) = p else { panic!() };
        assert_eq!(p[0].unit, "jyj");
        assert_eq!(p[0].phones.len(), 2);
    }

    #[test]
    fn errors_by_line_and_field_and_nothing_passes() {
        let e = parse(
            "name,unit,phones\n甲,市教育局,123\n乙,不存在局,\n丙,,abc\n",
            &units(),
        )
        .unwrap_err();
        let msgs: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("line 3: field 'unit': no unit '不存在局'"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("line 4: field 'phones': 'abc'"),
            "{msgs:?}"
        );
        let e = parse("name,colour\n甲,紅\n", &units()).unwrap_err();
        assert!(e[0].to_string().contains("unknown column 'colour'"));
        let e = parse("key,name\nbad key,某局\n", &[]).unwrap_err();
        assert_eq!(e[0].field, Some("key"));
    }

    #[test]
    fn every_bad_field_of_a_row_is_reported() {
        let e = parse(
            "id,name,unit,title,phones\nx1,,不存在局,科員,abc、0571-1、-\n",
            &units(),
        )
        .unwrap_err();
        let fields: Vec<Option<&str>> = e.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Some("name"),
                Some("id"),
                Some("unit"),
                Some("phones"),
                Some("phones")
            ],
            "{e:?}"
        );
        assert!(e.iter().all(|e| e.line == 2));
        let e = parse("key,name,phone\n教育,,電話\n", &[]).unwrap_err();
        let fields: Vec<Option<&str>> = e.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Some("name"), Some("key"), Some("phone")]);
    }

    #[test]
    fn export_reads_back_as_it_was() {
        let u = units();
        assert_eq!(
            parse(&units_csv(&u), &[]).unwrap(),
            Parsed::Units(u.clone())
        );
        let people = vec![Person {
            id: 7,
            name: "王建國".into(),
            unit: "jyj".into(),
            title: "科長".into(),
            phones: vec!["13800001234".into(), "0571-87001234".into()],
            notes: "週三下午不在, 有事找\"李秘書\"".into(),
        }];
        assert_eq!(
            parse(&people_csv(&people), &u).unwrap(),
            Parsed::People(people)
        );
    }

    #[test]
    fn lists_and_phones() {
        assert!(phone_ok("0571-88971148"));
        assert!(phone_ok("(0571) 8897 1148 轉 12"));
        assert!(!phone_ok("abc"));
        assert!(!phone_ok("-"));
        assert_eq!(split_list("138、0571-1;  ,x"), vec!["138", "0571-1", "x"]);
        assert!(key_ok("jyj-2"));
        assert!(!key_ok("教育"));
    }
}
