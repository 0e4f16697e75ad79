"""Reading aloud through the system's speech (pyttsx3: SAPI5 on Windows, NSSpeechSynthesizer on
macOS, espeak-ng on Linux), Qt-free. The engine is injectable so tests use a fake and never
play audio. Speaking runs on one worker thread; the GUI thread never waits on it."""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Voice:
    """One system voice: its engine id, display name and the languages it declares."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


class SpeechEngine(Protocol):
    """What the app needs of a speech engine (see `Pyttsx3Engine`)."""

    def voices(self) -> Sequence[Voice]: ...

    def say(self, text: str, voice_id: str) -> None:
        """Speak `text` with the voice, blocking until it is done or stopped."""

    def stop(self) -> None: ...


# Names by which engines tag a language, beside the ISO code (SAPI5 and NSSS use names).
LANGUAGE_NAMES = {"nl": ("dutch", "nederlands", "flemish"), "en": ("english",),
                  "ar": ("arabic",), "tr": ("turkish",), "pl": ("polish",)}


def _code(tag: str) -> str:
    """'nl_NL', 'nl-be', b'\\x05nl' -> 'nl'."""
    tag = tag.strip().lstrip("\x00\x01\x02\x03\x04\x05").lower()
    return tag.replace("_", "-").split("-")[0]


def voice_matches(voice: Voice, lang: str) -> bool:
    if any(_code(tag) == lang for tag in voice.languages):
        return True
    words = f"{voice.id} {voice.name}".lower().replace("\\", " ").replace("/", " ")
    tokens = set(words.replace(".", " ").replace("_", " ").replace("-", " ").split())
    return lang in tokens or any(name in words for name in LANGUAGE_NAMES.get(lang, ()))


def pick_voice(voices: Sequence[Voice], lang: str) -> Voice | None:
    """The first voice that speaks `lang`, or None (never a voice of another language)."""
    return next((v for v in voices if voice_matches(v, lang)), None)


class Pyttsx3Engine:
    """The system speech through pyttsx3 (made and used on ReadAloud's worker thread)."""

    def __init__(self) -> None:
        import pyttsx3  # the system driver loads here, not at app start

        self._engine: Any = pyttsx3.init()

    def voices(self) -> list[Voice]:
        found = []
        for voice in self._engine.getProperty("voices") or []:
            languages = tuple(
                lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
                for lang in (getattr(voice, "languages", None) or []))
            found.append(Voice(str(voice.id), str(getattr(voice, "name", "") or ""),
                               languages))
        return found

    def say(self, text: str, voice_id: str) -> None:
        self._engine.setProperty("voice", voice_id)
        self._engine.say(text)
        self._engine.runAndWait()

    def stop(self) -> None:
        self._engine.stop()


SPEECH_SWITCH = "SAMENSPRAAK_SPEECH"  # "off": no system speech (the test suite sets it)


class SpeechOff(RuntimeError):
    """System speech is switched off by SAMENSPRAAK_SPEECH=off."""


def system_engine() -> SpeechEngine:
    """The system's speech engine (pyttsx3), unless SAMENSPRAAK_SPEECH=off."""
    if os.environ.get(SPEECH_SWITCH, "").lower() == "off":
        raise SpeechOff(SPEECH_SWITCH)
    return Pyttsx3Engine()


class ReadAloud:
    """Speaks one text at a time in a language's voice; a new text replaces a waiting one.
    The engine is made, asked for its voices and used on one worker thread (SAPI5 wants its
    objects on the thread that made them). `status(lang)` says whether it can speak ("ok"),
    has no voice for the language ("no_voice") or has no speech on this system ("no_engine")."""

    READY_WAIT_S = 3.0  # the first status question waits this long, once, for the driver

    def __init__(self, make_engine: Callable[[], SpeechEngine] = system_engine) -> None:
        self._make_engine = make_engine
        self._engine: SpeechEngine | None = None
        self._voices: list[Voice] = []
        self._ready = threading.Event()
        self._queue: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def _start(self) -> bool:
        """Start the worker (once); True when it has an engine."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="read-aloud", daemon=True)
            self._thread.start()
        self._ready.wait(self.READY_WAIT_S)
        return self._engine is not None

    def _run(self) -> None:
        try:
            engine = self._make_engine()
            self._voices = list(engine.voices())
            self._engine = engine
        except Exception:  # noqa: BLE001 (any driver failure means: no speech here)
            self._engine = None
        finally:
            self._ready.set()
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._engine is not None:
                with contextlib.suppress(Exception):  # a driver error never reaches the GUI
                    self._engine.say(*job)

    def voice(self, lang: str) -> Voice | None:
        if not self._start():
            return None
        return pick_voice(self._voices, lang)

    def status(self, lang: str) -> str:
        if not self._start():
            return "no_engine"
        return "ok" if self.voice(lang) is not None else "no_voice"

    def speak(self, text: str, lang: str) -> bool:
        """Queue `text` in the voice of `lang`; False when there is none."""
        voice = self.voice(lang)
        if voice is None:
            return False
        self.stop()
        self._queue.put((text, voice.id))
        return True

    def stop(self) -> None:
        """Drop waiting texts and stop the one being spoken."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        if self._engine is not None:
            with contextlib.suppress(Exception):
                self._engine.stop()

    def idle(self) -> bool:
        """Nothing waiting to be spoken (for tests and shutdown)."""
        return self._queue.empty()

    def close(self) -> None:
        self.stop()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=2)
            self._thread = None
