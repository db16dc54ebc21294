"""Parse XML without resolving anything: no DTD loading, no entity expansion, no network, no
huge-tree mode. SPL labels declare no DTD, so a document that does (an "XML bomb" of nested
entities, an external entity pointing at a file or URL) is refused before its tree is used."""
from __future__ import annotations

from druglint.derive.document import DeriveError


UNSAFE = ("{what} declares a DTD or entities (an XML bomb or external entity?); nothing was resolved "
          "and nothing is derived from it")


def parse(data: bytes, what: str = "XML"):
    """The root element of ``data``; DeriveError (one line) for malformed or unsafe XML."""
    from lxml import etree

    if b"<!ENTITY" in data[:65536] or b"<!entity" in data[:65536]:
        raise DeriveError(UNSAFE.format(what=what))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise DeriveError(f"not well-formed {what} (line {line}): {str(exc.msg or exc).split(', line')[0]}") from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None or tree.docinfo.system_url:
        raise DeriveError(UNSAFE.format(what=what))
    return root
