-- Headless Neovim (0.7+) as a second LSP client for the Harden language server.
-- Opens every file named in HARDEN_FILES (newline-separated), attaches one client started with
-- `node <HARDEN_SERVER> --stdio` to each buffer, waits (deadline HARDEN_TIMEOUT_MS) until every
-- buffer has push diagnostics, then asks for code lenses (and runs one when HARDEN_RUN_LENS names
-- a file), writes JSON to HARDEN_OUT and quits.
-- -u skips the defaults that turn detection on before the init file runs.
vim.cmd('filetype on')

local files = vim.split(os.getenv('HARDEN_FILES') or '', '\n', { trimempty = true })
local out = os.getenv('HARDEN_OUT')
local timeout = tonumber(os.getenv('HARDEN_TIMEOUT_MS') or '20000')

local log = {}
local client_id = vim.lsp.start_client({
  name = 'harden',
  cmd = { 'node', os.getenv('HARDEN_SERVER'), '--stdio' },
  root_dir = os.getenv('HARDEN_ROOT'),
  on_exit = function(code, signal) table.insert(log, 'server exited: ' .. tostring(code) .. ' ' .. tostring(signal)) end,
})

local buffers = {}
for _, file in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  table.insert(buffers, { file = file, bufnr = bufnr, filetype = vim.bo[bufnr].filetype })
end

local function all_have_diagnostics()
  for _, b in ipairs(buffers) do
    if #vim.diagnostic.get(b.bufnr) == 0 then return false end
  end
  return true
end

local done = vim.wait(timeout, all_have_diagnostics, 50)

-- Code lenses (the kernel exposure line above each container): ask per buffer, wait for each.
local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, params) table.insert(messages, params.message) end
local lenses_done = true
for _, b in ipairs(buffers) do
  vim.api.nvim_set_current_buf(b.bufnr)
  vim.lsp.codelens.refresh()
  local got = vim.wait(timeout, function() return #vim.lsp.codelens.get(b.bufnr) > 0 end, 50)
  lenses_done = lenses_done and got
end

-- Run the first lens of the buffer named in HARDEN_RUN_LENS: the server answers with the card as a message.
local run_file = os.getenv('HARDEN_RUN_LENS')
for _, b in ipairs(buffers) do
  local lenses = vim.lsp.codelens.get(b.bufnr)
  if b.file == run_file and #lenses > 0 then
    vim.api.nvim_set_current_buf(b.bufnr)
    vim.api.nvim_win_set_cursor(0, { lenses[1].range.start.line + 1, 0 })
    vim.lsp.codelens.run()
    vim.wait(timeout, function() return #messages > 0 end, 50)
  end
end

local result = { done = done, lenses_done = lenses_done, messages = messages, log = log, files = {} }
for _, b in ipairs(buffers) do
  local diags = {}
  for _, d in ipairs(vim.diagnostic.get(b.bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(diags, {
      line = d.lnum,
      col = d.col,
      code = d.code or lsp.code,
      source = d.source or lsp.source,
      severity = d.severity,
      message = d.message,
    })
  end
  local lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(b.bufnr)) do
    table.insert(lenses, { line = l.range.start.line, title = l.command and l.command.title or '' })
  end
  table.insert(result.files, { file = b.file, filetype = b.filetype, diagnostics = diags, lenses = lenses })
end

vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qall!')
