from pipeline.clean.entities import repair_entities


def test_escaped_and_orphaned_entities_become_the_characters_they_stand_for():
    assert repair_entities("Apple&lt;AAPL.O&gt; rose") == "Apple<AAPL.O> rose"
    assert repair_entities("Labour #39;s quot;big society quot; plan") == "Labour 's \"big society \" plan"
    assert repair_entities("Tom &amp; Jerry &#8211; a review") == "Tom & Jerry \u2013 a review"


def test_text_that_only_looks_like_an_entity_is_left_alone():
    text = "Rule 3; see clause 4; No: 'quotas; and' AT&T; email@x.org; 5 &c; unquot;"
    assert repair_entities(text) == text
    assert repair_entities("item #1; item #2;") == "item #1; item #2;"
