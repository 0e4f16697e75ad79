"""The Dutch citizen service number (BSN) and its 11-test (elfproef)."""

from __future__ import annotations


def bsn_valid(bsn: str) -> bool:
    """True when `bsn` is 9 digits (8 with a leading zero dropped) passing the 11-test."""
    digits = bsn.strip()
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0 and digits != "000000000"


def normalise_bsn(bsn: str) -> str:
    """The 9-digit form of a valid BSN."""
    digits = bsn.strip()
    return digits.zfill(9)
