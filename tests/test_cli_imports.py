"""A command imports only what it uses: `client list` leaves the GUI, the exports, the form
loader, the YAML parser, the form model (pydantic), the scoring rules and SQLAlchemy (the store
runs its SQL on the driver itself) unimported, while the overall help still lists every
command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from store_testing import PASS, new_store

NOT_FOR_CLIENT_LIST = ("PySide6", "reportlab", "pypdfium2", "pyttsx3", "yaml", "export",
                       "instruments.loader", "ui.cli.forms_cmd", "ui.cli.export_cmd",
                       "ui.cli.selfcheck_cmd", "pydantic", "pydantic_core",
                       "instruments.model", "instruments.answers", "instruments.scoring",
                       "instruments.summary", "sqlalchemy")

_RUN_AND_LIST_MODULES = (
    "import json, sys\n"
    "from ui.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
)


def _modules_after(*argv: str, store: Path) -> tuple[int, set[str], str]:
    env = {**os.environ, "SAMENSPRAAK_PASSPHRASE": PASS}
    result = subprocess.run([sys.executable, "-c", _RUN_AND_LIST_MODULES, *argv,
                             "--store", str(store)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"]), result.stdout


def test_client_list_imports_neither_the_gui_nor_the_exports_nor_yaml_nor_pydantic_nor_sqlalchemy(tmp_path: Path) -> None:
    new_store(tmp_path / "s").close()
    code, modules, _ = _modules_after("client", "list", store=tmp_path / "s")
    assert code == 0
    loaded = sorted(name for name in modules
                    if any(name == heavy or name.startswith(heavy + ".")
                           for heavy in NOT_FOR_CLIENT_LIST))
    assert loaded == []


def test_the_overall_help_still_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "ui.cli.main", "--help"],
                            capture_output=True, text=True, timeout=120, check=True)
    for command in ("forms", "session", "store", "client", "consent", "audit", "demo",
                    "export", "selfcheck"):
        assert f"    {command}" in result.stdout, command
