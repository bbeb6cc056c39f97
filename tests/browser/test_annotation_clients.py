"""Real Web Annotation clients anchor the published glosses on the reading page (issue 10).

The story: rita reads the cable in Chromium with three annotation libraries nobody here wrote,
loaded from node_modules (pinned in package-lock.json): Apache Annotator (@apache-annotator/dom
and /selector), dom-anchor-text-quote and dom-anchor-text-position. She fetches alice's published
glosses as a W3C AnnotationCollection and lets each library anchor every selector of every gloss:
one gloss crosses a note marker, one quotes the second of two equal words in its passage, one
quotes words that the facsimile pane and a note repeat. Each library lands on exactly the words
the page highlights for the gloss (its <mark>s).

How the libraries get into the page (test-only, nothing of this is served by the app): the page's
requests for /__npm__/… are answered from node_modules by Playwright's router. Apache Annotator
ships ES modules whose imports name CommonJS files (@babel/runtime-corejs3, core-js-pure,
optimal-select), and the two dom-anchor packages ship CommonJS only: a tiny CommonJS shim (one
script defining each needed file as a function, the way Node wraps it) serves them, and the ES
modules' import specifiers are pointed at the ES files or at that shim. No bundler, no code of
the libraries changed.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.axe import violations
from tests.support import CLIENT_GLOSSES, ROOT, cable_url, publish_client_glosses

pytestmark = pytest.mark.usefixtures("transactional_db")

NODE_MODULES = ROOT / "node_modules"
ESM_IMPORT = re.compile(r"""(\b(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?)(['"])([^'"\n]+)\2""")
CJS_REQUIRE = re.compile(r"""\brequire\(\s*(['"])([^'"\n]+)\1\s*\)""")
ANNOTATOR_ENTRIES = ("@apache-annotator/dom", "@apache-annotator/selector")
CJS_ENTRIES = ("dom-anchor-text-quote", "dom-anchor-text-position")


# -- a Node-style resolver and the CommonJS shim (test-only) ------------------------------------


def module_id(path):
    return path.relative_to(NODE_MODULES).as_posix()


def as_file(base):
    for candidate in (base, base.with_name(base.name + ".js"), base.with_name(base.name + ".json")):
        if candidate.is_file():
            return candidate
    if base.is_dir():
        manifest = base / "package.json"
        if manifest.is_file():
            main = json.loads(manifest.read_text()).get("main")
            if main:
                found = as_file(base / main)
                if found:
                    return found
        if (base / "index.js").is_file():
            return base / "index.js"
    return None


def resolve(spec, importer):
    """Where Node would find spec imported from the file importer (None for Node's own modules)."""
    if spec.startswith("."):
        return as_file((importer.parent / spec).resolve())
    parts = spec.split("/")
    name, rest = ("/".join(parts[:2]), parts[2:]) if spec.startswith("@") else (parts[0], parts[1:])
    for folder in (importer.parent, *importer.parent.parents):
        package = folder / "node_modules" / name
        if package.is_dir():
            if rest:
                return as_file(package.joinpath(*rest))
            manifest = json.loads((package / "package.json").read_text())
            entry = manifest.get("exports") if isinstance(manifest.get("exports"), str) else None
            return as_file(package / (entry or manifest.get("main") or "index.js"))
        if folder == NODE_MODULES.parent:
            break
    return None


def is_es_module(path):
    for folder in path.parents:
        manifest = folder / "package.json"
        if manifest.is_file():
            return json.loads(manifest.read_text()).get("type") == "module"
        if folder == NODE_MODULES:
            break
    return False


def es_module_graph():
    """The ES files reachable from Apache Annotator, and the CommonJS files they import."""
    entries = [resolve(name, NODE_MODULES / "x.js") for name in ANNOTATOR_ENTRIES]
    seen, commonjs, todo = set(), set(), list(entries)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for match in ESM_IMPORT.finditer(path.read_text(encoding="utf-8")):
            target = resolve(match[3], path)
            assert target, f"{module_id(path)} imports {match[3]}, which is not installed: run npm ci"
            if is_es_module(target):
                todo.append(target)
            else:
                commonjs.add(target)
    return entries, {p for p in seen if is_es_module(p)}, commonjs


def commonjs_shim(entries):
    """One classic script defining every CommonJS file the entries need, the way Node wraps it."""
    defined, todo, parts = set(), list(entries), []
    while todo:
        path = todo.pop()
        if path in defined:
            continue
        defined.add(path)
        if path.suffix == ".json":
            parts.append(f"__cjsDefine({json.dumps(module_id(path))}, {{}}, function (module) {{ module.exports = "
                         f"{path.read_text(encoding='utf-8')}; }});")  # fmt: skip
            continue
        source = path.read_text(encoding="utf-8")
        dependencies = {}
        for match in CJS_REQUIRE.finditer(source):
            target = resolve(match[2], path)
            if target is not None:  # a Node-only module (never called in a browser)
                dependencies[match[2]] = module_id(target)
                todo.append(target)
        parts.append(
            f"__cjsDefine({json.dumps(module_id(path))}, {json.dumps(dependencies)}, "
            f"function (module, exports, require) {{\n{source}\n}});"
        )
    loader = """
(() => {
  const definitions = {}, modules = {};
  globalThis.process = globalThis.process || { env: { NODE_ENV: "production" } };
  globalThis.__cjsDefine = (id, dependencies, factory) => { definitions[id] = { dependencies, factory }; };
  globalThis.__cjsRequire = function load(id) {
    if (modules[id]) return modules[id].exports;
    const definition = definitions[id];
    if (!definition) throw new Error("not in the shim: " + id);
    const module = (modules[id] = { exports: {} });
    definition.factory.call(module.exports, module, module.exports, (spec) => {
      if (!(spec in definition.dependencies)) throw new Error(id + " requires " + spec + ", not installed");
      return load(definition.dependencies[spec]);
    });
    return module.exports;
  };
})();
"""
    return loader + "\n".join(parts)


def serve_node_modules(page):
    """Answer the page's /__npm__/ requests from node_modules (test-only, through Playwright)."""
    entries, es_files, commonjs = es_module_graph()
    cjs_entries = [resolve(name, NODE_MODULES / "x.js") for name in CJS_ENTRIES]
    shim = commonjs_shim([*commonjs, *cjs_entries])
    shim += "\nwindow.textQuote = __cjsRequire({}); window.textPosition = __cjsRequire({});".format(
        *(json.dumps(module_id(p)) for p in cjs_entries)
    )

    def es_source(path):
        def pointed(match):
            target = resolve(match[3], path)
            where = "/__npm__/esm/" if target in es_files else "/__npm__/cjs/"
            return f"{match[1]}{match[2]}{where}{module_id(target)}{match[2]}"

        return ESM_IMPORT.sub(pointed, path.read_text(encoding="utf-8"))

    def answer(route):
        path = route.request.url.split("/__npm__/", 1)[1].split("?", 1)[0]
        if path == "shim.js":
            body = shim
        elif path.startswith("esm/"):
            file = (NODE_MODULES / path[4:]).resolve()
            assert file in es_files, path
            body = es_source(file)
        elif path.startswith("cjs/"):
            body = (
                f"const m = globalThis.__cjsRequire({json.dumps(path[4:])});\n"
                "export default (m && m.__esModule && 'default' in m) ? m.default : m;\n"
            )
        else:
            return route.fulfill(status=404, body="")
        route.fulfill(status=200, content_type="text/javascript; charset=utf-8", body=body)

    page.route(re.compile(r".*/__npm__/.*"), answer)
    return [module_id(p) for p in entries]


# -- the story ------------------------------------------------------------------------------------

ANCHOR_EVERY_GLOSS = """
async ([annotatorDom, annotatorSelector]) => {
  const dom = await import("/__npm__/esm/" + annotatorDom);
  const { makeRefinable } = await import("/__npm__/esm/" + annotatorSelector);
  const response = await fetch("/documents/usun-1762/annotations/", { headers: { Accept: "application/ld+json" } });
  const collection = await response.json();
  const matcherFor = makeRefinable((selector) => {
    const make = {
      CssSelector: dom.createCssSelectorMatcher,
      TextQuoteSelector: dom.createTextQuoteSelectorMatcher,
      TextPositionSelector: dom.createTextPositionSelectorMatcher,
    }[selector.type];
    return make(selector);
  });
  // The text node and offset of a range's first character: libraries may express the same start
  // as (element, index) or (the end of the text node before); the character is what a reader sees.
  const firstCharacter = (range) => {
    const { startContainer, startOffset } = range;
    if (startContainer.nodeType === 3 && startOffset < startContainer.data.length) return [startContainer, startOffset];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const here = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.length) continue;
      here.setStart(node, 0);
      if (range.compareBoundaryPoints(Range.START_TO_START, here) <= 0) return [node, 0];
    }
    return [null, 0];
  };
  const describe = (range) => {
    const [node, offset] = firstCharacter(range);
    return {
      text: range.toString(),
      startNode: node && node.data,
      startOffset: offset,
      startMark: node && node.parentElement.getAttribute("data-gloss"),
    };
  };
  const results = [];
  for (const annotation of collection.first.items) {
    const id = annotation.id.split("/").filter(Boolean).pop();
    const marks = [...document.querySelectorAll(`mark[data-gloss="${id}"]`)];
    const expected = {
      text: marks.map((m) => m.textContent).join(""),
      firstMarkText: marks[0].firstChild.data,
      wholePageCount: document.body.textContent.split(annotation.target[1].selector[0].exact).length - 1,
    };
    const found = { id, expected, annotator: [], quote: [], position: [] };
    for (const selector of annotation.target[0].selector) {
      const matches = [];
      for await (const range of matcherFor(selector)(document)) matches.push(describe(range));
      found.annotator.push({ type: selector.refinedBy.type, matches });
      const root = document.querySelector(selector.value);
      if (selector.refinedBy.type === "TextQuoteSelector") {
        const { exact, prefix, suffix } = selector.refinedBy;
        found.quote.push(describe(window.textQuote.toRange(root, { exact, prefix, suffix })));
      } else {
        const { start, end } = selector.refinedBy;
        found.position.push(describe(window.textPosition.toRange(root, { start, end })));
      }
    }
    results.push(found);
  }
  return results;
}
"""


def test_three_annotation_libraries_land_on_exactly_the_glossed_words(cable, alice, live_server, page):
    glosses = {str(g.public_id): g for g in publish_client_glosses(cable, alice)}
    annotator_dom, annotator_selector = serve_node_modules(page)
    page.goto(cable_url(live_server))
    page.add_script_tag(url="/__npm__/shim.js")
    page.wait_for_function("() => window.textQuote && window.textPosition")
    results = page.evaluate(ANCHOR_EVERY_GLOSS, [annotator_dom, annotator_selector])

    assert sorted(r["id"] for r in results) == sorted(glosses)
    for result in results:
        gloss = glosses[result["id"]]
        expected = result["expected"]
        assert expected["text"] == gloss.exact  # the page highlights the glossed words
        landings = [("Apache Annotator " + a["type"], a["matches"]) for a in result["annotator"]]
        landings += [("dom-anchor-text-quote", [r]) for r in result["quote"]]
        landings += [("dom-anchor-text-position", [r]) for r in result["position"]]
        assert len(landings) == 4
        for library, matches in landings:
            assert len(matches) == 1, (library, gloss.exact, matches)  # one place, not the pane or a note
            [landing] = matches
            assert landing["text"] == gloss.exact, (library, gloss.exact, landing)
            # Its first character is the first <mark>'s (the same text node, offset 0); with the
            # same words, it ends where the last one ends.
            assert (landing["startMark"], landing["startNode"], landing["startOffset"]) == (
                result["id"],
                expected["firstMarkText"],
                0,
            ), (library, gloss.exact, landing)

    by_words = {glosses[r["id"]].exact: r for r in results}
    assert {words for _x, words, _o, _b in CLIENT_GLOSSES} == set(by_words)
    # The quote that crosses a note marker spans the marker's link, whose number is not text.
    marker = page.locator('#para-4 a.noteref[data-note="n-ocr-stevenson-1"]')
    assert marker.evaluate("m => m.textContent") == "" and marker.get_attribute("data-n")
    # The words the issue found three times on the page are still found there (pane, note...),
    # yet every library, scoped by the CSS selector, lands once, in the passage.
    assert by_words["INSPECTION OF DISMANTLING"]["expected"]["wholePageCount"] >= 2
    second = by_words["PARAGRAPHS"]
    assert glosses[second["id"]].start == cable.passages.get(xml_id="para-4").reading_text.rindex("PARAGRAPHS")


def test_the_vocabulary_page_of_our_json_ld_terms_is_accessible(cable, live_server, page, axe):
    page.goto(f"{live_server.url}/ns/edition")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edition vocabulary")
    expect(page.locator("#sourceRevision")).to_contain_text("edition:sourceRevision")
    results = axe()
    assert results["violations"] == [], violations(results)
