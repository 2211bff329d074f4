#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit tests and the integration tests against the
# scripted server and real FTP servers (pyftpdlib, installed here into target/test-venv; vsftpd,
# proftpd and pure-ftpd, installed by scripts/install-servers.sh, which needs root the first time;
# danted and tinyproxy for the proxy tests, installed by scripts/install-proxies.sh, likewise).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-test-env.sh
scripts/install-servers.sh
scripts/install-proxies.sh
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test --all-targets
scripts/interop.sh
# The optional native-tls backend, against a server that does not require TLS session reuse.
cargo test --features native-tls --test cli native_tls
