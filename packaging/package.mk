# The Debian package (the desktop app and the CLI in one .deb), included by the root Makefile.
#   make package       builds target/package/fieldnotes_<version>_amd64.deb (release)
#   make package-test  builds it, installs it with apt, drives the installed app from its menu
#                      entry under Xvfb, checks the packaged CLI and lintian, then removes it
# `make test` runs package-test on a debug build (PACKAGE_PROFILE=debug), which shares the
# tests' compiled dependencies; the package's files, dependencies and scripts are the same.

PACKAGE_PROFILE ?= release
PACKAGE_DIR := target/package
# The Tauri bundler makes the .deb; built from crates.io when missing.
TAURI_CLI_VERSION := 2.11.5
PACKAGE_APT := lintian dpkg-dev binutils
PACKAGE_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
PACKAGE_DEB := $(PACKAGE_DIR)/fieldnotes_$(PACKAGE_VERSION)_amd64.deb
# The package's maintainer: the organisation that builds and hands out the package.
PACKAGE_MAINTAINER ?= Fieldnotes developers <packages@fieldnotes.example.org>

ifeq ($(PACKAGE_PROFILE),debug)
PACKAGE_CARGO_FLAGS :=
PACKAGE_TAURI_FLAGS := --debug
else
PACKAGE_CARGO_FLAGS := --release
PACKAGE_TAURI_FLAGS :=
endif

.PHONY: package package-deps package-test package-check

package-deps: desktop-deps
	$(call apt_install,$(PACKAGE_APT))
	@installed=$$($(CARGO) tauri --version 2>/dev/null | awk '{print $$2}'); \
	if [ "$$installed" != "$(TAURI_CLI_VERSION)" ]; then \
	  $(CARGO) install tauri-cli --version $(TAURI_CLI_VERSION) --locked; \
	fi

# The CLI is built first and placed at /usr/bin/fieldnotes by the bundler
# (a config overlay, since its path depends on the profile); finish_deb.py then
# does what debhelper would (strip, dependencies, changelog, checksums).
package: package-deps ui-build
	$(CARGO) build --locked -p fieldnotes-cli $(PACKAGE_CARGO_FLAGS)
	cd src-tauri && $(CARGO) tauri build --ci --bundles deb $(PACKAGE_TAURI_FLAGS) \
	  --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/fieldnotes":"../target/$(PACKAGE_PROFILE)/fieldnotes"}}}}}' \
	  -- --locked
	mkdir -p $(PACKAGE_DIR) && rm -f $(PACKAGE_DIR)/*.deb
	python3 packaging/finish_deb.py target/$(PACKAGE_PROFILE)/bundle/deb/Fieldnotes_$(PACKAGE_VERSION)_amd64.deb \
	  $(PACKAGE_DEB) $(PACKAGE_VERSION) "$(PACKAGE_MAINTAINER)"
	@ls -l $(PACKAGE_DEB)

package-test: package $(E2E_VENV)/.installed
	FIELDNOTES_DEB=$(CURDIR)/$(PACKAGE_DEB) $(XVFB) $(E2E_VENV)/bin/pytest -q -p no:cacheprovider tests/package

# What `make test` runs: the same test on a debug package.
package-check:
	$(MAKE) package-test PACKAGE_PROFILE=debug
