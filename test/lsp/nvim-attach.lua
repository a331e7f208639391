-- Neovim (0.7.2 and later) attaches podlint's language server to a buffer and writes the diagnostics it
-- received as JSON. vim.lsp.start arrived in 0.8: start_client + buf_attach_client work in both.
local out = os.getenv('PODLINT_NVIM_OUT')
local cmd = vim.fn.json_decode(os.getenv('PODLINT_NVIM_CMD'))
local file = os.getenv('PODLINT_NVIM_FILE')
local client_id = vim.lsp.start_client({ name = 'podlint', cmd = cmd, root_dir = vim.fn.fnamemodify(file, ':h') })
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local result = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(result, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, code = code, message = d.message, source = d.source })
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
