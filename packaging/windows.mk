# The Windows builds, cross-compiled on Debian, and the CLI's test under Wine.
#   make windows          both builds below
#   make windows-cli      target/windows/x86_64-pc-windows-gnu/debug/fieldnotes.exe
#   make windows-desktop  fieldnotes-desktop.exe beside WebView2Loader.dll (same folder);
#                         not run here: it needs the WebView2 runtime, which Wine lacks
#   make windows-test     runs the CLI under Wine (tests/windows), beside the Linux build
# Both install what they need from Debian (see docs/WINDOWS.md for the route and its reasons).
# `make test` does not run them: a cold build takes about 30 minutes on two cores.
#
# The toolchain: rustup's Windows target cannot be fetched here, so std is built
# from source (-Zbuild-std) by Debian's rustc-web/cargo-web with rust-web-src,
# linked by Debian's mingw-w64; SQLCipher links a vendored, statically built OpenSSL.
# It gets a target folder of its own: its rustc differs from rustup's, and sharing
# one folder would make each rebuild the other's build scripts.

WINDOWS_APT := rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 wine64 wine python3-pytest nsis
WIN_TRIPLE := x86_64-pc-windows-gnu
WIN_TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))/windows
WIN_OUT := $(WIN_TARGET_DIR)/$(WIN_TRIPLE)/debug
WIN_EXE := $(WIN_OUT)/fieldnotes.exe
# tauri-build needs an .ico to make the exe's Windows resources.
WIN_ICON := src-tauri/icons/icon.ico
LINUX_CLI := $(abspath $(or $(CARGO_TARGET_DIR),target))/debug/fieldnotes
WIN_CARGO := env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_DIR=$(WIN_TARGET_DIR) \
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix \
  CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-posix \
  AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar \
  /usr/bin/cargo
# Wine: a prefix of its own, quiet, no display needed (the CLI is a console
# program), and no offer to download Mono or Gecko.
WINE_PREFIX := $(WIN_TARGET_DIR)/wine-prefix
WINE_ENV := WINEPREFIX=$(WINE_PREFIX) WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Wine 8.0 lacks bcryptprimitives.dll (ProcessPrng), where Rust's std gets random
# bytes on Windows 10 and later; the test's prefix gets a stand-in (see the .c file).
PRNG_DLL := $(WIN_TARGET_DIR)/bcryptprimitives.dll

.PHONY: windows-deps windows windows-cli windows-desktop windows-test windows-installer windows-installer-test

windows-deps:
	$(call apt_install,$(WINDOWS_APT))

windows: windows-cli windows-desktop

windows-cli: windows-deps
	$(WIN_CARGO) build --locked -p fieldnotes-cli --features vendored-openssl \
	  --target $(WIN_TRIPLE) -Zbuild-std=std,panic_abort
	@ls -l $(WIN_EXE)

$(WIN_ICON): assets/icons/icon.png | desktop-deps
	@mkdir -p $(@D)
	convert $< -define icon:auto-resize=256,64,48,32,16 $@

windows-desktop: windows-deps ui-build $(WIN_ICON)
	$(WIN_CARGO) build --locked -p fieldnotes-desktop --features fieldnotes-core/vendored-openssl \
	  --target $(WIN_TRIPLE) -Zbuild-std=std,panic_abort
	@ls -l $(WIN_OUT)/fieldnotes-desktop.exe $(WIN_OUT)/WebView2Loader.dll

$(PRNG_DLL): tests/windows/bcryptprimitives.c | windows-deps
	@mkdir -p $(@D)
	x86_64-w64-mingw32-gcc-posix -shared -O2 -Wall -o $@ $< -ladvapi32

windows-test: windows-cli $(PRNG_DLL)
	$(CARGO) build --locked -p fieldnotes-cli
	@test -f $(WINE_PREFIX)/system.reg || { mkdir -p $(WINE_PREFIX) && $(WINE_ENV) wine wineboot --init 2>/dev/null; }
	cp $(PRNG_DLL) $(WINE_PREFIX)/drive_c/windows/system32/
	$(WINE_ENV) FIELDNOTES_WIN_EXE=$(WIN_EXE) FIELDNOTES_CLI=$(LINUX_CLI) \
	  /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/windows/test_wine_cli.py

# The installer (NSIS, Debian's makensis): the stripped desktop app, its WebView2 loader and
# the CLI, per user. WEBVIEW2_INSTALLER=<Microsoft's Evergreen Standalone Installer> makes it
# carry the runtime for offline machines (packaging/windows/fieldnotes.nsi says how).
WIN_STAGE := $(WIN_TARGET_DIR)/installer-files
WIN_SETUP := $(WIN_TARGET_DIR)/fieldnotes-setup-$(PACKAGE_VERSION).exe

windows-installer: windows
	rm -rf $(WIN_STAGE) && mkdir -p $(WIN_STAGE)
	for f in fieldnotes-desktop.exe fieldnotes.exe; do x86_64-w64-mingw32-strip -o $(WIN_STAGE)/$$f $(WIN_OUT)/$$f; done
	cp $(WIN_OUT)/WebView2Loader.dll $(WIN_STAGE)/
	makensis -V2 -DVERSION=$(PACKAGE_VERSION) -DSOURCE=$(WIN_STAGE) -DOUTFILE=$(WIN_SETUP) \
	  $(if $(WEBVIEW2_INSTALLER),-DWEBVIEW2_INSTALLER=$(abspath $(WEBVIEW2_INSTALLER))) packaging/windows/fieldnotes.nsi
	@ls -l $(WIN_SETUP)

windows-installer-test: windows-installer $(PRNG_DLL)
	@test -f $(WINE_PREFIX)/system.reg || { mkdir -p $(WINE_PREFIX) && $(WINE_ENV) wine wineboot --init 2>/dev/null; }
	cp $(PRNG_DLL) $(WINE_PREFIX)/drive_c/windows/system32/
	$(WINE_ENV) FIELDNOTES_WIN_SETUP=$(WIN_SETUP) \
	  /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/windows/test_installer.py
