-- Recognises resolution drafts by their content (kept in step with
-- editors/vscode/src/detect.js; the rules are in editors/README.md).
local M = {}

--- How many lines from the top are looked at.
M.LINES = 40

--- The line without leading blanks, `#` and `**`/`__` wrappers, nor trailing blanks.
local function strip(line)
  local s = line:gsub('^%s*', ''):gsub('^#+%s*', ''):gsub('^[%*_]+%s*', '')
  return (s:gsub('%s+$', ''))
end

-- A word ends here: end of line or a character that is no letter, digit, `-` or `'`.
local function ends_word(s, i)
  local c = s:sub(i, i)
  return c == '' or not c:match("[%w'%-]")
end

-- FORMAT.md §6: `MOD ARB/14/26`, `ARB/79A2/13`, `ARB/79A2(Rev.1)/13`, `B/75/4 Brazil - option 1`.
local function is_proposal_tag(s)
  for _, action in ipairs({ 'ADD', 'MOD', 'SUP', 'NOC' }) do
    local rest = s:match('^%[?' .. action .. '%]?%s+(.*)$')
    if rest then
      s = rest
      break
    end
  end
  local source, document, tail = s:match('^(%u+)/(%d+)(.*)$')
  if not source or #source > 6 or #document > 4 then
    return false
  end
  local addendum = tail:match('^A(%d+)')
  if addendum then
    if #addendum > 3 then
      return false
    end
    tail = tail:sub(#addendum + 2)
  end
  local revision = tail:match('^%([Rr]ev%.?%s*%d%d?%d?%)')
  if revision then
    tail = tail:sub(#revision + 1)
  end
  local number, after = tail:match('^/(%d+)(.*)$')
  return number ~= nil and #number <= 4 and (after == '' or after:match('^[%s:]') ~= nil)
end

local MARKERS = {
  '^RESOLUTION%s+%S+%s*%(', -- RESOLUTION 130 (REV. BUSAN, 2014)
  '^DRAFT%s+NEW%s+RESOLUTION%f[^%w]',
  '^DRAFT%s+REVISION%s+OF%s+RESOLUTION%f[^%w]',
  '^PLENIPOTENTIARY%s+CONFERENCE%f[^%w]',
  '^WORLD%s+TELECOMMUNICATION%s+DEVELOPMENT%s+CONFERENCE%f[^%w]',
  '^WORLD%s+TELECOMMUNICATION%s+STANDARDIZATION%s+ASSEMBLY%f[^%w]',
  '^WORLD%s+TELECOMMUNICATION%s+POLICY%s+FORUM%f[^%w]',
  '^COMMITTEE%s+%d+%f[^%w]',
  '^Addendum%s+%d+%s+to%s+Document%f[^%w]',
}

--- True when the line marks a draft by itself (a heading, conference line, proposal tag …).
function M.is_marker(line)
  local s = strip(line)
  for _, pattern in ipairs(MARKERS) do
    if s:match(pattern) then
      return true
    end
  end
  return is_proposal_tag(s)
end

-- Section headings (FORMAT.md §3, the common ones), matched ignoring case.
local HEADINGS = {
  'recalling',
  'considering',
  'recognizing',
  'recognising',
  'noting',
  'bearing%s+in%s+mind',
  'resolves',
  'decides',
  'instructs',
}

local function is_heading(line)
  local s = strip(line)
  if #s > 100 or s:match('[,;.]$') then
    return false
  end
  s = s:lower()
  local modifier
  repeat
    modifier = false
    for _, word in ipairs({ 'further', 'also', 'deeply', 'fully', 'firmly' }) do
      local rest = s:match('^' .. word .. '%s+(.*)$')
      if rest then
        s, modifier = rest, true
      end
    end
  until not modifier
  for _, phrase in ipairs(HEADINGS) do
    local _, last = s:find('^' .. phrase)
    if last and ends_word(s, last + 1) then
      return true
    end
  end
  return false
end

--- True when the lines (the top of a file) look like a resolution draft.
---@param lines string[]
function M.looks_like_draft(lines)
  local heading, lettered = false, false
  for i = 1, math.min(#lines, M.LINES) do
    local line = lines[i]
    if M.is_marker(line) then
      return true
    end
    heading = heading or is_heading(line)
    lettered = lettered or line:match('^%[?%l%)%s+%S') ~= nil
  end
  return heading and lettered
end

--- For vim.filetype.add: `resolution` when the buffer's first lines look like a draft.
function M.filetype(_, bufnr)
  if not bufnr or not vim.api.nvim_buf_is_loaded(bufnr) then
    return nil
  end
  if vim.g.draftls_detect_by_content == false then
    return nil
  end
  if M.looks_like_draft(vim.api.nvim_buf_get_lines(bufnr, 0, M.LINES, false)) then
    return 'resolution'
  end
  return nil
end

return M
