//! `shuniu directory`: the 通訊錄 from and to CSV. Import is all or nothing:
//! every row is checked first and every error names its line and field.
//!
//! Units: `key,name,abbreviations,phone,doc_prefix` (abbreviations separated
//! by `、` or `;`). People: `name,unit,title,phones,notes` with an optional
//! `id` column to update existing people; `unit` may be a unit's key, full
//! name or abbreviation, and `phones` are separated by `、`, `;` or `/`.

use std::collections::BTreeMap;
use std::io::Write;

use color_eyre::eyre::{bail, Result};

use crate::core::Service;
use crate::model::{sanitize::escape, Person, Unit};

use super::intake::LineError;
use super::table::render;

/// Columns of a units file.
pub const UNIT_COLUMNS: &[&str] = &["key", "name", "abbreviations", "phone", "doc_prefix"];
/// Columns of a people file.
pub const PERSON_COLUMNS: &[&str] = &["id", "name", "unit", "title", "phones", "notes"];

/// What a file held.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A units file.
    Units(Vec<Unit>),
    /// A people file.
    People(Vec<Person>),
}

fn split(s: &str) -> Vec<String> {
    s.split(['、', ';', '；', '/', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn phone_ok(p: &str) -> bool {
    !p.is_empty()
        && p.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' ' | '(' | ')' | '轉' | '转'))
}

/// Parses a units or people CSV (told apart by the header: `key` means
/// units, `unit` means people). `units` are the units already known, for
/// resolving a person's unit.
pub fn parse(text: &str, units: &[Unit]) -> Result<Parsed, Vec<LineError>> {
    let mut rdr =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![LineError {
                line: 1,
                message: format!("cannot read the header row: {e}"),
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
            errors.push(LineError {
                line: 1,
                message: format!(
                    "unknown column '{}'; columns: {}",
                    escape(h),
                    allowed.join(", ")
                ),
            });
        }
    }
    if !header.iter().any(|h| h == "name") {
        errors.push(LineError {
            line: 1,
            message: "a 'name' column is required".into(),
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
                errors.push(LineError {
                    line,
                    message: format!("not valid CSV: {e}"),
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
        let mut fail = |field: &str, msg: String| {
            errors.push(LineError {
                line,
                message: format!("field '{field}': {msg}"),
            })
        };
        if get("name").is_empty() {
            fail("name", "is required".into());
            continue;
        }
        if is_units {
            let key = get("key");
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                fail(
                    "key",
                    format!(
                        "'{}' is not a key (ASCII letters, digits, - and _)",
                        escape(key)
                    ),
                );
                continue;
            }
            if new_units.iter().any(|u| u.key == key) {
                fail("key", format!("'{key}' appears twice in the file"));
                continue;
            }
            let phone = get("phone");
            if !phone.is_empty() && !phone_ok(phone) {
                fail(
                    "phone",
                    format!("'{}' is not a phone number", escape(phone)),
                );
                continue;
            }
            new_units.push(Unit {
                key: key.to_string(),
                name: get("name").to_string(),
                abbreviations: split(get("abbreviations")),
                phone: phone.to_string(),
                doc_prefix: get("doc_prefix").to_string(),
            });
        } else {
            let id = match get("id") {
                "" => 0,
                s => match s.parse::<u64>() {
                    Ok(n) => n,
                    Err(_) => {
                        fail("id", format!("'{}' is not a number", escape(s)));
                        continue;
                    }
                },
            };
            let u = get("unit");
            let unit = if u.is_empty() {
                String::new()
            } else {
                match units
                    .iter()
                    .find(|x| x.key == u || x.name == u || x.abbreviations.iter().any(|a| a == u))
                {
                    Some(x) => x.key.clone(),
                    None => {
                        fail("unit", format!("no unit '{}' in the directory (give its key, name or abbreviation)", escape(u)));
                        continue;
                    }
                }
            };
            let phones = split(get("phones"));
            if let Some(bad) = phones.iter().find(|p| !phone_ok(p)) {
                fail("phones", format!("'{}' is not a phone number", escape(bad)));
                continue;
            }
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
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(if is_units {
        Parsed::Units(new_units)
    } else {
        Parsed::People(people)
    })
}

/// Imports a file; prints what it did, or every error and stores nothing.
pub fn import(svc: &dyn Service, name: &str, text: &str, out: &mut dyn Write) -> Result<()> {
    match parse(text, &svc.units()?) {
        Ok(Parsed::Units(u)) => {
            let n = u.len();
            svc.save_directory(u, vec![])?;
            writeln!(out, "{n} units saved")?;
        }
        Ok(Parsed::People(p)) => {
            let n = p.len();
            svc.save_directory(vec![], p)?;
            writeln!(out, "{n} people saved")?;
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{}: {e}", escape(name));
            }
            bail!("nothing was saved: {} error(s)", errors.len());
        }
    }
    Ok(())
}

/// Writes units or people as CSV, in the columns `import` reads.
pub fn export(svc: &dyn Service, people: bool, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    if people {
        w.write_record(PERSON_COLUMNS)?;
        for p in svc.people()? {
            w.write_record([
                p.id.to_string(),
                p.name,
                p.unit,
                p.title,
                p.phones.join("、"),
                p.notes,
            ])?;
        }
    } else {
        w.write_record(UNIT_COLUMNS)?;
        for u in svc.units()? {
            w.write_record([
                u.key,
                u.name,
                u.abbreviations.join("、"),
                u.phone,
                u.doc_prefix,
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Prints units or people as a table.
pub fn list(svc: &dyn Service, people: bool, out: &mut dyn Write) -> Result<()> {
    let units = svc.units()?;
    let unit_name = |k: &str| {
        units
            .iter()
            .find(|u| u.key == k)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| k.to_string())
    };
    if people {
        let rows: Vec<Vec<String>> = svc
            .people()?
            .into_iter()
            .map(|p| {
                vec![
                    p.id.to_string(),
                    p.name.clone(),
                    unit_name(&p.unit),
                    p.title,
                    p.phones.join(" "),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            render(
                &["編號", "姓名", "單位", "職務", "電話"],
                &rows,
                &[0, 0, 24, 0, 0]
            )
        )?;
    } else {
        let rows: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                vec![
                    u.key.clone(),
                    u.name.clone(),
                    u.abbreviations.join("、"),
                    u.phone.clone(),
                    u.doc_prefix.clone(),
                ]
            })
            .collect();
        write!(
            out,
            "{}",
            render(&["代碼", "名稱", "簡稱", "電話", "機關代字"], &rows, &[])
        )?;
    }
    Ok(())
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
        assert!(e[0].to_string().contains("field 'key'"));
    }
}
