"""Resource limits for reading untrusted uploads, in one place so every check uses the same numbers."""
from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much an upload may cost us before it is refused.

    The defaults are far above real administrative documents and far below what hurts a shared
    server:

    - ``max_file_size`` (100 MiB): a .docx with scanned images; also each member of a batch zip.
    - ``max_entries`` (1,000): Word writes 10–60 entries; thousands only come from generators.
    - ``max_part_size`` (50 MiB) is checked against the declared size *and* enforced while
      inflating, so a lying header cannot make us write more than that.
    - ``max_total_size`` (200 MiB): the sum of all declared uncompressed sizes.
    - ``max_compression_ratio`` (100:1) for parts over ``ratio_floor`` (1 MiB). Real Word XML
      compresses 2–35:1 (a 5,000-paragraph document.xml: 31:1; styles.xml: 29:1); deflate's ceiling
      is about 1,032:1, which is what bombs use. 100:1 leaves three times the headroom of the most
      repetitive genuine text, and parts under 1 MiB are exempt because their expansion is bounded
      anyway (even 20,000 empty paragraphs, 160:1, are only 120 KiB). The ratio is checked on
      every entry, images included, although only XML parts are inflated here: the annotated
      and fixed copies are written by python-docx, which inflates everything.
    - ``max_xml_depth`` (128): Word's deepest real nesting (a text box in a nested table) is
      about 40 levels; libxml2 itself stops at 256.
    - ``max_xml_elements`` (500,000) and ``max_xml_attributes`` (1,000,000) for the whole package.
      Word writes about 35 bytes of XML per element and one or two attributes per element, so
      this is ~17 MB of document.xml, several hundred pages (a 100-page annex table of 500 rows
      is ~55,000 elements). Both are checked from the bytes before parsing, so a bomb costs
      nothing; a package right at both limits costs ~240 MB of lxml trees (measured: 490,000
      paragraphs with two attributes each, 24 MB of XML, parsed in 0.6 s).
    - ``max_text_size`` (10 MiB) for plain-text input; ``max_batch_size`` (200 MiB) for a batch zip.
    """

    max_file_size: int = 100 * MiB
    max_entries: int = 1_000
    max_part_size: int = 50 * MiB
    max_total_size: int = 200 * MiB
    max_compression_ratio: int = 100
    ratio_floor: int = 1 * MiB
    max_xml_depth: int = 128
    max_xml_elements: int = 500_000
    max_xml_attributes: int = 1_000_000
    max_text_size: int = 10 * MiB
    max_batch_size: int = 200 * MiB
