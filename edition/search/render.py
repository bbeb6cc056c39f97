"""One page of hits as HTML, built in Python.

The results page shows up to 20 hits in up to 20 document groups; through the template loop
each hit cost a dozen variable lookups and filters (about 3 ms a page, as much as the search
itself). The markup is the template's, kept here in one place; every value goes through
format_html, and the snippet is already safe (results.snippet marks the words with format_html).
"""

from django.utils.html import format_html, format_html_join

from ..vocabulary import TextView

DIPLOMATIC_NOTE = format_html(' <span class="meta">{}</span>', "in the diplomatic text")


def hit_html(hit):
    return format_html(
        '<li class="hit hit-{}"><p class="hit-where"><a href="{}">{}</a>{}</p><p class="hit-snippet">{}</p></li>',
        hit.kind,
        hit.url,
        hit.label,
        DIPLOMATIC_NOTE if hit.view == TextView.DIPLOMATIC else "",
        hit.snippet,
    )


def group_html(group):
    document = group.document
    return format_html(
        '<section class="hit-group" aria-labelledby="hits-{}"><h3 id="hits-{}"><a href="{}">{}</a>{}</h3>'
        '<ul class="hits">{}</ul></section>',
        document.id,
        document.id,
        document.url,
        document.title,
        format_html(' <span class="meta">{}</span>', document.date_label) if document.date_label else "",
        format_html_join("", "{}", ((hit_html(hit),) for hit in group.hits)),
    )


def hit_groups_html(groups):
    """Every group of the page, in rank order."""
    return format_html_join("\n", "{}", ((group_html(group),) for group in groups))
