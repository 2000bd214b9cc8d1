import pytest

from pipeline.sources.bibliographic import read_bibtex
from pipeline.sources.latex import unlatex


@pytest.mark.parametrize("written, printed", [
    (r"p {\textless} 0.001 and p{\textgreater}0.05", "p < 0.001 and p>0.05"),
    (r"the grapheme {\textless}s{\textgreater}", "the grapheme <s>"),
    (r"p \textless 0.05", "p < 0.05"),
    (r"R\&D, 50\% of \$3 \#1", "R&D, 50% of $3 #1"),
    (r"{Public} {Value} {Co-Creation}", "Public Value Co-Creation"),
    (r"Caf{\'e}, Caf\'e, G{\"o}teborg, Fran\c{c}ois, \v{S}koda, na\"{\i}ve", "Café, Café, Göteborg, François, Škoda, naïve"),
    (r"{\textquotedblleft}co-production{\textquotedblright} {\textendash} a review", "“co-production” – a review"),
    (r"\{braces\} kept", "{braces} kept"),
])
def test_a_field_reads_as_it_prints(written, printed):
    assert unlatex(written) == printed


def test_an_unknown_macro_is_kept_as_written_and_none_stays_none():
    assert unlatex(r"a \foo b") == r"a \foo b"
    assert unlatex(None) is None


def test_a_bibtex_record_reads_without_latex_in_its_abstract_or_authors():
    text = r"""@article{k1,
  title = {Co-production in {UK} health care},
  author = {M{\"u}ller, Anna and Garc{\'\i}a, Jos{\'e}},
  abstract = {Satisfaction rose (p {\textless} 0.001) in 60\% of services.},
  year = {2023},
}
"""
    records, errors = read_bibtex(text, "refs.bib")
    assert not errors
    (record,) = records
    assert "p < 0.001" in record.text and "60% of services" in record.text and "\\" not in record.text
    assert record.authors[:2] == ("Müller, Anna", "García, José")
