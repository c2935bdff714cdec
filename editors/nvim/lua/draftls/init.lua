-- draftls for Neovim: helpers of plugin/draftls.lua and health.lua.
local M = {}

--- Whether the plugin turns on virtual text for draftls diagnostics: only when
--- the user has not (global virtual_text and virtual_lines unset or false)
--- and vim.g.draftls_no_virtual_text is not set.
---@param config? vim.diagnostic.Opts the global diagnostic config (default: the current one)
function M.wants_virtual_text(config)
  if vim.g.draftls_no_virtual_text then
    return false
  end
  config = config or vim.diagnostic.config() or {}
  return not config.virtual_text and not config.virtual_lines
end

--- The command line that starts the server: vim.lsp.config.draftls.cmd.
---@return string[]?
function M.cmd()
  local config = vim.lsp.config.draftls
  local cmd = config and config.cmd
  if type(cmd) == 'table' and cmd[1] then
    return cmd
  end
  return nil
end

return M
