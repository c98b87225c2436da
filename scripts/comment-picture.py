#!/usr/bin/python3
"""
Renders docs/examples/preview-replace-database.md (a comment the tests regenerate from the emulator) as GitHub
would, with GitHub's own Markdown engine (cmark-gfm, Debian's python3-cmarkgfm), and takes a picture of it with
headless Chromium: docs/images/preview-comment.png, the README's picture of a real comment.

    apt-get install python3-cmarkgfm chromium fonts-noto-color-emoji
    /usr/bin/python3 scripts/comment-picture.py

GitHub's alerts (`> [!CAUTION]`) and its stylesheet are GitHub's own; a few lines of CSS and an alert pass stand in.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import cmarkgfm
from cmarkgfm.cmark import Options

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / 'docs' / 'examples' / 'preview-replace-database.md'
TARGET = ROOT / 'docs' / 'images' / 'preview-comment.png'

CSS = """
body { font-family: -apple-system, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif; font-size: 14px;
  line-height: 1.5; color: #1f2328; width: 940px; margin: 0; padding: 16px 20px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
th { background: #f6f8fa; } code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 85%;
  background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
blockquote { border-left: 4px solid #d1d9e0; padding: 0 1em; margin: 0 0 16px; }
blockquote.caution { border-color: #d1242f; } blockquote.warning { border-color: #9a6700; }
.alert-title { font-weight: 600; } .caution .alert-title { color: #d1242f; } .warning .alert-title { color: #9a6700; }
h3 { font-size: 1.25em; } h4 { font-size: 1em; } sub { color: #59636e; } details { margin: 4px 0; }
"""


def alerts(html: str) -> str:
    """GitHub turns `> [!CAUTION]` into a titled alert; cmark-gfm leaves the marker as text."""
    def one(match: re.Match) -> str:
        kind = match.group(1).lower()
        return f'<blockquote class="{kind}">\n<p><span class="alert-title">{kind.title()}</span><br>'
    return re.sub(r'<blockquote>\s*<p>\[!(CAUTION|WARNING|NOTE|TIP|IMPORTANT)\]\s*', one, html)


def main() -> None:
    markdown = SOURCE.read_text()
    html = alerts(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / 'comment.html'
        page.write_text(f'<html><head><meta charset="utf-8"><style>{CSS}</style></head><body>{html}</body></html>')
        # The page's height, roughly: Chromium takes the window as it is, so size it to the content.
        height = 160 + 11 * len(markdown.splitlines())
        subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
                        f'--window-size=1000,{height}', f'--screenshot={TARGET}', page.as_uri()],
                       check=True, capture_output=True)
    print(f'wrote {TARGET.relative_to(ROOT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
