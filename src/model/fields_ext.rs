//! Fields by name for what schema 2 keeps inside an item: 簽收 times, the
//! 傳閱 tracker, 審核 gates, 會簽, 核發 lists and the 督查 records. Most are
//! written only by workflow actions (`acts.rs`) and shown here as text for
//! lists, exports and history; `signed_at`, `cosigners` and `distribution`
//! are also typed by clerks.

use super::fields::{list, opt_date, parse_list, parse_opt_dt, DateCtx};
use super::{time, Gate, KindData, OutgoingData, Share, ValueError};

/// The current round's state of each gate: `Some(true)` passed,
/// `Some(false)` returned, `None` not reviewed yet.
pub fn gate_states(d: &OutgoingData) -> Vec<(Gate, Option<bool>)> {
    Gate::ALL
        .iter()
        .map(|g| {
            let last = d
                .gates
                .iter()
                .rev()
                .find(|m| m.round == d.round && m.gate == *g);
            (*g, last.map(|m| m.passed))
        })
        .collect()
}

/// The gates not yet passed in the current round.
pub fn gates_pending(d: &OutgoingData) -> Vec<Gate> {
    gate_states(d)
        .into_iter()
        .filter(|(_, s)| *s != Some(true))
        .map(|(g, _)| g)
        .collect()
}

/// The co-signing units that have not signed yet.
pub fn cosign_pending(d: &OutgoingData) -> Vec<String> {
    d.cosigners
        .iter()
        .filter(|u| !d.cosigned.iter().any(|c| &c.unit == *u))
        .cloned()
        .collect()
}

fn shares(v: &[Share]) -> String {
    v.iter()
        .map(|s| format!("{}×{}", s.unit, s.copies))
        .collect::<Vec<_>>()
        .join("、")
}

/// `市教育局×3、市財政局*2、市公安局` (one copy when no count is given).
fn parse_shares(v: &str) -> Result<Vec<Share>, ValueError> {
    let mut out: Vec<Share> = vec![];
    for part in parse_list(v) {
        let (unit, n) = match part.rsplit_once(['×', '*', 'x', 'X', ':', '：']) {
            Some((u, n)) => {
                let n: u32 = n.trim().parse().map_err(|_| {
                    ValueError::new(format!(
                        "'{}': the copies after × must be a whole number",
                        super::sanitize::escape(&part)
                    ))
                })?;
                (u.trim().to_string(), n)
            }
            None => (part.clone(), 1),
        };
        if unit.is_empty() || n == 0 {
            return Err(ValueError::new(format!(
                "'{}': give a unit and at least one copy, e.g. 市教育局×3",
                super::sanitize::escape(&part)
            )));
        }
        if out.iter().any(|s| s.unit == unit) {
            return Err(ValueError::new(format!(
                "{} is listed twice",
                super::sanitize::escape(&unit)
            )));
        }
        out.push(Share { unit, copies: n });
    }
    Ok(out)
}

/// The value of a schema-2 field as text; `None` if `data` has no such field.
pub(super) fn get(data: &KindData, name: &str) -> Option<String> {
    let ts = |t: Option<i64>| t.map(time::format_ts).unwrap_or_default();
    match (data, name) {
        (KindData::Incoming(d), "signed_at") => Some(ts(d.signed_at)),
        (KindData::Incoming(d), "signed_by") => Some(d.signed_by.clone()),
        (KindData::Incoming(d), "returns") => Some(match d.returns.last() {
            Some(n) => format!(
                "{}次；最近 {}：{}",
                d.returns.len(),
                time::format_ts(n.at),
                n.text
            ),
            None => String::new(),
        }),
        (KindData::Incoming(d), "circulation") => Some(
            d.circulation
                .iter()
                .filter(|c| c.back.is_none())
                .map(|c| format!("{}（自{}）", c.holder, time::format_ts(c.since)))
                .collect::<Vec<_>>()
                .join("、"),
        ),
        (KindData::Outgoing(d), "gates") => Some(if d.round == 0 && d.gates.is_empty() {
            String::new()
        } else {
            let states: Vec<String> = gate_states(d)
                .into_iter()
                .map(|(g, s)| {
                    let w = match s {
                        Some(true) => "通過",
                        Some(false) => "退回",
                        None => "待審",
                    };
                    format!("{g}{w}")
                })
                .collect();
            format!("第{}輪：{}", d.round, states.join("、"))
        }),
        (KindData::Outgoing(d), "cosigners") => Some(list(&d.cosigners)),
        (KindData::Outgoing(d), "cosigned") => Some(
            d.cosigned
                .iter()
                .map(|c| c.unit.clone())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        (KindData::Outgoing(d), "distribution") => Some(shares(&d.distribution)),
        (KindData::Supervision(d), "assigned_on") => Some(opt_date(d.assigned_on)),
        (KindData::Supervision(d), "accepted") => Some(match d.accepted_at {
            Some(t) => format!("{} {}", time::format_ts(t), d.accepted_by),
            None => String::new(),
        }),
        (KindData::Supervision(d), "progress") => Some(match d.progress.last() {
            Some(p) => format!("{}次；最近 {}：{}", d.progress.len(), p.on, p.text),
            None => String::new(),
        }),
        (KindData::Supervision(d), "completed_on") => Some(opt_date(d.completed_on)),
        (KindData::Supervision(d), "verified_by") => Some(d.verified_by.clone()),
        _ => None,
    }
}

/// Sets a schema-2 field typed by a clerk.
pub(super) fn set(
    data: &mut KindData,
    name: &str,
    v: &str,
    ctx: &DateCtx,
) -> Result<(), ValueError> {
    match (data, name) {
        (KindData::Incoming(d), "signed_at") => {
            d.signed_at = parse_opt_dt(v, ctx)?.map(time::from_local)
        }
        (KindData::Outgoing(d), "cosigners") => {
            let units = parse_list(v);
            if let Some(c) = d.cosigned.iter().find(|c| !units.contains(&c.unit)) {
                return Err(ValueError::new(format!(
                    "{} has already co-signed and cannot be taken off the list",
                    super::sanitize::escape(&c.unit)
                )));
            }
            d.cosigners = units;
        }
        (KindData::Outgoing(d), "distribution") => d.distribution = parse_shares(v)?,
        _ => return Err(ValueError::new("a field of another kind")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_parse_and_print() {
        let v = parse_shares("市教育局×3、市財政局*2，市公安局").unwrap();
        assert_eq!(shares(&v), "市教育局×3、市財政局×2、市公安局×1");
        assert!(parse_shares("市教育局×0").is_err());
        assert!(parse_shares("市教育局×三").is_err());
        assert!(parse_shares("市教育局、市教育局×2")
            .unwrap_err()
            .message
            .contains("twice"));
    }
}
