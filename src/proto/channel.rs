//! The data-channel modes: the four ways to set up a data connection ([`Channel`]), what the
//! user asked for ([`DataMode`]) with the order in which `auto` tries them, and the session's
//! plan ([`ChannelPlan`]): which channel to try next, and what earlier attempts taught.
//!
//! The plan is plain state: the driver asks it which channel comes next and tells it how each
//! attempt went ([`Outcome`]); it does no I/O. Its rules:
//!
//! - With more than one channel in the mode (`auto`, `passive`, `active`), a channel that
//!   [failed](Outcome::Failed) (refused with a 5xx, unreachable, an address it cannot carry) is
//!   skipped for the rest of the session.
//! - A channel that [met 425](Outcome::Met425) (the server could not open the data connection:
//!   short of ports, a passing timeout) is skipped while another one works, and given a fresh
//!   chance once every channel of the mode has failed, so a retry never finds nothing to try.
//! - The channel that last [worked](Outcome::Worked) is the proven one: a transfer sent ahead
//!   uses it. A mode that does not include it forgets it.
//! - A mode of one channel (`--mode epsv` ...) always tries that channel.
//!
//! A refusal that says "not logged in" (530, 532) is not about the data channel at all: the
//! driver reports it as the login problem it is and records nothing here.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// One concrete way to set up a data connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// Extended passive (RFC 2428): the server listens, we connect.
    Epsv,
    /// Classic passive: the server listens at the address in its 227 reply.
    Pasv,
    /// Extended active (RFC 2428): we listen, the server connects.
    Eprt,
    /// Classic active, IPv4 only.
    Port,
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Channel::Epsv => "EPSV",
            Channel::Pasv => "PASV",
            Channel::Eprt => "EPRT",
            Channel::Port => "PORT",
        })
    }
}

/// What the user asked for: `--mode auto|passive|active|epsv|pasv|eprt|port`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataMode {
    /// EPSV → PASV → EPRT → PORT.
    #[default]
    Auto,
    /// EPSV → PASV (`--passive`).
    Passive,
    /// EPRT → PORT (`--active`).
    Active,
    /// Only EPSV.
    Epsv,
    /// Only PASV.
    Pasv,
    /// Only EPRT.
    Eprt,
    /// Only PORT.
    Port,
}

impl DataMode {
    /// The channels this mode tries, in order.
    pub fn channels(self) -> &'static [Channel] {
        use Channel::*;
        match self {
            DataMode::Auto => &[Epsv, Pasv, Eprt, Port],
            DataMode::Passive => &[Epsv, Pasv],
            DataMode::Active => &[Eprt, Port],
            DataMode::Epsv => &[Epsv],
            DataMode::Pasv => &[Pasv],
            DataMode::Eprt => &[Eprt],
            DataMode::Port => &[Port],
        }
    }
}

impl FromStr for DataMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => DataMode::Auto,
            "passive" => DataMode::Passive,
            "active" => DataMode::Active,
            "epsv" => DataMode::Epsv,
            "pasv" => DataMode::Pasv,
            "eprt" => DataMode::Eprt,
            "port" => DataMode::Port,
            _ => {
                return Err(format!(
                    "unknown data mode {s:?}: use auto, passive, active, epsv, pasv, eprt or port"
                ));
            }
        })
    }
}

/// How one attempt at a data channel went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The data connection was set up: the channel is proven.
    Worked,
    /// The channel does not work with this server (refused, unreachable): skipped from now on.
    Failed,
    /// The server could not open the data connection (425): it may work later.
    Met425,
}

/// Which data channels to try, and what this session learned about them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelPlan {
    /// Channels that failed; skipped for the rest of the session when there is a choice.
    failed: BTreeSet<Channel>,
    /// Channels that met 425: skipped while another works, tried again once all failed.
    met_425: BTreeSet<Channel>,
    /// The channel that last worked.
    proven: Option<Channel>,
}

impl ChannelPlan {
    /// A plan that knows nothing yet.
    pub fn new() -> ChannelPlan {
        ChannelPlan::default()
    }

    /// Before a transfer in `mode`: when every channel of the mode is skipped and some only
    /// met 425, those get a fresh chance. Returns the channels given one (for the trace).
    pub fn begin(&mut self, mode: DataMode) -> Vec<Channel> {
        if !self.has_choice(mode) || !self.all_failed(mode) {
            return Vec::new();
        }
        let again: Vec<Channel> = mode
            .channels()
            .iter()
            .copied()
            .filter(|c| self.met_425.remove(c))
            .collect();
        again
    }

    /// The channel to try next in `mode`, after the ones in `tried` (this transfer's attempts);
    /// `None` when nothing is left.
    pub fn next(&self, mode: DataMode, tried: &[Channel]) -> Option<Channel> {
        let choice = self.has_choice(mode);
        mode.channels()
            .iter()
            .copied()
            .filter(|c| !tried.contains(c))
            .find(|&c| !choice || !self.is_skipped(c))
    }

