from datetime import date

from pipeline.sources.bibliographic import read_bibtex, read_csv, read_ris

RIS = """TY  - JOUR
AU  - Cluley, Victoria
AU  - Radnor, Zoe
TI  - Rethinking co-creation
AB  - This paper develops the value co-creation process in public services.
PY  - 2021
DO  - 10.1080/09540962.2020.1719672
T2  - Public Money & Management
KW  - co-creation
KW  - public value
ER  - 
"""

BIB = """@article{cluley2021,
  title = {Rethinking co-creation},
  author = {Cluley, Victoria and Radnor, Zoe},
  abstract = {This paper develops the value co-creation process.},
  year = {2021}, doi = {10.1080/09540962.2020.1719672}, journal = {Public Money {\\&} Management},
  keywords = {co-creation; public value}
}
@article{broken,
  title = {Broken
"""


def test_ris_record():
    (doc,), errors = read_ris(RIS, "export.ris")
    assert errors == []
    assert (doc.title, doc.authors, doc.published, doc.doi, doc.venue, doc.keywords, doc.genre) == (
        "Rethinking co-creation", ("Cluley, Victoria", "Radnor, Zoe"), date(2021, 1, 1),
        "10.1080/09540962.2020.1719672", "Public Money & Management", ("co-creation", "public value"), "abstract")
    assert doc.text.startswith("This paper develops")


def test_bibtex_entry_and_a_broken_one():
    (doc,), errors = read_bibtex(BIB, "refs.bib")
    assert doc.external_id == "cluley2021" and doc.authors == ("Cluley, Victoria", "Radnor, Zoe")
    assert doc.keywords == ("co-creation", "public value")
    assert [(e.source_uri, e.message) for e in errors] == [("refs.bib:line 8", "line 8 is not valid BibTeX")]


def test_scopus_and_openalex_csv_columns():
    scopus = ('Authors,Title,Year,Source title,DOI,Abstract,Author Keywords,EID\n'
              '"Cluley V.; Radnor Z.",Rethinking co-creation,2021,Public Money and Management,'
              '10.1080/09540962.2020.1719672,"This paper develops the value co-creation process.",'
              'co-creation; public value,2-s2.0-1\n')
    (doc,), errors = read_csv(scopus, "scopus.csv")
    assert errors == [] and doc.external_id == "2-s2.0-1" and doc.authors == ("Cluley V.", "Radnor Z.")
    openalex = ("id,display_name,publication_year,doi,abstract,authorships.author.display_name\n"
                "https://openalex.org/W1,Value co-creation,2019,https://doi.org/10.1234/x,Citizens co-create value.,"
                "Victoria Cluley|Zoe Radnor\n"
                "https://openalex.org/W2,No abstract,2019,,,\n"
                "https://openalex.org/W3,,2019,,,\n")
    (doc, title_only), errors = read_csv(openalex, "works.csv")
    assert doc.authors == ("Victoria Cluley", "Zoe Radnor") and doc.doi == "10.1234/x"
    assert (title_only.title, title_only.text) == ("No abstract", "No abstract")
    assert [(e.source_uri, e.message) for e in errors] == [("works.csv:line 4", "line 4 has no title and no abstract")]


def test_ris_dates_with_slashes_and_bibtex_months():
    (doc,), _ = read_ris("TY  - JOUR\nTI  - A\nDA  - 2021/02/01/\nPY  - 2021\nER  - \n", "zotero.ris")
    assert doc.published == date(2021, 2, 1)
    (doc,), _ = read_bibtex("@article{a, title = {A}, year = {2019}, month = mar}\n", "refs.bib")
    assert doc.published == date(2019, 3, 1)


def test_bibtex_entries_with_a_repeated_field_or_key_are_kept():
    text = ("@article{a, title = {First}, annote = {one}, annote = {two}}\n"
            "@article{b, title = {Second}}\n@article{b, title = {Third}}\n")
    documents, errors = read_bibtex(text, "refs.bib")
    assert errors == []
    assert [(d.title, d.external_id) for d in documents] == [("First", "a"), ("Second", "b"), ("Third", "b@line3")]
