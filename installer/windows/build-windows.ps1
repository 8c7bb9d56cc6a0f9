# Build CoachDesk for Windows: a PyInstaller one-folder app, then a setup.exe with Inno Setup.
#   powershell -ExecutionPolicy Bypass -File installer\windows\build-windows.ps1
# Run it on Windows 10/11 x64 with Python 3.11+ (python.org installer, "py" launcher) and Inno Setup 6
# (https://jrsoftware.org/isinfo.php; ISCC.exe on the PATH or in its default folder).
# Output: dist\CoachDesk-<version>-windows-x64-setup.exe (per-user install by default, all users when elevated).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$Root = (Get-Location).Path
$Venv = "installer\.build-venv-windows"
$Out = "build\installer"
$Started = Get-Date

$Version = (Select-String -Path "coachdesk\__init__.py" -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
if (-not $Version) { throw "No __version__ in coachdesk\__init__.py" }

Write-Host "== build venv ($Venv)"
if (-not (Test-Path "$Venv\Scripts\python.exe")) { py -3 -m venv $Venv }
& "$Venv\Scripts\python.exe" -c "import sys; sys.exit(sys.version_info < (3, 11))"
if ($LASTEXITCODE -ne 0) { throw "CoachDesk needs Python 3.11 or newer (py -3.11)" }
& "$Venv\Scripts\python.exe" -m pip install -q --upgrade pip
& "$Venv\Scripts\python.exe" -m pip install -q -r installer\requirements-build.txt .
& "$Venv\Scripts\python.exe" -m pip install -q --no-deps --force-reinstall .
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

Write-Host "== icons from resources\icons\coachdesk.svg"
if (Test-Path "$Out\icons") { Remove-Item -Recurse -Force "$Out\icons" }
$env:QT_QPA_PLATFORM = "offscreen"
& "$Venv\Scripts\python.exe" installer\render_icons.py "$Out\icons"
Remove-Item Env:\QT_QPA_PLATFORM

Write-Host "== PyInstaller"
if (Test-Path "$Out\dist") { Remove-Item -Recurse -Force "$Out\dist" }
$env:COACHDESK_ICON_DIR = Join-Path $Root "$Out\icons"
& "$Venv\Scripts\pyinstaller.exe" installer\coachdesk.spec --noconfirm --distpath "$Out\dist" --workpath "$Out\work-windows"
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

Write-Host "== self-test of the build"
$Data = Join-Path $env:TEMP ("coachdesk-selftest-" + [guid]::NewGuid())
$env:QT_QPA_PLATFORM = "offscreen"
& "$Out\dist\coachdesk\coachdesk-cli.exe" --data-dir $Data demo --agents 20 --days 90 | Out-Null
& "$Out\dist\coachdesk\coachdesk-cli.exe" --data-dir $Data self-test
$SelfTest = $LASTEXITCODE
Remove-Item Env:\QT_QPA_PLATFORM
Remove-Item -Recurse -Force $Data -ErrorAction SilentlyContinue
if ($SelfTest -ne 0) { throw "self-test failed" }

Write-Host "== Inno Setup"
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 (ISCC.exe) not found" }
New-Item -ItemType Directory -Force dist | Out-Null
& $Iscc "/DAppVersion=$Version" "/DSourceDir=$Root\$Out\dist\coachdesk" "/DIconFile=$Root\$Out\icons\coachdesk.ico" `
  "/DOutputDir=$Root\dist" installer\windows\coachdesk.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
$Setup = "dist\CoachDesk-$Version-windows-x64-setup.exe"
$Size = [math]::Round((Get-Item $Setup).Length / 1MB, 1)
Write-Host "build-windows.ps1: $Setup ($Size MiB), built in $([int]((Get-Date) - $Started).TotalSeconds) s"
