"""Shortcuts taken for ingest speed give what the long way gives.

``EventExtractor._anniversary`` now reads only the anniversary evidence of a
sentence (``anniversary_evidence``) instead of ``infer_document_date``'s full
list, which also runs a TIMEX pass for explicit dates it then throws away.
"""

from __future__ import annotations

import pytest

from tribune.temporal.docdate import anniversary_evidence, infer_document_date

SENTENCES = [
    "Crowds gathered in the capital on 9 May 2025 for the 80th anniversary of the end of the Second World War in Europe.",
    "The ceremony, held 80 years since the end of the Second World War, followed talks on 3 September 2025 and on 4 September.",
    "Officials said on 12 June 2024 that the 75th anniversary celebrations would be smaller than planned.",
    "The summit opened on 22 October 2024 in a city decorated for the occasion.",
    "Veterans marked 70 years after the end of the Korean War, and the 75th anniversary of the founding of the state, a week apart.",
    "No anniversary here, only a meeting next Tuesday.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_anniversary_evidence_is_the_anniversary_part_of_the_full_evidence(text):
    full = [e for e in infer_document_date(text) if e.source.startswith("anniversary")]
    assert anniversary_evidence(text) == full


def test_some_sentences_hold_anniversaries_and_dates_together():
    both = [t for t in SENTENCES if anniversary_evidence(t) and any(not e.source.startswith("anniversary") for e in infer_document_date(t))]
    assert both, "the comparison must cover sentences where explicit dates and anniversaries interleave"
