//! `mirror --compare hash`: files of the same size on both sides are compared by content, the
//! server's hash of the remote file against the same hash of the local one, instead of by
//! modification time. The algorithm is the strongest the server offers, chosen once.

use super::super::checksum::{local_hash, method_for};
use super::super::scheduler::Job;
use super::super::{Ui, retrying};
use crate::actions::context::Context;
use crate::error::{Error, Result};
use crate::proto::command::TransferType;

/// The jobs among `jobs` (files of the same size on both sides) whose contents differ. Each
/// remote hash is retried by itself after a transient failure; a server that can hash no file
/// is [`Error::NoChecksum`].
pub(super) fn differing(ctx: &mut Context, jobs: Vec<Job>, ui: &mut dyn Ui) -> Result<Vec<Job>> {
    if jobs.is_empty() {
        return Ok(jobs);
    }
    let what = "mirror --compare hash";
    let algo = retrying(ctx, ui, "", |ctx, _, _| {
        Ok(method_for(ctx.session()?, None, what)?.algo())
    })?;
    let mut differ = Vec::new();
    for job in jobs {
        let (remote, local) = match &job {
            Job::Get { remote, target, .. } => (remote.clone(), target.clone()),
            Job::Put { local, remote, .. } => (remote.clone(), local.clone()),
            Job::Segment(_) => continue,
        };
        let theirs = retrying(ctx, ui, &remote, |ctx, _, _| {
            let session = ctx.session()?;
            let method = session
                .hash_method(Some(algo))
                .ok_or_else(|| Error::NoChecksum {
                    name: remote.clone(),
                    why: format!("the server no longer offers {algo}"),
                })?;
            session.set_type(TransferType::Binary)?;
            session.remote_hash(&remote, method)
        })?;
        if local_hash(&local, algo)?.hex != theirs.hex {
            differ.push(job);
        }
    }
    Ok(differ)
}
