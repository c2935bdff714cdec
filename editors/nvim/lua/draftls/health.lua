-- :checkhealth draftls
local M = {}

local health = vim.health

--- The version line of the server, `draftls 0.1.0`, or nil and an error.
local function server_version(exe)
  local ok, result = pcall(function()
    return vim.system({ exe, '--version' }, { text = true }):wait(10000)
  end)
  if not ok then
    return nil, tostring(result)
  end
  if result.code ~= 0 then
    return nil, ('exit %d: %s'):format(result.code, vim.trim(result.stderr or ''))
  end
  return vim.trim(result.stdout or ''), nil
end

local function check_server()
  health.start('draftls: the language server')
  local cmd = require('draftls').cmd()
  if not cmd then
    health.error('vim.lsp.config.draftls.cmd is not a command line', {
      'Add editors/nvim to the runtime path (it has lsp/draftls.lua), or set it: vim.lsp.config("draftls", { cmd = { "/path/to/draftls" } })',
    })
    return
  end
  local exe = vim.fn.exepath(cmd[1])
  if exe == '' then
    health.error(('`%s` (vim.lsp.config.draftls.cmd) is not an executable on PATH'):format(cmd[1]), {
      'Install the server: `cargo install --path server` in the draftls repository (puts draftls in ~/.cargo/bin)',
      'or set vim.lsp.config("draftls", { cmd = { "/path/to/draftls" } })',
    })
    return
  end
  health.ok(('server: %s'):format(exe))
  local version, err = server_version(exe)
  if version then
    health.ok(('`%s --version`: %s'):format(cmd[1], version))
  else
    health.error(('`%s --version` failed: %s'):format(exe, err))
  end
  local enabled = vim.lsp.is_enabled and vim.lsp.is_enabled('draftls')
  if enabled == false then
    health.warn('the server is not enabled', { 'Call vim.lsp.enable("draftls") in your config' })
  end
end

local function check_parser()
  health.start('draftls: tree-sitter parser')
  local ok, found = pcall(vim.treesitter.language.add, 'resolution')
  if ok and found then
    local files = vim.api.nvim_get_runtime_file('parser/resolution.so', false)
    health.ok('parser `resolution` installed' .. (files[1] and (': ' .. files[1]) or ''))
  else
    health.warn('parser `resolution` not installed: no tree-sitter highlighting or folding (the server still highlights)', {
      'Compile grammar/src into a parser/ folder on the runtime path (editors/README.md), or :TSInstall resolution with nvim-treesitter',
    })
  end
end

local function check_buffers()
  health.start('draftls: drafts')
  local any = false
  for _, client in ipairs(vim.lsp.get_clients({ name = 'draftls' })) do
    for bufnr in pairs(client.attached_buffers) do
      any = true
      local name = vim.api.nvim_buf_get_name(bufnr)
      name = name ~= '' and vim.fn.fnamemodify(name, ':~:.') or ('buffer ' .. bufnr)
      local response, err = client:request_sync(
        'draftls/asOf',
        { textDocument = { uri = vim.uri_from_bufnr(bufnr) } },
        5000,
        bufnr
      )
      local result = response and response.result
      if result and result.source ~= 'error' then
        local what = result.conference and ('%s (%s)'):format(result.conference, result.date or '?') or result.date or '?'
        local why = result.description or result.source
        health.ok(('%s: checked as of %s, %s'):format(name, what, why))
      else
        local message = (result and result.message) or (response and response.err and response.err.message) or err or 'no answer'
        health.warn(('%s: draftls/asOf failed: %s'):format(name, message))
      end
    end
  end
  if not any then
    health.info('no buffer has draftls attached (open a draft: *.res.md, *.resolution, a *.txt or *.md that looks like one, or :DraftlsMark)')
  end
end

function M.check()
  check_server()
  check_parser()
  check_buffers()
end

return M
