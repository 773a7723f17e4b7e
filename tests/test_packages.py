"""Vocabulary packages (issue 17.3): ``packages:`` in the configuration, ``termlint vocab sync``
against a local HTTP server and a git repository made here, offline runs from the cache, pins
that no longer match, and archives that try to leave their folder or blow up."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import os
import subprocess
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from termlint.config import ConfigError, load
from termlint.packages import Package, PackageError, installed_files, store_root, sync
from termlint.packages.archive import digest, from_bytes
from tests.cli_helpers import run_cli

# A vocabulary of our own: one deprecated term the bundled files do not know.
ORG = """\
id: {id}
source: https://example.org/terms
concepts:
  - id: ajanvaraus
    source: https://example.org/terms/ajanvaraus
    terms:
      fi:
        - {{term: ajanvaraus, status: preferred}}
        - {{term: aikavaraus, status: deprecated}}
  - id: lomake
    source: https://example.org/terms/lomake
    terms:
      fi:
        - {{term: lomake, status: preferred}}
        - {{term: {bad}, status: deprecated}}
"""


def org(vocab_id: str, bad: str = "lomakepohja") -> str:
    return ORG.format(id=vocab_id, bad=bad)


TEXT = "Tee aikavaraus ja täytä kaavake huomenna.\n"


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def tar_gz(files: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    return buffer.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server in a thread serving ``tmp_path/www``: (base URL, folder)."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(_Quiet, directory=str(www))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", www
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def project(tmp_path: Path, packages: str) -> Path:
    app = tmp_path / "app"
    app.mkdir(exist_ok=True)
    (app / ".termlint.yaml").write_text(f"packages:\n{packages}", encoding="utf-8")
    (app / "teksti.txt").write_text(TEXT, encoding="utf-8")
    return app


def test_url_packages_sync_then_check_offline(server: tuple[str, Path], tmp_path: Path) -> None:
    base, www = server
    single = org("org-single").encode()
    archive = tar_gz({"terms-1.0/vocab/org.yaml": org("org-tar", "kaavake").encode(),
                      "terms-1.0/README.md": b"not a vocabulary\n",
                      "terms-1.0/.github/ci.yaml": b"on: push\n"})
    (www / "org.yaml").write_bytes(single)
    (www / "terms-1.0.tar.gz").write_bytes(archive)
    app = project(tmp_path, f"  - url: {base}/org.yaml\n    sha256: {sha(single)}\n"
                            f"  - url: {base}/terms-1.0.tar.gz\n    sha256: {sha(archive)}\n")
    code, out, err = run_cli(["check", "--format", "concise", "teksti.txt"], cwd=app)
    assert code == 2 and "is not in termlint's cache: run termlint vocab sync" in err
    assert ".termlint.yaml:2:" in err
    code, out, err = run_cli(["vocab", "sync"], cwd=app)
    assert code == 0, err
    assert "1 file(s): org.yaml" in out and "1 file(s): vocab/org.yaml" in out
    for name in ("org.yaml", "terms-1.0.tar.gz"):
        (www / name).unlink()  # offline from here on: the cache serves the run
    # Syncing again needs no host: both pinned copies are in the cache and verify.
    code, out, err = run_cli(["vocab", "sync"], cwd=app)
    assert code == 0, err
    assert out.count("up to date") == 2 and "vocab/org.yaml" not in out
    code, out, err = run_cli(["check", "--format", "concise", "teksti.txt"], cwd=app)
    assert code == 1, err
    assert "org-single/ajanvaraus" in out and "org-tar/lomake" in out


def test_a_zip_package_and_a_changed_upstream_file(server: tuple[str, Path],
                                                   tmp_path: Path) -> None:
    base, www = server
    raw = zipped({"org.yaml": org("org-zip").encode()})
    (www / "org.zip").write_bytes(raw)
    app = project(tmp_path, f"  - url: {base}/org.zip\n    sha256: {sha(raw)}\n")
    assert run_cli(["vocab", "sync"], cwd=app)[0] == 0
    assert "org-zip/ajanvaraus" in run_cli(["check", "--format", "concise", "teksti.txt"],
                                             cwd=app)[1]
    # Upstream changes under the same URL: sync refuses it in one line, and the pinned copy
    # in the cache stays what runs use.
    changed = zipped({"org.yaml": org("org-evil").encode()})
    (www / "org.zip").write_bytes(changed)
    # A plain sync keeps the intact pinned copy and fetches nothing; --refresh fetches.
    code, out, err = run_cli(["vocab", "sync"], cwd=app)
    assert code == 0 and "up to date" in out and "1 file(s) in the cache" in out, err
    code, out, err = run_cli(["vocab", "sync", "--refresh"], cwd=app)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f"sha256 is {sha(changed)}" in lines[0]
    assert f"pins {sha(raw)}: refused" in lines[0] and ".termlint.yaml:2:" in lines[0]
    out = run_cli(["check", "--format", "concise", "teksti.txt"], cwd=app)[1]
    assert "org-zip/ajanvaraus" in out and "org-evil" not in out


def test_a_git_package_at_a_tag(tmp_path: Path) -> None:
    repo = tmp_path / "terms-repo"
    (repo / "vocab").mkdir(parents=True)
    (repo / "vocab" / "org.yaml").write_text(org("org-git"), encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "terms"], check=True)
    subprocess.run([*git, "tag", "v1"], check=True)
    # A later commit on the branch: the tag, not the branch, is what the package pins.
    (repo / "vocab" / "org.yaml").write_text(org("org-later"), encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "later"], check=True)
    subprocess.run([*git, "checkout", "-q", "v1"], check=True)
    pin = run_cli(["vocab", "hash", str(repo)])[1].split()[0]  # the checkout at v1
    assert pin == digest({"vocab/org.yaml": org("org-git").encode()})
    app = project(tmp_path, f"  - git: ../terms-repo\n    ref: v1\n    sha256: {pin}\n")
    code, out, err = run_cli(["vocab", "sync"], cwd=app)
    assert code == 0, err
    assert "(commit " in out
    assert "org-git/ajanvaraus" in run_cli(["check", "--format", "concise", "teksti.txt"],
                                             cwd=app)[1]
    # The branch's head has other content: pinned to the same hash, it is refused.
    (app / ".termlint.yaml").write_text(
        f"packages:\n  - git: ../terms-repo\n    ref: HEAD\n    sha256: {pin}\n", "utf-8")
    subprocess.run([*git, "checkout", "-q", "-"], check=True)
    code, _, err = run_cli(["vocab", "sync"], cwd=app)
    assert code == 2 and "refused" in err


def test_a_path_package_and_tampering_in_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "org-terms"
    folder.mkdir()
    (folder / "org.yaml").write_text(org("org-path"), encoding="utf-8")
    pin = digest({"org.yaml": org("org-path").encode()})
    app = project(tmp_path, f"  - path: ../org-terms\n    sha256: {pin}\n")
    assert run_cli(["vocab", "sync"], cwd=app)[0] == 0
    package = load(app / ".termlint.yaml").packages[0]
    [stored] = installed_files(package)
    # A vocabulary changed in the cache decides what --fix writes: it is refused.
    stored.write_text(org("org-path").replace("aikavaraus", "ajanvaraus, x"), "utf-8")
    code, _, err = run_cli(["check", "teksti.txt"], cwd=app)
    assert code == 2 and "no longer matches the pinned hash" in err
    assert "run termlint vocab sync" in err
    # So is a manifest not signed with this user's key.
    assert run_cli(["vocab", "sync"], cwd=app)[0] == 0
    manifest = store_root() / package.key / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b"org.yaml", b"org.yml"))
    code, _, err = run_cli(["check", "teksti.txt"], cwd=app)
    assert code == 2 and "not signed by you" in err


@pytest.mark.parametrize(("archive", "message"), [
    (tar_gz({"../evil.yaml": b"id: x\n"}), "leaves the archive"),
    (tar_gz({"terms/../../evil.yaml": b"id: x\n"}), "leaves the archive"),
    (tar_gz({"/etc/evil.yaml": b"id: x\n"}), "absolute"),
    (zipped({"..\\evil.yaml": b"id: x\n"}), "absolute or foreign"),
    (zipped({"../evil.yaml": b"id: x\n"}), "leaves the archive"),
    (tar_gz({"README": b"x"}, links={"org.yaml": "/etc/passwd"}), "is a link"),
    (tar_gz({"README.md": b"no vocabulary here\n"}), "holds no vocabulary file"),
])
def test_hostile_archives_are_refused(tmp_path: Path, archive: bytes, message: str) -> None:
    path = tmp_path / "package.tar.gz"
    path.write_bytes(archive)
    package = Package("path", str(path), sha(archive))
    with pytest.raises(PackageError, match=message):
        sync(package)
    assert not (store_root() / package.key).exists()
    assert not (tmp_path.parent / "evil.yaml").exists()


def test_a_gzip_bomb_stops_at_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_MAX_PACKAGE_MB", "1")
    bomb = tar_gz({"org.yaml": b"#" * (8 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024
    with pytest.raises(PackageError, match="more than 1 MiB"):
        from_bytes(bomb, "bomb.tar.gz", "bomb")


def test_a_download_larger_than_the_limit_is_refused(server: tuple[str, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    base, www = server
    big = os.urandom(2 * 1024 * 1024)
    (www / "big.yaml").write_bytes(big)
    monkeypatch.setenv("TERMLINT_MAX_PACKAGE_MB", "1")
    with pytest.raises(PackageError, match="larger than 1 MiB"):
        sync(Package("url", f"{base}/big.yaml", sha(big)))


@pytest.mark.parametrize(("entry", "message"), [
    ("  - url: https://example.org/t.yaml\n", "needs 'sha256'"),
    ("  - url: https://example.org/t.yaml\n    sha256: abc\n", "64 hexadecimal digits"),
    (f"  - url: file:///etc/t.yaml\n    sha256: {'a' * 64}\n", "http:// or https://"),
    (f"  - url: https://me:s3cret@example.org/t.yaml\n    sha256: {'a' * 64}\n",
     "must not hold credentials"),
    (f"  - path: t.yaml\n    git: x\n    sha256: {'a' * 64}\n", "exactly one of url"),
    (f"  - path: t.yaml\n    ref: main\n    sha256: {'a' * 64}\n", "'ref' is a branch"),
    (f"  - git: --upload-pack=evil\n    sha256: {'a' * 64}\n", "must be a URL or a path"),
    (f"  - url: https://example.org/t.yaml\n    sha: {'a' * 64}\n", "unknown key 'sha'"),
])
def test_bad_package_entries_are_config_errors(tmp_path: Path, entry: str, message: str) -> None:
    app = project(tmp_path, entry)
    with pytest.raises(ConfigError, match=message) as caught:
        load(app / ".termlint.yaml")
    assert caught.value.line == 2


def test_old_pins_are_pruned_beyond_the_kept_number(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import termlint.packages as packages

    monkeypatch.setattr(packages, "KEEP", 1)
    synced = []
    for name in ("first", "second"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(org(f"org-{name}"), encoding="utf-8")
        package = Package("path", str(path), sha(path.read_bytes()))
        sync(package)
        os.utime(store_root() / package.key, (1, 1) if name == "first" else None)
        synced.append(package)
    sync(synced[1])  # a sync prunes: the least recently used goes
    assert not (store_root() / synced[0].key).exists()
    assert [p.name for p in installed_files(synced[1])] == ["second.yaml"]


def test_sync_of_a_configuration_without_packages(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / ".termlint.yaml").write_text("fail-level: error\n", encoding="utf-8")
    code, _, err = run_cli(["vocab", "sync"], cwd=empty)
    assert code == 0 and "nothing to sync" in err


def test_sync_where_no_configuration_is_found(tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / ".git").mkdir()  # the search for a configuration stops at a repository's root
    code, _, err = run_cli(["vocab", "sync"], cwd=bare)
    assert code == 0 and "no configuration file found" in err and "nothing to sync" in err
