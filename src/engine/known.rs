//! What the sessions to one server learn about it and share: [`ServerTraits`].
//!
//! Some lessons are about the server, not about one connection: once a server has answered a
//! command sent ahead before the transfer's final reply, every connection to it must stop
//! sending ahead. The sessions of one job (the lanes of a parallel transfer, and the session a
//! reconnect makes) hold clones of one `ServerTraits`, so what one learns the others know at
//! once. A session made on its own has traits of its own; nothing is process-wide.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Knowledge about one server, shared by every session holding a clone (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct ServerTraits {
    inner: Arc<Learned>,
}

#[derive(Debug, Default)]
struct Learned {
    /// The server answered a command sent ahead before ending the transfer in progress.
    answers_out_of_turn: AtomicBool,
}

impl ServerTraits {
    /// Traits of a server nothing is known about yet.
    pub fn new() -> ServerTraits {
        ServerTraits::default()
    }

    /// True once a session found that the server answers commands sent ahead out of turn:
    /// nothing is sent ahead to it from then on.
    pub fn answers_out_of_turn(&self) -> bool {
        self.inner.answers_out_of_turn.load(Ordering::Relaxed)
    }

    /// Records that the server answers commands sent ahead out of turn.
    pub(crate) fn learn_answers_out_of_turn(&self) {
        self.inner
            .answers_out_of_turn
            .store(true, Ordering::Relaxed);
    }

    /// True when `other` is a clone of the same knowledge.
    pub fn is_shared_with(&self, other: &ServerTraits) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_one_clone_learns_every_clone_knows() {
        let a = ServerTraits::new();
        let b = a.clone();
        assert!(!b.answers_out_of_turn());
        a.learn_answers_out_of_turn();
        assert!(b.answers_out_of_turn());
        assert!(a.is_shared_with(&b));
    }

    #[test]
    fn separate_traits_learn_separately() {
        let a = ServerTraits::new();
        let b = ServerTraits::new();
        a.learn_answers_out_of_turn();
        assert!(!b.answers_out_of_turn());
        assert!(!a.is_shared_with(&b));
    }
}
