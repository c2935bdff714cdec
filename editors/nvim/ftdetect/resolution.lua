-- Drafts of resolutions: *.res.md and *.resolution.
vim.filetype.add({
  extension = { resolution = 'resolution' },
  pattern = { ['.*%.res%.md'] = 'resolution' },
})
