"""Reading aloud in the self-report: the system's speech through `services.read_aloud`
(pyttsx3), one engine for the whole app made on first need. The "lees voor" button shows when
her language has a voice; without one a short note says why there is no reading aloud."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from services import read_aloud as engines
from services.read_aloud import ReadAloud, SpeechEngine
from ui.selfreport.text import SPEECH_VOICES

# None: the system's engine (services.read_aloud.system_engine). Tests set a fake; see reset().
ENGINE_FACTORY: Callable[[], SpeechEngine] | None = None
_READER: ReadAloud | None = None


def read_aloud() -> ReadAloud:
    """The app's one reader, made from ENGINE_FACTORY on first need."""
    global _READER
    if _READER is None:
        _READER = ReadAloud(ENGINE_FACTORY or engines.system_engine)
    return _READER


def reset(factory: Callable[[], SpeechEngine] | None = None) -> None:
    """Let go of the reader (closing its worker); the next use makes one from `factory`
    (None: the system's engine)."""
    global _READER, ENGINE_FACTORY
    if _READER is not None:
        _READER.close()
        _READER = None
    ENGINE_FACTORY = factory


def speech_status(lang: str) -> str:
    """'ok', 'no_voice' (speech, but no voice in `lang`) or 'no_engine'."""
    if lang not in SPEECH_VOICES:
        return "no_voice"
    return read_aloud().status(lang)


def can_speak(lang: str) -> bool:
    return speech_status(lang) == "ok"


class Reader(QObject):
    """Speaks one text at a time; a new text stops the one still playing. The text stays in
    memory: it never goes to a file or a process listing."""

    def speak(self, text: str, lang: str) -> bool:
        if lang not in SPEECH_VOICES:
            return False
        return read_aloud().speak(text, lang)

    def stop(self) -> None:
        if _READER is not None:
            _READER.stop()
