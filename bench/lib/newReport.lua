-- wrk script: every request carries a NEW report (fresh UUID and install id,
-- one of 50 services, observedAt = now), so nothing is deduplicated or
-- suppressed and every request is a real durable insert.
math.randomseed(os.time())
local hex = "0123456789abcdef"
local function rhex(n)
  local t = {}
  for i = 1, n do
    local r = math.random(1, 16)
    t[i] = hex:sub(r, r)
  end
  return table.concat(t)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local id = rhex(8) .. "-" .. rhex(4) .. "-4" .. rhex(3) .. "-a" .. rhex(3) .. "-" .. rhex(12)
  local body = string.format(
    '{"reports":[{"id":"%s","service":"bench-svc-%d.com","problem":"feed","source":"auto","signals":["banner","http_5xx"],"observedAt":%d,"client":"bench%s","country":"US"}]}',
    id, math.random(1, 50), os.time() * 1000, rhex(16))
  return wrk.format(nil, "/v1/reports", nil, body)
end
