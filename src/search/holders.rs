//! Whole identifiers (codes, 文號, phone endings of people) → the entries
//! that carry them. Nearly every identifier has one holder, so one is kept
//! in the map itself: a `Vec` per identifier was an allocation for each of
//! the ≈ 150,000 identifiers of 100k items.

use std::collections::HashMap;

use super::index::Target;

/// Who carries one identifier.
#[derive(Debug)]
enum Holders {
    One(Target),
    Many(Vec<Target>),
}

/// The map from an identifier's hash to who carries it.
#[derive(Debug, Default)]
pub(super) struct ExactKeys {
    map: HashMap<u64, Holders>,
}

impl ExactKeys {
    /// Notes that `target` carries `key` (once, however often it is said).
    pub(super) fn add(&mut self, key: u64, target: &Target) {
        let Some(h) = self.map.get_mut(&key) else {
            self.map.insert(key, Holders::One(target.clone()));
            return;
        };
        match h {
            Holders::One(t) if t == target => {}
            Holders::One(t) => *h = Holders::Many(vec![t.clone(), target.clone()]),
            Holders::Many(v) if v.contains(target) => {}
            Holders::Many(v) => v.push(target.clone()),
        }
    }

    /// Notes that `target` no longer carries `key`.
    pub(super) fn remove(&mut self, key: u64, target: &Target) {
        let emptied = match self.map.get_mut(&key) {
            None => false,
            Some(Holders::One(t)) => t == target,
            Some(Holders::Many(v)) => {
                v.retain(|x| x != target);
                v.is_empty()
            }
        };
        if emptied {
            self.map.remove(&key);
        }
    }

    /// Who carries `key`.
    pub(super) fn get(&self, key: u64) -> &[Target] {
        match self.map.get(&key) {
            None => &[],
            Some(Holders::One(t)) => std::slice::from_ref(t),
            Some(Holders::Many(v)) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holders_are_added_once_and_removed_one_by_one() {
        let mut k = ExactKeys::default();
        let (a, b, c) = (
            Target::Item(1),
            Target::Unit("edu".into()),
            Target::Person(3),
        );
        assert!(k.get(7).is_empty());
        k.add(7, &a);
        k.add(7, &a);
        assert_eq!(k.get(7).to_vec(), vec![a.clone()]);
        k.add(7, &b);
        k.add(7, &c);
        k.add(7, &b);
        assert_eq!(k.get(7).to_vec(), vec![a.clone(), b.clone(), c.clone()]);
        k.add(8, &c);
        k.remove(7, &b);
        assert_eq!(k.get(7).to_vec(), vec![a.clone(), c.clone()]);
        k.remove(7, &Target::Item(99));
        assert_eq!(k.get(7).to_vec(), vec![a.clone(), c.clone()]);
        k.remove(7, &a);
        k.remove(7, &c);
        assert!(k.get(7).is_empty());
        assert!(
            !k.map.contains_key(&7),
            "an identifier nobody carries is gone"
        );
        assert_eq!(k.get(8).to_vec(), vec![c.clone()]);
        k.remove(8, &a);
        assert_eq!(
            k.get(8).to_vec(),
            vec![c.clone()],
            "only its own holder removes a lone one"
        );
        k.remove(8, &c);
        assert!(k.map.is_empty());
    }
}
