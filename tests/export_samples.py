"""Write the sample documents (fictional clients) to a folder and turn every page into a PNG,
to look at: `python tests/export_samples.py OUT` (needs poppler's pdftoppm)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from export.letter import build_letter
from export.management import aggregate, build_management_report, management_row
from export.report import build_report
from export_support import client, consent, make_session, shipped_session

SHIPPED = ["prespark", "alpha-nl", "spark18", "spark36",
           "spark60", "giz-signalering", "giz-uitgebreid",
           "giz-multidisciplinair", "balansmeter"]
FULL = "gesprek,uitkomst,domeinen"


def documents() -> dict[str, bytes]:
    """File name -> PDF bytes of every sample."""
    referrer = replace(client(), referrer="J. Bakker", referrer_role="verloskundige",
                       referrer_practice="Verloskundigenpraktijk De Wieg")
    to_referrer = [consent(recipient="J. Bakker", scope=FULL)]
    out = {
        "letter-prespark.pdf": build_letter(shipped_session("prespark"), referrer,
                                            to_referrer),
        "letter-prespark-en.pdf": build_letter(shipped_session("prespark"), referrer,
                                               to_referrer, lang="en"),
        "letter-giz.pdf": build_letter(shipped_session("giz-signalering"), referrer,
                                       to_referrer),
        # Role and practice not known: addressed by the name only.
        "letter-name-only.pdf": build_letter(shipped_session("prespark"),
                                             replace(client(), referrer="J. Bakker"),
                                             to_referrer),
        "report-draft.pdf": build_report(
            replace(make_session(), state="draft", completed_at=None, decisions=()), client()),
    }
    for name in ("prespark", "alpha-nl", "giz-multidisciplinair"):
        out[f"report-{name}.pdf"] = build_report(shipped_session(name), client())
    rows = [management_row(shipped_session(name, session_id=f"{name}-{k}"))
            for i, name in enumerate(SHIPPED) for k in range(1 + (i * 3) % 5)]
    # Two decided on answers not all given: counted apart from the override rate.
    rows += [replace(row, on_incomplete=True, overridden=False)
             for row in rows if row.level is not None][:2]
    out["management.pdf"] = build_management_report(
        aggregate(rows), start=date(2026, 1, 1), end=date(2026, 12, 31))
    return out


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, pdf in documents().items():
        path = folder / name
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(path.with_suffix(""))],
                       check=True)
        print(path)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main(Path(sys.argv[1]))
