"""Reading .txt/.eml/.mbox/Maildir/.csv and writing one JSON line per message, in order."""

from __future__ import annotations

import io
import json
import mailbox
from email.message import EmailMessage
from pathlib import Path

from conduct.correspondence.parsing.readers import read
from conduct.correspondence.screen_files import screen_paths
from conduct.screening.engine.api import default_screener


def _email(subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = "client@example.com"
    msg.set_content(body)
    return msg


def _run(paths: list[Path], **kw: object) -> tuple[list[dict[str, object]], str, int]:
    out, err = io.StringIO(), io.StringIO()
    failed = screen_paths(paths, default_screener(), out, err, **kw)  # type: ignore[arg-type]
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return lines, err.getvalue(), failed


def test_all_formats_one_object_per_message_in_order(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text("You are an idiot.", encoding="utf-8")
    eml = tmp_path / "b.eml"
    eml.write_bytes(_email("Complaint", "I have waited six weeks.").as_bytes())
    mbox_path = tmp_path / "c.mbox"
    box = mailbox.mbox(mbox_path)
    box.add(_email("one", "I know where you live."))
    box.add(_email("two", "Thank you for your help."))
    box.flush()
    box.close()
    maildir = tmp_path / "md"
    md = mailbox.Maildir(maildir, create=True)
    md.add(_email("hi", "you stupid cow"))
    md.close()
    csv_path = tmp_path / "d.csv"
    csv_path.write_text('id,body\n1,"hello, there"\n2,"go fuck yourself"\n3,\n', encoding="utf-8")
    lines, err, failed = _run([txt, eml, mbox_path, maildir], text_column="text")
    assert failed == 0 and err == ""
    assert [(r["source"], r["index"]) for r in lines] == [
        (str(txt), 0), (str(eml), 0), (str(mbox_path), 0), (str(mbox_path), 1), (str(maildir), 0)
    ]  # fmt: skip
    assert [r["flagged"] for r in lines] == [True, False, True, False, True]
    rows, _, _ = _run([csv_path], text_column="body")
    assert [r["flagged"] for r in rows] == [False, True, False]
    for r in lines + rows:
        assert {"flagged", "score", "categories", "evidence", "actions", "model"} <= set(r)


def test_unreadable_input_is_reported_and_the_rest_screened(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("hello", encoding="utf-8")
    lines, err, failed = _run([tmp_path / "missing.txt", good])
    assert failed == 1
    assert json.loads(err.splitlines()[0])["error"].endswith("no such file")
    assert len(lines) == 1


def test_csv_without_the_column_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    lines, err, failed = _run([bad])
    assert failed == 1 and "no column 'text'" in err and lines == []


def test_folder_that_is_not_a_maildir_is_an_error(tmp_path: Path) -> None:
    _, err, failed = _run([tmp_path])
    assert failed == 1 and "Maildir" in err


def test_table_format(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("you idiot", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    screen_paths([p], default_screener(), out, err, table=True)
    assert "FLAG" in out.getvalue()


def test_html_email_body_is_read_as_text(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"] = "x"
    msg.set_content("<p>You are an <b>idiot</b></p>", subtype="html")
    p = tmp_path / "h.eml"
    p.write_bytes(msg.as_bytes())
    (item,) = list(read(p))
    assert "You are an idiot" in item.text
