"""Reading aloud, Qt-free: the voice that speaks the language (never one of another language),
engines that fail or are switched off mean no speech, and a new text replaces a waiting one."""

from __future__ import annotations

import threading

import pytest

from services.read_aloud import SPEECH_SWITCH, ReadAloud, Voice, pick_voice, system_engine

ESPEAK = [Voice("roa/it", "Italian", ("it",)), Voice("gmw/nl", "Dutch", ("\x05nl",)),
          Voice("gmw/en", "English (Great Britain)", ("\x02en-gb",))]
SAPI = [Voice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA",
              "Microsoft Zira Desktop - English (United States)"),
        Voice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_NL-NL_FRANK",
              "Microsoft Frank - Dutch (Netherlands)")]
NSSS = [Voice("com.apple.voice.compact.nl-NL.Xander", "Xander", ("nl_NL",)),
        Voice("com.apple.voice.compact.en-US.Samantha", "Samantha", ("en_US",))]


@pytest.mark.parametrize("voices", [ESPEAK, SAPI, NSSS], ids=["espeak", "sapi5", "nsss"])
def test_a_dutch_voice_is_found_by_the_way_each_system_names_it(voices: list[Voice]) -> None:
    voice = pick_voice(voices, "nl")
    assert voice is not None
    assert voice is voices[1] if voices is not NSSS else voice is voices[0]


def test_no_voice_of_another_language_stands_in_for_a_missing_one() -> None:
    assert pick_voice(ESPEAK, "tr") is None
    assert pick_voice(SAPI, "ar") is None


class Recorder:
    def __init__(self, voices: list[Voice]) -> None:
        self._voices = voices
        self.said: list[tuple[str, str]] = []
        self.stops = 0
        self.done = threading.Event()

    def voices(self) -> list[Voice]:
        return self._voices

    def say(self, text: str, voice_id: str) -> None:
        self.said.append((text, voice_id))
        self.done.set()

    def stop(self) -> None:
        self.stops += 1


def test_speaking_uses_the_voice_of_the_language_on_the_worker() -> None:
    engine = Recorder(ESPEAK)
    reader = ReadAloud(lambda: engine)
    try:
        assert reader.status("nl") == "ok"
        assert reader.status("tr") == "no_voice"
        assert reader.speak("Hoe gaat het met u?", "nl")
        assert engine.done.wait(5)
        assert engine.said == [("Hoe gaat het met u?", "gmw/nl")]
        assert not reader.speak("Nasılsınız?", "tr")
    finally:
        reader.close()


def test_an_engine_that_fails_to_start_means_no_speech() -> None:
    def broken() -> Recorder:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    reader = ReadAloud(broken)
    try:
        assert reader.status("nl") == "no_engine"
        assert not reader.speak("Hallo", "nl")
    finally:
        reader.close()


def test_speech_switched_off_gives_no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SPEECH_SWITCH, "off")
    reader = ReadAloud(system_engine)
    try:
        assert reader.status("nl") == "no_engine"
    finally:
        reader.close()
