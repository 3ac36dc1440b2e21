//! 發文字號 `{機關代字}〔{年}〕{序號}號` (GB/T 9704-2012 7.2.4): the year in
//! full inside 六角括號, the number without leading zeros.

use serde::{Deserialize, Serialize};

use super::ValueError;

/// An allocated document number, e.g. `市政辦發〔2026〕12號`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocNo {
    /// 機關代字, e.g. `市政辦發`.
    pub prefix: String,
    /// The year, in full.
    pub year: i32,
    /// 序號, from 1, no leading zeros.
    pub seq: u32,
}

impl std::fmt::Display for DocNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}〔{}〕{}號", self.prefix, self.year, self.seq)
    }
}

impl DocNo {
    /// Parses a 文號, tolerating `[]`, `()`, `（）`, `【】` for 〔〕 and 号 for 號
    /// (as clerks type them), but refusing leading zeros and short years.
    pub fn parse(s: &str) -> Result<DocNo, ValueError> {
        let t = s.trim();
        let bad = |why: &str| {
            ValueError::new(format!(
                "'{}' is not a 文號 ({why}); expected e.g. 市政辦發〔2026〕12號",
                super::sanitize::escape(t)
            ))
        };
        let open = t
            .find(['〔', '[', '(', '（', '【', '［'])
            .ok_or_else(|| bad("no 〔"))?;
        let prefix = t[..open].trim();
        if prefix.is_empty() {
            return Err(bad("no 機關代字 before 〔"));
        }
        let rest = &t[open..];
        let open_len = rest.chars().next().map(char::len_utf8).unwrap_or(1);
        let rest = &rest[open_len..];
        let close = rest
            .find(['〕', ']', ')', '）', '】', '］'])
            .ok_or_else(|| bad("no 〕"))?;
        let year_s = &rest[..close];
        if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the year must be written in full, e.g. 〔2026〕"));
        }
        let rest = &rest[close..];
        let close_len = rest.chars().next().map(char::len_utf8).unwrap_or(1);
        let num = rest[close_len..]
            .trim()
            .trim_end_matches(['號', '号'])
            .trim();
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the 序號 must be digits"));
        }
        if num.starts_with('0') {
            return Err(bad("no leading zeros in the 序號"));
        }
        Ok(DocNo {
            prefix: prefix.to_string(),
            year: year_s.parse().map_err(|_| bad("bad year"))?,
            seq: num.parse().map_err(|_| bad("序號 too large"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_gbt9704() {
        let n = DocNo {
            prefix: "市政辦發".into(),
            year: 2026,
            seq: 12,
        };
        assert_eq!(n.to_string(), "市政辦發〔2026〕12號");
    }

    #[test]
    fn parses_and_tolerates_typed_brackets() {
        let n = DocNo::parse("市教發〔2026〕45號").unwrap();
        assert_eq!((n.prefix.as_str(), n.year, n.seq), ("市教發", 2026, 45));
        assert_eq!(DocNo::parse("市教發[2026]45号").unwrap(), n);
        assert_eq!(DocNo::parse("市教發（2026）45號").unwrap(), n);
        assert_eq!(DocNo::parse(&n.to_string()).unwrap(), n);
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "〔2026〕1號",
            "市教發2026-1",
            "市教發〔26〕1號",
            "市教發〔2026〕01號",
            "市教發〔2026〕號",
            "市教發〔2026〕x號",
        ] {
            let e = DocNo::parse(bad).unwrap_err().to_string();
            assert!(e.contains("文號"), "{bad}: {e}");
        }
    }
}
