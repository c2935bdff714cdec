-- End-to-end test of draftls in Neovim 0.11 (headless). Run by run.sh with:
--   DRAFTLS_BIN, DRAFT (a copy of the seed named seed.txt, beside notes.txt,
--   comments.md and minutes.md), PARSER_DIR (holds parser/resolution.so),
--   PLUGIN_DIR (editors/nvim).
local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    print('ok   ' .. name)
  else
    failed = failed + 1
    print('FAIL ' .. name .. (detail and (': ' .. detail) or ''))
  end
end

vim.opt.rtp:prepend(os.getenv('PLUGIN_DIR'))
vim.opt.rtp:prepend(os.getenv('PARSER_DIR'))
vim.cmd('runtime! ftdetect/*.lua')
vim.cmd('runtime! plugin/draftls.lua')
vim.lsp.config('draftls', { cmd = { os.getenv('DRAFTLS_BIN') } })
vim.lsp.enable('draftls')

-- The plugin decides about virtual text (the user has not configured it here).
local draftls = require('draftls')
check('virtual text: wanted when the user left it unset', draftls.wants_virtual_text({}))
check('virtual text: not when the user set virtual_text', not draftls.wants_virtual_text({ virtual_text = { prefix = '>' } }))
check('virtual text: not when the user set virtual_lines', not draftls.wants_virtual_text({ virtual_lines = true }))
vim.g.draftls_no_virtual_text = true
check('virtual text: not with vim.g.draftls_no_virtual_text', not draftls.wants_virtual_text({}))
vim.g.draftls_no_virtual_text = nil

-- Files that are no drafts keep their filetype; :DraftlsMark changes it.
local dir = vim.fs.dirname(os.getenv('DRAFT'))
vim.cmd.edit(dir .. '/notes.txt')
check('notes.txt is not a draft', vim.bo.filetype == 'text', vim.bo.filetype)
vim.cmd('DraftlsMark')
check(':DraftlsMark makes it one', vim.bo.filetype == 'resolution', vim.bo.filetype)
vim.cmd.edit(dir .. '/comments.md')
check('a .md with a section heading and lettered clauses is a draft', vim.bo.filetype == 'resolution', vim.bo.filetype)
vim.cmd.edit(dir .. '/minutes.md')
check('a .md without them stays markdown', vim.bo.filetype == 'markdown', vim.bo.filetype)

vim.cmd.edit(os.getenv('DRAFT'))
local buf = vim.api.nvim_get_current_buf()
check('the seed (.txt) is recognised by content: filetype resolution', vim.bo[buf].filetype == 'resolution', vim.bo[buf].filetype)

-- The server attaches and reports lettering.
local attached = vim.wait(20000, function()
  return #vim.lsp.get_clients({ bufnr = buf, name = 'draftls' }) > 0
end, 50)
check('draftls attaches', attached)
local client = vim.lsp.get_clients({ bufnr = buf, name = 'draftls' })[1]

local function lettering_at(lnum)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == lnum and (d.code == 'duplicate-label' or d.code == 'broken-lettering') then
      return d
    end
  end
end
vim.wait(20000, function()
  return lettering_at(42) ~= nil
end, 50)
local duplicate = lettering_at(42)
check('line 43 is a duplicate label', duplicate and duplicate.code == 'duplicate-label', vim.inspect(duplicate))
-- The plugin turned on virtual text: the message shows at the end of line 43.
local function virtual_text_at(lnum)
  local texts = {}
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(buf, -1, { lnum, 0 }, { lnum, -1 }, { details = true })) do
    for _, chunk in ipairs(mark[4].virt_text or {}) do
      texts[#texts + 1] = chunk[1]
    end
  end
  return table.concat(texts)
end
vim.wait(5000, function()
  return virtual_text_at(42):find('restarts the list', 1, true) ~= nil
end, 50)
check('virtual text shows the diagnostic on line 43', virtual_text_at(42):find('restarts the list', 1, true) ~= nil, virtual_text_at(42))
check('line 101 is broken lettering', (lettering_at(100) or {}).code == 'broken-lettering')
check('line 121 is broken lettering', (lettering_at(120) or {}).code == 'broken-lettering')
for _, lnum in ipairs({ 26, 44, 46, 88, 90, 146, 147, 149, 249, 250, 254 }) do
  check('no lettering diagnostic on line ' .. (lnum + 1), lettering_at(lnum) == nil)
end

-- The quick fix for line 43, applied as vim.lsp.buf.code_action would.
if client and duplicate then
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = {
      start = { line = 42, character = 0 },
      ['end'] = { line = 42, character = 2 },
    },
    context = { diagnostics = { duplicate.user_data.lsp } },
  }
  local response = client:request_sync('textDocument/codeAction', params, 10000, buf)
  local relabel
  for _, action in ipairs((response and response.result) or {}) do
    if action.title == 'Continue the list: renumber from `h)`' then
      relabel = action
    end
  end
  check('the quick fix is offered', relabel ~= nil, vim.inspect(response))
  if relabel then
    vim.lsp.util.apply_workspace_edit(relabel.edit, client.offset_encoding)
    local line = vim.api.nvim_buf_get_lines(buf, 42, 43, false)[1]
    check('the quick fix relabels line 43', vim.startswith(line, 'h) Resolution 130'), line)
  end
end

-- Hover on "Resolution 45" (line 41).
if client then
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = 40, character = 6 },
  }
  local response = client:request_sync('textDocument/hover', params, 10000, buf)
  local value = response and response.result and response.result.contents.value or ''
  check('hover shows the cited title', value:find('Mechanisms for enhancing cooperation on cybersecurity', 1, true) ~= nil, value)
end

-- Tree-sitter highlighting attaches, with captures at a heading and a label.
local function captures_at(row, col)
  local names = {}
  for _, capture in ipairs(vim.treesitter.get_captures_at_pos(buf, row, col)) do
    names[#names + 1] = capture.capture
  end
  return names
end
check('tree-sitter highlighting is active', vim.treesitter.highlighter.active[buf] ~= nil)
check('heading capture at line 21', vim.tbl_contains(captures_at(20, 0), 'markup.heading'), vim.inspect(captures_at(20, 0)))
check('label capture at line 27', vim.tbl_contains(captures_at(26, 0), 'markup.list'), vim.inspect(captures_at(26, 0)))

-- :checkhealth draftls: the server, its version, the parser, the draft's as-of.
do
  local expected = vim.trim(vim.system({ os.getenv('DRAFTLS_BIN'), '--version' }, { text = true }):wait().stdout or '')
  vim.cmd('checkhealth draftls')
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  local function has(text)
    return report:find(text, 1, true) ~= nil
  end
  check('checkhealth: the server is found', has('OK server: ' .. os.getenv('DRAFTLS_BIN')), report)
  check('checkhealth: its --version', expected:match('^draftls %d') ~= nil and has('--version`: ' .. expected), expected)
  check('checkhealth: the parser is installed', has('OK parser `resolution` installed'))
  check('checkhealth: the draft is checked as of PP-14, from the heading', has('seed.txt: checked as of PP-14 (2014-10-20), from the heading'))
  check('checkhealth: no errors', not has('ERROR'))
  vim.cmd('tabclose')
end

print(string.format('%d passed, %d failed', passed, failed))
if failed > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
