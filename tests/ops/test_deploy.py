"""docs/deploy.md's files are ones the real tools accept, and they agree with the assistant's settings.

Each file in the notes is a fenced code block right after a marker line such as
`<!-- file: /etc/systemd/system/plan-assistant.service -->`. systemd checks the units
(`systemd-analyze verify`) and nginx the server blocks (`nginx -t`, inside a throwaway nginx.conf);
those two tests are skipped only where the tool is not installed.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shlex
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest

from assistant.settings import ENV_PREFIX, Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "docs" / "deploy.md"

SERVICE = "/etc/systemd/system/plan-assistant.service"
BACKUP_SERVICE = "/etc/systemd/system/plan-assistant-backup.service"
BACKUP_TIMER = "/etc/systemd/system/plan-assistant-backup.timer"
UNITS = (SERVICE, BACKUP_SERVICE, BACKUP_TIMER)
NGINX_SITE = "/etc/nginx/sites-available/plan-assistant"
ENV_FILE = "/etc/plan-assistant/env"

# Where the notes install the program, and the user they run it as.
INSTALLED_PROGRAM = "/opt/plan-assistant/.venv/bin/plan-assistant"
SERVICE_USER = "plan-assistant"

_MARKED_BLOCK = re.compile(r"^<!-- file: (?P<path>\S+) -->\n```[\w-]*\n(?P<text>.*?)^```$", re.MULTILINE | re.DOTALL)
_NGINX_SIZE = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

needs_systemd = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                   reason="systemd-analyze is not installed (Debian package systemd)")
needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (Debian package nginx)")


def marked_files(markdown: str) -> dict[str, str]:
    """Return the files a markdown text marks, by the path the marker names."""
    return {match["path"]: match["text"] for match in _MARKED_BLOCK.finditer(markdown)}


def directive(text: str, name: str) -> list[str]:
    """Return the values of an nginx directive, in order."""
    return [value.strip() for value in re.findall(rf"^\s*{name}\s+([^;]+);", text, re.MULTILINE)]


def with_directive(text: str, name: str, value: str) -> str:
    """Return an nginx text with every value of a directive replaced."""

    def replace(match: re.Match[str]) -> str:
        return f"{match[1]} {value};"

    return re.sub(rf"^(\s*{name})\s+[^;]+;", replace, text, flags=re.MULTILINE)


def unit_setting(text: str, name: str) -> list[str]:
    """Return the values of a systemd unit setting, in order."""
    return re.findall(rf"^{name}=(.*)$", text, re.MULTILINE)


def env_lines(text: str) -> dict[str, str]:
    """Parse an EnvironmentFile: NAME=value lines, blank lines and # comments."""
    pairs = [line.split("=", 1) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {name: value for name, value in pairs}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return marked_files(DEPLOY.read_text(encoding="utf-8"))


def test_the_notes_mark_every_file(files: dict[str, str]) -> None:
    assert sorted(files) == sorted([*UNITS, NGINX_SITE, ENV_FILE])


def test_every_variable_named_is_a_setting() -> None:
    known = {ENV_PREFIX + field.name.upper() for field in fields(Settings)}
    named = set(re.findall(rf"\b{ENV_PREFIX}[A-Z_]*[A-Z]", DEPLOY.read_text(encoding="utf-8")))
    assert named - known == set()
    # The new production settings are among them.
    for name in ("WORKERS", "LOG_FORMAT", "LOG_QUESTIONS", "RETENTION_DAYS"):
        assert ENV_PREFIX + name in named


def test_the_env_file_gives_the_settings_it_means(files: dict[str, str]) -> None:
    env = env_lines(files[ENV_FILE])
    settings = load_settings(environ=env)
    assert settings.index == Path("/srv/plan-assistant/index")
    assert settings.corpus == Path("/srv/plan-assistant/corpus")
    assert settings.require_login and not settings.log_questions
    assert settings.log_format in ("text", "json")
    # The service may write where the settings put the index and the documents.
    writable = unit_setting(files[SERVICE], "ReadWritePaths")[0].split()
    assert {str(settings.index), str(settings.corpus)} <= set(writable)
    assert unit_setting(files[SERVICE], "EnvironmentFile") == [ENV_FILE]


def test_the_proxy_fits_the_service(files: dict[str, str]) -> None:
    site, defaults = files[NGINX_SITE], Settings()
    command = shlex.split(unit_setting(files[SERVICE], "ExecStart")[0])
    listener = f"http://{command[command.index('--host') + 1]}:{command[command.index('--port') + 1]}"
    assert set(directive(site, "proxy_pass")) == {listener}
    # The same upload limit: the assistant answers a request over its limit before reading it, so
    # one that nginx let through would reach the client as a 502, not as a refusal.
    size = re.fullmatch(r"(\d+)([kmg]?)", directive(site, "client_max_body_size")[0].lower())
    assert size is not None and int(size[1]) * _NGINX_SIZE[size[2]] == defaults.upload_max_bytes
    assert int(directive(site, "proxy_read_timeout")[0].rstrip("s")) > defaults.llm_timeout
    assert directive(site, "proxy_buffering") == ["off"]
    metrics = re.search(r"location = /metrics \{(.*?)\}", site, re.DOTALL)
    assert metrics is not None and directive(metrics[1], "deny") == ["all"] and directive(metrics[1], "allow")


@needs_systemd
def test_systemd_accepts_the_units(files: dict[str, str], tmp_path: Path) -> None:
    # `systemd-analyze verify` refuses a unit whose ExecStart program does not exist, so the units
    # run this checkout's own plan-assistant instead of the one the notes install under /opt.
    # systemd 252 does not look the User= up, but a later one may: the service user becomes
    # whoever runs the test, so the check does not depend on a plan-assistant account here.
    program = REPO / ".venv" / "bin" / "plan-assistant"
    user, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
    assert INSTALLED_PROGRAM in files[SERVICE]
    written = []
    for name in UNITS:
        text = files[name].replace(INSTALLED_PROGRAM, str(program))
        text = text.replace(f"User={SERVICE_USER}\n", f"User={user}\n").replace(f"Group={SERVICE_USER}\n",
                                                                                 f"Group={group}\n")
        path = tmp_path / Path(name).name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    result = subprocess.run(["systemd-analyze", "verify", *map(str, written)],
                            check=False, capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    # Warnings about an unknown setting still exit 0; only lines about other units are not ours.
    complaints = [line for line in output.splitlines() if any(path.name in line for path in written)]
    assert result.returncode == 0 and complaints == [], output


@needs_nginx
def test_nginx_accepts_the_server_blocks(files: dict[str, str], tmp_path: Path) -> None:
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=planassistenten.test", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    site = with_directive(files[NGINX_SITE], "ssl_certificate", str(certificate))
    site = with_directive(site, "ssl_certificate_key", str(key))
    (tmp_path / "plan-assistant.conf").write_text(site, encoding="utf-8")
    # Everything nginx would write (pid, logs, temporary files) goes to the test's own folder.
    temporary = "\n".join(f"    {kind}_temp_path {tmp_path}/{kind};"
                          for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "events {}\n"
        "http {\n"
        f"    access_log {tmp_path}/access.log;\n"
        f"{temporary}\n"
        f"    include {tmp_path}/plan-assistant.conf;\n"
        "}\n",
        encoding="utf-8",
    )
    result = subprocess.run(["nginx", "-t", "-p", f"{tmp_path}/", "-e", str(tmp_path / "error.log"),
                             "-c", str(config)], check=False, capture_output=True, text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "[warn]" not in output, output
