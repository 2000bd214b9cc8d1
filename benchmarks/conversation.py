"""Do forum replies land with their thread, or make a theme of small talk?

    .venv/bin/coprod refresh --corpus corpora/coproduction --db /tmp/conv/on.duckdb
    COPROD_THEMES__CONTEXT_STRENGTH=0 .venv/bin/coprod refresh --corpus corpora/coproduction --db /tmp/conv/off.duckdb
    .venv/bin/python benchmarks/conversation.py /tmp/conv/off.duckdb /tmp/conv/on.duckdb

For each published database (its latest run): the thread posts with at most ``--words`` content
words ("Thanks Raj! How many tubes did you use?"), how many of them are in the theme that holds
most of their own thread's passages, and the theme gathering replies from the most threads
(with the share of that theme such replies make up). A theme of small talk gathers replies
from many threads; read in their thread's context, replies stay at home.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not an installed copy

import duckdb  # noqa: E402

from pipeline.themes.context import content_words  # noqa: E402


def measure(db: Path, words: int) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""SELECT doc_id, theme_id, text FROM v_passages_in_context
                              WHERE post_index IS NOT NULL""").fetchall()
        sizes = dict(con.execute("SELECT theme_id, count(*) FROM v_passages_in_context GROUP BY 1").fetchall())
    finally:
        con.close()
    thread_themes: dict[str, Counter] = defaultdict(Counter)
    for doc, theme, _ in rows:
        thread_themes[doc][theme] += 1
    replies = [(doc, theme) for doc, theme, text in rows if content_words(text) <= words]
    at_home = sum(theme == thread_themes[doc].most_common(1)[0][0] for doc, theme in replies)
    threads: dict[int, set[str]] = defaultdict(set)
    for doc, theme in replies:
        threads[theme].add(doc)
    worst = max(threads, key=lambda t: (len(threads[t]), -t)) if threads else None
    return {"replies": len(replies), "at_home": at_home, "worst_theme": worst,
            "worst_threads": len(threads[worst]) if worst is not None else 0,
            "worst_share": sum(t == worst for _, t in replies) / sizes[worst] if worst is not None else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+", type=Path)
    parser.add_argument("--words", type=int, default=10, help="a reply has at most this many content words")
    args = parser.parse_args()
    print("| database | short replies | with their thread's main theme | most threads in one theme | its share of that theme |")
    print("|---|---|---|---|---|")
    for db in args.databases:
        r = measure(db, args.words)
        print(f"| {db} | {r['replies']} | {r['at_home']} | {r['worst_threads']} (theme {r['worst_theme']}) "
              f"| {r['worst_share']:.0%} |")


if __name__ == "__main__":
    main()
