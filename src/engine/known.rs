//! What the sessions to one server learn about it and share: [`ServerTraits`].
//!
//! Some lessons are about the server, not about one connection: once a server has answered a
//! command sent ahead before the transfer's final reply, every connection to it must stop
//! sending ahead. The sessions of one job (the lanes of a parallel transfer, and the session a
//! reconnect makes) hold clones of one `ServerTraits`, so what one learns the others know at
//! once. How many connections at once the server accepts is such a lesson too: once it refused
//! one more, no later command in the run opens more than it allowed. A session made on its own has traits of its own; nothing is process-wide.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Knowledge about one server, shared by every session holding a clone (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct ServerTraits {
    inner: Arc<Learned>,
}

#[derive(Debug, Default)]
struct Learned {
    /// The server answered a command sent ahead before ending the transfer in progress.
    answers_out_of_turn: AtomicBool,
    /// How many connections at once the server accepted before it refused one more, with its
    /// refusal (one line): no more are opened to it.
    connection_limit: Mutex<Option<(usize, String)>>,
    /// Commands the server answered with "unknown" (500–504): SIZE, MDTM, MLST.
    lacks: Mutex<Vec<&'static str>>,
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

    /// The number of connections at once the server allowed, and the refusal that said so,
    /// once it refused one more; `None` while nothing is known.
    pub fn connection_limit(&self) -> Option<(usize, String)> {
        self.limit().clone()
    }

    /// Records that the server refused a connection beyond `allowed` with `refusal`; a lower
    /// limit learned later wins.
    pub fn learn_connection_limit(&self, allowed: usize, refusal: &str) {
        let mut limit = self.limit();
        if limit.as_ref().is_none_or(|(known, _)| allowed < *known) {
            *limit = Some((allowed.max(1), refusal.to_owned()));
        }
    }

    fn limit(&self) -> std::sync::MutexGuard<'_, Option<(usize, String)>> {
        self.inner
            .connection_limit
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// True once the server answered `verb` with "unknown command" (500–504).
    pub fn lacks(&self, verb: &str) -> bool {
        self.lacking().contains(&verb)
    }

    /// Records that the server does not know `verb`: the sessions sharing these traits stop
    /// sending it and go to what works instead.
    pub(crate) fn learn_lacks(&self, verb: &'static str) {
        let mut lacks = self.lacking();
        if !lacks.contains(&verb) {
            lacks.push(verb);
        }
    }

    fn lacking(&self) -> std::sync::MutexGuard<'_, Vec<&'static str>> {
        self.inner
            .lacks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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
    fn the_lowest_connection_limit_is_kept() {
        let a = ServerTraits::new();
        assert_eq!(a.connection_limit(), None);
        a.clone().learn_connection_limit(3, "421 Too many");
        a.learn_connection_limit(5, "421 later");
        assert_eq!(a.connection_limit(), Some((3, "421 Too many".into())));
        a.learn_connection_limit(0, "530 one session");
        assert_eq!(a.connection_limit(), Some((1, "530 one session".into())));
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
