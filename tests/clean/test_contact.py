from pipeline.clean.assemble import assemble
from pipeline.clean.contact import is_contact_line, is_encoded_line, is_separator_line
from pipeline.genres.blocks import single_block

POST = """We ran the repair cafe with tenants for two years before the council took an interest.
If anyone wants the volunteer rota template, write to me at jo@example.org and I will send it.

=-=-=-=-=-=-=-=-=-=-=-=-=-=-=
Jo Hartley   jhartley@cs.example.edu
Dept. of Computer Science, University of Example, Phone: (555) 123-4567
begin 644 rota.zip
M4$L#!!0````(`$%C6E?9G0)N+`$``'4"```(````<F]T82YT>'1-D,%.PS`0
M%4\S````2$%B5E<W^_Z[WRMK)M````3#2R$@`````!``$`?0``````
"""


def test_a_posts_signature_and_pasted_attachment_leave_the_text_and_are_recorded():
    text, _, excluded, _ = assemble(single_block(POST).blocks)
    assert text == (
        "We ran the repair cafe with tenants for two years before the council took an interest.\n"
        "If anyone wants the volunteer rota template, write to me at jo@example.org and I will send it.\n\n"
        "begin 644 rota.zip"
    )
    assert [e.reason for e in excluded] == ["separator", "contact", "contact", "encoded-data", "encoded-data"]
    assert excluded[1].text == "Jo Hartley   jhartley@cs.example.edu"


def test_contact_details_are_lines_made_of_addresses_and_numbers():
    assert is_contact_line("Email: jane@council.gov.uk")
    assert is_contact_line("Tel +44 20 7946 0000  Fax +44 20 7946 0001")
    assert is_contact_line("Bob Jones bobj@vice.example.com")


def test_sentences_that_mention_an_address_or_numbers_are_writing():
    assert not is_contact_line("Write to me at jo@example.org if you have the software.")
    assert not is_contact_line("We interviewed 24 people in 2019-2020 across 3 sites.")
    assert not is_contact_line("In 1993 the population was 4 500 000 people.")
    # web addresses are a page's sources, not contact details: a list of links stays
    assert not is_contact_line("And Participle http://participle.net")
    # nor is a reference with its DOI
    assert not is_contact_line("Doe, J. (2019). Title. Journal, 12(3), 45-67. https://doi.org/10.1/abc")


def test_rules_and_encoded_data_are_told_from_text():
    assert is_separator_line("/\\/\\/\\/\\/\\/\\/\\")
    assert is_separator_line("-----")
    assert not is_separator_line("- 5 -")
    assert is_encoded_line("TWFuIGlzIGRpc3Rpbmd1aXNoZWQsIG5vdCBvbmx5IGJ5IGhpcyByZWFzb24sIGJ1dCBieQ==")
    assert not is_encoded_line("See https://www.example.org/a/very/long/path/to/the/consultation/report.pdf")
    assert not is_encoded_line("Co-production of public services is a long-standing theme of research.")
