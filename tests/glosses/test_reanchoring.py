"""A corrected, re-imported source never loses a gloss.

Each story edits a copy of the cable's TEI in a temporary sources directory and
imports it again, as an editor of the TEI would: the glosses must be found again
where they were made, or become orphans that editors re-attach; never deleted,
never moved to another occurrence without saying so.
"""

import re
import shutil

import pytest

from edition.anchoring import locate
from edition.importer import import_sources
from edition.models import Gloss
from tests.support import CABLE


@pytest.fixture
def source(tmp_path, settings, cable):
    """The cable's TEI in a sources directory of its own; source.edit(old, new) changes it and re-imports."""
    settings.SOURCES_DIR = tmp_path  # the importer indexes every *.xml there: only the cable
    path = tmp_path / "usun-1762.xml"
    shutil.copy(CABLE, path)

    class Source:
        def edit(self, old, new, regex=False):
            xml = path.read_text(encoding="utf-8")
            if regex:
                xml, count = re.subn(old, new, xml, flags=re.S)
            else:
                count = xml.count(old)
                xml = xml.replace(old, new)
            assert count == 1, f"expected one {old!r} in the cable, found {count}"
            path.write_text(xml, encoding="utf-8")
            return self

        def restore(self):
            """Back to the cable as it is in sources/."""
            shutil.copy(CABLE, path)
            return self

        def reimport(self):
            import_sources([path])
            cable.refresh_from_db()
            return self

    return Source()


def text_of(cable, xml_id):
    return cable.passages.get(xml_id=xml_id).reading_text


def reloaded(gloss):
    gloss.refresh_from_db()
    return gloss


def test_a_changed_passage_keeps_its_gloss_on_the_same_words(source, cable, write_gloss, alice):
    gloss = write_gloss(alice, "para-6", "The offer.", words="LIFT QUARANTINE", publish=True)
    old_start, old_revision = gloss.start, gloss.source_revision
    source.edit("IN RESPONSE, AS PROVIDED IN", "IN RESPONSE, AND ONLY AS PROVIDED IN").reimport()

    gloss = reloaded(gloss)
    text = text_of(cable, "para-6")
    assert gloss.anchor_status == Gloss.AnchorStatus.MOVED
    assert text[gloss.start : gloss.end] == "LIFT QUARANTINE" and gloss.start == old_start + len("AND ONLY ")
    assert gloss.source_revision == cable.source_revision != old_revision
    assert gloss.history.latest().history_change_reason == "re-anchored by import"
    # A new version: a form opened before the import is refused, not written over the new anchor.
    assert gloss.version == 2  # as written (the fixture publishes in place), then re-anchored


def test_a_gloss_whose_words_were_reworded_slightly_follows_them(source, cable, write_gloss, alice):
    gloss = write_gloss(alice, "para-6", "The promise.", words="COULD GIVE ASSURANCES AGAINST INVASION")
    source.edit("COULD GIVE ASSURANCES AGAINST INVASION", "COULD GIVE ASSURANCE AGAINST INVASION").reimport()
    gloss = reloaded(gloss)
    assert gloss.anchor_status == Gloss.AnchorStatus.MOVED
    assert gloss.exact == "COULD GIVE ASSURANCE AGAINST INVASION"


def test_an_unchanged_source_leaves_glosses_untouched(source, cable, write_gloss, alice):
    gloss = write_gloss(alice, "para-6", "The offer.", words="LIFT QUARANTINE")
    source.reimport()
    gloss = reloaded(gloss)
    assert gloss.anchor_status == Gloss.AnchorStatus.ANCHORED and gloss.version == 1
    assert gloss.history.count() == 1  # no write, no history entry


def test_correcting_a_word_the_gloss_quotes_moves_it_to_the_corrected_word_and_says_so(
    source, cable, write_gloss, alice, client
):
    # The source as it was before the OCR error was corrected: the reading text says DISTANTLING.
    source.edit(
        r'<choice xml:id="c-dismantling">.*?</choice><note type="ocr" xml:id="n-ocr-dismantling".*?</note>',
        "DISTANTLING",
        regex=True,
    ).reimport()
    gloss = write_gloss(alice, "para-4", "Not an English word.", words="DISTANTLING", publish=True)
    start = gloss.start

    # Now the TEI corrects it (choice/sic+corr); DISMANTLING also occurs in paragraph 3.
    source.restore().reimport()
    assert "DISMANTLING" in text_of(cable, "para-3")

    gloss = reloaded(gloss)
    assert gloss.anchor_status == Gloss.AnchorStatus.CORRECTED
    assert (gloss.passage_xml_id, gloss.exact, gloss.start) == ("para-4", "DISMANTLING", start)
    assert text_of(cable, "para-4")[gloss.start : gloss.end] == "DISMANTLING"
    html = client.get("/documents/usun-1762/").content.decode()
    assert f'data-gloss="{gloss.public_id}">DISMANTLING</mark>' in html


