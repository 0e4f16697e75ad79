"""Reading aloud with espeak-ng where the system has it (PySide6-Essentials has no
QtTextToSpeech). Without the engine the "lees voor" button is not shown."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QObject, QProcess

from ui.selfreport.text import SPEECH_VOICES

ENGINE = "espeak-ng"


def speech_engine() -> str | None:
    """The path of espeak-ng on PATH, or None."""
    return shutil.which(ENGINE)


def can_speak(lang: str) -> bool:
    return lang in SPEECH_VOICES and speech_engine() is not None


class Reader(QObject):
    """Speaks one text at a time; a new text stops the one still playing. The text goes in on
    standard input, so it never shows in a process listing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None

    def speak(self, text: str, lang: str) -> bool:
        engine = speech_engine()
        voice = SPEECH_VOICES.get(lang)
        if engine is None or voice is None:
            return False
        self.stop()
        process = QProcess(self)
        process.start(engine, ["-v", voice, "--stdin"])
        process.write(text.encode("utf-8"))
        process.closeWriteChannel()
        self.process = process
        return True

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(1000)
