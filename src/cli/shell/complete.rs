//! Tab completion for the shell: command names, local paths, and remote paths from the
//! context's per-directory listing cache (which commands that change files invalidate).

use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context as LineContext, Helper};

use ferry::actions::context::Context;
use ferry::proto::listing::EntryKind;

use super::grammar::{ArgSide, arg_side, command_names};

/// The rustyline helper: completion only.
pub struct ShellHelper {
    ctx: Rc<RefCell<Context>>,
    files: FilenameCompleter,
    commands: Vec<String>,
}

impl ShellHelper {
    /// A helper completing against `ctx`'s connection.
    pub fn new(ctx: Rc<RefCell<Context>>) -> ShellHelper {
        ShellHelper {
            ctx,
            files: FilenameCompleter::new(),
            commands: command_names(),
        }
    }

    fn remote(&self, word: &str) -> Vec<Pair> {
        let (dir, prefix) = match word.rfind('/') {
            Some(i) => (&word[..=i], &word[i + 1..]),
            None => ("", word),
        };
        let list_dir = if dir.len() > 1 {
            dir.trim_end_matches('/')
        } else {
            dir
        };
        let Ok(mut ctx) = self.ctx.try_borrow_mut() else {
            return Vec::new();
        };
        if !ctx.is_connected() {
            return Vec::new();
        }
        let Ok(entries) = ctx.entries(list_dir) else {
            return Vec::new();
        };
        let mut out: Vec<Pair> = entries
            .into_iter()
            .filter(|e| e.name.starts_with(prefix) && !e.name.chars().any(char::is_control))
            .map(|e| {
                let slash = if e.kind == EntryKind::Dir { "/" } else { "" };
                let full = format!("{dir}{}{slash}", e.name);
                Pair {
                    display: format!("{}{slash}", e.name),
                    replacement: escape(&full),
                }
            })
            .collect();
        out.sort_by(|a, b| a.display.cmp(&b.display));
        out
    }
}

/// Backslash-escapes what the line parser would otherwise split or unquote.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '\\' | '"' | '\'') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where the word under the cursor starts: after the last space that is neither escaped nor
/// inside quotes. A word that opens a quote starts at the quote, so the completion replaces
/// it (quote included) with an escaped name and the line stays balanced.
fn word_start(before: &str) -> usize {
    let bytes = before.as_bytes();
    let mut start = 0;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (Some(b'"') | None, b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b @ (b'"' | b'\'')) => quote = Some(b),
            (None, b' ' | b'\t') => start = i + 1,
            (None, _) => {}
        }
        i += 1;
    }
    start.min(before.len())
}

/// The word as the line parser will read it: quotes and escapes taken away.
fn unquoted(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {}
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &LineContext<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = word_start(before);
        let word = &before[start..];
        let earlier: Vec<&str> = before[..start].split_whitespace().collect();
        let Some(command) = earlier.first() else {
            let names = self.commands.iter().filter(|c| c.starts_with(word));
            let pairs = names
                .map(|c| Pair {
                    display: c.clone(),
                    replacement: format!("{c} "),
                })
                .collect();
            return Ok((start, pairs));
        };
        match arg_side(command, earlier.len()) {
            ArgSide::Local => self.files.complete(line, pos, ctx),
            ArgSide::Remote => Ok((start, self.remote(&unquoted(word)))),
            ArgSide::Other => Ok((start, Vec::new())),
        }
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_start_after_unescaped_spaces() {
        assert_eq!(word_start("get my\\ fi"), 4);
        assert_eq!(word_start("get "), 4);
        assert_eq!(word_start("ge"), 0);
    }

    #[test]
    fn a_word_in_an_open_quote_starts_at_the_quote() {
        assert_eq!(word_start("get \"my f"), 4);
        assert_eq!(unquoted("\"my f"), "my f");
        assert_eq!(word_start("get 'a b' c"), 10);
        assert_eq!(word_start("get my\\ f"), 4);
        assert_eq!(unquoted("my\\ f"), "my f");
    }

    #[test]
    fn names_with_spaces_are_escaped() {
        assert_eq!(escape("a b/c'd"), "a\\ b/c\\'d");
    }
}