    /// Records how an attempt at `channel` went.
    pub fn record(&mut self, channel: Channel, outcome: Outcome) {
        match outcome {
            Outcome::Worked => {
                self.proven = Some(channel);
                self.met_425.remove(&channel);
                self.failed.remove(&channel);
            }
            Outcome::Failed => {
                if self.proven == Some(channel) {
                    self.proven = None;
                }
                self.failed.insert(channel);
            }
            Outcome::Met425 => {
                self.met_425.insert(channel);
            }
        }
    }

    /// The channel that last worked, if it is still believed to.
    pub fn proven(&self) -> Option<Channel> {
        self.proven
    }

    /// Forgets the proven channel (its setup command, sent ahead, was refused); what failed
    /// stays remembered.
    pub fn forget_proven(&mut self) {
        self.proven = None;
    }

    /// The user chose another mode: a proven channel outside it is forgotten (nothing may be
    /// sent ahead on a channel the user no longer wants); failures stay remembered.
    pub fn set_mode(&mut self, mode: DataMode) {
        if self.proven.is_some_and(|c| !mode.channels().contains(&c)) {
            self.proven = None;
        }
    }

    /// True when `channel` is skipped where there is a choice: it failed, or met 425.
    pub fn is_skipped(&self, channel: Channel) -> bool {
        self.failed.contains(&channel) || self.met_425.contains(&channel)
    }

    /// True when every channel of `mode` failed or met 425 in this session.
    pub fn all_failed(&self, mode: DataMode) -> bool {
        mode.channels().iter().all(|&c| self.is_skipped(c))
    }

    /// True when the mode offers more than one channel, so failures move on to the next.
    fn has_choice(&self, mode: DataMode) -> bool {
        mode.channels().len() > 1
    }
}

#[cfg(test)]
mod tests {
    use super::Channel::*;
    use super::*;

    /// The channels one transfer in `mode` would try, in order, if each attempt had `outcome`
    /// (until one works), recording as the driver does.
    fn transfer(plan: &mut ChannelPlan, mode: DataMode, outcomes: &[Outcome]) -> Vec<Channel> {
        plan.begin(mode);
        let mut tried = Vec::new();
        let mut outcomes = outcomes.iter();
        while let Some(c) = plan.next(mode, &tried) {
            tried.push(c);
            let outcome = *outcomes.next().expect("an outcome for every attempt");
            plan.record(c, outcome);
            if outcome == Outcome::Worked {
                break;
            }
        }
        tried
    }

