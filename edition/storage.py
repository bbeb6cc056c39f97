"""Static files in production: WhiteNoise's compressed, hashed files, with the imports
between the front end's ES modules rewritten to the hashed names too.

Django rewrites `url()` in CSS by default, but the `import … from "./modules/x.js";`
lines of static/edition/*.js only with support_js_module_import_aggregation. Without
it, main.js (hashed, cached for ever) would import modules/x.js by its plain name: a
file that may change under it, or not exist when the manifest is strict. The modules
must not import each other in a cycle: each file's hash depends on those it imports.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class EditionStaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
