"""The start-up baseline: a hello-world Textual app (header, static, footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class HelloApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, world")
        yield Footer()
