-- Drafts of resolutions: *.res.md and *.resolution, and *.txt and *.md files
-- whose first 40 lines look like a draft (lua/draftls/detect.lua; set
-- vim.g.draftls_detect_by_content = false to turn that off). :DraftlsMark
-- makes any buffer one.
local function by_content(path, bufnr)
  return require('draftls.detect').filetype(path, bufnr)
end
vim.filetype.add({
  extension = { resolution = 'resolution' },
  pattern = {
    ['.*%.res%.md'] = 'resolution',
    ['.*%.txt'] = by_content,
    ['.*%.md'] = by_content,
  },
})
