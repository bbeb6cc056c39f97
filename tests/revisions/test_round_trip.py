"""The text goes back to git: export_sources writes the published revisions to sources/, and
import_sources knows them again by their hash.

The story: Tess corrects the cable in the browser and publishes it. The maintainer runs
`manage.py export_sources` and commits; the next import recognises the file (no new
revision). If instead someone had edited the file by hand meanwhile, the import refuses to
overwrite Tess's revision, saying why and changing nothing; --force imports it anyway, and
Tess's revision stays in the history.
"""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from edition.importer import import_sources
from edition.models import Passage
from edition.models.revisions import TextRevision, TextSource
from edition.revisions import Selection, correct, publish
from tests.support import CABLE


@pytest.fixture
def sources(db, tmp_path, settings):
    """A sources directory of our own, holding the cable (the FRUS volume is not needed)."""
    settings.SOURCES_DIR = tmp_path
    shutil.copy(CABLE, tmp_path / CABLE.name)
    import_sources([tmp_path / CABLE.name])
    return tmp_path


def tess_corrects_lags_and_publishes(tess):
    document = Passage.objects.get(xml_id="para-4").document
    text = Passage.objects.get(xml_id="para-4").reading_text
    start = text.index("LAGS")
    selection = Selection("para-4", "reading", start, start + 4, "LAGS")
    data = {"correction": "LAGGED", "cert": "high", "evidence": "The typescript reads LAGGED."}
    revision = correct(document, 1, selection, "ocr", data, tess)
    return publish(TextSource.objects.get(), revision.number, tess, "LAGS corrected")


def reading():
    return Passage.objects.get(xml_id="para-4").reading_text


def test_export_writes_the_published_revision_and_import_knows_it_by_its_hash(sources, tess, capsys):
    published = tess_corrects_lags_and_publishes(tess)
    call_command("export_sources")
    assert "written from version 2" in capsys.readouterr().out
    assert (sources / "usun-1762.xml").read_text(encoding="utf-8") == published.tei
    call_command("import_sources")
    assert TextRevision.objects.count() == 2  # recognised: no new revision
    assert TextSource.objects.get().imported_sha256 == published.sha256
    assert "LAGGED BEHIND" in reading()
    call_command("export_sources", "--check")
    assert "unchanged (version 2)" in capsys.readouterr().out


def test_a_file_edited_by_hand_does_not_overwrite_a_newer_browser_revision_unless_forced(sources, tess):
    tess_corrects_lags_and_publishes(tess)
    path = sources / "usun-1762.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("US LAGS BEHIND", "US LAGS FAR BEHIND"), encoding="utf-8")
    before = list(TextRevision.objects.values_list("number", "sha256"))
    with pytest.raises(CommandError) as refused:
        call_command("import_sources")
    message = str(refused.value)
    assert "nothing changed" in message and "version 2 of this text was made in the browser by tess" in message
    assert "--force" in message
    assert list(TextRevision.objects.values_list("number", "sha256")) == before and "LAGGED BEHIND" in reading()

    call_command("import_sources", "--force")
    assert "LAGS FAR BEHIND" in reading()
    history = list(TextRevision.objects.order_by("number").values_list("number", "origin", "state"))
    assert history == [(1, "import", "published"), (2, "browser", "published"), (3, "import", "published")]


def test_an_unchanged_file_keeps_the_browser_revision_and_says_so(sources, tess, capsys):
    tess_corrects_lags_and_publishes(tess)
    call_command("import_sources")
    assert "kept version 2, made in the browser" in capsys.readouterr().out
    assert TextRevision.objects.count() == 2 and "LAGGED BEHIND" in reading()
