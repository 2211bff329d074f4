//! ASCII-mode line-ending conversion, streaming and split-safe.
//!
//! In `TYPE A` the wire carries CRLF line endings. Downloads turn CRLF into the local LF and
//! uploads turn a lone LF into CRLF. Both converters keep one byte of state, so a CR at the end
//! of one read and its LF at the start of the next are still recognized as one line ending.

/// Converts wire CRLF to local LF across reads.
#[derive(Debug, Default)]
pub struct FromWire {
    pending_cr: bool,
}

impl FromWire {
    /// Appends the converted form of `input` to `out`.
    pub fn convert(&mut self, input: &[u8], out: &mut Vec<u8>) {
        for &b in input {
            if self.pending_cr {
                self.pending_cr = false;
                if b != b'\n' {
                    out.push(b'\r');
                }
            }
            if b == b'\r' {
                self.pending_cr = true;
            } else {
                out.push(b);
            }
        }
    }

    /// Flushes a CR held back at the very end of the stream.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if std::mem::take(&mut self.pending_cr) {
            out.push(b'\r');
        }
    }
}

/// Converts local LF to wire CRLF across reads (an existing CRLF stays as it is).
#[derive(Debug, Default)]
pub struct ToWire {
    last_was_cr: bool,
}

impl ToWire {
    /// Appends the converted form of `input` to `out`.
    pub fn convert(&mut self, input: &[u8], out: &mut Vec<u8>) {
        for &b in input {
            if b == b'\n' && !self.last_was_cr {
                out.push(b'\r');
            }
            out.push(b);
            self.last_was_cr = b == b'\r';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_wire_split(input: &[u8], at: usize) -> Vec<u8> {
        let mut c = FromWire::default();
        let mut out = Vec::new();
        c.convert(&input[..at], &mut out);
        c.convert(&input[at..], &mut out);
        c.finish(&mut out);
        out
    }

    #[test]
    fn crlf_becomes_lf_at_every_split_point() {
        let wire = b"one\r\ntwo\r\n\r\nlone\rcr\r";
        for at in 0..=wire.len() {
            assert_eq!(
                from_wire_split(wire, at),
                b"one\ntwo\n\nlone\rcr\r",
                "split at {at}"
            );
        }
    }

    #[test]
    fn lf_becomes_crlf_at_every_split_point() {
        let local = b"a\nb\r\nc\n\n";
        for at in 0..=local.len() {
            let mut c = ToWire::default();
            let mut out = Vec::new();
            c.convert(&local[..at], &mut out);
            c.convert(&local[at..], &mut out);
            assert_eq!(out, b"a\r\nb\r\nc\r\n\r\n", "split at {at}");
        }
    }
}
