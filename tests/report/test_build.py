from datetime import date

from pipeline.report.build import render_report, source_link


def context(text: str) -> dict:
    quote = {"passage_id": "p1", "text": text, "citation": "Lee, Sam (2021). <b>T</b>. [forum]",
             "link": "https://doi.org/10.5555/x", "source_uri": "f.txt", "theme_id": 0}
    return {
        "run": {"run_id": "run-0001", "corpus": "c", "model_id": "m", "n_documents": 1, "n_passages": 1,
                "n_themes": 1, "embeddings_computed": 1, "embeddings_reused": 0},
        "settings": {}, "quality": {"silhouette": 0.12},
        "themes": [{"theme_id": 0, "label": "Flood <wardens>", "size": 1, "keywords": ["flood"],
                    "keyword_bars": [("flood <gauges>", 1.0)], "years": {2021: 1},
                    "lineage": [{"theme_id": 0, "parent_run_id": None, "parent_theme_id": None, "relation": "new"}],
                    "quotes": [quote], "genres": {"forum": 1}, "genre_shares": [("forum", 1, 0.25)], "emergent": False,
                    "concepts": [{"theme_id": 0, "name": "Climate <services>", "score": 0.71}]}],
        "exclusions": [{"what": "line removed: <menu>", "n": 3}],
        "lineage": [{"theme_id": 0, "parent_run_id": None, "parent_theme_id": None, "relation": "new"}],
        "changes": {"previous": None, "added": [], "retired": []},
        "figures": {"map": [{"x": 0.1, "y": 0.2, "theme": 0, "id": "p1", "text": "</script><script>alert(3)",
                             "source": "T [forum]"}],
                    "similarity": {"labels": ["0: Flood"], "z": [[1.0]]},
                    "sizes": [{"theme": 0, "label": "Flood <wardens>", "size": 1}]},
        "genres": [{"genre": "forum", "n": 1}],
        "errors": [{"source_uri": "bad<1>.txt", "stage": "read", "message": "binary file"}],
    }


def test_document_text_is_escaped():
    html = render_report(context('<script>alert(1)</script><img src=x onerror="alert(2)">'))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "Flood &lt;wardens&gt;" in html
    assert "&lt;b&gt;T&lt;/b&gt;" in html
    assert "bad&lt;1&gt;.txt" in html
    assert "Climate &lt;services&gt; (0.71)" in html
    assert "flood &lt;gauges&gt;" in html and "line removed: &lt;menu&gt;" in html
    assert "</script><script>alert(3)" not in html  # the map's data cannot close its script element


def test_report_links_quotes_and_themes():
    html = render_report(context("Volunteers read the gauges."))
    assert 'id="theme-0"' in html and 'href="#theme-0"' in html
    assert 'id="quote-p1"' in html
    assert 'href="https://doi.org/10.5555/x"' in html
    assert "0.120" in html


def test_a_quote_links_to_its_doi_before_its_page():
    row = {"doi": "10.5555/v", "url": "https://example.org"}
    assert source_link(row) == "https://doi.org/10.5555/v"
    assert source_link({"url": "https://example.org", "doi": None}) == "https://example.org"