    #[test]
    fn auto_tries_epsv_pasv_eprt_port_in_that_order() {
        let plan = ChannelPlan::new();
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Epsv));
        assert_eq!(plan.next(DataMode::Auto, &[Epsv]), Some(Pasv));
        assert_eq!(plan.next(DataMode::Auto, &[Epsv, Pasv]), Some(Eprt));
        assert_eq!(plan.next(DataMode::Auto, &[Epsv, Pasv, Eprt]), Some(Port));
        assert_eq!(plan.next(DataMode::Auto, &[Epsv, Pasv, Eprt, Port]), None);
    }

    #[test]
    fn falls_back_to_pasv_when_epsv_is_refused() {
        let mut plan = ChannelPlan::new();
        let tried = transfer(
            &mut plan,
            DataMode::Auto,
            &[Outcome::Failed, Outcome::Worked],
        );
        assert_eq!(tried, [Epsv, Pasv]);
        assert_eq!(plan.proven(), Some(Pasv));
    }

    #[test]
    fn a_failed_channel_is_skipped_for_the_rest_of_the_session() {
        let mut plan = ChannelPlan::new();
        transfer(
            &mut plan,
            DataMode::Auto,
            &[Outcome::Failed, Outcome::Worked],
        );
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Pasv));
        let tried = transfer(&mut plan, DataMode::Auto, &[Outcome::Worked]);
        assert_eq!(tried, [Pasv]);
    }

    #[test]
    fn falls_back_to_active_channels_when_passive_ones_fail() {
        let mut plan = ChannelPlan::new();
        let outcomes = [
            Outcome::Failed,
            Outcome::Failed,
            Outcome::Failed,
            Outcome::Worked,
        ];
        let tried = transfer(&mut plan, DataMode::Auto, &outcomes);
        assert_eq!(tried, [Epsv, Pasv, Eprt, Port]);
        assert_eq!(plan.proven(), Some(Port));
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Port));
    }

    #[test]
    fn a_channel_that_met_425_is_skipped_while_another_works() {
        let mut plan = ChannelPlan::new();
        transfer(
            &mut plan,
            DataMode::Auto,
            &[Outcome::Met425, Outcome::Worked],
        );
        assert!(plan.is_skipped(Epsv));
        assert!(plan.begin(DataMode::Auto).is_empty());
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Pasv));
    }

    #[test]
    fn a_channel_that_met_425_is_tried_again_once_all_failed() {
        let mut plan = ChannelPlan::new();
        let outcomes = [
            Outcome::Met425,
            Outcome::Failed,
            Outcome::Met425,
            Outcome::Failed,
        ];
        let tried = transfer(&mut plan, DataMode::Auto, &outcomes);
        assert_eq!(tried, [Epsv, Pasv, Eprt, Port]);
        assert!(plan.all_failed(DataMode::Auto));
        // The next transfer (a retry) gives the two that only met 425 a fresh chance.
        assert_eq!(plan.begin(DataMode::Auto), [Epsv, Eprt]);
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Epsv));
        assert_eq!(plan.next(DataMode::Auto, &[Epsv]), Some(Eprt));
        assert_eq!(plan.next(DataMode::Auto, &[Epsv, Eprt]), None);
    }

    #[test]
    fn a_channel_that_met_425_and_then_works_is_no_longer_skipped() {
        let mut plan = ChannelPlan::new();
        transfer(
            &mut plan,
            DataMode::Passive,
            &[Outcome::Met425, Outcome::Met425],
        );
        assert_eq!(plan.begin(DataMode::Passive), [Epsv, Pasv]);
        plan.record(Epsv, Outcome::Worked);
        assert!(!plan.is_skipped(Epsv));
        assert_eq!(plan.proven(), Some(Epsv));
    }

    #[test]
    fn no_fresh_chance_while_one_channel_is_untried() {
        let mut plan = ChannelPlan::new();
        plan.record(Epsv, Outcome::Met425);
        plan.record(Pasv, Outcome::Failed);
        plan.record(Eprt, Outcome::Failed);
        assert!(plan.begin(DataMode::Auto).is_empty());
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Port));
    }

    #[test]
    fn nothing_is_left_when_every_channel_failed_outright() {
        let mut plan = ChannelPlan::new();
        let outcomes = [Outcome::Failed; 4];
        transfer(&mut plan, DataMode::Auto, &outcomes);
        assert!(plan.begin(DataMode::Auto).is_empty());
        assert_eq!(plan.next(DataMode::Auto, &[]), None);
        assert_eq!(plan.proven(), None);
    }

    #[test]
    fn a_single_channel_mode_always_tries_its_channel() {
        let mut plan = ChannelPlan::new();
        plan.record(Epsv, Outcome::Failed);
        assert_eq!(plan.next(DataMode::Epsv, &[]), Some(Epsv));
        assert_eq!(plan.next(DataMode::Epsv, &[Epsv]), None);
        plan.record(Port, Outcome::Met425);
        assert!(plan.begin(DataMode::Port).is_empty());
        assert_eq!(plan.next(DataMode::Port, &[]), Some(Port));
    }

    #[test]
    fn passive_and_active_modes_stay_within_their_channels() {
        let mut plan = ChannelPlan::new();
        let tried = transfer(
            &mut plan,
            DataMode::Passive,
            &[Outcome::Failed, Outcome::Failed],
        );
        assert_eq!(tried, [Epsv, Pasv]);
        assert_eq!(plan.next(DataMode::Passive, &[]), None);
        assert_eq!(plan.next(DataMode::Active, &[]), Some(Eprt));
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Eprt));
    }

    #[test]
    fn a_proven_channel_that_fails_is_forgotten() {
        let mut plan = ChannelPlan::new();
        plan.record(Epsv, Outcome::Worked);
        plan.record(Epsv, Outcome::Failed);
        assert_eq!(plan.proven(), None);
        assert!(plan.is_skipped(Epsv));
    }

    #[test]
    fn a_proven_channel_that_meets_425_stays_proven() {
        let mut plan = ChannelPlan::new();
        plan.record(Pasv, Outcome::Worked);
        plan.record(Pasv, Outcome::Met425);
        assert_eq!(plan.proven(), Some(Pasv));
        plan.forget_proven();
        assert_eq!(plan.proven(), None);
        assert!(plan.is_skipped(Pasv));
    }

    #[test]
    fn a_new_mode_forgets_a_proven_channel_outside_it_and_keeps_failures() {
        let mut plan = ChannelPlan::new();
        transfer(
            &mut plan,
            DataMode::Auto,
            &[Outcome::Failed, Outcome::Worked],
        );
        plan.set_mode(DataMode::Passive);
        assert_eq!(plan.proven(), Some(Pasv));
        plan.set_mode(DataMode::Active);
        assert_eq!(plan.proven(), None);
        plan.set_mode(DataMode::Auto);
        assert_eq!(plan.next(DataMode::Auto, &[]), Some(Pasv));
    }
}
