"""End to end with the real model and a real DuckDB file: a film co-production treaty and a
chemical co-product process, which share the field's words but not its meaning, are flagged,
kept out of every theme and listed in the report; with the filter off they are themed."""

from pathlib import Path

import pytest

from pipeline.refresh import refresh
from pipeline.settings import Settings
from tests.conftest import query

ON_TOPIC = {
    "tenant-panel.txt": """Tenant scrutiny panel

Our housing association set up a tenant scrutiny panel two years ago. Eight residents meet every month with the repairs manager and look at complaint figures, visit empty homes before they are let and interview contractors about missed appointments.

The panel wrote its first report on damp and mould. Officers had treated every case as a lifestyle problem; tenants showed that most cases were in flats with broken extractor fans. The board accepted all nine recommendations and the panel now checks progress every quarter.

What made it work was training for the panel members, paid expenses, and a manager who answered questions honestly instead of defending the service.""",
    "youth-council.txt": """Young people redesigning the youth service

When the council had to rethink its youth service, a group of fifteen young people worked alongside youth workers for six months. They mapped where young people actually spend their evenings and ran workshops in schools and on the estates.

Together with staff they chose which clubs to keep, moved two sessions to the sports centre and designed a new drop-in for young carers. Young people now sit on the panel that reviews the service each year.

The youth workers said the hardest part was letting go of decisions they were used to making alone, but the attendance figures since the change have been the best in a decade.""",
    "peer-support.txt": """Peer supporters in a mental health recovery service

The recovery college is run jointly by people with lived experience of mental illness and by clinicians. Peer trainers co-deliver every course, from managing anxiety to returning to work, and students help plan the next term's programme.

Staff describe the change as sharing power rather than handing out services. Students say being taught by someone who has been through the same thing gives them hope that a clinician alone cannot give.

The NHS trust now funds peer support workers on two wards, and carers have asked for a course of their own.""",
    "participatory-budget.txt": """Residents deciding how the neighbourhood budget is spent

Each spring residents of the ward propose projects for the neighbourhood fund, and a public vote decides which ones the council pays for. Last year a community garden, new lighting on the canal path and a homework club won funding.

Council officers help groups cost their ideas and residents' volunteers run the projects once they are funded. Turnout at the vote has doubled since the first year.

Critics say the budget is too small to matter, but councillors argue that it has built trust and brought new people into local decision-making.""",
    "co-design-discharge.txt": """Co-designing hospital discharge with patients and carers

Patients, carers, ward nurses and social workers met in a series of workshops to redesign how older people leave hospital. They mapped the journey from admission to the first week at home and found the same gaps again and again.

The group prototyped a shared discharge plan written with the patient and the carer, tested it on one ward and changed it twice before it was adopted by the whole hospital and the adult social care team.

Carers said for the first time they knew who to call when something went wrong after discharge.""",
    "flood-wardens.txt": """Flood wardens working with the environment agency

Volunteer flood wardens in the village read river gauges, clear culverts before storms and knock on doors when a warning is issued. The environment agency trains them and the parish council keeps the sandbag store.

The wardens helped the agency redraw the local flood plan, adding the lanes that flood first and the households that need help to leave.

Residents say the scheme works because the wardens are neighbours and know who lives alone.""",
}

OFF_TOPIC = {
    "film-treaty.txt": """International co-production treaties for feature films

Bilateral co-production treaties allow producers from two countries to pool financing for a feature film and have it treated as a national production in both. The treaty sets minimum financial and creative contributions, such as the share of the budget, the director, the lead actors and the shooting locations.

Qualifying films gain access to each country's film fund, tax incentives and broadcast quotas. Producers use the treaties to finance larger budgets, to cast internationally and to sell distribution rights in more territories.

Critics argue that some co-productions are assembled only to meet the treaty's points system, producing films with no clear audience at the box office.""",
    "chemical-co-products.txt": """Co-production of methanol and electricity from syngas

The plant co-produces methanol and electricity from synthesis gas made by gasifying coal and biomass. Unconverted gas from the methanol reactor is burned in a gas turbine, and the steam cycle recovers heat from both units.

The simulation compares conversion efficiency, carbon dioxide emissions and the cost of each co-product under different ratios of hydrogen to carbon monoxide. A higher recycle ratio raises methanol yield but lowers net power output.

By-products of the gasifier, such as slag and sulphur, are separated and sold, which improves the economics of the process.""",
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in {**ON_TOPIC, **OFF_TOPIC}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


SETTINGS = Settings().replace("themes", n_themes=2, min_theme_size=1)


@pytest.mark.slow
def test_near_misses_are_flagged_out_of_the_themes_and_listed_in_the_report(tmp_path, real_embedder):
    corpus = write_corpus(tmp_path / "corpus")
    db, report = tmp_path / "c.duckdb", tmp_path / "c.html"
    refresh(corpus, db, report, SETTINGS, embedder=real_embedder)

    verdicts = dict(query(db, """SELECT d.source_uri, r.off_topic FROM document_relevance r
                                 JOIN documents d USING (doc_id)"""))
    assert verdicts == {**{name: False for name in ON_TOPIC}, **{name: True for name in OFF_TOPIC}}
    reasons = dict(query(db, """SELECT d.source_uri, r.reason FROM document_relevance r
                                JOIN documents d USING (doc_id) WHERE r.off_topic"""))
    assert "closer to Film and television co-production" in reasons["film-treaty.txt"]
    assert reasons["chemical-co-products.txt"].startswith("off-topic: ")
    themed = {uri for (uri,) in query(db, """SELECT DISTINCT d.source_uri FROM passage_themes
                                             JOIN passages p USING (passage_id) JOIN documents d USING (doc_id)""")}
    assert themed == set(ON_TOPIC)
    html = report.read_text()
    left_out = html[html.index('id="off-topic"'):]
    assert "International co-production treaties for feature films" in left_out
    assert "Co-production of methanol and electricity from syngas" in left_out

    db_off = tmp_path / "off.duckdb"
    refresh(corpus, db_off, None, SETTINGS.replace("relevance", enabled=False), embedder=real_embedder)
    themed = {uri for (uri,) in query(db_off, """SELECT DISTINCT d.source_uri FROM passage_themes
                                                 JOIN passages p USING (passage_id) JOIN documents d USING (doc_id)""")}
    assert themed == set(ON_TOPIC) | set(OFF_TOPIC)
