//! The command writer: whatever the argument, a command either goes out as one line whose only
//! CR and LF are its final CRLF, or is refused (exactly when the argument holds CR, LF or NUL);
//! a password never shows in the trace form, `Debug` or the refusal.
#![no_main]

use ferry::proto::command::{Command, Secret};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let arg = String::from_utf8_lossy(data).into_owned();
    let bad = arg.contains(['\r', '\n', '\0']);
    let commands = [
        Command::User(arg.clone()),
        Command::Pass(Secret::new(arg.as_str())),
        Command::Acct(Secret::new(arg.as_str())),
        Command::Cwd(arg.clone()),
        Command::Retr(arg.clone()),
        Command::Stor(arg.clone()),
        Command::Rnto(arg.clone()),
        Command::Site(arg.clone()),
        Command::List(Some(arg.clone())),
        Command::Mlsd(Some(arg.clone())),
        Command::Raw(arg.clone()),
        Command::Raw(format!("PASS {arg}")),
    ];
    for command in commands {
        match command.to_wire() {
            Ok(wire) => {
                assert!(!bad, "{command:?}");
                let body = wire.strip_suffix(b"\r\n").expect("ends in CRLF");
                assert!(!body.iter().any(|b| matches!(b, b'\r' | b'\n' | 0)));
            }
            Err(e) => {
                assert!(bad, "{command:?}: {e}");
                assert_eq!(e.verb, command.verb());
            }
        }
    }
    // A password is never shown (unless it could be read in the fixed words themselves:
    // `PASS ****`, `Command("PASS ****")`, `(redacted)`).
    let fixed = r#"Command("PASS ****") Command("ACCT ****") (redacted) refusing to send"#;
    if arg.len() >= 6 && !arg.contains('*') && !fixed.contains(arg.as_str()) {
        for command in [
            Command::Pass(Secret::new(arg.as_str())),
            Command::Raw(format!("PASS {arg}")),
        ] {
            assert!(!command.redacted().contains(&arg));
            assert!(!format!("{command:?}").contains(&arg));
            if let Err(e) = command.to_wire() {
                assert!(!e.to_string().contains(&arg), "{e}");
            }
        }
    }
});
