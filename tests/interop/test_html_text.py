"""HTML (Anki fields) → Markdown text, Markdown → escaped HTML, and cloze card sides."""

from __future__ import annotations

import pytest

from studyapp.interop.cloze import cloze_numbers, cloze_sides
from studyapp.interop.html_text import html_to_markdown, markdown_to_html


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("<p>para 1</p><p>para 2</p>", "para 1\n\npara 2"),
        ("<b>bold</b> <strong>s</strong> <i>it</i> <em>e</em>", "**bold** **s** *it* *e*"),
        ("<ul><li>x</li><li>y</li></ul>", "- x\n- y"),
        ("<ol><li>x</li><li>y</li></ol>", "1. x\n2. y"),
        ("x &lt;y&gt; &amp; &quot;z&quot; caf&eacute;&nbsp;!", 'x <y> & "z" café !'),
        ("<script>alert(1)</script>safe<style>p{}</style>", "safe"),
        ('<img src="media/plot%201.png">', "[image: plot%201.png]"),
        ('<img src="a.png" alt="loss curve">', "[image: loss curve]"),
        ("[sound:word.mp3]", "[sound: word.mp3]"),
        ('<a href="https://x.org">site</a> <a href="javascript:bad()">no</a>', "[site](https://x.org) no"),
        ("  many   spaces\n here ", "many spaces here"),
        ("[bold]kept[/bold]", "[bold]kept[/bold]"),
    ],
)
def test_html_to_markdown(fragment, expected):
    assert html_to_markdown(fragment) == expected


def test_markdown_to_html_escapes_everything_it_does_not_render():
    html = markdown_to_html('**b** *i* `x<y` <script>alert("x")</script>\n[l](https://a.b/?c=1&d=2)')
    assert html == (
        "<b>b</b> <i>i</i> <code>x&lt;y</code> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>"
        '<a href="https://a.b/?c=1&amp;d=2">l</a>'
    )


@pytest.mark.parametrize(
    "text", ["**Adam** uses *bias correction*", "a < b & c\n- item one\n- item two", "θ ← θ − η·∇L"]
)
def test_markdown_survives_html_and_back(text):
    assert html_to_markdown(markdown_to_html(text)) == text


def test_cloze_sides_show_one_deletion_and_fill_the_others():
    text = "{{c1::ReLU}} is max(0, {{c2::x::input}}); {{c1::it}} is cheap"
    assert cloze_numbers(text) == [1, 2]
    assert cloze_sides(text, 1) == (
        "[...] is max(0, x); [...] is cheap",
        "**ReLU** is max(0, x); **it** is cheap",
    )
    assert cloze_sides(text, 2) == (
        "ReLU is max(0, [input]); it is cheap",
        "ReLU is max(0, **x**); it is cheap",
    )