def test_deleting_a_passage_orphans_its_gloss_and_keeps_it(source, cable, write_gloss, alice, editor_client):
    gloss = write_gloss(alice, "para-12", "Washington's view.", words="LATEST THINKING", publish=True)
    source.edit(r'\s*<p xml:id="para-12">.*?</p>', "", regex=True).reimport()

    gloss = reloaded(gloss)
    assert gloss.anchor_status == Gloss.AnchorStatus.ORPHANED
    assert (gloss.passage_xml_id, gloss.exact, gloss.body) == ("para-12", "LATEST THINKING", "Washington's view.")
    assert gloss.history.latest().history_change_reason == "orphaned by import"
    assert gloss.anchor_id not in editor_client.get("/documents/usun-1762/").content.decode()
    orphans = editor_client.get("/glosses/orphans/").content.decode()
    # Its passage is gone from the text, and the page says so (never its id).
    assert (
        "a passage not in the published text" in orphans
        and "para-12<" not in orphans
        and "<p>Washington's view.</p>" in orphans
    )

    # The passage comes back (the deletion was a mistake): the gloss is found again, and says it moved.
    source.restore().reimport()
    gloss = reloaded(gloss)
    assert gloss.anchor_status == Gloss.AnchorStatus.MOVED
    assert text_of(cable, "para-12")[gloss.start : gloss.end] == "LATEST THINKING"


def test_a_word_that_occurs_several_times_stays_on_its_occurrence(source, cable, write_gloss, alice):
    text = text_of(cable, "para-8")
    assert text.count("SECURITY COUNCIL") == 2
    gloss = write_gloss(alice, "para-8", "Where the declaration is made.", words="SECURITY COUNCIL", occurrence=2)
    # Text added before the first occurrence shifts both.
    source.edit("AS TO PROCEDURE BEFORE", "AS TO THE PROCEDURE TO BE FOLLOWED BEFORE").reimport()

    gloss = reloaded(gloss)
    text = text_of(cable, "para-8")
    second = text.index("SECURITY COUNCIL", text.index("SECURITY COUNCIL") + 1)
    assert (gloss.start, gloss.exact) == (second, "SECURITY COUNCIL")
    assert text[: gloss.start].endswith("WILL MAKE DECLARATION IN ")


def test_when_its_occurrence_is_gone_a_gloss_does_not_jump_to_another(source, cable, write_gloss, alice):
    gloss = write_gloss(alice, "para-8", "Where the declaration is made.", words="SECURITY COUNCIL", occurrence=2)
    source.edit(
        r"US WILL MAKE DECLARATION IN <term[^>]*><choice><abbr>SC</abbr>.*?</term> INCORPORATING OUR "
        r"AGREEMENTS\. ",
        "",
        regex=True,
    ).reimport()
    assert text_of(cable, "para-8").count("SECURITY COUNCIL") == 1
    assert reloaded(gloss).anchor_status == Gloss.AnchorStatus.ORPHANED


class TestLocate:
    """The decisions, on plain strings."""

    def gloss(self, text, exact, occurrence=1, status=Gloss.AnchorStatus.ANCHORED):
        from tests.support import selection

        words = selection(text, exact, occurrence)
        return Gloss(
            passage_xml_id="p",
            exact=exact,
            prefix=words["prefix"],
            suffix=words["suffix"],
            start=words["start"],
            end=words["start"] + len(exact),
            anchor_status=status,
        )

    def test_a_word_is_not_re_anchored_inside_a_longer_word(self):
        gloss = self.gloss("THE UN WILL INSPECT THE SITES.", "UN")
        assert locate(gloss, {"p": "THE UNDERTAKINGS ARE FIRM."}, {}) is None

    def test_a_chance_match_at_the_old_offset_loses_to_the_occurrence_whose_context_agrees(self):
        gloss = self.gloss("ALPHA SOVIETS BETA GAMMA DELTA.", "SOVIETS")
        # A sentence inserted in front puts another SOVIETS exactly at the old offset.
        new = "BRAVO SOVIETS ZULU. ALPHA SOVIETS BETA GAMMA DELTA."
        assert new[gloss.start : gloss.end] == "SOVIETS"
        found = locate(gloss, {"p": new}, {})
        assert (found.start, found.status) == (new.index("ALPHA SOVIETS") + 6, Gloss.AnchorStatus.MOVED)

    def test_an_orphan_found_again_is_marked_moved_not_anchored(self):
        text = "THE QUARANTINE WILL BE LIFTED."
        gloss = self.gloss(text, "QUARANTINE", status=Gloss.AnchorStatus.ORPHANED)
        assert locate(gloss, {"p": text}, {}).status == Gloss.AnchorStatus.MOVED

    def test_a_short_quote_with_no_context_left_is_orphaned(self):
        gloss = self.gloss("WE WOULD LIFT QUARANTINE AND COULD GIVE ASSURANCES.", "LIFT")
        assert locate(gloss, {"p": "NOTHING LIKE IT, LIFT IS ALL THAT REMAINS HERE NOW."}, {}) is None

    def test_a_gloss_on_a_passage_that_moved_to_another_passage_follows_it(self):
        text = "THE TALKS LASTED FOUR HOURS AND ENDED WITHOUT AGREEMENT ON THE BOMBERS."
        gloss = self.gloss(text, "FOUR HOURS")
        found = locate(gloss, {"p": "NEW FIRST SENTENCE.", "q": text}, {})
        assert (found.passage_xml_id, found.status) == ("q", Gloss.AnchorStatus.MOVED)
