//! Tab completion of command lines: command names, then each command's
//! argument from fixed vocabularies and the directory.

use crate::model::Urgency;

use super::{spec, ArgKind, COMMANDS};

/// What completion may offer beyond the fixed vocabularies.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// People's names.
    pub people: Vec<String>,
    /// Unit names.
    pub units: Vec<String>,
    /// Moves of the current item: verbs and target statuses.
    pub moves: Vec<String>,
    /// Editable fields of the current item.
    pub fields: Vec<String>,
    /// Theme names.
    pub themes: Vec<String>,
}

/// Candidates for the last word of `line`, each the whole completed line.
pub fn complete(line: &str, v: &Vocab) -> Vec<String> {
    let Some((word, rest)) = line.split_once(' ') else {
        let mut names: Vec<String> = COMMANDS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .filter(|n| n.starts_with(line) && n.len() > 1)
            .map(String::from)
            .collect();
        names.dedup();
        return names;
    };
    let Some(sp) = spec(word) else {
        return vec![];
    };
    let (prefix, partial) = if sp.arg == ArgKind::Field {
        match rest.split_once(' ') {
            Some((f, val)) => {
                let vals: Vec<String> = match f {
                    "unit" | "lead_unit" | "assisting" => v.units.clone(),
                    "handler" | "chair" | "signer" => v.people.clone(),
                    "urgency" => Urgency::ALL.iter().map(|u| u.label().into()).collect(),
                    "classification" => crate::model::Classification::ALL
                        .iter()
                        .map(|u| u.label().into())
                        .collect(),
                    _ => vec![],
                };
                return filter(&format!("{word} {f} "), val, &vals);
            }
            None => (format!("{word} "), rest),
        }
    } else {
        (format!("{word} "), rest)
    };
    let pool: Vec<String> = match sp.arg {
        ArgKind::Tab => (1..=6).map(|i| i.to_string()).collect(),
        ArgKind::Kind => ["收文", "發文", "會議", "事務", "督查", "收件"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        ArgKind::Urgency => Urgency::ALL.iter().map(|u| u.label().into()).collect(),
        ArgKind::Person => v.people.clone(),
        ArgKind::Date => ["+1工作日", "+3工作日", "+5工作日", "明天", "週五", "下週一"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        ArgKind::Status => v.moves.clone(),
        ArgKind::Field => v.fields.clone(),
        ArgKind::Theme => v.themes.clone(),
        ArgKind::Lang => vec!["zh-Hant".into(), "zh-Hans".into(), "en".into()],
        ArgKind::Text | ArgKind::Days | ArgKind::None => vec![],
    };
    filter(&prefix, partial, &pool)
}

fn filter(prefix: &str, partial: &str, pool: &[String]) -> Vec<String> {
    let folded = crate::search::fold::fold(partial);
    let mut out: Vec<String> = pool
        .iter()
        .filter(|p| {
            p.starts_with(partial)
                || (!partial.is_empty() && crate::search::fold::fold(p).contains(&folded))
        })
        .map(|p| format!("{prefix}{p}"))
        .collect();
    out.dedup();
    out.truncate(50);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_commands_and_arguments() {
        let v = Vocab {
            people: vec!["張三".into(), "王建國".into()],
            units: vec!["市教育局".into()],
            ..Vocab::default()
        };
        assert!(complete("ass", &v).contains(&"assign".to_string()));
        assert_eq!(complete("assign 張", &v), vec!["assign 張三"]);
        assert_eq!(
            complete("assign 张", &v),
            vec!["assign 張三"],
            "simplified finds traditional"
        );
        assert_eq!(complete("set unit 教", &v), vec!["set unit 市教育局"]);
        assert_eq!(complete("urgency 特", &v), vec!["urgency 特急"]);
        assert_eq!(complete("circ", &v), vec!["circulation"]);
        assert_eq!(complete("傳", &v), vec!["傳閱"]);
    }
}
