#!/usr/bin/env python3
"""End-to-end LSP benchmark over stdio: draftls side by side with rumdl.

Speaks LSP itself (Content-Length framing, stdlib only) and measures, per
server x diagnostics mode (pull / push) x draft:

* open -> first diagnostics: from writing didOpen to the pulled report
  (pull) or to the publishDiagnostics of version 1 (push);
* N single-character edits at deterministic random places, one at a time:
  from writing didChange (version v) to the diagnostics of version v;
  p50 / p95 / p99 / max;
* RSS after open (VmRSS once the first diagnostics arrived) and peak RSS
  (VmHWM at the end), both from /proc/PID/status.

Incremental servers (textDocumentSync.change = 2) get one ranged insert
per edit; full-sync servers (change = 1, e.g. rumdl) get the whole text,
as their capabilities ask.  The edit script (positions and letters) depends
only on --seed and the draft, so every server sees the same edits.

Usage (see tests/bench/README.md and tests/bench/run.sh):

    python3 tests/bench/lsp_bench.py --server target/release/draftls \\
        --rumdl target/bench/venv/bin/rumdl \\
        --draft target/bench/draft-1MB.txt --draft target/bench/draft-10MB.txt:100 \\
        --json target/bench/results.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LETTERS = "abcdefghijklmnopqrstuvwxyz"


class BenchError(Exception):
    """A run that cannot go on (timeout, server exit, protocol error)."""


# --------------------------------------------------------------------------
# Text bookkeeping: our own copy of the document, positions in UTF-16.


def utf16_len(s: str) -> int:
    # Each code point above U+FFFF takes two UTF-16 code units.
    if s.isascii():
        return len(s)
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def position_of(text: str, index: int) -> dict[str, int]:
    """LSP position (UTF-16) of the code point index `index` in `text`.

    Lines end at \\n, \\r\\n or a lone \\r, as LSP says."""
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    if "\r" in text:  # lone \r also ends a line
        line += text.count("\r", 0, index) - text.count("\r\n", 0, index + 1)
        cr = text.rfind("\r", start, index)
        if cr >= 0 and not (cr + 1 < len(text) and text[cr + 1] == "\n"):
            start = cr + 1
    return {"line": line, "character": utf16_len(text[start:index])}


def edit_script(text: str, count: int, seed: int) -> list[tuple[int, str]]:
    """`count` (code point index, letter) inserts, each index valid in the
    text as it is after the previous inserts (never between \\r and \\n)."""
    rng = random.Random(seed)
    length = len(text)
    edits: list[tuple[int, str]] = []
    # Indices between \r and \n are drawn again; a shadow copy of the text
    # is kept only when it has a \r at all.
    shadow = text if "\r" in text else None
    for _ in range(count):
        while True:
            index = rng.randint(0, length)
            if shadow is None or not (0 < index < len(shadow) and shadow[index - 1] == "\r" and shadow[index] == "\n"):
                break
        letter = rng.choice(LETTERS)
        if shadow is not None:
            shadow = shadow[:index] + letter + shadow[index:]
        edits.append((index, letter))
        length += 1
    return edits


# --------------------------------------------------------------------------
# A minimal LSP client over stdio.


class LspClient:
    def __init__(self, name: str, argv: list[str], timeout: float, log_path: Path):
        self.name = name
        self.argv = argv
        self.timeout = timeout
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None
        self.next_id = 1
        self.pending: dict[int, asyncio.Future] = {}
        # (receipt time, params) of publishDiagnostics, in arrival order.
        self.publishes: asyncio.Queue = asyncio.Queue()
        self.reader_task: asyncio.Task | None = None
        self.stderr_task: asyncio.Task | None = None
        self.closed = asyncio.Event()
        self.exit_reason = ""

    async def start(self) -> None:
        try:
            self.proc = await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                limit=1 << 20,
                start_new_session=True,
            )
        except OSError as e:
            raise BenchError(f"{self.name}: cannot start {self.argv}: {e}") from e
        self.reader_task = asyncio.create_task(self._read_loop())
        self.stderr_task = asyncio.create_task(self._drain_stderr())

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def _drain_stderr(self) -> None:
        assert self.proc and self.proc.stderr
        with open(self.log_path, "ab") as log:
            while chunk := await self.proc.stderr.read(65536):
                log.write(chunk)

    async def _read_loop(self) -> None:
        assert self.proc and self.proc.stdout
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = await out.readline()
                    if not line:
                        raise EOFError
                    line = line.strip()
                    if not line:
                        break
                    key, _, value = line.decode("ascii").partition(":")
                    if key.strip().lower() == "content-length":
                        length = int(value)
                if length is None:
                    raise BenchError(f"{self.name}: message without Content-Length")
                body = await out.readexactly(length)
                # The clock stops when the whole message has arrived, before
                # Python spends time decoding it.
                received = time.perf_counter()
                self._dispatch(json.loads(body), received)
        except (EOFError, asyncio.IncompleteReadError):
            self.exit_reason = f"{self.name} closed its stdout (exit code {self.proc.returncode})"
        except Exception as e:  # noqa: BLE001 - reported to every waiter
            self.exit_reason = f"{self.name}: reading its output failed: {e!r}"
        finally:
            self.closed.set()
            for fut in self.pending.values():
                if not fut.done():
                    fut.set_exception(BenchError(self.exit_reason))

    def _dispatch(self, msg: dict[str, Any], received: float) -> None:
        if "id" in msg and "method" not in msg:
            fut = self.pending.pop(msg["id"], None)
            if fut is not None and not fut.done():
                fut.set_result((received, msg))
        elif "method" in msg and "id" in msg:
            # A request from the server: answer as a plain editor would.
            method = msg["method"]
            if method == "workspace/configuration":
                items = (msg.get("params") or {}).get("items") or []
                result: Any = [None] * len(items)
            else:  # client/registerCapability, workspace/diagnostic/refresh, ...
                result = None
            self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
        elif msg.get("method") == "textDocument/publishDiagnostics":
            self.publishes.put_nowait((received, msg["params"]))

    @staticmethod
    def encode(msg: dict[str, Any]) -> bytes:
        body = json.dumps(msg, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def _write(self, msg: dict[str, Any] | bytes) -> None:
        assert self.proc and self.proc.stdin
        data = msg if isinstance(msg, bytes) else self.encode(msg)
        self.proc.stdin.write(data)

    async def send(self, data: bytes) -> float:
        """Writes an already encoded message; returns the time it started."""
        assert self.proc and self.proc.stdin
        start = time.perf_counter()
        self.proc.stdin.write(data)
        try:
            await asyncio.wait_for(self.proc.stdin.drain(), self.timeout)
        except asyncio.TimeoutError:
            raise BenchError(f"{self.name}: did not read its input within {self.timeout:g} s") from None
        except (BrokenPipeError, ConnectionResetError):
            raise BenchError(self.exit_reason or f"{self.name} exited") from None
        return start

    def notification(self, method: str, params: Any) -> bytes:
        return self.encode({"jsonrpc": "2.0", "method": method, "params": params})

    def request_message(self, method: str, params: Any) -> tuple[int, bytes, asyncio.Future]:
        rid = self.next_id
        self.next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self.pending[rid] = fut
        return rid, self.encode({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}), fut

    async def wait_response(self, rid: int, fut: asyncio.Future, what: str) -> tuple[float, dict[str, Any]]:
        try:
            received, msg = await asyncio.wait_for(fut, self.timeout)
        except asyncio.TimeoutError:
            self.pending.pop(rid, None)
            raise BenchError(f"{self.name}: no answer to {what} within {self.timeout:g} s") from None
        if "error" in msg:
            raise BenchError(f"{self.name}: {what} failed: {msg['error']}")
        return received, msg

    async def request(self, method: str, params: Any) -> tuple[float, dict[str, Any]]:
        rid, data, fut = self.request_message(method, params)
        await self.send(data)
        return await self.wait_response(rid, fut, method)

    async def wait_publish(self, uri: str, version: int | None, what: str) -> tuple[float, dict[str, Any]]:
        """The next publishDiagnostics for `uri` of `version` (of any version
        when the server does not say which)."""
        deadline = time.perf_counter() + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise BenchError(f"{self.name}: no publishDiagnostics for {what} within {self.timeout:g} s")
            try:
                received, params = await asyncio.wait_for(self.publishes.get(), remaining)
            except asyncio.TimeoutError:
                continue
            if params.get("uri") != uri:
                continue
            got = params.get("version")
            if version is None or got is None or got == version:
                return received, params
            # An older version's late publication: skip it.

    async def stop(self) -> None:
        """shutdown + exit, then kill whatever is left (always)."""
        proc = self.proc
        if proc is None:
            return
        try:
            if proc.returncode is None and not self.closed.is_set():
                try:
                    rid, data, fut = self.request_message("shutdown", None)
                    await self.send(data)
                    await asyncio.wait_for(fut, 5)
                    await self.send(self.notification("exit", None))
                    proc.stdin.close()
                    await asyncio.wait_for(proc.wait(), 5)
                except (BenchError, asyncio.TimeoutError, OSError):
                    pass
        finally:
            if proc.returncode is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                await proc.wait()
            for task in (self.reader_task, self.stderr_task):
                if task is not None:
                    try:
                        await asyncio.wait_for(task, 5)
                    except (asyncio.TimeoutError, Exception):  # noqa: BLE001
                        task.cancel()


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM of `pid`, in KiB."""
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


