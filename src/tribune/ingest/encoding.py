"""Decode article bytes whatever their encoding.

UTF-8 is tried first because it is what nearly all of the web is, and a strict
UTF-8 decode almost never succeeds on text in another encoding. Only then is
charset-normalizer asked, which is slower but handles cp1252, EUC-KR, UTF-16
without a byte-order mark and the rest.
"""

from __future__ import annotations

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
