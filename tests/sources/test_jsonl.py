import json
from datetime import date

from pipeline.sources.jsonl import read_jsonl


def test_good_lines_become_documents_and_bad_lines_errors():
    lines = [
        json.dumps({"id": "a1", "text": "Citizens co-design the library.", "title": "Libraries",
                    "genre": "Abstract", "date": "2020-05", "authors": ["Okafor, Ngozi", "Lee, Sam"],
                    "doi": "https://doi.org/10.5555/X.1", "url": "https://example.org/a1"}),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        json.dumps({"id": "a1", "text": "duplicate id"}),
        "",
        json.dumps({"text": "A post with no id.", "genre": "novel"}),
    ]
    documents, errors = read_jsonl("\n".join(lines), "records.jsonl", "records.jsonl")
    assert [d.external_id for d in documents] == ["a1", "line-6"]
    first = documents[0]
    assert first.genre == "abstract"
    assert first.published == date(2020, 5, 1)
    assert first.authors == ("Okafor, Ngozi", "Lee, Sam")
    assert first.doi == "10.5555/x.1"
    assert first.key == "records.jsonl#a1"
    assert documents[1].genre is None  # unknown genres are inferred later
    assert [(e.source_uri, e.message) for e in errors] == [
        ("records.jsonl:2", "line 2 is not valid JSON: Expecting property name enclosed in double quotes"),
        ("records.jsonl:3", 'line 3 has no "text"'),
        ("records.jsonl:4", "line 4 repeats id 'a1'"),
    ]


def test_a_file_no_line_of_which_has_a_text_is_one_error_not_one_per_line():
    from pipeline.sources.jsonl import read_jsonl

    text = "".join(f'{{"file": "docs/p{i}.txt", "genre": "blog"}}\n' for i in range(40))
    documents, errors = read_jsonl(text, "manifest.jsonl")
    assert documents == [] and len(errors) == 1
    assert errors[0].source_uri == "manifest.jsonl"
    assert errors[0].message.startswith('no line of its 40 has a "text": not a file of documents')
    # a file of documents with one line missing its text still names that line
    _, errors = read_jsonl('{"text": "One document."}\n{"id": "x"}\n', "c.jsonl")
    assert [e.message for e in errors] == ['line 2 has no "text"']
