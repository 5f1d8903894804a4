-- wrk script for bench/patrol.ts: single check-ins, each connection's requests rotating over the
-- login sessions and points listed in the file named by SHEQU_WRK_DATA (one "s|cookie|csrf" or
-- "p|id|lat|lng|token" per line). Every request has a client id of its own.
local sessions, points = {}, {}
local counter = 0
-- The thread's number (set by setup) and the run's name (the script's argument; a warm-up run
-- comes first): with them every client id is new, so no request is a resend of an earlier one.
tid = 0
local run = "run"

local threads = {}
local nthreads = 0
function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end

-- With a second argument (milliseconds), each connection waits about that long (uniformly 0.5–1.5
-- times it) after an answer before its next check-in, like a phone whose officer walks on; the
-- spread keeps the connections from moving in step.
local pause = 0

function init(args)
  run = args[1] or tostring(os.time())
  pause = tonumber(args[2] or "0")
  math.randomseed(tid * 7919 + os.time())
  for line in io.lines(os.getenv("SHEQU_WRK_DATA")) do
    local f = {}
    for x in string.gmatch(line, "[^|]+") do table.insert(f, x) end
    if f[1] == "s" then table.insert(sessions, { cookie = f[2], csrf = f[3] }) end
    if f[1] == "p" then table.insert(points, { id = f[2], lat = f[3], lng = f[4], token = f[5] }) end
  end
end

function delay()
  if pause <= 0 then return 0 end
  return math.floor(pause * (0.5 + math.random()))
end

function request()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local p = points[(counter % #points) + 1]
  local body = string.format(
    '{"clientId":"wrk-%s-%d-%09d","pointId":"%s","method":"qr","token":"%s","deviceTime":"%s","lat":%s,"lng":%s,"accuracyM":8}',
    run, tid, counter, p.id, p.token, os.date("!%Y-%m-%dT%H:%M:%SZ"), p.lat, p.lng)
  return wrk.format("POST", "/api/patrol/checkins",
    { ["Content-Type"] = "application/json", ["Cookie"] = s.cookie, ["X-CSRF-Token"] = s.csrf }, body)
end

-- Answers other than 201 (stored): a resend answered 200, or an error.
bad = 0
function response(status, headers, body)
  if status ~= 201 then
    bad = bad + 1
    if bad == 1 and os.getenv("DBG") then io.write("first non-201: ", status, " ", body, "\n") end
  end
end

function done(summary, latency, requests)
  local notStored = 0
  for _, t in ipairs(threads) do notStored = notStored + (t:get("bad") or 0) end
  io.write(string.format("WRK requests=%d seconds=%.3f p50=%.2f p99=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    math.max(notStored, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout)))
end