# --------------------------------------------------------------------------
# One run: one server, one mode, one draft.


@dataclass
class Run:
    server: str
    mode: str  # what was asked: pull | push
    used: str  # what was measured: pull | push (a server may support one only)
    draft: str
    bytes: int
    sync: str = ""
    edits: int = 0
    open_ms: float | None = None
    edit_ms: list[float] = field(default_factory=list)
    diagnostics_open: int | None = None
    diagnostics_last: int | None = None
    verified: bool | None = None
    rss_after_open_kib: int | None = None
    peak_rss_kib: int | None = None
    error: str | None = None
    note: str = ""

    def percentile(self, p: float) -> float | None:
        if not self.edit_ms:
            return None
        xs = sorted(self.edit_ms)
        # Nearest rank.
        k = max(0, min(len(xs) - 1, int(-(-p * len(xs) // 100)) - 1))
        return xs[k]

    def summary(self) -> dict[str, Any]:
        return {
            "open_ms": self.open_ms,
            "p50_ms": self.percentile(50),
            "p95_ms": self.percentile(95),
            "p99_ms": self.percentile(99),
            "max_ms": max(self.edit_ms) if self.edit_ms else None,
            "rss_after_open_mib": self.rss_after_open_kib / 1024 if self.rss_after_open_kib else None,
            "peak_rss_mib": self.peak_rss_kib / 1024 if self.peak_rss_kib else None,
        }


def initialize_params(mode: str, root: Path) -> dict[str, Any]:
    text_document: dict[str, Any] = {
        "synchronization": {"dynamicRegistration": False, "didSave": True},
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
    }
    if mode == "pull":
        text_document["diagnostic"] = {"dynamicRegistration": False, "relatedDocumentSupport": False}
    return {
        "processId": os.getpid(),
        "clientInfo": {"name": "draftls-lsp-bench"},
        "rootUri": root.as_uri(),
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": text_document,
            "workspace": {"configuration": True},
            "window": {"workDoneProgress": False},
        },
    }


def canonical(items: list[Any] | None) -> list[str] | None:
    """Diagnostics compared without their order or their data fields."""
    if items is None:
        return None
    keep = ("range", "severity", "code", "message")
    return sorted(json.dumps({k: d.get(k) for k in keep}, sort_keys=True) for d in items)


async def bench_one(
    server: str,
    argv: list[str],
    mode: str,
    draft: Path,
    text: str,
    edits: list[tuple[int, str]],
    timeout: float,
    workdir: Path,
    progress: bool,
    verify: bool,
) -> Run:
    run = Run(server=server, mode=mode, used=mode, draft=draft.name, bytes=len(text.encode("utf-8")))
    root = Path(tempfile.mkdtemp(prefix=f"{server}-{mode}-", dir=workdir))
    # rumdl lints Markdown files only; draftls does not care about the name.
    doc_path = root / ("draft.md" if server == "rumdl" else "draft.txt")
    doc_path.write_text(text, encoding="utf-8", newline="")
    uri = doc_path.as_uri()
    language = "markdown" if server == "rumdl" else "plaintext"
    client = LspClient(f"{server} ({mode}, {draft.name})", argv, timeout, workdir / f"{server}-{mode}-{draft.stem}.stderr.log")
    try:
        await client.start()
        _, init = await client.request("initialize", initialize_params(mode, root))
        caps = init.get("result", {}).get("capabilities", {})
        sync = caps.get("textDocumentSync")
        change_kind = sync.get("change", 0) if isinstance(sync, dict) else (sync or 0)
        if change_kind not in (1, 2):
            raise BenchError(f"{client.name}: textDocumentSync.change = {change_kind}; cannot send edits")
        run.sync = "incremental" if change_kind == 2 else "full"
        encoding = caps.get("positionEncoding", "utf-16")
        if encoding != "utf-16":
            raise BenchError(f"{client.name}: chose position encoding {encoding!r}; only utf-16 was offered")
        pulls = mode == "pull"
        if pulls and not caps.get("diagnosticProvider"):
            pulls = False
            run.used = "push"
            run.note = "no diagnosticProvider: measured push"
        await client.send(client.notification("initialized", {}))

        async def diagnostics_for(
            version: int, start_data: bytes, uri: str = uri
        ) -> tuple[float, float, list[Any] | None]:
            """Sends `start_data`, then gets the diagnostics of `version`;
            returns (start, end, the diagnostics)."""
            if pulls:
                rid, req, fut = client.request_message(
                    "textDocument/diagnostic", {"textDocument": {"uri": uri}}
                )
                start = await client.send(start_data)
                await client.send(req)
                end, msg = await client.wait_response(rid, fut, f"textDocument/diagnostic for version {version}")
                result = msg.get("result")
                items = result.get("items") if isinstance(result, dict) else None
                return start, end, items if isinstance(items, list) else None
            start = await client.send(start_data)
            end, params = await client.wait_publish(uri, version, f"version {version}")
            if params.get("version") is None:
                run.note = "publishDiagnostics without version: took the next one"
            return start, end, params.get("diagnostics") or []

        open_msg = client.notification(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
        )
        start, end, items = await diagnostics_for(1, open_msg)
        n = None if items is None else len(items)
        run.open_ms = (end - start) * 1000
        run.diagnostics_open = n
        run.rss_after_open_kib = proc_status(client.pid).get("VmRSS")
        if progress:
            print(f"  {client.name}: open -> first diagnostics {run.open_ms:.1f} ms ({n} diagnostics)", file=sys.stderr)

        doc = text
        version = 1
        t0 = time.perf_counter()
        for i, (index, letter) in enumerate(edits):
            version += 1
            if run.sync == "incremental":
                pos = position_of(doc, index)
                change = {"range": {"start": pos, "end": pos}, "text": letter}
                doc = doc[:index] + letter + doc[index:]
            else:
                doc = doc[:index] + letter + doc[index:]
                change = {"text": doc}
            msg = client.notification(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
            )
            start, end, items = await diagnostics_for(version, msg)
            run.edit_ms.append((end - start) * 1000)
            run.diagnostics_last = None if items is None else len(items)
            run.edits = i + 1
            if progress and (i + 1) % 50 == 0:
                elapsed = time.perf_counter() - t0
                print(f"  {client.name}: {i + 1}/{len(edits)} edits ({elapsed:.0f} s)", file=sys.stderr)
        run.peak_rss_kib = proc_status(client.pid).get("VmHWM")
        if verify and edits:
            # The server's copy must be ours: a fresh document with our final
            # text must get the same diagnostics as the edited one (not timed,
            # after the peak RSS was read).
            fresh_path = root / ("fresh" + doc_path.suffix)
            fresh_path.write_text(doc, encoding="utf-8", newline="")
            fresh_uri = fresh_path.as_uri()
            fresh_open = client.notification(
                "textDocument/didOpen",
                {"textDocument": {"uri": fresh_uri, "languageId": language, "version": 1, "text": doc}},
            )
            _, _, fresh = await diagnostics_for(1, fresh_open, fresh_uri)
            run.verified = canonical(fresh) == canonical(items)
            if not run.verified:
                raise BenchError(
                    f"{client.name}: after the edits the server's diagnostics ({run.diagnostics_last}) differ from "
                    f"those of a fresh open of the same text ({None if fresh is None else len(fresh)}): "
                    "its copy of the text is not ours"
                )
    except BenchError as e:
        run.error = str(e)
        run.peak_rss_kib = proc_status(client.pid).get("VmHWM") if client.proc else None
        print(f"ERROR: {e}", file=sys.stderr)
    finally:
        await client.stop()
        shutil.rmtree(root, ignore_errors=True)
    return run


# --------------------------------------------------------------------------
# Report.


def fmt(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def size_label(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n >= 1_000_000 else f"{n / 1e3:.0f} kB"


def markdown(runs: list[Run]) -> str:
    lines = [
        "| server | mode | draft | sync | edits | open→first (ms) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) "
        "| RSS after open (MiB) | peak RSS (MiB) | diagnostics | note |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        s = r.summary()
        mode = r.used if r.used == r.mode else f"{r.used} (asked {r.mode})"
        note = "; ".join(x for x in (r.note, f"ERROR: {r.error}" if r.error else "") if x)
        lines.append(
            f"| {r.server} | {mode} | {size_label(r.bytes)} | {r.sync or '–'} | {r.edits} | {fmt(s['open_ms'])} "
            f"| {fmt(s['p50_ms'])} | {fmt(s['p95_ms'])} | {fmt(s['p99_ms'])} | {fmt(s['max_ms'])} "
            f"| {fmt(s['rss_after_open_mib'])} | {fmt(s['peak_rss_mib'])} | {r.diagnostics_open if r.diagnostics_open is not None else '–'} "
            f"| {note} |"
        )
    pairs = []
    for r in runs:
        if r.server != "draftls":
            continue
        for o in runs:
            if o.server == "rumdl" and o.mode == r.mode and o.draft == r.draft:
                pairs.append((r, o))
    if pairs:
        lines += [
            "",
            "Ratios draftls / rumdl (above 1: draftls is slower or bigger):",
            "",
            "| mode | draft | open→first | p50 | p95 | p99 | max | RSS after open | peak RSS | draftls p99 / rumdl p50 |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]

        def ratio(a: float | None, b: float | None) -> str:
            return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×"

        for d, o in pairs:
            a, b = d.summary(), o.summary()
            cells = [ratio(a[k], b[k]) for k in ("open_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms", "rss_after_open_mib", "peak_rss_mib")]
            cells.append(ratio(a["p99_ms"], b["p50_ms"]))
            lines.append(f"| {d.mode} | {size_label(d.bytes)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------


def parse_draft(arg: str, default_edits: int) -> tuple[Path, int]:
    path, sep, edits = arg.rpartition(":")
    if sep and edits.isdigit():
        return Path(path), int(edits)
    return Path(arg), default_edits


async def main_async(args: argparse.Namespace) -> int:
    servers: list[tuple[str, list[str]]] = [("draftls", [args.server])]
    if args.rumdl:
        servers.append(("rumdl", [args.rumdl, "server", "--no-config"]))
    for name, argv in servers:
        if not os.access(argv[0], os.X_OK):
            print(f"error: {name}: {argv[0]} is not an executable (build or install it first)", file=sys.stderr)
            return 2
    modes = ["pull", "push"] if args.mode == "both" else [args.mode]
    drafts = [parse_draft(d, args.edits) for d in args.draft]
    workdir = Path(tempfile.mkdtemp(prefix="lsp-bench-", dir=args.workdir))
    runs: list[Run] = []
    try:
        for draft, n_edits in drafts:
            try:
                with open(draft, encoding="utf-8", newline="") as f:
                    text = f.read()
            except OSError as e:
                print(f"error: cannot read the draft {draft}: {e}", file=sys.stderr)
                return 2
            edits = edit_script(text, n_edits, args.seed)
            for mode in modes:
                # draftls and rumdl alternate on the same draft and edits.
                for name, argv in servers:
                    print(f"{name} {mode} {draft.name} ({n_edits} edits)...", file=sys.stderr)
                    run = await bench_one(
                        name, argv, mode, draft, text, edits, args.timeout, workdir, not args.quiet, not args.no_verify
                    )
                    runs.append(run)
    finally:
        if not args.keep_logs:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"server logs kept in {workdir}", file=sys.stderr)

    print(markdown(runs))
    if args.json:
        out = {
            "seed": args.seed,
            "timeout_s": args.timeout,
            "machine": machine(),
            "runs": [
                {
                    "server": r.server,
                    "mode": r.mode,
                    "used": r.used,
                    "draft": r.draft,
                    "bytes": r.bytes,
                    "sync": r.sync,
                    "edits": r.edits,
                    "open_ms": r.open_ms,
                    "edit_ms": r.edit_ms,
                    "summary": r.summary(),
                    "diagnostics_open": r.diagnostics_open,
                    "diagnostics_last": r.diagnostics_last,
                    "verified": r.verified,
                    "rss_after_open_kib": r.rss_after_open_kib,
                    "peak_rss_kib": r.peak_rss_kib,
                    "note": r.note,
                    "error": r.error,
                }
                for r in runs
            ],
        }
        Path(args.json).write_text(json.dumps(out, indent=1))
    return 1 if any(r.error for r in runs) else 0


def machine() -> dict[str, Any]:
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", default="target/release/draftls", help="draftls binary (default: %(default)s)")
    p.add_argument("--rumdl", help="rumdl binary to run side by side (e.g. target/bench/venv/bin/rumdl)")
    p.add_argument("--mode", choices=["pull", "push", "both"], default="both")
    p.add_argument(
        "--draft",
        action="append",
        required=True,
        help="draft file, optionally PATH:EDITS to set the number of edits for it; repeatable",
    )
    p.add_argument("--edits", type=int, default=500, help="edits per draft unless PATH:EDITS (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1, help="seed of the edit positions and letters (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default: %(default)s)")
    p.add_argument("--json", help="write the raw numbers to this file")
    p.add_argument("--workdir", default=None, help="where the temporary workspaces go (default: system temp)")
    p.add_argument("--keep-logs", action="store_true", help="keep the servers' stderr logs")
    p.add_argument(
        "--no-verify",
        action="store_true",
        help="skip the check that the server's text matches ours after the edits",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = p.parse_args()
    try:
        return asyncio.run(main_async(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
