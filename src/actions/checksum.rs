//! `hash FILE…` (one-shot `ferry hash URL…` and the shell's `hash PATH…`): the server's hash of
//! each file, printed as `sha256sum` prints its own (`HEX  NAME`) or as JSON; and the local
//! side of `mirror --compare hash`, which hashes a local file to compare with the server's.

use std::fs::File;
use std::path::Path;

use super::Ui;
use super::info::{print_json, print_line};
use crate::actions::context::Context;
use crate::engine::digest::{Digest, Hasher};
use crate::engine::session::Session;
use crate::error::{Error, Result};
use crate::proto::command::TransferType;
use crate::proto::digest::{HashAlgo, HashMethod, HashOffer};

/// What `hash --json` prints for each file; the names are stable.
#[derive(serde::Serialize)]
struct HashJson<'a> {
    /// The remote path.
    name: &'a str,
    /// `sha256`, `sha512`, `sha1`, `md5` or `crc32`.
    algorithm: &'static str,
    /// The digest in lower-case hex.
    hash: &'a str,
}

/// How to ask `session` for `wanted` (the strongest offered when `None`), or why it cannot
/// be asked, in words that name what the server does offer.
pub(super) fn method_for(
    session: &Session,
    wanted: Option<HashAlgo>,
    name: &str,
) -> Result<HashMethod> {
    let offer: HashOffer = session.hash_offer();
    if let Some(method) = offer.choose(wanted) {
        return Ok(method);
    }
    let offered: Vec<&str> = offer.algorithms().iter().map(|a| a.name()).collect();
    let why = match (wanted, offered.is_empty()) {
        (_, true) => {
            "the server offers no hash command (HASH, XSHA256, XSHA512, XSHA1, XMD5 or XCRC)"
                .to_string()
        }
        (Some(algo), false) => format!(
            "the server does not offer {algo} (it offers {})",
            offered.join(", ")
        ),
        (None, false) => unreachable!("an offer with algorithms has a choice"),
    };
    Err(Error::NoChecksum {
        name: name.into(),
        why,
    })
}

/// Prints the server's hash of each of `paths`, each retried by itself after a transient
/// failure so that no line is printed twice. Binary mode: servers hash the stored bytes, and
/// some decline in ASCII mode.
pub(super) fn print_hashes(
    ctx: &mut Context,
    paths: &[String],
    algo: Option<HashAlgo>,
    json: bool,
    ui: &mut dyn Ui,
) -> Result<()> {
    let mut said_weaker = false;
    for path in paths {
        let digest = super::retrying(ctx, ui, path, |ctx, _, _| {
            let session = ctx.session()?;
            let method = method_for(session, algo, path)?;
            session.set_type(TransferType::Binary)?;
            session.remote_hash(path, method)
        })?;
        if algo.is_none() && digest.algo != HashAlgo::Sha256 && !said_weaker {
            said_weaker = true;
            ui.notice(&format!(
                "{}: the strongest hash this server offers",
                digest.algo
            ));
        }
        print_one(ui, path, &digest, json)?;
    }
    Ok(())
}

fn print_one(ui: &mut dyn Ui, name: &str, digest: &Digest, json: bool) -> Result<()> {
    if json {
        let object = HashJson {
            name,
            algorithm: digest.algo.name(),
            hash: &digest.hex,
        };
        return print_json(ui, &object);
    }
    print_line(ui, &format!("{}  {name}", digest.hex))
}

/// The hash of the local file `path`, read once from start to end.
pub(super) fn local_hash(path: &Path, algo: HashAlgo) -> Result<Digest> {
    let local = |source| Error::Local {
        what: "cannot read",
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(local)?;
    let len = file.metadata().map_err(local)?.len();
    let mut hasher = Hasher::new(algo);
    hasher.update_from_file(&file, len).map_err(local)?;
    Ok(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_file_hashes_like_sha256sum() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc");
        std::fs::write(&path, "abc").unwrap();
        let d = local_hash(&path, HashAlgo::Sha256).unwrap();
        assert_eq!(
            d.hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let missing = local_hash(&dir.path().join("nope"), HashAlgo::Md5).unwrap_err();
        assert!(matches!(missing, Error::Local { .. }), "{missing}");
    }
}
