; Inno Setup script for the Windows installer (NOT RUN HERE: built by
; .github/workflows/windows-package.yml on a Windows runner; see the README).
;
;   pyinstaller packaging\station-app.spec --noconfirm --distpath build\dist
;   iscc /DAppVersion=0.1.0 packaging\windows\station-app.iss
;
; Output: build\station-app-<version>-setup.exe. Installs the one-folder build to
; C:\Program Files\StationApp: station-app.exe (console: the command line and the scheduled
; sync) and station-app-window.exe (the window, for the Start-menu and desktop shortcuts).
; The stations' data (%LOCALAPPDATA%\station-app) and the key (Windows Credential Locker)
; belong to each user and are never touched by install, upgrade or uninstall.
;
; Silent install:   station-app-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;                   [/TASKS="desktopicon,scheduledsync"] [/LOG="install.log"]
; Silent uninstall: "C:\Program Files\StationApp\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppExe "station-app.exe"
#define WindowExe "station-app-window.exe"
#define TaskName "StationApp\Sync"

[Setup]
; one AppId for every version: a newer installer upgrades in place
AppId={{6E0C3C52-5A55-4D0B-9F3E-2F6B8A1C7D41}
AppName=人民建议征集工作站 Station App
AppVersion={#AppVersion}
AppPublisher=Station app project
DefaultDirName={autopf}\StationApp
DefaultGroupName=人民建议征集工作站
DisableProgramGroupPage=yes
OutputDir=..\..\build
OutputBaseFilename=station-app-{#AppVersion}-setup
SetupIconFile=..\station-app.ico
UninstallDisplayIcon={app}\{#WindowExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; the app must be closed before its files are replaced (upgrade) or removed
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup's Chinese translation is used where the compiler has it
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
english.ScheduledSync=Sync with headquarters every 15 minutes (Task Scheduler; enable it once the station is enrolled)
english.AppName=Station App
#if HaveChinese
chinesesimplified.ScheduledSync=每 15 分钟与总部同步（任务计划程序；工作站注册后启用）
chinesesimplified.AppName=人民建议征集工作站
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "scheduledsync"; Description: "{cm:ScheduledSync}"; Flags: unchecked

[Files]
Source: "..\..\build\dist\station-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the whole program folder: no stale library of an older build stays
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:AppName}"; Filename: "{app}\{#WindowExe}"; Arguments: "gui"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\{#WindowExe}"; Arguments: "gui"; Tasks: desktopicon

[Run]
Filename: "{app}\{#WindowExe}"; Parameters: "gui"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""{#TaskName}"""; Flags: runhidden; RunOnceId: "DeleteSyncTask"

[Code]
{ The scheduled sync runs as the user who installs (their Credential Locker holds the
  station's token) while they are logged on. A new task starts disabled: after
  `station-app enrol`, an administrator runs  schtasks /Change /TN "StationApp\Sync" /ENABLE
  An upgrade leaves an existing task (and whether it is enabled) as it is. }
procedure CurStepChanged(CurStep: TSetupStep);
var
  Schtasks: String;
  Code: Integer;
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('scheduledsync') then
  begin
    Schtasks := ExpandConstant('{sys}\schtasks.exe');
    if not (Exec(Schtasks, '/Query /TN "{#TaskName}"', '', SW_HIDE, ewWaitUntilTerminated, Code)
            and (Code = 0)) then
    begin
      Exec(Schtasks, '/Create /F /TN "{#TaskName}" /SC MINUTE /MO 15 /TR "\"' +
           ExpandConstant('{app}\{#AppExe}') + '\" sync --once --spread 300"', '', SW_HIDE,
           ewWaitUntilTerminated, Code);
      Exec(Schtasks, '/Change /TN "{#TaskName}" /DISABLE', '', SW_HIDE, ewWaitUntilTerminated, Code);
    end;
  end;
end;
