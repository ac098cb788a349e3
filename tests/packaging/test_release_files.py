"""The installer, the macOS scripts and the release workflow agree with the app: the same
start-at-login entry, the same data folder, secrets optional, runners that exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from shopwatch import autostart

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "shopwatch.iss"
MACOS = ROOT / "packaging" / "macos"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def iss_setup() -> dict[str, str]:
    section = iss_text().split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines()
             if "=" in line and not line.lstrip().startswith(";"))
    return {key.strip(): value.strip() for key, value in pairs}


# --- Windows installer -----------------------------------------------------------------


def test_installer_is_per_user_without_admin_rights() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{autopf}\{#AppName}"  # %LOCALAPPDATA%\Programs


def test_installer_adds_a_start_menu_entry() -> None:
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExeName\}"',
                     iss_text(), re.M)


def test_installer_start_at_login_task_writes_the_value_the_app_reads() -> None:
    text = iss_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("Root: HKCU"))
    assert f'Subkey: "{autostart.RUN_KEY}"' in line
    assert f'ValueName: "{autostart.APP_ID}"' in line
    assert line.endswith("Tasks: startatlogin") and "uninsdeletevalue" in line
    assert f'"" {" ".join(autostart.TRAY_ARGS)}"' in line
    assert re.search(r'^Name: "startatlogin"; Description: "\{cm:StartAtLogin\}"$', text, re.M)
    # uninstalling removes the entry even when Settings (not the installer) created it
    assert f"RunKey = '{autostart.RUN_KEY}';" in text
    assert f"ApprovedKey = '{autostart.STARTUP_APPROVED_KEY}';" in text
    assert f"RegDeleteValue(HKEY_CURRENT_USER, RunKey, '{autostart.APP_ID}')" in text


def test_uninstall_keeps_the_users_data_unless_asked() -> None:
    text = iss_text()
    from shopwatch.config import APP_NAME

    # platformdirs' Windows data folder for the profile (appauthor=False, not roaming)
    assert f"ExpandConstant('{{localappdata}}\\{APP_NAME}')" in text
    code = text.split("[Code]", 1)[1]
    assert "MB_DEFBUTTON2" in code  # "No" is the default answer
    assert re.search(r"= IDYES then\s+DelTree\(UserDataDir\(\)", code)
    assert "UninstallSilent()" in code  # a silent uninstall never deletes data


def test_installer_version_comes_from_the_executable_built_from_pyproject() -> None:
    assert "GetFileProductVersionString(AddBackslash(SourceDir) + AppExeName)" in iss_text()
    assert iss_setup()["AppVersion"] == "{#AppVersion}"


# --- macOS scripts -----------------------------------------------------------------------


@pytest.mark.parametrize("script", ["build_dmg.sh", "sign_and_notarize.sh"])
def test_macos_scripts_are_valid_executable_bash(script: str) -> None:
    path = MACOS / script
    assert os.access(path, os.X_OK)
    subprocess.run(["bash", "-n", str(path)], check=True)


def _run_signing(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MACOS_", "APPLE_")) and k != "GITHUB_ENV"}
    env["RUNNER_TEMP"] = str(tmp_path)
    return subprocess.run(["bash", str(MACOS / "sign_and_notarize.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_signing_is_skipped_cleanly_without_secrets(tmp_path: Path) -> None:
    setup = _run_signing("setup", tmp_path=tmp_path)
    assert setup.returncode == 0
    assert "skipping code signing" in setup.stderr
    dmg = tmp_path / "shopwatch-0.1.0-macos-arm64.dmg"
    dmg.write_bytes(b"not really a disk image")
    signed = _run_signing("dmg", str(dmg), tmp_path=tmp_path)
    assert signed.returncode == 0
    assert "skipping signing and notarisation" in signed.stderr
    assert _run_signing("cleanup", tmp_path=tmp_path).returncode == 0


def test_signing_refuses_a_missing_dmg_and_unknown_commands(tmp_path: Path) -> None:
    assert _run_signing("dmg", str(tmp_path / "absent.dmg"), tmp_path=tmp_path).returncode == 1
    assert _run_signing("publish", tmp_path=tmp_path).returncode == 2


def test_hardened_runtime_entitlements_stay_minimal() -> None:
    import plistlib

    entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


# --- release workflow --------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key "on" as True
    return data


def test_workflow_runs_on_version_tags(workflow: dict) -> None:
    assert workflow["on"]["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}


def test_workflow_tests_then_builds_on_windows_and_both_mac_architectures(workflow: dict) -> None:
    jobs = workflow["jobs"]
    assert "bash .ci/run" in [step.get("run") for step in jobs["test"]["steps"]]
    build = jobs["build"]
    assert build["needs"] == "test"
    runners = {entry["os"] for entry in build["strategy"]["matrix"]["include"]}
    # macos-15 is Apple Silicon, macos-15-intel the Intel image; macos-13 and macos-14
    # were retired by GitHub and would queue forever
    assert runners == {"windows-latest", "macos-15", "macos-15-intel"}
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "python packaging/build.py --clean --self-test" in runs
    assert "packaging\\windows\\shopwatch.iss" in runs
    assert "packaging/macos/build_dmg.sh" in runs
    upload = next(s for s in build["steps"] if str(s.get("uses", "")).startswith(
        "actions/upload-artifact@"))
    assert "dist/*-setup.exe" in upload["with"]["path"] and "dist/*.dmg" in upload["with"]["path"]
    assert upload["with"]["if-no-files-found"] == "error"


def test_workflow_release_job_attaches_the_artifacts_on_tags(workflow: dict) -> None:
    release = workflow["jobs"]["release"]
    assert release["needs"] == "build"
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert release["permissions"] == {"contents": "write"}
    download = release["steps"][0]
    assert download["uses"].startswith("actions/download-artifact@")
    assert download["with"]["merge-multiple"] is True
    runs = "\n".join(step.get("run", "") for step in release["steps"])
    assert "gh release create" in runs and "--verify-tag" in runs


def test_workflow_signs_only_with_secrets_and_only_what_may_be_published(workflow: dict) -> None:
    steps = workflow["jobs"]["build"]["steps"]
    signing = [s for s in steps if "sign_and_notarize.sh" in s.get("run", "")
               and "cleanup" not in s["run"]]
    assert len(signing) == 2
    for step in signing:
        assert "env.SIGN == 'true'" in step["if"]
        assert all(value.startswith("${{ secrets.") for value in step["env"].values())
