-- draftls for Neovim: the filetype (ftdetect/, lua/draftls/detect.lua), the
-- language server configuration (lsp/draftls.lua), tree-sitter queries
-- (queries/resolution/), :checkhealth draftls (lua/draftls/health.lua).
if vim.g.loaded_draftls then
  return
end
vim.g.loaded_draftls = true

-- Start tree-sitter highlighting and folding when the `resolution` parser is
-- installed (see editors/README.md).
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'resolution',
  callback = function(args)
    if pcall(vim.treesitter.start, args.buf, 'resolution') then
      vim.wo[0][0].foldmethod = 'expr'
      vim.wo[0][0].foldexpr = 'v:lua.vim.treesitter.foldexpr()'
      vim.wo[0][0].foldlevel = 99
    end
  end,
})

-- :DraftlsRestart restarts the language server of the current buffer.
vim.api.nvim_create_user_command('DraftlsRestart', function()
  for _, client in ipairs(vim.lsp.get_clients({ name = 'draftls' })) do
    client:stop()
  end
  vim.defer_fn(function()
    vim.cmd.edit()
  end, 500)
end, { desc = 'Restart the draftls language server' })

-- :DraftlsMark makes the current buffer a draft (filetype `resolution`).
vim.api.nvim_create_user_command('DraftlsMark', function()
  vim.bo.filetype = 'resolution'
end, { desc = 'Treat this buffer as a resolution draft' })

-- Diagnostics as virtual text in drafts, unless the user chose how
-- diagnostics show (vim.diagnostic.config({ virtual_text = … }) or
-- virtual_lines) or set vim.g.draftls_no_virtual_text.
vim.api.nvim_create_autocmd('LspAttach', {
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if not client or client.name ~= 'draftls' then
      return
    end
    if not require('draftls').wants_virtual_text() then
      return
    end
    for _, is_pull in ipairs({ false, true }) do
      local ns = vim.lsp.diagnostic.get_namespace(client.id, is_pull)
      vim.diagnostic.config({ virtual_text = true }, ns)
    end
  end,
})
