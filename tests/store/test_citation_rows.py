"""Citations formatted in chunks on worker processes read exactly as formatted all at once."""

from datetime import date

from pipeline.exports.citations import format_citations
from pipeline.exports.csl import Reference, csl_item
from pipeline.partition import chunked, local_map
from pipeline.store.citation_rows import CITATIONS_PER_CHUNK


def test_citations_formatted_in_chunks_on_two_processes_match_one_pass():
    surnames = ("Ostrom", "Bovaird", "Osborne", "Brandsen", "Ostrom")  # repeats: no "1996a" suffixes
    items = [csl_item(Reference(f"doc-{i}", ("abstract", "blog", "forum")[i % 3], f"Co-producing service {i}",
                                (f"{surnames[i % 5]}, Elinor", "Loeffler, Elke")[: 1 + i % 2],
                                date(1996 + i % 20, 1 + i % 12, 1) if i % 7 else None,
                                f"10.1000/x{i}" if i % 4 == 0 else None, f"https://example.org/{i}", None,
                                f"corpus/{i}.txt"), f"doc-{i}|")
             for i in range(2 * CITATIONS_PER_CHUNK + 50)]
    whole = format_citations(items)
    parts = local_map(2)(format_citations, chunked(items, CITATIONS_PER_CHUNK))
    assert len(parts) == 3
    merged = {key: text for part in parts for key, text in part.items()}
    assert merged == whole
    assert whole["doc-0|"] == "Elinor Ostrom. Co-producing service 0. https://doi.org/10.1000/x0."  # no date
    assert whole["doc-1|"].startswith("Elinor Bovaird; Elke Loeffler (1997).")
