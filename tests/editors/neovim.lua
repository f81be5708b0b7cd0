-- End-to-end test of `tidings lsp` with Neovim as the client (run by scripts/test-editors.sh).
--
-- Opens a Markdown copy of the seed, starts the server the way the README tells Neovim users
-- to (vim.lsp.start; Debian's Neovim 0.7 predates it, so there the same config goes through
-- vim.lsp.start_client), waits for diagnostics, checks that their UTF-16 positions land on the
-- right bytes, applies the quick fix for `HegeSth` and checks that the buffer says `Hegseth`.
--
-- Environment: TIDINGS_BIN (the binary), TIDINGS_FILE (the Markdown file to open).

local function fail(message)
  io.stderr:write("neovim e2e: FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local bin = os.getenv("TIDINGS_BIN")
local file = os.getenv("TIDINGS_FILE")
if not bin or not file then
  fail("TIDINGS_BIN and TIDINGS_FILE must be set")
end

-- The seed has no final newline; keep it that way so the file can be compared byte for byte.
vim.opt.fixendofline = false
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = "tidings",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end
if not client_id then
  fail("the language server did not start")
end

local function diagnostics()
  return vim.diagnostic.get(buf)
end

local function text_of(d)
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ""
  return line:sub(d.col + 1, d.end_col)
end

local function find(wanted)
  for _, d in ipairs(diagnostics()) do
    if text_of(d) == wanted then
      return d
    end
  end
end

if not vim.wait(20000, function() return #diagnostics() > 0 end, 50) then
  fail("no diagnostics arrived")
end
local count = #diagnostics()
print("diagnostics: " .. count)

-- Positions: Neovim turns the server's UTF-16 columns into bytes. `Kiiv` comes after curly
-- quotes on its line, so a server counting bytes or characters would miss it.
local kiiv = find("Kiiv")
if not kiiv then
  fail("no diagnostic covers `Kiiv` exactly")
end
-- Newer Neovims copy the code onto the diagnostic; 0.7 keeps it in user_data.lsp.
local code = kiiv.code or (kiiv.user_data and kiiv.user_data.lsp and kiiv.user_data.lsp.code)
if code ~= "names/variant" then
  fail("`Kiiv` has code " .. tostring(code) .. ", expected names/variant")
end
local target = find("HegeSth")
if not target then
  fail("no diagnostic covers `HegeSth`")
end

local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = {
    start = { line = target.lnum, character = target.col },
    ["end"] = { line = target.lnum, character = target.col },
  },
  context = { diagnostics = {} },
}
-- The first line is ASCII up to the name, so byte and UTF-16 columns agree there.
local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
local action
for _, response in pairs(responses or {}) do
  for _, candidate in ipairs(response.result or {}) do
    if candidate.kind == "quickfix" and candidate.title:find("Hegseth", 1, true) then
      action = candidate
    end
  end
end
if not action then
  fail("no quick fix offered for `HegeSth`")
end
print("applying: " .. action.title)
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")

local first = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
if not first:find("Pete Hegseth,", 1, true) or first:find("HegeSth", 1, true) then
  fail("the buffer does not say `Pete Hegseth,`: " .. first)
end
-- The edit reaches the server, which drops that finding.
if not vim.wait(10000, function() return #diagnostics() == count - 1 end, 50) then
  fail("diagnostics did not update after the fix: " .. #diagnostics() .. " (was " .. count .. ")")
end
-- Write the buffer; the shell script checks the file on disk.
vim.cmd("write")
print("neovim e2e: ok")
vim.cmd("qall!")
