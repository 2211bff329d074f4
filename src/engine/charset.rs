//! Which charset the session's names are in: chosen (`--charset NAME`) or learned (`auto`).
//!
//! Under [`CharsetChoice::Auto`] nothing is decided until the server says something: FEAT
//! offering UTF8 (after which login sends `OPTS UTF8 ON`) means UTF-8; then, or without it,
//! the first listing that is not plain ASCII decides, UTF-8 when it is valid UTF-8 and else the
//! legacy charset `proto::charset::detect` guesses. Names win over FEAT because servers offer
//! UTF8 and serve whatever bytes their disk holds (pure-ftpd does without `--fscharset`). What is learned is kept in the server's
//! [`ServerTraits`](crate::engine::known::ServerTraits), so every session to the server (the
//! lanes of a parallel transfer, a reconnect) uses it, and a guess is reported once through
//! [`Session::take_charset_guess`]: the engine never prints, the executor tells the user.
//! Until anything is decided names are read as UTF-8, whose undecodable bytes are kept as
//! escapes that encode back to the same bytes in any charset, so nothing read before the
//! decision is lost.

use crate::engine::options::CharsetChoice;
use crate::engine::session::Session;
use crate::proto::charset::{self, Charset};

/// Where the session's charset comes from, for `status` and the shell's `charset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// `--charset NAME`, the config file or the shell's `charset NAME`.
    Chosen,
    /// FEAT offered UTF8, and no listing has said otherwise yet.
    Feat,
    /// Learned from the names (UTF-8 ones).
    Server,
    /// Guessed from names that are not UTF-8.
    Guessed,
    /// Nothing but ASCII seen yet: UTF-8 for now.
    Undecided,
}

impl Session {
    /// The charset names are written and read in now.
    pub fn charset(&self) -> Charset {
        self.charset_and_source().0
    }

    /// The charset and where it comes from.
    pub fn charset_and_source(&self) -> (Charset, CharsetSource) {
        match self.opts.charset {
            CharsetChoice::Fixed(c) => (c, CharsetSource::Chosen),
            CharsetChoice::Auto => match self.traits.charset() {
                Some(l) if l.guessed => (l.charset, CharsetSource::Guessed),
                Some(l) if l.from_feat => (l.charset, CharsetSource::Feat),
                Some(l) => (l.charset, CharsetSource::Server),
                None => (Charset::UTF8, CharsetSource::Undecided),
            },
        }
    }

    /// Chooses the charset from now on (the shell's `charset NAME` or `charset auto`).
    pub fn set_charset(&mut self, choice: CharsetChoice) {
        self.opts.charset = choice;
    }

    /// True when login should turn UTF-8 on (FEAT offered it): unless another charset was
    /// chosen, which the server is then left to use.
    pub(crate) fn wants_utf8(&self) -> bool {
        match self.opts.charset {
            CharsetChoice::Auto => true,
            CharsetChoice::Fixed(c) => c.is_utf8(),
        }
    }

    /// The server turned UTF-8 on (FEAT offered it): under `auto`, that decides until names
    /// say otherwise.
    pub(crate) fn learn_utf8_from_feat(&mut self) {
        if self.opts.charset == CharsetChoice::Auto {
            self.traits.learn_utf8_from_feat();
        }
    }

    /// The charset to read a listing's `body` in; under `auto` the first body that is not
    /// plain ASCII decides for the whole server (see the module docs).
    pub fn listing_charset(&mut self, body: &[u8]) -> Charset {
        if self.charset_is_open()
            && let Some(found) = charset::detect(body)
        {
            let guessed = !found.is_utf8();
            let charset = self.traits.learn_charset(found, guessed);
            self.note(&format!("names are in {charset}"));
        }
        self.charset()
    }

    /// True while a listing may still decide the charset: `auto`, and nothing but FEAT has
    /// said anything.
    pub fn charset_is_open(&self) -> bool {
        matches!(
            self.charset_and_source().1,
            CharsetSource::Undecided | CharsetSource::Feat
        )
    }

    /// A charset guessed from the names that the user has not been told about yet (once per
    /// server, whichever session guessed it).
    pub fn take_charset_guess(&self) -> Option<Charset> {
        match self.opts.charset {
            CharsetChoice::Auto => self.traits.take_charset_guess(),
            CharsetChoice::Fixed(_) => None,
        }
    }
}
