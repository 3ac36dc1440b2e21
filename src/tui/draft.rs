//! Form drafts, saved as they are typed to the XDG state folder, so a
//! dropped SSH connection or a closed terminal loses nothing: the next
//! start offers the draft back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A form as it was being filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The file name, stable per form (`new-incoming`, `item-42`).
    pub name: String,
    /// The kind's English name.
    pub kind: String,
    /// The item edited, if any.
    pub id: Option<u64>,
    /// The item's code, if editing.
    pub code: String,
    /// (field, value), in form order.
    pub fields: Vec<(String, String)>,
    /// The field that had the cursor.
    pub focus: usize,
    /// When it was saved (Unix seconds).
    pub saved: i64,
}

/// `$XDG_STATE_HOME/shuniu/drafts`.
pub fn default_dir() -> PathBuf {
    crate::config::state_dir().join("drafts")
}

/// Writes a draft atomically (temp file and rename).
pub fn save(dir: &Path, d: &Draft) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.json", d.name));
    let tmp = dir.join(format!(".{}.json.tmp", d.name));
    std::fs::write(&tmp, serde_json::to_vec(d).map_err(std::io::Error::other)?)?;
    std::fs::rename(tmp, path)
}

/// Removes a draft; a missing one is fine.
pub fn delete(dir: &Path, name: &str) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(format!("{name}.json"))) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Every readable draft, newest first.
pub fn list(dir: &Path) -> Vec<Draft> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut v: Vec<Draft> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| serde_json::from_slice(&b).ok())
        .collect();
    v.sort_by(|a: &Draft, b| b.saved.cmp(&a.saved).then(a.name.cmp(&b.name)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_list_delete() {
        let dir = tempfile::tempdir().unwrap();
        let d = Draft {
            name: "new-incoming".into(),
            kind: "incoming".into(),
            id: None,
            code: String::new(),
            fields: vec![("title".into(), "關於校舍".into())],
            focus: 0,
            saved: 5,
        };
        save(dir.path(), &d).unwrap();
        assert_eq!(list(dir.path()), vec![d.clone()]);
        delete(dir.path(), &d.name).unwrap();
        delete(dir.path(), &d.name).unwrap();
        assert!(list(dir.path()).is_empty());
    }
}
