//! `shuniu directory`: the 通訊錄 from and to CSV (the format and its
//! checks are `model::directory_csv`, shared with the workbench's
//! `:import` and `:export`). Import is all or nothing: every row is checked
//! first and every error names its line and field.

use std::io::Write;

use color_eyre::eyre::{bail, Result};

use crate::core::Service;
use crate::model::directory_csv::{self, Parsed};
use crate::model::sanitize::escape;

use super::table::render;

/// Imports a file; prints what it did, or every error and stores nothing.
pub fn import(svc: &dyn Service, name: &str, text: &str, out: &mut dyn Write) -> Result<()> {
    match directory_csv::parse(text, &svc.units()?) {
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
    let text = if people {
        directory_csv::people_csv(&svc.people()?)
    } else {
        directory_csv::units_csv(&svc.units()?)
    };
    out.write_all(text.as_bytes())?;
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
