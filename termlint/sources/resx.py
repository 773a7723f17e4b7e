""".NET resource files (``.resx``, and UWP's ``.resw``, the same format).

A resource file is XML: ``<data name="Key" xml:space="preserve"><value>text</value>
<comment>…</comment></data>`` under a ``<root>`` that also holds an XSD schema and
``<resheader>`` entries. Only the ``<value>`` of a string resource is linted: a ``<data>`` with a
``type`` or ``mimetype`` attribute holds a serialised object (an icon, a size), and comments are
notes for translators. The file is validated by defusedxml first, as every XML file
(:mod:`termlint.sources._xml`), so entity declarations and external entities are refused; then
the position-exact scanner gives each value character its file offset, through ``&amp;`` and
character references. The language comes from the file name (``Strings.fi.resx``,
``Resources.sv-FI.resx``); a neutral ``Strings.resx`` is read by content.
"""

from __future__ import annotations

from termlint.sources import _xml
from termlint.sources.base import Document, SourceError
from termlint.sources.xml import _content_segment, _XmlBase


class ResxSource(_XmlBase):
    name = "resx"
    suffixes = (".resx", ".resw")

    def parse(self, doc: Document) -> None:
        root = _xml.parse(doc)
        if root.local != "root":
            raise SourceError(f"not a .NET resource file (root element <{root.name}>, "
                              "expected <root>)")
        for data in root.elements("data"):
            name = data.attr(doc, "name")
            if name is None or data.attr(doc, "type") is not None \
                    or data.attr(doc, "mimetype") is not None:
                continue
            for value in data.elements("value"):
                made = _content_segment(doc, value, frozenset(), name, None)
                if made is None:
                    continue
                segment, style = made
                doc.styles[segment.file_offset(0)] = style
                doc.segments.append(segment)
