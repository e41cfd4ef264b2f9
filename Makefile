# Fieldnotes: the two commands of the README.
#   make run   builds the desktop app (UI and shell) and opens it; `make demo` runs the CLI's scripted demo
#   make test  installs what is missing, then runs fmt, clippy and every test, the Debian package's included
# Both install what they need on a fresh Debian/Ubuntu machine.

SHELL := /bin/bash
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

# Debian packages the build and the tests need (age, minisign, b3sum, openssl and python3: the interop tests
# check that a recipient can read and verify with the standard tools; poppler-utils: the report tests read
# the PDFs' text with pdftotext and look at their pages with pdftoppm; mold: the linker, see .cargo/config.toml).
APT_PACKAGES := build-essential pkg-config libssl-dev age minisign b3sum openssl python3 poppler-utils mold

.PHONY: run test deps toolchain build fmt-check clippy unit demo bench clean sizes

run: deps toolchain desktop
	./target/debug/fieldnotes-desktop

demo: deps toolchain
	$(CARGO) build -p fieldnotes-cli
	./target/debug/fieldnotes --help
	scripts/demo.sh ./target/debug/fieldnotes

test: deps toolchain sizes ui-build fmt-check clippy desktop-test unit package-check

# Installs those of the Debian packages $(1) that are missing (apt-get; sudo when not root).
define apt_install
@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

toolchain:
	@command -v $(CARGO) >/dev/null || { echo "Rust is not installed: install it with rustup (https://rustup.rs), then run make again."; exit 1; }
	@if command -v rustup >/dev/null; then \
	  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt; \
	  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy; \
	fi

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) clippy -p fieldnotes-desktop --all-targets --locked --features e2e -- -D warnings

# Library, binary and integration tests (benches are run by `make bench`).
# The end-to-end tests run the app and the CLI that this same build makes (with
# the app's `e2e` hook), so one build serves both. The last line sums every
# runner's counts.
TEST_BUILD := $(CARGO) test --workspace --locked --lib --bins --tests --features fieldnotes-desktop/e2e
unit:
	@mkdir -p target; set -o pipefail; $(TEST_BUILD) 2>&1 | tee target/test.log
	@awk '/^test result:/ { p += $$4; f += $$6 } /^crash: [0-9]+ passed/ { p += $$2; f += $$4 } \
	  END { printf "all tests: %d passed, %d failed\n", p, f }' target/test.log

# The longest functions and largest files of non-test code, and the Tauri
# commands, against the guide's limits; fails on a violation.
sizes:
	python3 scripts/sizes.py

bench:
	$(CARGO) bench -p fieldnotes-core --bench figures
	$(CARGO) bench -p fieldnotes-core --bench exchange
	$(CARGO) build --release -p fieldnotes-cli
	$(CARGO) bench -p fieldnotes-core --bench attachments
	$(CARGO) bench -p fieldnotes-core --bench case_summary
	$(CARGO) bench -p fieldnotes-core --bench stats

clean:
	$(CARGO) clean

# The desktop app's targets (desktop, bindings, ui-test, e2e).
include src-tauri/desktop.mk
include packaging/package.mk
include packaging/windows.mk
