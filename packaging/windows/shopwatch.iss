; Inno Setup 6 script for the shopwatch Windows installer.
;
; Per-user install (no administrator rights): the app goes to
; %LOCALAPPDATA%\Programs\shopwatch, its Start-menu entry to the user's Start menu, and the
; optional "start at login" entry to HKCU\...\Run -- the same value the app's Settings
; switch writes (shopwatch/autostart.py), so both agree. Uninstalling removes the program
; and that entry, and keeps the user's data (%LOCALAPPDATA%\shopwatch: database, settings,
; appeal drafts) unless the user asks for it to be deleted.
;
; Build the bundle first (python packaging/build.py), then, from the repository root:
;   iscc packaging\windows\shopwatch.iss
; The version is read from dist\shopwatch\shopwatch.exe's version resource, which the spec
; writes from pyproject.toml (override with /DAppVersion=x.y.z). Other overrides:
; /DSourceDir=<bundle folder> /DOutputDir=<folder for the setup .exe>.

#define AppName "shopwatch"
#define AppExeName "shopwatch.exe"
#define AppPublisher "shopwatch"
#define AppURL "https://github.com/shopwatch/shopwatch"

#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\shopwatch"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#if !FileExists(AddBackslash(SourceDir) + AppExeName)
  #error "dist\shopwatch\shopwatch.exe not found: run python packaging\build.py first"
#endif
#ifndef AppVersion
  #define AppVersion GetFileProductVersionString(AddBackslash(SourceDir) + AppExeName)
#endif

[Setup]
; AppId identifies the app across versions: never change it, or upgrades install twice.
AppId={{6B0E4C3A-5F5D-4D52-9B7A-2C1E8E4F9A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}
; Per-user, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs in this mode.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExeName}
SetupIconFile=..\..\resources\icons\shopwatch.ico
WizardStyle=modern
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
; PySide6 wheels for Windows are 64-bit only (x64; Arm64 Windows runs them emulated).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Close a running shopwatch (it lives in the tray) before replacing its files.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with recent Inno Setup releases; older ones lack the file.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
english.StartAtLogin=Start shopwatch when I log in (recommended: it warns you only while it runs)
english.DeleteDataPrompt=Also delete your shopwatch data?%n%nThis removes the database with your shops' history, settings, appeal drafts and backups in:%n%1%n%nChoose No to keep them for a later reinstall. Saved shop passwords stay in Windows Credential Manager.
english.LaunchApp=Open shopwatch now
#ifdef HaveChinese
chinesesimplified.StartAtLogin=登录时启动 shopwatch（推荐：只有运行时才能提醒您）
chinesesimplified.DeleteDataPrompt=同时删除 shopwatch 的数据吗？%n%n这将删除以下位置中包含店铺历史记录的数据库、设置、申诉草稿和备份：%n%1%n%n选择“否”可保留它们，以便日后重新安装。已保存的店铺密码仍保留在 Windows 凭据管理器中。
chinesesimplified.LaunchApp=立即打开 shopwatch
#endif

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new version's bundle replaces the old one whole: stale libraries must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Watch your shop for deletions, delistings and penalties"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; The same value shopwatch/autostart.py writes; the app starts hidden in the tray.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "shopwatch"; ValueData: """{app}\{#AppExeName}"" gui --minimized"; Flags: uninsdeletevalue; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Stop the tray app so its files can be removed (a sync killed midway leaves the database
; as it was before that sync: every sync is one transaction).
Filename: "{sys}\taskkill.exe"; Parameters: "/F /T /IM {#AppExeName}"; Flags: runhidden; RunOnceId: "StopShopwatch"

[Code]
const
  RunKey = 'Software\Microsoft\Windows\CurrentVersion\Run';
  ApprovedKey = 'Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run';

function UserDataDir(): String;
begin
  { platformdirs' user data folder for "shopwatch" (shopwatch/config.py) }
  Result := ExpandConstant('{localappdata}\shopwatch');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    { Settings may have switched start-at-login on after installing without the task:
      remove the entry either way, so nothing points at a deleted program. }
    RegDeleteValue(HKEY_CURRENT_USER, RunKey, 'shopwatch');
    RegDeleteValue(HKEY_CURRENT_USER, ApprovedKey, 'shopwatch');
  end;
  if CurUninstallStep = usPostUninstall then
  begin
    if (not UninstallSilent()) and DirExists(UserDataDir()) then
      if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteDataPrompt'), [UserDataDir()]),
                            mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
        DelTree(UserDataDir(), True, True, True);
  end;
end;
