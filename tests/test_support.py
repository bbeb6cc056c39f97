"""The rules the test suite keeps for itself (tests/support.py, tests/conftest.py)."""

import pytest

from tests.support import shared_file


def test_a_check_missing_its_shared_file_fails_in_ci_and_is_skipped_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run this check"):
        shared_file("schemas/not-there.json", "a schema this test never ships")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not-there.json is missing: a schema this test never ships"):
        shared_file("schemas/not-there.json", "a schema this test never ships")
