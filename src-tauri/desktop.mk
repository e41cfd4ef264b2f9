# The desktop app (src-tauri, ui, tests/e2e), included by the root Makefile.
#   make desktop       builds the UI and the shell (debug)
#   make bindings      regenerates ui/src/lib/ipc/bindings.ts from the Rust IPC types
#   make ui-test       type-checks the UI and runs its unit tests (vitest)
#   make e2e           drives the real app under Xvfb; screenshots in artifacts/e2e/
#   make readme-screenshots  the same run, writing the README's screenshots into docs/screenshots
#   make desktop-bench the desktop figures of BENCHMARKS.md (release build, 10,000 cases, 1,000,000 notes)

# Debian packages Tauri builds with, and those the end-to-end tests drive it with.
DESKTOP_APT := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
  libayatana-appindicator3-dev librsvg2-dev pkg-config xvfb xauth x11-utils imagemagick webkit2gtk-driver
E2E_VENV := tests/e2e/.venv
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"

.PHONY: desktop-deps ui-build desktop desktop-e2e bindings ui-test e2e readme-screenshots desktop-test desktop-bench

desktop-deps:
	$(call apt_install,$(DESKTOP_APT))
	@command -v npm >/dev/null || { echo "Node.js 20 and npm are needed for the UI: install them, then run make again."; exit 1; }
	@if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
	  cd ui && npm ci --no-audit --no-fund; \
	fi

ui-build: desktop-deps
	cd ui && npm run build

desktop: ui-build
	$(CARGO) build -p fieldnotes-desktop

# The same debug app with the hook that lets the tests answer its dialogs,
# and the CLI (test_moving.py makes an older vault with it): built by the unit
# tests' build, which `make unit` then reuses whole.
desktop-e2e: ui-build
	$(TEST_BUILD) --no-run

bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p fieldnotes-desktop --lib bindings

ui-test: desktop-deps
	cd ui && npm run check && npm test

$(E2E_VENV)/.installed: tests/e2e/requirements.txt
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked
	@python3 -m venv --help >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv; }
	python3 -m venv $(E2E_VENV)
	$(E2E_VENV)/bin/pip install -q -r tests/e2e/requirements.txt
	touch $@

e2e: desktop-e2e $(E2E_VENV)/.installed
	$(XVFB) $(E2E_VENV)/bin/pytest -q -p no:cacheprovider tests/e2e

# The steps that show what the README shows write its images (artifacts/e2e/readme
# on any run); this run writes them over docs/screenshots, from this build.
readme-screenshots: desktop-e2e $(E2E_VENV)/.installed
	E2E_README_SHOTS=$(CURDIR)/docs/screenshots $(XVFB) $(E2E_VENV)/bin/pytest -q -p no:cacheprovider tests/e2e

desktop-test: ui-test e2e

BENCH_PASSPHRASE := orbit lantern basalt meadow quietly
# The lead's scale of issue 13: 10,000 cases and a million notes in all.
BENCH_CASES ?= 10000
BENCH_NOTES ?= 1000000

# The seeded vault is kept between runs (seeding a million notes takes
# minutes); `rm -rf target/bench-vault` seeds it again.
desktop-bench: ui-build $(E2E_VENV)/.installed
	$(CARGO) build --release -p fieldnotes-desktop --bin fieldnotes-desktop --example seed --example floor --example kdf
	[ -d target/bench-vault ] || { rm -rf target/bench-vault.tmp && \
	  SEED_PASSPHRASE="$(BENCH_PASSPHRASE)" ./target/release/examples/seed target/bench-vault.tmp $(BENCH_CASES) 500 $(BENCH_NOTES) && \
	  mv target/bench-vault.tmp target/bench-vault; }
	BENCH_VAULT=target/bench-vault SEED_PASSPHRASE="$(BENCH_PASSPHRASE)" $(XVFB) $(E2E_VENV)/bin/python tests/e2e/bench.py
