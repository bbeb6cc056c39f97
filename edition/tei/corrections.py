"""Corrections editors make to the TEI itself, done on the lxml tree (no database, no HTML).

A selection arrives as the browser saw it: a passage's id, offsets in its reading (or
diplomatic) text, and the exact words. Where those words sit in the TEI is found by the
one renderer (edition.tei.render): each text run of the passage (an element's text or a
child's tail) is tagged with a private-use character before it is rendered, so the
rendered text says which run every character came from. No second set of rules decides
what a view shows. A selection must lie inside one run: words that cross markup (half in
an expansion, half outside) cannot be wrapped in one element, and are refused with a
message that says so.

Each correction then splits that run and wraps the words in TEI: choice/sic+corr with
a note type="ocr", choice/abbr+expan, persName/placeName/orgName/term with a ref (and a
new entry in the header's lists), unclear, supplied, note. Withdrawing or editing an OCR
correction works on the choice it made. Whatever is made is checked against tei_all
before it is stored (edition.revisions), never here.
"""

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..anchoring import just_after, stands_alone, typed_occurrences
from ..textmap import collapse, parse_fragment, text_segments
from ..vocabulary import TextView
from .ids import derive_ids, document_roots, is_volume, passage_elements
from .parse import XML_ID, T, local_name
from .render import RenderContext, Renderer

RUN_MARK_BASE = 0xE000  # private-use characters: never in a source's text (checked)
RUN_MARK_LIMIT = 0xF8FF
CERTAINTIES = ("high", "medium", "low")
ENTITY_ELEMENTS = {"person": "persName", "place": "placeName", "organisation": "orgName", "term": "term"}
UNCLEAR_REASONS = ("illegible", "faded", "damage", "overwritten", "ocr")
# What a run may not be inside: these already say what the words are, and wrapping the
# words again (a choice inside a sic) would say it twice or contradict it.
NO_WRAP_INSIDE = {"sic", "corr", "abbr", "expan", "orig", "reg", "supplied", "unclear", "note", "gap", "del"}


class CorrectionError(ValueError):
    """The change cannot be made as asked; the message says why, for the editor."""


@dataclass
class Run:
    """A stretch of one text node: owner.text (attribute "text") or owner.tail ("tail")."""

    owner: object
    attribute: str
    start: int  # offsets in the raw string (the TEI as written, whitespace and all)
    end: int

    @property
    def raw(self):
        return getattr(self.owner, self.attribute) or ""

    @property
    def words(self):
        return re.sub(r"\s+", " ", self.raw[self.start : self.end])

    @property
    def parent(self):
        """The element the words are text of."""
        return self.owner if self.attribute == "text" else self.owner.getparent()


# -- finding passages and selections --------------------------------------------------------


def passage_element(root, collection, passage_xml_id):
    """The element of a passage, by the id the reading view gives it (xml:id or derived)."""
    volume = is_volume(root)
    for _slug, doc_xml_id, doc_element in document_roots(root, collection):
        html_ids, _note_ids = derive_ids(doc_element, doc_xml_id, volume)
        count = 0
        for kind, child in passage_elements(doc_element):
            if kind in ("pb", "note"):
                continue
            count += 1
            pid = child.get(XML_ID) or html_ids.get(child) or f"{doc_xml_id}-{local_name(child)}{count}"
            if pid == passage_xml_id:
                return child, doc_element
    raise CorrectionError(f"There is no passage “{passage_xml_id}” in this text.")


