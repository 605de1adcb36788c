"""Near-duplicates: a syndicated copy is one source, not two."""

from __future__ import annotations

import json

from tribune.dedup.minhash import DuplicateFinder, minhash_signature, paragraphs_of

ORIGINAL = (
    "The foreign ministers of the two neighbouring states met in the border town on Tuesday and agreed to reopen "
    "three crossings that had been closed since the spring floods, according to a joint communique.\n\n"
    "Officials said the crossings would reopen in stages over the coming month, starting with the northern bridge "
    "that carries most of the freight traffic between the two markets.\n\n"
    "The ministers also set up a working group on water sharing, which is to report to both governments before the "
    "end of the year, and promised to meet again in the autumn in the other capital."
)
COPY = ORIGINAL.replace("agreed to reopen", "decided to reopen").replace("in stages", "step by step")
OTHER = (
    "A long-delayed railway line opened in the mountain province on Friday after eleven years of construction, "
    "cutting the journey between the provincial capital and the coast from nine hours to three, officials said."
)


def test_syndicated_copy_is_found_and_unrelated_text_is_not():
    finder = DuplicateFinder()
    finder.add_document_signature("original", minhash_signature(ORIGINAL))
    assert finder.find_document(minhash_signature(COPY)) == "original"
    assert finder.find_document(minhash_signature(OTHER)) is None


def test_copied_paragraph_is_found():
    finder = DuplicateFinder()
    for index, _start, text in paragraphs_of(ORIGINAL):
        finder.add_paragraph_signature("original", index, minhash_signature(text))
    pasted = OTHER + "\n\n" + ORIGINAL.split("\n\n")[2]
    found = [finder.find_paragraph("other", minhash_signature(text)) for _i, _s, text in paragraphs_of(pasted)]
    assert ("original", 2) in found


def test_near_duplicate_counts_once_as_a_source(tmp_path):
    from tribune.api import Tribune

    (tmp_path / "a.txt").write_text("Border crossings to reopen\n\nPublished 2024-03-13\n\n" + ORIGINAL, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Neighbours agree to reopen border\n\nPublished 2024-03-13\n\n" + COPY, encoding="utf-8")
    with Tribune(str(tmp_path / "kb.duckdb")) as tb:
        report = tb.ingest([str(tmp_path)])
        assert report.near_duplicates == 1
        docs = {d["path"].rsplit("/", 1)[1]: d for d in tb.documents()}
        assert docs["b.txt"]["duplicate_of"] == docs["a.txt"]["id"]
        meetings = [e for e in tb.events() if len({m["doc_id"] for m in e["mentions"]}) == 2]
        assert meetings, "the two copies report the same meeting"
        assert all(e["sources"] == 1 for e in meetings)
