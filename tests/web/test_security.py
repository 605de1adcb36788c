"""Issue 9, web part: escaping, CSP, no path traversal, loopback by default, token for anything else."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from tribune.cli import app as cli_app
from tribune.web.app import CSP, check_bind, create_app, default_allowed_hosts


def test_csp_and_security_headers_on_pages_api_static_and_errors(client):
    for url in ("/", "/timeline", "/api/overview", "/static/tribune.js", "/documents/nope", "/api/events/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP, url
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "http" not in CSP
    assert "default-src 'none'" in CSP and "object-src 'none'" in CSP


def test_no_inline_scripts_and_no_external_origins(client, kb_path):
    event_id = client.get("/api/timeline").json()[0]["id"]
    for url in ("/", "/timeline", f"/events/{event_id}", "/delegations", "/network", "/documents", "/actors/kim-jong-un", "/search?q=parade", "/api/docs"):
        html = client.get(url).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'src="/static/' in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), url
        assert not re.search(r"\son[a-z]+=", html), url


@pytest.mark.parametrize(
    "url",
    [
        "/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/documents/....//....//etc/passwd",
        "/documents/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2Fetc%2Fpasswd",
        "/documents/%2E%2E",
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
    ],
)
def test_no_path_traversal(client, url):
    r = client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    assert "root:" not in r.text and "create_app" not in r.text and "[build-system]" not in r.text


def test_documents_only_by_validated_id(client):
    doc = client.get("/api/documents").json()[0]
    assert doc["path"]
    # A document's own path is not a way in: ids only.
    assert client.get(f"/documents/{doc['path']}").status_code == 404
    assert client.get(f"/documents/{doc['id']}").status_code == 200


def test_bind_refuses_non_loopback_without_token():
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    check_bind("::1", None)
    for host in ("0.0.0.0", "192.168.1.10", "::", "example.org"):
        with pytest.raises(ValueError, match="--token"):
            check_bind(host, None)
        check_bind(host, "a-long-enough-secret")
    with pytest.raises(ValueError):
        check_bind("0.0.0.0", "short")


def test_serve_command_refuses_non_loopback_without_token(kb_path):
    result = CliRunner().invoke(cli_app, ["serve", "--db", kb_path, "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 2
    assert "--token" in result.output


def test_token_required_when_set(kb_path):
    from fastapi.testclient import TestClient

    secret = "s3cret-token-for-tests"
    c = TestClient(create_app(kb_path, token=secret))
    for url in ("/", "/api/overview", "/static/tribune.css", "/api/openapi.json"):
        r = c.get(url)
        assert r.status_code == 401, url
        assert r.headers["content-security-policy"] == CSP
    assert c.get("/api/overview", headers={"Authorization": "Bearer wrong-token-xx"}).status_code == 401
    assert c.get("/api/overview", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    r = c.get("/", params={"token": secret})
    assert r.status_code == 200
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    assert c.get("/timeline").status_code == 200  # the cookie now carries the token


def test_host_header_checked_on_loopback(kb_path):
    from fastapi.testclient import TestClient

    c = TestClient(create_app(kb_path, allowed_hosts=default_allowed_hosts("127.0.0.1")))
    assert c.get("/api/overview").status_code == 200
    assert c.get("/api/overview", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert c.get("/api/overview", headers={"Host": "evil.example:8000"}).status_code == 421


def test_xss_payloads_are_escaped_in_html(xss_kb_path):
    from fastapi.testclient import TestClient

    c = TestClient(create_app(xss_kb_path))
    docs = c.get("/api/documents").json()
    assert len(docs) >= 9
    urls = ["/", "/timeline", "/documents", "/conflicts", "/actors", "/network", "/weapons", "/brief", "/search?q=parade",
            "/search?q=%3Cscript%3E", "/delegations?host=PRK"]
    urls += [f"/documents/{d['id']}" for d in docs]
    urls += [f"/events/{e['id']}" for e in c.get("/api/timeline").json()]
    urls += [f"/actors/{a['id']}" for a in c.get("/api/actors").json()[:30]]
    for url in urls:
        r = c.get(url)
        assert r.status_code == 200, url
        html = r.text
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html, url
        assert not re.search(r"<[a-z]+[^>]*\son(error|load|toggle)=", html, re.I), url
        assert 'href="javascript:' not in html.lower(), url
        assert "<iframe" not in html, url
