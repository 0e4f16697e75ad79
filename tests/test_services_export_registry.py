"""The export registry: one entry per kind (builder, suffix, audit word), and the command line
and the dialogs offer exactly its kinds."""

from __future__ import annotations

from services.export_registry import EXPORTS, PERIOD_KINDS, SESSION_KINDS, export_kind


def test_every_export_kind_has_exactly_one_builder_a_suffix_and_an_audit_word() -> None:
    for kind in EXPORTS.values():
        assert (kind.session_builder is None) != (kind.period_builder is None), kind.name
        assert kind.suffix.startswith(".") and kind.audit
        assert (kind.reads != "") == (kind.period_builder is not None)
    assert export_kind("fhir").audit == "fhir-questionnaire-response"


def test_the_command_line_and_the_dialogs_offer_exactly_the_registry_kinds() -> None:
    from ui.cli import export_cmd
    from ui.period_export_dialog import KINDS as DIALOG_PERIOD_KINDS

    assert set(export_cmd._HANDLERS) == set(EXPORTS)
    assert set(DIALOG_PERIOD_KINDS) == set(PERIOD_KINDS)
    assert set(SESSION_KINDS) | set(PERIOD_KINDS) == set(EXPORTS)
