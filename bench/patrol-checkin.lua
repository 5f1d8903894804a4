-- wrk script for bench/patrol.ts: single check-ins, each connection's requests rotating over the
-- login sessions and points listed in the file named by SHEQU_WRK_DATA (one "s|cookie|csrf" or
-- "p|id|lat|lng|token" per line). Every request has a client id of its own.
local sessions, points = {}, {}
local counter, tid = 0, 0

local threads = {}
function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("SHEQU_WRK_DATA")) do
    local f = {}
    for x in string.gmatch(line, "[^|]+") do table.insert(f, x) end
    if f[1] == "s" then table.insert(sessions, { cookie = f[2], csrf = f[3] }) end
    if f[1] == "p" then table.insert(points, { id = f[2], lat = f[3], lng = f[4], token = f[5] }) end
  end
end

function request()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local p = points[(counter % #points) + 1]
  local body = string.format(
    '{"clientId":"wrk-%d-%09d","pointId":"%s","method":"qr","token":"%s","deviceTime":"%s","lat":%s,"lng":%s,"accuracyM":8}',
    tid, counter, p.id, p.token, os.date("!%Y-%m-%dT%H:%M:%SZ"), p.lat, p.lng)
  return wrk.format("POST", "/api/patrol/checkins",
    { ["Content-Type"] = "application/json", ["Cookie"] = s.cookie, ["X-CSRF-Token"] = s.csrf }, body)
end

local bad = 0
function response(status, headers, body)
  if status ~= 201 and status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("WRK requests=%d seconds=%.3f p50=%.2f p99=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
