"""The draftls language server driven by a third-party LSP client (pytest-lsp)."""

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from conftest import FIXTURES, SEED, draftls_binary

URI = SEED.as_uri()
TEXT = SEED.read_text(encoding="utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[draftls_binary()]))
async def client(lsp_client: LanguageClient):
    # Neovim's capabilities without pull diagnostics, so the server pushes them.
    capabilities = client_capabilities("neovim")
    capabilities.text_document.diagnostic = None
    params = types.InitializeParams(capabilities=capabilities)
    lsp_client.server_result = await lsp_client.initialize_session(params)
    lsp_client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=URI, language_id="resolution", version=1, text=TEXT)
        )
    )
    await asyncio.wait_for(lsp_client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    yield
    await lsp_client.shutdown_session()


def position(line: int, character: int) -> types.Position:
    return types.Position(line=line - 1, character=character)


@pytest.mark.asyncio
async def test_capabilities_are_advertised(client: LanguageClient):
    init = client.server_result.capabilities
    assert init.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert init.hover_provider
    assert init.document_symbol_provider
    assert init.folding_range_provider
    assert init.semantic_tokens_provider.full
    assert types.CodeActionKind.QuickFix in init.code_action_provider.code_action_kinds


@pytest.mark.asyncio
async def test_diagnostics_are_pushed_with_codes(client: LanguageClient):
    diagnostics = client.diagnostics[URI]
    duplicate = [d for d in diagnostics if d.code == "duplicate-label"]
    assert any(d.range.start.line == 42 for d in duplicate)
    broken = {d.range.start.line + 1 for d in diagnostics if d.code == "broken-lettering"}
    assert {101, 121} <= broken


@pytest.mark.asyncio
async def test_code_action_continues_the_restarted_list(client: LanguageClient):
    diagnostic = next(d for d in client.diagnostics[URI] if d.range.start.line == 42)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    renumber = next(a for a in actions if a.title == "Continue the list: renumber from `h)`")
    assert renumber.is_preferred
    edits = renumber.edit.changes[URI]
    assert [(e.range.start.line, e.new_text) for e in edits] == [(42, "h)"), (44, "i)"), (46, "j)")]
    assert edits[0].range == diagnostic.range


@pytest.mark.asyncio
async def test_hover_shows_the_cited_resolution(client: LanguageClient):
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position(41, 6))
    )
    assert "WTDC Resolution 45" in hover.contents.value
    assert "Mechanisms for enhancing cooperation on cybersecurity" in hover.contents.value


@pytest.mark.asyncio
async def test_semantic_tokens_mark_headings_labels_and_deletions(client: LanguageClient):
    legend = client.server_result.capabilities.semantic_tokens_provider.legend
    tokens = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    line = col = 0
    found = []
    data = tokens.data
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, modifiers = data[i : i + 5]
        line += delta_line
        col = col + delta_start if delta_line == 0 else delta_start
        found.append((line + 1, col, length, legend.token_types[kind], modifiers))
    assert (21, 0, 9, "keyword", 0) in found  # recalling
    assert (27, 0, 2, "enumMember", 0) in found  # a)
    assert (23, 0, 11, "decorator", 0) in found  # ARB/79A2/13
    deleted = [t for t in found if t[0] == 39]
    # A struck-out clause: everything on it is marked deprecated.
    assert deleted and all(t[4] == 1 for t in deleted)
    assert deleted[0][3] == "comment"


@pytest.mark.asyncio
async def test_document_symbols_are_sections_with_clauses(client: LanguageClient):
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    names = [s.name for s in symbols]
    assert names[:3] == ["Title block", "recalling", "considering"]
    assert symbols[1].children[0].name == "ARB/79A2/13"


@pytest.mark.asyncio
async def test_folding_ranges_cover_sections(client: LanguageClient):
    ranges = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert any(r.start_line == 20 and r.end_line == 46 for r in ranges)
