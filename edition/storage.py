"""Static files in production: WhiteNoise's compressed, hashed files, with the imports
between the front end's ES modules rewritten to the hashed names too.

Django rewrites `url()` in CSS by default, but the `import … from "./modules/x.js";`
lines of static/edition/*.js only when asked to. Without it, main.js (hashed, cached for
ever) would import modules/x.js by its plain name: a file that may change under it.

Django's switch for this (support_js_module_import_aggregation) applies to every app's
scripts, and django_htmx's extensions mention `import("../htmx")` in JSDoc comments,
which it takes for real imports of a missing file: collectstatic fails. So the same
rewriting rules apply to our own scripts only.

The modules must not import each other in a cycle: each file's hash depends on the
hashes of those it imports.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

OWN_SCRIPTS = "edition/*.js"  # static/edition/main.js, glosses.js and modules/*.js
ES_MODULE_IMPORTS = ManifestStaticFilesStorage._js_module_import_aggregation_patterns[1]


class EditionStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = CompressedManifestStaticFilesStorage.patterns + ((OWN_SCRIPTS, ES_MODULE_IMPORTS),)
