from datetime import date

from pipeline.sources.tabular import read_csv

PUBMED = ('PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n'
          '"111","Carers planning discharge","Okafor N, Lee S.","J Care Stud. 2020;1:1. doi: 10.5555/c.1.",'
          '"Okafor N","J Care Stud","2020","2020/03/01","","","10.5555/c.1"\r\n')
PUBMED_LEGACY = ('Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties\n'
                 '"Carers planning discharge.","/pubmed/222","Okafor N, Lee S.",'
                 '"J Care Stud. 2019 Jul 22;34(2):e19. doi: 10.5555/c.19.","J Care Stud.  2019",'
                 '"PubMed","citation","PMID:222","pubmed","222","create date:2019/07/23",\n')
LENS = ('\ufeffLens ID,Title,Date Published,Publication Year,Source Title,Author/s,Abstract,Keywords,DOI\r\n'
        '000-111,Allotments run by residents,1989-12-01,1989,Urban Studies,Sam Lee; Kim Brown,'
        '"<jats:p>Residents ran the allotments.</jats:p>\r<jats:p>The council kept the land.</jats:p>",'
        'allotments; residents,10.5555/l.1\r\n'
        '000-112,A title-only work,,1990,Urban Studies,,<jats:p>N/A</jats:p>,,\r\n')
DIMENSIONS = ('About the data: Exported on Oct 14, 2025. Criteria: "co-production" in full data.\n'
              'Rank,Publication ID,DOI,Title,Abstract,Source title,Publication date,PubYear,Authors\r\n'
              '1,pub.1,10.5555/d.1,Libraries co-designed with readers,"Readers and staff\nredesigned the branch.",'
              'Library Review,2024-07-19,2024,"Lee, Sam; Brown, Kim"')
SCOPUS_OLD = ('\ufeffAuthors,Author(s) ID,Title,Year,Source title,DOI,Link,Abstract,Author Keywords,EID\n'
              '"Lee S., Brown K.","1;2;",Parks friends groups,2021,Parks Journal,10.5555/p.1,https://x.example/p1,'
              '"Friends groups look after the parks. © 2021 Parks Trust. All rights reserved.",parks; volunteers,'
              '2-s2.0-1\n'
              '"Lee S.","1;",A record with a placeholder,2021,Parks Journal,,,[No abstract available],,2-s2.0-2\n')


def test_pubmed_csv_layouts_give_title_only_documents():
    (new,), errors = read_csv(PUBMED, "csv-set.csv")
    assert errors == []
    assert (new.text, new.authors, new.doi, new.published, new.venue, new.external_id) == (
        "Carers planning discharge", ("Okafor N", "Lee S"), "10.5555/c.1", date(2020, 1, 1), "J Care Stud", "111")
    (legacy,), errors = read_csv(PUBMED_LEGACY, "pubmed_result.csv")
    assert errors == []
    assert (legacy.text, legacy.authors, legacy.doi, legacy.published, legacy.venue, legacy.external_id) == (
        "Carers planning discharge.", ("Okafor N", "Lee S"), "10.5555/c.19", date(2019, 1, 1), "J Care Stud", "222")


def test_lens_csv_markup_stripped_and_placeholder_abstract():
    (first, second), errors = read_csv(LENS, "lens-export.csv")
    assert errors == []
    assert first.text == "Residents ran the allotments.\nThe council kept the land."
    assert (first.authors, first.published, first.keywords, first.venue) == (
        ("Sam Lee", "Kim Brown"), date(1989, 12, 1), ("allotments", "residents"), "Urban Studies")
    assert (second.text, second.published) == ("A title-only work", date(1990, 1, 1))


def test_dimensions_csv_with_its_about_the_data_line():
    (doc,), errors = read_csv(DIMENSIONS, "Dimensions-Publication.csv")
    assert errors == []
    assert (doc.title, doc.text, doc.authors, doc.published, doc.external_id) == (
        "Libraries co-designed with readers", "Readers and staff\nredesigned the branch.",
        ("Lee, Sam", "Brown, Kim"), date(2024, 7, 19), "pub.1")


def test_old_scopus_csv_authors_and_placeholder():
    (first, second), errors = read_csv(SCOPUS_OLD, "scopus.csv")
    assert errors == []
    assert first.authors == ("Lee S.", "Brown K.") and first.external_id == "2-s2.0-1"
    assert first.text.endswith("All rights reserved.")  # the reader keeps the abstract as given
    assert second.text == "A record with a placeholder"


def test_zotero_csv_in_a_semicolon_separated_file():
    zotero = ('"Key";"Item Type";"Publication Year";"Author";"Title";"Publication Title";"DOI";"Url";'
              '"Abstract Note";"Date";"Manual Tags"\n'
              '"ABCD1234";"journalArticle";"2018";"Lee, Sam; Brown, Kim";"Tool libraries";"Community Review";'
              '"10.5555/t.1";"";"Neighbours lend tools to each other.";"2018-03-02";"sharing; tools"\n')
    (doc,), errors = read_csv(zotero, "Exported Items.csv")
    assert errors == []
    assert (doc.external_id, doc.title, doc.authors, doc.published, doc.venue, doc.text, doc.keywords) == (
        "ABCD1234", "Tool libraries", ("Lee, Sam", "Brown, Kim"), date(2018, 3, 2), "Community Review",
        "Neighbours lend tools to each other.", ("sharing", "tools"))
