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

use crate::proto::charset::Charset;

/// The charset a session found the server's names in (under `--charset auto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LearnedCharset {
    /// The charset.
    pub charset: Charset,
    /// It was guessed from names that are not UTF-8 (not read from FEAT or from UTF-8 names):
    /// the user is told once.
    pub guessed: bool,
    /// The user was told about the guess.
    pub announced: bool,
    /// Only FEAT said UTF8: names that turn out not to be UTF-8 (pure-ftpd offers UTF8 and
    /// serves whatever bytes are on its disk) still decide.
    pub from_feat: bool,
}

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
    /// The charset of the server's names, once known (`--charset auto`).
    charset: Mutex<Option<LearnedCharset>>,
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

    /// The charset learned for the server's names, if any.
    pub fn charset(&self) -> Option<LearnedCharset> {
        *self.learned_charset()
    }

    /// Records the charset of the server's names, unless one is known already from names (the
    /// first listing that says anything decides, for every session to the server; over what
    /// FEAT alone said).
    pub(crate) fn learn_charset(&self, charset: Charset, guessed: bool) -> Charset {
        let mut learned = self.learned_charset();
        if learned.is_some_and(|l| l.from_feat) {
            *learned = None;
        }
        learned
            .get_or_insert(LearnedCharset {
                charset,
                guessed,
                announced: !guessed,
                from_feat: false,
            })
            .charset
    }

    /// Records that FEAT offered UTF8 (and login turned it on), unless something is known.
    pub(crate) fn learn_utf8_from_feat(&self) {
        self.learned_charset().get_or_insert(LearnedCharset {
            charset: Charset::UTF8,
            guessed: false,
            announced: true,
            from_feat: true,
        });
    }

    /// A guessed charset the user has not been told about yet, marked as told.
    pub fn take_charset_guess(&self) -> Option<Charset> {
        let mut learned = self.learned_charset();
        let l = learned.as_mut().filter(|l| !l.announced)?;
        l.announced = true;
        Some(l.charset)
    }

    fn learned_charset(&self) -> std::sync::MutexGuard<'_, Option<LearnedCharset>> {
        self.inner
            .charset
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
    fn the_first_charset_learned_stays_and_a_guess_is_announced_once() {
        let a = ServerTraits::new();
        let gbk = Charset::from_name("gbk").unwrap();
        assert_eq!(a.clone().learn_charset(gbk, true), gbk);
        assert_eq!(a.learn_charset(Charset::UTF8, false), gbk);
        assert_eq!(a.take_charset_guess(), Some(gbk));
        assert_eq!(a.take_charset_guess(), None);
        let b = ServerTraits::new();
        b.learn_charset(Charset::UTF8, false);
        assert_eq!(b.take_charset_guess(), None);
        // FEAT's word gives way to names that are not UTF-8.
        let c = ServerTraits::new();
        c.learn_utf8_from_feat();
        assert_eq!(c.charset().map(|l| l.charset), Some(Charset::UTF8));
        assert_eq!(c.learn_charset(gbk, true), gbk);
        assert_eq!(c.take_charset_guess(), Some(gbk));
        c.learn_utf8_from_feat();
        assert_eq!(c.charset().map(|l| l.charset), Some(gbk));
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