class RunTaggingRenderer(Renderer):
    """The renderer, with each text run it emits tagged by a private-use character."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.runs = []
        self._owner = None

    def children(self, element):
        if element.text:
            self._owner = (element, "text")
            self.emit_text(element.text)
        for child in element:
            self.node(child)
            if child.tail:
                self._owner = (child, "tail")
                self.emit_text(child.tail)

    def emit_text(self, value):
        before = len(self.out)
        super().emit_text(value)
        if len(self.out) > before and self._owner is not None:
            if RUN_MARK_BASE + len(self.runs) > RUN_MARK_LIMIT:
                raise CorrectionError("This passage is too long to correct in the browser.")
            self.out[-1] = chr(RUN_MARK_BASE + len(self.runs)) + self.out[-1]
            self.runs.append(self._owner)


def render_context(root, collection, doc_element, doc_xml_id):
    html_ids, note_ids = derive_ids(doc_element, doc_xml_id, is_volume(root))
    return RenderContext(
        collection=collection,
        resolve_ref=lambda target: None,
        entity_url=lambda kind, key: None,
        entity_title=lambda key: "",
        html_ids=html_ids,
        note_ids=note_ids,
    )


def view_text_with_runs(root, collection, passage, doc_element, view):
    """(text, run_of) for a passage in a view: text exactly as textmap derives it from the
    rendered HTML, and for each of its characters the run it came from (None for
    characters no run gave, such as a supplied text's brackets)."""
    doc_xml_id = doc_element.get(XML_ID) or collection
    renderer = RunTaggingRenderer(render_context(root, collection, doc_element, doc_xml_id), view)
    marked, _maps = collapse(list(text_segments(parse_fragment(renderer.fragment(passage)))))
    text, run_of, current = [], [], None
    for ch in marked:
        if RUN_MARK_BASE <= ord(ch) <= RUN_MARK_LIMIT:
            current = ord(ch) - RUN_MARK_BASE
            continue
        if ch == " " and (not text or text[-1] == " "):
            continue  # a mark kept two spaces apart: collapse them as textmap does
        text.append(ch)
        run_of.append(current)
    while text and text[-1] == " ":
        text.pop()
        run_of.pop()
    return "".join(text), run_of, renderer.runs


def locate(root, collection, passage_xml_id, start, end, exact, view=TextView.READING):
    """The Run holding the words text[start:end] of a passage's view, which must read `exact`."""
    passage, doc_element = passage_element(root, collection, passage_xml_id)
    text, run_of, runs = view_text_with_runs(root, collection, passage, doc_element, view)
    exact = (exact or "").strip()
    if not exact:
        raise CorrectionError("Select the words to correct (or type them).")
    if start is None or end is None or text[start:end].strip() != exact:
        raise CorrectionError(
            "The words selected are no longer at that place in the text: reload the page and select them again."
        )
    # Leading or trailing spaces of the selection are not part of the words.
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end = start + len(exact)
    owners = {run_of[i] for i in range(start, end)}
    if len(owners) != 1 or None in owners:
        raise CorrectionError(
            f"“{exact}” crosses markup (part of it is already corrected, expanded, identified or noted): "
            "select words within one stretch of plain text."
        )
    (index,) = owners
    owner, attribute = runs[index]
    # Which occurrence of the words within that run: count those before the selection.
    run_start = run_of.index(index)
    pattern = exact_words_pattern(exact)
    before = sum(1 for m in pattern.finditer(text, run_start, end) if m.start() < start)
    raw = getattr(owner, attribute)
    spans = [m.span() for m in pattern.finditer(raw)]
    if before >= len(spans):
        raise CorrectionError(f"“{exact}” could not be found in the TEI as written: select it again.")
    raw_start, raw_end = spans[before]
    return Run(owner, attribute, raw_start, raw_end), text


def exact_words_pattern(exact):
    """The words as selected, any whitespace between them (the TEI breaks lines anywhere)."""
    return re.compile(r"\s+".join(re.escape(word) for word in exact.split()))


def resolve_typed(root, collection, passage_xml_id, words, before="", view=TextView.READING):
    """Typed words (no mouse, no JavaScript) to (start, end) in the passage's view text."""
    passage, doc_element = passage_element(root, collection, passage_xml_id)
    text, _run_of, _runs = view_text_with_runs(root, collection, passage, doc_element, view)
    words = (words or "").strip()
    if not words:
        raise CorrectionError("Type the words to correct.")
    spans = typed_occurrences(text, words)
    if before.strip():
        spans = just_after(text, spans, before)
    if not spans:
        raise CorrectionError(f"“{words}” is not in this passage as the {view} text reads.")
    if len(spans) > 1:
        raise CorrectionError(
            f"“{words}” occurs {len(spans)} times in this passage: type the words just before it too."
        )
    start, end = spans[0]
    return start, end, text[start:end]


# -- building ----------------------------------------------------------------------------


def tei(name, text=None, **attributes):
    element = etree.Element(f"{T}{name}")
    for key, value in attributes.items():
        if value not in (None, ""):
            element.set(XML_ID if key == "xml_id" else key.rstrip("_"), value)
    if text is not None:
        element.text = text
    return element


def new_id(root, stem):
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "x"
    if not stem[0].isalpha():
        stem = "x-" + stem
    taken = set(root.xpath("//@xml:id"))
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def check_wrappable(run, what):
    for ancestor in [run.parent, *run.parent.iterancestors()]:
        name = local_name(ancestor)
        if name in NO_WRAP_INSIDE:
            raise CorrectionError(
                f"“{run.words}” is inside a <{name}>: {what} cannot be made there "
                f"(edit or withdraw what is already marked)."
            )
        if name in ("p", "item", "fw", "ab", "head", "l", "dateline", "salute", "signed", "label", "closer", "opener"):
            break


def wrap(run, element, holder=None):
    """Put element where the run's words were, the words inside holder (element itself, or
    one of its children): the text before stays, the text after becomes element's tail."""
    raw = run.raw
    (element if holder is None else holder).text = raw[run.start : run.end]
    insert_after_run(run, element, raw[: run.start], raw[run.end :])
    return element


def insert_after_run(run, element, before, after):
    if run.attribute == "text":
        run.owner.text = before
        run.owner.insert(0, element)
    else:
        run.owner.tail = before
        parent = run.owner.getparent()
        parent.insert(parent.index(run.owner) + 1, element)
    element.tail = after


def place_after(element, new):
    """new right after element, taking over element's tail."""
    new.tail, element.tail = element.tail, None
    parent = element.getparent()
    parent.insert(parent.index(element) + 1, new)


def editor_resp(root, username):
    """A pointer to the editor's respStmt in the titleStmt, made on first use."""
    title_stmt = root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt")
    xml_id = "resp-" + re.sub(r"[^a-z0-9]+", "-", username.lower()).strip("-")
    if not root.xpath("//*[@xml:id=$id]", id=xml_id):
        stmt = tei("respStmt", xml_id=xml_id)
        stmt.append(tei("resp", "corrections made in the browser"))
        stmt.append(tei("name", username))
        stmt.tail = "\n      "
        # respStmt comes after the titles, authors and editors, before nothing else in titleStmt.
        title_stmt.append(stmt)
    return f"#{xml_id}"


def note_element(root, kind, text, target_id, stem):
    return tei("note", text, type=kind, xml_id=new_id(root, f"n-{stem}"), target=f"#{target_id}" if target_id else None)


# -- the corrections -------------------------------------------------------------------------


def mark_ocr_error(root, run, correction, cert, evidence, username):
    """choice/sic+corr with @cert and @resp, then a note type="ocr" giving the evidence."""
    correction, evidence = (correction or "").strip(), (evidence or "").strip()
    if cert not in CERTAINTIES:
        raise CorrectionError("Choose a certainty: high, medium or low.")
    if not correction:
        raise CorrectionError("Give the correction: what the typescript reads.")
    if not evidence:
        raise CorrectionError("Give the evidence for the correction.")
    if correction.split() == run.words.split():
        raise CorrectionError("The correction reads the same as the witness: nothing to correct.")
    check_wrappable(run, "an OCR correction")
    choice = tei("choice", xml_id=new_id(root, f"c-{correction}"))
    sic = tei("sic")
    choice.append(sic)
    choice.append(tei("corr", correction, cert=cert, resp=editor_resp(root, username)))
    wrap(run, choice, sic)
    note = note_element(root, "ocr", f"{evidence} Certainty: {cert}.", choice.get(XML_ID), f"ocr-{correction}")
    place_after(choice, note)
    return choice


def ocr_correction(root, choice_id):
    found = root.xpath("//tei:choice[@xml:id=$id][tei:sic and tei:corr]", id=choice_id, namespaces={"tei": T[1:-1]})
    if not found:
        raise CorrectionError("That OCR correction is no longer in the text (withdrawn or changed by someone else).")
    return found[0]


def notes_on(root, element_id):
    return root.xpath("//tei:note[@target=$t]", t=f"#{element_id}", namespaces={"tei": T[1:-1]})


def edit_ocr_error(root, choice_id, correction, cert, evidence, username):
    choice = ocr_correction(root, choice_id)
    correction, evidence = (correction or "").strip(), (evidence or "").strip()
    if cert not in CERTAINTIES or not correction or not evidence:
        raise CorrectionError("Give the correction, its certainty (high, medium or low) and the evidence.")
    corr = choice.find(f"{T}corr")
    if len(corr):
        raise CorrectionError("This correction holds further markup: edit it in the TEI source.")
    corr.text = correction
    corr.set("cert", cert)
    corr.set("resp", editor_resp(root, username))
    notes = notes_on(root, choice_id)
    if notes:
        for child in list(notes[0]):
            notes[0].remove(child)
        notes[0].text = f"{evidence} Certainty: {cert}."
    else:
        place_after(choice, note_element(root, "ocr", f"{evidence} Certainty: {cert}.", choice_id, "ocr"))
    return choice


def unwrap(element, keep):
    """Replace element by the content of `keep` (one of its children, or itself)."""
    parent = element.getparent()
    index = parent.index(element)
    text = keep.text or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    children = list(keep)
    tail = element.tail
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + (tail or "")
    elif index == 0:
        parent.text = (parent.text or "") + (tail or "")
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + (tail or "")


def remove_keeping_tail(element):
    parent = element.getparent()
    index = parent.index(element)
    tail = element.tail or ""
    if index == 0:
        parent.text = (parent.text or "") + tail
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail
    parent.remove(element)


def withdraw_ocr_error(root, choice_id):
    """The witness's words stand again; the correction's note goes with it."""
    choice = ocr_correction(root, choice_id)
    for note in notes_on(root, choice_id):
        remove_keeping_tail(note)
    unwrap(choice, choice.find(f"{T}sic"))


def expansions_in_use(root, form):
    """The expansions the edition already gives for an abbreviation (most used first)."""
    counts = {}
    for choice in root.iter(f"{T}choice"):
        abbr, expan = choice.find(f"{T}abbr"), choice.find(f"{T}expan")
        if abbr is not None and expan is not None and "".join(abbr.itertext()).strip().upper() == form.strip().upper():
            full = re.sub(r"\s+", " ", "".join(expan.itertext())).strip()
            counts[full] = counts.get(full, 0) + 1
    return [full for full, _n in sorted(counts.items(), key=lambda item: -item[1])]


def expand_abbreviation(root, run, expansion):
    expansion = (expansion or "").strip()
    if not expansion:
        raise CorrectionError("Give the expansion.")
    check_wrappable(run, "an expansion")
    choice = tei("choice")
    abbr = tei("abbr")
    choice.append(abbr)
    choice.append(tei("expan", expansion))
    wrap(run, choice, abbr)
    return choice


def entity_entries(root, kind):
    """(xml:id, name) of the entries of a kind the header (or glossary) lists."""
    if kind == "term":
        items = root.xpath("//tei:list[@type='terms']/tei:item[@xml:id]", namespaces={"tei": T[1:-1]})
        return [
            (i.get(XML_ID), re.sub(r"\s+", " ", "".join(i.find(f"{T}term").itertext())).strip())
            for i in items
            if i.find(f"{T}term") is not None
        ]
    tag, name_tag = {
        "person": ("person", "persName"),
        "place": ("place", "placeName"),
        "organisation": ("org", "orgName"),
    }[kind]
    entries = []
    for element in root.iter(f"{T}{tag}"):
        if element.get(XML_ID):
            name = element.find(f"{T}{name_tag}")
            entries.append(
                (
                    element.get(XML_ID),
                    re.sub(r"\s+", " ", "".join(name.itertext())).strip() if name is not None else element.get(XML_ID),
                )
            )
    return entries


def new_entry(root, kind, name, identification):
    """A new entry in the header's list (or the glossary, for a term); returns its xml:id."""
    name, identification = (name or "").strip(), (identification or "").strip()
    if not name or not identification:
        raise CorrectionError("A new entry needs a name and a short identification.")
    prefix = {"person": "", "place": "place-", "organisation": "org-", "term": "term-"}[kind]
    xml_id = new_id(root, prefix + name)
    ns = {"tei": T[1:-1]}
    if kind == "term":
        lists = root.xpath("//tei:list[@type='terms']", namespaces=ns)
        if not lists:
            raise CorrectionError("This text has no glossary of terms to add to.")
        item = tei("item", xml_id=xml_id)
        item.append(tei("term", name))
        item[-1].tail = " "
        item.append(tei("gloss", identification))
        lists[0].append(item)
        return xml_id
    header = root.find(f"{T}teiHeader")
    profile = header.find(f"{T}profileDesc")
    if profile is None:
        raise CorrectionError("This text's header has no profileDesc to list the entry in.")
    list_tag, entry_tag, name_tag = {
        "person": ("listPerson", "person", "persName"),
        "organisation": ("listOrg", "org", "orgName"),
        "place": ("listPlace", "place", "placeName"),
    }[kind]
    found = profile.find(f".//{T}{list_tag}")
    if found is None:
        holder_tag = "settingDesc" if kind == "place" else "particDesc"
        holder = profile.find(f"{T}{holder_tag}")
        if holder is None:
            holder = tei(holder_tag)
            profile.append(holder)
        found = tei(list_tag)
        holder.append(found)
    entry = tei(entry_tag, xml_id=xml_id)
    entry.append(tei(name_tag, name))
    entry.append(tei("note", identification, type="identification"))
    found.append(entry)
    return xml_id


def identify(root, run, kind, entry_id="", name="", identification=""):
    """Link the words to an entry of the index, or to a new one with its identification."""
    if kind not in ENTITY_ELEMENTS:
        raise CorrectionError("Choose what the words name: a person, a place, an organisation or a term.")
    check_wrappable(run, "an identification")
    for ancestor in [run.parent, *run.parent.iterancestors()]:
        if local_name(ancestor) in ENTITY_ELEMENTS.values():
            raise CorrectionError(f"“{run.words}” is already identified.")
    if entry_id:
        if entry_id not in dict(entity_entries(root, kind)):
            raise CorrectionError("That entry is not in the index (any more): choose another or create one.")
    else:
        entry_id = new_entry(root, kind, name, identification)
    element = tei(ENTITY_ELEMENTS[kind], ref=f"#{entry_id}")
    return wrap(run, element), entry_id


def add_note(root, passage, run, text, username):
    """An editorial note at the end of the words selected (or of the passage)."""
    text = (text or "").strip()
    if not text:
        raise CorrectionError("Write the note.")
    note = tei("note", text, type="editorial", xml_id=new_id(root, "n-ed"), resp=editor_resp(root, username))
    if run is None:
        if len(passage):
            passage[-1].tail = (passage[-1].tail or "").rstrip()
        else:
            passage.text = (passage.text or "").rstrip()
        passage.append(note)
        return note
    check_wrappable(run, "a note")
    anchor = tei("seg", xml_id=new_id(root, "seg"))
    wrap(run, anchor)
    note.set("target", f"#{anchor.get(XML_ID)}")
    place_after(anchor, note)
    return note


def edit_note(root, note_id, text, username):
    found = root.xpath("//tei:note[@xml:id=$id][@type='editorial']", id=note_id, namespaces={"tei": T[1:-1]})
    if not found:
        raise CorrectionError("That note is no longer in the text.")
    text = (text or "").strip()
    if not text:
        raise CorrectionError("Write the note.")
    note = found[0]
    for child in list(note):
        note.remove(child)
    note.text = text
    note.set("resp", editor_resp(root, username))
    return note


def mark_unclear(root, run, reason, note_text, username):
    if reason not in UNCLEAR_REASONS:
        raise CorrectionError(f"Choose why the words are unclear: {', '.join(UNCLEAR_REASONS)}.")
    check_wrappable(run, "an unclear reading")
    unclear = tei("unclear", reason=reason, resp=editor_resp(root, username), xml_id=new_id(root, "unclear"))
    wrap(run, unclear)
    if (note_text or "").strip():
        place_after(unclear, note_element(root, "editorial", note_text.strip(), unclear.get(XML_ID), "unclear"))
    return unclear


def supply(root, run, supplied_text, reason, note_text, username):
    """Text the witness lacks, supplied after the words selected (the witness is unchanged)."""
    supplied_text = (supplied_text or "").strip()
    if not supplied_text or not (reason or "").strip():
        raise CorrectionError("Give the text supplied and the reason it is missing.")
    check_wrappable(run, "a supplied text")
    supplied = tei(
        "supplied", supplied_text, reason=reason.strip(), resp=editor_resp(root, username),
        xml_id=new_id(root, "supplied"),
    )  # fmt: skip
    raw = run.raw
    # Insert after the words: they stay as they were, the supplied text follows them.
    insert_after_run(Run(run.owner, run.attribute, run.end, run.end), supplied, raw[: run.end], raw[run.end :])
    if (note_text or "").strip():
        place_after(supplied, note_element(root, "editorial", note_text.strip(), supplied.get(XML_ID), "supplied"))
    return supplied


def record_change(root, message, username, when=None):
    """A change in the revisionDesc, newest first, as the sources keep it."""
    header = root.find(f"{T}teiHeader")
    desc = header.find(f"{T}revisionDesc")
    if desc is None:
        desc = tei("revisionDesc")
        header.append(desc)
    change = tei("change", message, when=(when or date.today()).isoformat(), who=editor_resp(root, username))
    change.tail = desc.text if desc.text and not desc.text.strip() else "\n      "
    desc.insert(0, change)
    return change


def is_whole_words(text, start, end):
    return stands_alone(text, start, end)
