#!/usr/bin/env python3
"""Writes the three hostile listings beside this script (see README.md)."""
import os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
# Payloads: each would set window.__pwned or call alert() if it ever ran.
T1 = '<script>window.__pwned=1;alert(1)</script> Attention Is All You Need Again'
T2 = 'Prompt Injection "><img src=x onerror="window.__pwned=2"> in Vision Models'
T3 = "{{site_title}} {{{root}}} Templates Inside Titles ]]> --> </title></script>"
A1 = ('We study [a link](javascript:window.__pwned=3) and <iframe src="javascript:window.__pwned=4"></iframe> '
      'and </script><script>window.__pwned=5</script> in abstracts, plus math $<img src=x onerror="window.__pwned=6">$ '
      'and entity-encoded &lt;script&gt;window.__pwned=7&lt;/script&gt; text, with a bidi override \u202eevil\u202c and '
      'a zero width\u200bspace, and a line separator\u2028here. Every one of them must reach the page as text.')
A2 = ('A second abstract with <svg onload="window.__pwned=8"> and <a href="data:text/html,<script>window.__pwned=9</script>">x</a> '
      'and a YAML document end --- inside, a colon: here, "quotes", \'single\', and a backslash \\ that all must survive.')
A3 = ('Third abstract: <style>body{display:none}</style> <object data="javascript:window.__pwned=10"></object> '
      '`<script>window.__pwned=11</script>` in code, and **bold <b onmouseover="window.__pwned=12">text</b>**.')
authors = ['"><img src=x onerror="window.__pwned=13">', '<script>window.__pwned=14</script> Smith', "Robert'); DROP TABLE papers;-- Tables"]

open('abstract-list.txt', 'w').write('<b onclick="window.__pwned=15">Hostile</b> University\n' + ''.join('Abstract:' + a + '\n' for a in [A1, A2, A3]))
daily = ["new", "", "Get trending papers in your email inbox!", "", "Subscribe", "", "Daily Papers", "", "by AK and the research community", ""]
for t, a in [(T1, A1), (T2, A2), (T3, A3)]:
    daily += [t, "", a, "", "  • 3 authors", "·", "Sep 25, 2024 4", ""]
open('daily-papers.txt', 'w').write('\n'.join(daily) + '\n')
poster = ["Poster", "Poster Session <script>window.__pwned=16</script>", "Hall \"><b>"]
for t, a in [(T1 + ' (poster)', A1), (T2 + ' (poster)', A2), (T3 + ' (poster)', A3)]:
    poster += [t, ' · '.join(authors), a]
open('poster-session.txt', 'w').write('\n'.join(poster) + '\n')
