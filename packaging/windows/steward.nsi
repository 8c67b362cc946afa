; Steward's Windows installer, built by scripts/package.sh with makensis (Debian package nsis):
;   makensis -DVERSION=0.1.0 -DEXE=path\steward.exe -DOUTFILE=dist\Steward-0.1.0-setup.exe steward.nsi
;
; A per-user install: no administrator rights, everything under the user's own folders and
; registry (HKCU). It puts steward.exe in %LOCALAPPDATA%\Programs\Steward, adds a Start-menu
; entry, registers .steward files to open in Steward, and registers an uninstaller in
; "Installed apps". The uninstaller removes exactly these, never projects, preferences or
; recovery copies. /S installs or uninstalls silently.

; A 64-bit installer for a 64-bit program (it also runs under a 64-bit-only Wine).
Target amd64-unicode
!include MUI2.nsh

!ifndef VERSION
  !error "VERSION is not defined: pass -DVERSION=..."
!endif
!ifndef EXE
  !error "EXE is not defined: pass -DEXE=path-to-steward.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "Steward-${VERSION}-setup.exe"
!endif

!define APP "Steward"
!define PROGID "Steward.Project"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Steward"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Steward"
InstallDirRegKey HKCU "Software\Steward" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "MIT License"

!define MUI_ICON "..\..\assets\icon\steward.ico"
!define MUI_UNICON "..\..\assets\icon\steward.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\steward.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Steward"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "..\..\LICENSE"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Steward" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=steward.exe" "${EXE}"
  File "/oname=LICENSE.txt" "..\..\LICENSE"
  File "/oname=demo.steward" "..\..\assets\demo.json"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\Steward.lnk" "$INSTDIR\steward.exe" "" "$INSTDIR\steward.exe" 0

  ; .steward files open in Steward (per user: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.steward" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.steward" "Content Type" "application/x-steward-project"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Steward project"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\steward.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\steward.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\steward.exe\shell\open\command" "" '"$INSTDIR\steward.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\steward.exe\SupportedTypes" ".steward" ""
  WriteRegStr HKCU "Software\Classes\Applications\steward.exe\SupportedTypes" ".json" ""

  WriteRegStr HKCU "Software\Steward" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Steward"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\steward.exe",0'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; Tell Explorer that file associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only what the installer put there: projects, preferences (%APPDATA%\Steward) and
  ; recovery copies (%LOCALAPPDATA%\Steward) are the user's and stay.
  Delete "$INSTDIR\steward.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\demo.steward"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: a file the user put there keeps the folder
  Delete "$SMPROGRAMS\Steward.lnk"

  ; The association, unless another program has taken .steward over meanwhile.
  ReadRegStr $0 HKCU "Software\Classes\.steward" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.steward"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\steward.exe"
  DeleteRegKey HKCU "Software\Steward"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
