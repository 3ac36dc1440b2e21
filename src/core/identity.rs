//! Who a session is, kept current. A connection lives for hours while an
//! administrator may lower a clerk's clearance, change their role or disable
//! them: every request must see the record as it is now. The engine counts
//! user changes; a session re-reads its record only when the count moved,
//! so an unchanged user costs one atomic load and an uncontended lock.

use std::sync::{Arc, Mutex};

use crate::model::User;

use super::{Engine, Result, ServiceError};

/// One session's user record and the engine's user generation it was read at.
pub(super) struct Identity {
    uid: u32,
    current: Mutex<(u64, Arc<User>)>,
}

impl Identity {
    /// A session of `user`, whose record was read at user generation `generation`.
    pub fn new(user: User, generation: u64) -> Identity {
        Identity {
            uid: user.uid,
            current: Mutex::new((generation, Arc::new(user))),
        }
    }

    /// The user's record as it is now; a disabled user is refused.
    pub fn current(&self, engine: &Engine) -> Result<Arc<User>> {
        // The generation is read before the record: a change that lands in
        // between moves it again, so the next request reads once more.
        let generation = engine.user_generation();
        let user = {
            let mut cur = self.current.lock().unwrap_or_else(|p| p.into_inner());
            if cur.0 != generation {
                // A session made for a record that was never stored (tests)
                // keeps the one it was given.
                if let Some(u) = engine.store.user(self.uid)? {
                    cur.1 = Arc::new(u);
                }
                cur.0 = generation;
            }
            cur.1.clone()
        };
        if user.disabled {
            return Err(disabled(&user));
        }
        Ok(user)
    }
}

/// The refusal a disabled user gets, at connecting and on every request.
pub(super) fn disabled(user: &User) -> ServiceError {
    ServiceError::Denied(super::Denial::Disabled {
        login: user.login.clone(),
    })
}
