"""Export benchmarks: letter and report against a bare one-page ReportLab document, and the
management report over 30,000 synthetic sessions."""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from export.letter import build_letter  # noqa: E402
from export.management import ManagementRow, aggregate, build_management_report  # noqa: E402
from export.report import build_report  # noqa: E402
from export_support import client, consent, make_session  # noqa: E402


def _median_seconds(work: Callable[[], object], runs: int) -> float:
    work()  # warm: fonts registered, modules imported
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _bare_page() -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4)
    doc.build([Paragraph("Samenspraak", getSampleStyleSheet()["Normal"])])
    return buffer.getvalue()


def test_bench_letter_and_report(bench_record: Callable[..., None]) -> None:
    session = make_session(decided="hoog", reason="veiligheid")
    floor = _median_seconds(_bare_page, 30)
    letter = _median_seconds(
        lambda: build_letter(session, client(), [consent(scope="gesprek,uitkomst,domeinen")]), 30)
    report = _median_seconds(lambda: build_report(session, client()), 15)
    bench_record("export.letter_build", letter * 1000, "ms", floor * 1000)
    bench_record("export.report_build", report * 1000, "ms", floor * 1000)
    print(f"letter {letter * 1000:.1f} ms warm (target 150 ms); report {report * 1000:.1f} ms")


def test_bench_management_30000(bench_record: Callable[..., None]) -> None:
    rng = random.Random(7)
    instruments = ["preSPARK", "SPARK18", "SPARK36", "ALPHA-NL"]
    levels = ["laag risico", "verhoogd risico", "hoog risico"]
    domains = [f"Domein {i}" for i in range(13)]
    rows = []
    for _ in range(30_000):
        rank = rng.choices([0, 1, 2], weights=[60, 30, 10])[0]
        rows.append(ManagementRow(rng.choice(instruments), levels[rank], rank,
                                  rng.random() < 0.12, tuple(rng.sample(domains, rng.randrange(4)))))
    floor = _median_seconds(_bare_page, 10)

    def whole() -> bytes:
        return build_management_report(aggregate(rows), start=date(2026, 1, 1),
                                       end=date(2026, 12, 31))

    seconds = _median_seconds(whole, 3)
    bench_record("export.management_30000", seconds * 1000, "ms", floor * 1000)
    print(f"management report over 30,000 sessions: {seconds:.3f} s (target 2 s)")


def test_bench_management_row_reduction(bench_record: Callable[..., None]) -> None:
    """Reducing a stored session to its row (scoring it) — the part before the aggregation."""
    from export.management import management_row
    from export_support import load_test_form, sample_answers, session_for

    loaded = load_test_form()
    sessions = [session_for(loaded, sample_answers(), session_id=str(i)) for i in range(2_000)]
    floor = _median_seconds(_bare_page, 10)
    start = time.perf_counter()
    for session in sessions:
        management_row(session)
    per_session = (time.perf_counter() - start) / len(sessions)
    bench_record("export.management_row", per_session * 1000, "ms", floor * 1000)
    print(f"reducing 30,000 sessions would take about {per_session * 30_000:.2f} s")
