-- draftls for Neovim: the filetype (ftdetect/), the language server
-- configuration (lsp/draftls.lua) and tree-sitter queries (queries/resolution/).
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
