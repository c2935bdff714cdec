-- Configuration of the draftls language server for Neovim 0.11+
-- (`vim.lsp.config` / `vim.lsp.enable`). Override any field with
-- `vim.lsp.config('draftls', { ... })`.
---@type vim.lsp.Config
return {
  cmd = { 'draftls' },
  filetypes = { 'resolution' },
  root_markers = { 'draftls.toml', '.git' },
  -- `asOf` (a conference such as "PP-14", or a date) and per-code severities
  -- ("error", "warning", "information", "hint" or "off").
  init_options = { draftls = {} },
  settings = { draftls = {} },
}
