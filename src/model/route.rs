//! Triage: an inbox request becomes an item of another kind, its fields
//! carried over so the clerk types nothing twice.

use super::{time, Item, Kind, KindData, Link, LinkRel, Timestamp};

/// The new item that routing `req` to `to` creates, not yet stored.
/// `None` if `req` is not an inbox request or `to` is the inbox.
pub fn route_draft(req: &Item, to: Kind, by: &str, now: Timestamp) -> Option<Item> {
    let KindData::Inbox(src) = &req.data else {
        return None;
    };
    if to == Kind::Inbox {
        return None;
    }
    let mut it = Item::new(to, req.title.clone(), by, now);
    it.urgency = req.urgency;
    it.classification = req.classification;
    it.secrecy_years = req.secrecy_years;
    it.unit = req.unit.clone();
    it.handler = req.handler.clone();
    it.deadline = req.deadline;
    it.body = req.body.clone();
    it.links.push(Link {
        id: req.id,
        rel: LinkRel::Source,
    });
    match &mut it.data {
        KindData::Incoming(d) => {
            d.from_org = src.from.clone();
            d.reference = src.reference.clone();
            d.received_on = Some(time::local_date(src.received));
            d.copies = 1;
            d.signed_at = Some(src.received);
        }
        KindData::Affair(d) => {
            d.contact = src.from.clone();
            d.phone = src.phone.clone();
            d.started = Some(src.received);
            if src.channel == Some(super::Channel::Call) {
                d.affair_type = super::AffairType::PhoneCall;
            } else if src.channel == Some(super::Channel::Visit) {
                d.affair_type = super::AffairType::Reception;
            }
        }
        KindData::Supervision(d) => {
            d.lead_unit = req.unit.clone();
        }
        KindData::Meeting(d) if !src.from.is_empty() => {
            d.agenda.push(format!("{}: {}", src.from, req.title));
        }
        _ => {}
    }
    Some(it)
}
