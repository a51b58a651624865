from typing import Any

import pytest

from conduct.core import pdf


def test_html_becomes_a_pdf_using_only_local_files(monkeypatch: Any) -> None:
    fetched: list[str] = []
    real = pdf._fetcher

    def spy() -> Any:
        fetcher = real()
        original = fetcher.fetch

        def fetch(url: str, headers: Any = None) -> Any:
            fetched.append(url)
            return original(url, headers)

        fetcher.fetch = fetch
        return fetcher

    monkeypatch.setattr(pdf, "_fetcher", spy)
    data = pdf.html_to_pdf(
        '<h1>Decision - £0 “fair”</h1><img src="static:conduct/favicon.svg" alt="">'
        '<img src="https://example.org/tracker.png" alt="">'
    )
    assert data.startswith(b"%PDF-")
    assert len(data) > 1000
    assert "static:conduct/favicon.svg" in fetched


def test_network_urls_are_refused() -> None:
    fetcher = pdf._fetcher()
    with pytest.raises(ValueError, match="refused to fetch"):
        fetcher.fetch("https://example.org/x.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    response = fetcher.fetch("static:conduct/conduct.css")
    assert response.content_type == "text/css"
    assert response.read().startswith(b"/*")
