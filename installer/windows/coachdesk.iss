; Inno Setup 6 script for CoachDesk: installs the PyInstaller one-folder build with Start menu entry and uninstaller.
; Built by installer\windows\build-windows.ps1, which passes the version and folders:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=...\build\installer\dist\coachdesk /DIconFile=...\coachdesk.ico /DOutputDir=...\dist coachdesk.iss
; Per-user install without administrator rights by default; the user may choose all users (then it asks to elevate).

#ifndef AppVersion
  #error AppVersion is not defined: run build-windows.ps1, or ISCC /DAppVersion=x.y.z
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\installer\dist\coachdesk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\installer\icons\coachdesk.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; a fixed AppId: upgrades replace the previous version instead of installing beside it
AppId={{6F1C2B0E-5D7A-4C4B-9A43-C0AC4DE5C001}
AppName=CoachDesk
AppVersion={#AppVersion}
AppVerName=CoachDesk {#AppVersion}
AppPublisher=CoachDesk developers
VersionInfoVersion={#AppVersion}
VersionInfoProductName=CoachDesk
DefaultDirName={autopf}\CoachDesk
DefaultGroupName=CoachDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\CoachDesk.exe
OutputDir={#OutputDir}
OutputBaseFilename=CoachDesk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\CoachDesk"; Filename: "{app}\CoachDesk.exe"; AppUserModelID: "CoachDesk.CoachDesk"
Name: "{autodesktop}\CoachDesk"; Filename: "{app}\CoachDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\CoachDesk.exe"; Description: "{cm:LaunchProgram,CoachDesk}"; Flags: nowait postinstall skipifsilent

; Coaching data lives in the user's application-data folder and is never removed by the uninstaller.
