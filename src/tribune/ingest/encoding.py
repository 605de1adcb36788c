"""Decode article bytes whatever their encoding.

UTF-8 is tried first because it is what nearly all of the web is, and a strict
UTF-8 decode almost never succeeds on text in another encoding. Only then is
charset-normalizer asked, which is slower but handles cp1252, EUC-KR, UTF-16
without a byte-order mark and the rest.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has a NUL in every other byte for Latin script; detect that pattern."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _is_binary(text: str) -> bool:
    """Control characters other than whitespace mean this was never text."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return "\x00" in sample or controls / len(sample) > 0.01


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated copy, one bad sector), decoded with U+FFFD for them.

    Handing such text to the detector would decode all of it as some single-byte
    code page and turn every accent and dash in it into mojibake. It is taken
    for UTF-8 only when at least half of its non-ASCII bytes form valid UTF-8
    sequences: in cp1252 or Latin-1 text almost none of them do.
    """
    sample = data[:200_000]
    valid_bytes = sum(len(m) for m in _UTF8_MULTIBYTE.findall(sample))
    if not valid_bytes:
        return None
    decoded = sample.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd") - sample.count("\ufffd".encode("utf-8"))
    if valid_bytes < broken:
        return None
    return data.decode("utf-8", errors="replace")


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """The text and the encoding used, or None when the bytes are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
            if not _is_binary(text):
                return text, utf16
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
        return (None if _is_binary(text) else (text, "utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        return None
    damaged = _damaged_utf8(data)
    if damaged is not None and not _is_binary(damaged):
        return damaged, "utf-8 (damaged)"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if _is_binary(text):
        return None
    return text, best.encoding
