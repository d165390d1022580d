-- wrk script: every request carries a NEW report (fresh UUID and install id,
-- one of 50 services, observedAt = now) from a NEW network (X-Forwarded-For
-- 10.x.y.z, believed through TRUST_PROXY=127.0.0.1), so nothing is
-- deduplicated, suppressed or rate limited, and every request is a durable
-- insert. The random parts are formatted numbers, not per-character loops:
-- wrk shares the cores with the server.
math.randomseed(os.time())
local random, format = math.random, string.format
local headers = { ["Content-Type"] = "application/json" }
request = function()
  local id = format("%06x%02x-%04x-4%03x-a%03x-%06x%06x", random(0, 0xffffff), random(0, 0xff),
    random(0, 0xffff), random(0, 0xfff), random(0, 0xfff), random(0, 0xffffff), random(0, 0xffffff))
  local body = format(
    '{"reports":[{"id":"%s","service":"bench-svc-%d.com","problem":"feed","source":"auto","signals":["banner","http_5xx"],"observedAt":%d,"client":"bench%06x%06x%04x","country":"US"}]}',
    id, random(1, 50), os.time() * 1000, random(0, 0xffffff), random(0, 0xffffff), random(0, 0xffff))
  headers["X-Forwarded-For"] = format("10.%d.%d.%d", random(0, 255), random(0, 255), random(0, 255))
  return wrk.format("POST", "/v1/reports", headers, body)
end
