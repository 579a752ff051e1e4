#!/usr/bin/env python3
"""Unresolved intra-doc links in the rendered docs, as a user sees them.

rustdoc warns about a broken intra-doc link in the crate that writes it, but not when the item
is re-exported into another crate and its link cannot be resolved there (a path into a crate
the re-exporting crate does not depend on, or a private item): the page then shows the link's
text in brackets, `[Stream]`. This scans every page of the given doc directories for such
brackets in our own documentation, leaving out trait implementations (their method docs come
from the trait, often another crate's), and exits 1 listing each one.

    cargo doc --no-deps -p genauth --all-features
    python3 scripts/doc_links.py target/doc/genauth
"""
import html
import pathlib
import re
import sys

# `[`X`]` left as text renders as `[<code>X</code>]`; `[X]` as `[X]` outside code.
CODE_LINK = re.compile(r"\[<code>([^<]*)</code>\]")
BARE_LINK = re.compile(r"\[([A-Za-z_][A-Za-z0-9_:]*)\](?!\()")
# Trait implementations (and the auto-trait and blanket ones after them) come last on a page.
IMPLS = re.compile(r'<h2 id="(trait-implementations|synthetic-implementations|blanket-implementations)"')


def docblocks(page: str):
    """The page's own documentation: its `docblock` divs, before the trait implementations."""
    cut = IMPLS.search(page)
    own = page[: cut.start()] if cut else page
    return re.findall(r'<div class="docblock[^"]*">(.*?)</div>', own, flags=re.S)


def main(dirs):
    found = []
    for d in dirs:
        for path in sorted(pathlib.Path(d).rglob("*.html")):
            if "/src/" in str(path):
                continue
            page = path.read_text(errors="replace")
            if "This impl block contains no public items" in page:
                found.append(f"{path}: a documented impl block with no public items")
            for block in docblocks(page):
                text = re.sub(r"<pre.*?</pre>", "", block, flags=re.S)
                names = [m.group(1) for m in CODE_LINK.finditer(text)]
                prose = re.sub(r"<code>.*?</code>", "", text, flags=re.S)
                names += [m.group(1) for m in BARE_LINK.finditer(prose)]
                found += [f"{path}: [{html.unescape(n)}]" for n in names]
    for f in sorted(set(found)):
        print(f)
    if found:
        print(f"{len(set(found))} unresolved intra-doc link(s) or empty impl docs", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["target/doc/genauth"]))
