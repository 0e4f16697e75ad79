"""Keep the process out of core dumps, which would hold client data, the raw key and the
passphrase. Linux: RLIMIT_CORE 0 (soft and hard, so nothing in the process can raise it again) and
prctl(PR_SET_DUMPABLE, 0); macOS and other POSIX systems: RLIMIT_CORE 0; Windows: no error
box (SetErrorMode) and the program excluded from Windows Error Reporting
(WerAddExcludedApplication), so no crash dump is kept."""

from __future__ import annotations

import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def keep_out_of_core_dumps() -> list[str]:
    """Apply what this platform allows; returns what was done (never raises)."""
    done: list[str] = []
    try:
        import resource

        # The soft limit is the one the kernel applies; the hard limit goes to 0 too, so no
        # later code in this process (a plug-in, a library) can raise the soft one again.
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done.append("RLIMIT_CORE=0")
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                done.append("PR_SET_DUMPABLE=0")
        except (OSError, AttributeError):
            pass
    elif sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetErrorMode(0x0001 | 0x0002)  # FAILCRITICALERRORS | NOGPFAULTERRORBOX
            done.append("SetErrorMode")
            wer = ctypes.windll.wer  # type: ignore[attr-defined]
            if wer.WerAddExcludedApplication(ctypes.c_wchar_p(sys.executable), False) == 0:
                done.append("WerAddExcludedApplication")
        except (OSError, AttributeError):
            pass
    return done


def dumpable() -> bool | None:
    """Whether the kernel would write a core dump of this process (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return bool(ctypes.CDLL(None, use_errno=True).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
