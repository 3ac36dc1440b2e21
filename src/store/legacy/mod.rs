//! Older record layouts and their migrations to today's types.
//!
//! Records are migrated as they are read: `codec::decode` sees the schema of
//! each envelope and, for an older one, decodes the frozen layout of that
//! schema and converts it (see `docs/data-format.md`, "Schema evolution").
//! A record is written back in the current schema the next time it is
//! written; history and audit entries, never rewritten, stay as they are and
//! decode through here for ever. Nothing outside `store/` knows about this.

mod migrate;
mod v1;

use crate::model::{AuditEntry, HistoryEntry, Item, Person, Unit, User};

use super::codec::{decode_body, Stored};

fn no_migration<T>(schema: u16) -> Result<T, String> {
    Err(format!("schema {schema} has no migration"))
}

macro_rules! stored {
    ($ty:ty, $v1:ty, $f:path) => {
        impl Stored for $ty {
            fn upgrade(schema: u16, body: &[u8]) -> Result<Self, String> {
                match schema {
                    1 => decode_body::<$v1>(body).map($f),
                    s => no_migration(s),
                }
            }
        }
    };
}

stored!(Item, v1::ItemV1, migrate::item);
stored!(HistoryEntry, v1::HistoryEntryV1, migrate::history);
stored!(AuditEntry, v1::AuditEntryV1, migrate::audit);
stored!(User, v1::UserV1, migrate::user);
stored!(Unit, v1::UnitV1, migrate::unit);
stored!(Person, v1::PersonV1, migrate::person);

/// Notices were added within schema 2: no older layout exists to migrate.
impl Stored for crate::model::queue::Notice {
    fn upgrade(schema: u16, _body: &[u8]) -> Result<Self, String> {
        no_migration(schema)
    }
}
