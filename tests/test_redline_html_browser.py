"""The HTML redline in a real browser: headless Chromium loads it, follows every link of
the change summary to its change, and draws struck and inserted text in their styles.

The browser shares no code with docgen; the page is checked through the DOM Chromium
builds (a test-only script appended to a copy of the page reports what each link did)
and through the pixels of a screenshot, read with Pillow.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.readers.docx import read_docx
from docgen.transforms.compare import compare
from docgen.writers.redline_html import render_html
from test_redline_render import _compare

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "sources" / "documents"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium installed (Debian: apt-get install chromium; .ci/system-deps does)")


def _browse(page: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"  # a fresh profile for every run
    cmd = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars", *args, page.as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


# Appended to a copy of the page: clicks each summary link from the top of the page and
# records where its target ends up.
_PROBE = """<script>
(function () {
  var rows = [];
  var links = document.querySelectorAll('header a[href^="#"]');
  for (var i = 0; i < links.length; i++) {
    var link = links[i], id = decodeURIComponent(link.getAttribute('href').slice(1));
    var target = document.getElementById(id);
    window.scrollTo(0, 0);
    link.click();
    var top = target ? target.getBoundingClientRect().top : NaN;
    rows.push([id, target ? 'found' : 'missing', location.hash, Math.round(top), window.innerHeight, window.scrollY].join(' '));
  }
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = rows.join('\\n');
  document.body.appendChild(out);
})();
</script>"""


def test_every_change_summary_link_scrolls_its_change_into_view(tmp_path):
    comparison = compare(read_docx(DOCS / "S1SR-v12.docx"), read_docx(DOCS / "S1SR-v12.2.docx"))
    html = render_html(comparison)
    summary_links = re.findall(r'<a href="#([^"]+)">', html.split("</header>", 1)[0])
    assert len(summary_links) >= 3
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = _browse(page, tmp_path, "--window-size=1200,900", "--virtual-time-budget=5000", "--dump-dom").stdout
    result = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    assert result, "the browser did not run the page"
    rows = [line.split() for line in result.group(1).strip().splitlines()]
    assert [r[0] for r in rows] == summary_links
    for anchor, found, hash_, top, height, scrolled in rows:
        assert found == "found", f"#{anchor} has no element"
        assert hash_ == f"#{anchor}"
        assert int(scrolled) > 0, f"following #{anchor} did not scroll"
        assert 0 <= int(top) < int(height), f"#{anchor} is not in view after its link is followed"


def _longest_run(img, test) -> int:
    """The longest horizontal run of pixels passing `test`: a rule (strike or underline), not glyphs."""
    best = 0
    pixels = img.load()
    for y in range(img.height):
        run = 0
        for x in range(img.width):
            if test(pixels[x, y]):
                run += 1
                best = max(best, run)
            else:
                run = 0
    return best


def test_struck_and_inserted_text_are_visibly_styled_in_a_screenshot(tmp_path):
    from PIL import Image

    old = [("Scope", None), ("A clause the new version removes entirely, with all its words.", 0), ("A clause that stays.", 0)]
    new = [("Scope", None), ("A clause that stays.", 0), ("A clause the new version adds at the end of the list.", 0)]
    page = tmp_path / "redline.html"
    page.write_text(render_html(_compare(tmp_path, old, new)), encoding="utf-8")
    shot = tmp_path / "shot.png"
    _browse(page, tmp_path, "--window-size=1000,1400", f"--screenshot={shot}")
    img = Image.open(shot).convert("RGB")

    def red(p):
        return p[0] > 150 and p[1] < 90 and p[2] < 90

    def blue(p):
        return p[2] > 150 and p[0] < 90 and p[1] < 120

    # The deleted clause is red with a line through all of it, the inserted one blue and
    # underlined: rules longer than any glyph or any summary link (those stay under 200 px).
    assert _longest_run(img, red) > 250
    assert _longest_run(img, blue) > 250
    assert _longest_run(img, lambda p: max(p) < 60) > 0, "the unchanged text is drawn in black"
