; The Windows installer of Fieldnotes: the desktop app, its WebView2 loader and
; the fieldnotes CLI, for the current user (no administrator rights needed),
; with a Start menu entry and an entry in Windows' installed apps.
;
; makensis -DVERSION=0.1.0 -DSOURCE=<folder with the three files> -DOUTFILE=<exe>
;          [-DWEBVIEW2_INSTALLER=<MicrosoftEdgeWebView2RuntimeInstallerX64.exe>]
;
; WebView2: the app needs Microsoft's WebView2 runtime (Windows 11 has it; most
; Windows 10 machines have it through Edge). For laptops that are never online,
; Microsoft's documented offline route is the "Evergreen Standalone Installer":
; when the build is given it (WEBVIEW2_INSTALLER), the installer carries it and
; runs it silently where the runtime is missing. Without it, a machine that lacks
; the runtime gets a message saying what to install, and nothing is installed
; (exit code 2).
;
; Uninstalling removes the program files only: the vault (in the user's roaming
; application data) is the user's data and stays.

; A 64-bit installer: the app is 64-bit, and so is the Wine that tests it.
Target amd64-unicode
SetCompressor /SOLID lzma
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "VERSION is not defined: makensis -DVERSION=..."
!endif
!ifndef SOURCE
  !error "SOURCE is not defined: the folder with fieldnotes-desktop.exe, WebView2Loader.dll and fieldnotes.exe"
!endif
!ifndef OUTFILE
  !error "OUTFILE is not defined"
!endif

!define APP "Fieldnotes"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Fieldnotes"
; The WebView2 runtime's client id, under EdgeUpdate's Clients keys.
!define WV2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "The Fieldnotes developers, AGPL-3.0-or-later"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Romanian"

LangString NoWebView2 ${LANG_ENGLISH} "Fieldnotes needs Microsoft's WebView2 runtime, which this computer does not have. Install the WebView2 Runtime (Microsoft's Evergreen Standalone Installer works without a network), then run this installer again. Nothing was installed."
LangString NoWebView2 ${LANG_ROMANIAN} "Fieldnotes are nevoie de WebView2 de la Microsoft, care lipsește pe acest calculator. Instalați WebView2 Runtime (programul de instalare independent Evergreen al Microsoft funcționează fără rețea), apoi porniți din nou această instalare. Nu s-a instalat nimic."

; $0 = the runtime's version, or "" when it is not installed.
Function WebView2Version
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WV2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WV2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Function EnsureWebView2
  Call WebView2Version
  ${If} $0 != ""
    Return
  ${EndIf}
!ifdef WEBVIEW2_INSTALLER
  InitPluginsDir
  File "/oname=$PLUGINSDIR\webview2-setup.exe" "${WEBVIEW2_INSTALLER}"
  ExecWait '"$PLUGINSDIR\webview2-setup.exe" /silent /install' $1
  Call WebView2Version
  ${If} $0 != ""
    Return
  ${EndIf}
!endif
  MessageBox MB_ICONSTOP "$(NoWebView2)" /SD IDOK
  SetErrorLevel 2
  Quit
FunctionEnd

Section "${APP}"
  Call EnsureWebView2
  SetOutPath "$INSTDIR"
  File "${SOURCE}/fieldnotes-desktop.exe"
  File "${SOURCE}/WebView2Loader.dll"
  File "${SOURCE}/fieldnotes.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\fieldnotes-desktop.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Fieldnotes developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\fieldnotes-desktop.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\fieldnotes-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\fieldnotes.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
