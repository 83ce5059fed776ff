-- Shared by the catalog benchmark's wrk scripts (loaded with dofile from the repository root, where run.sh runs wrk):
-- counts the answers that are not 200 in every thread and prints "non200=<n>" when done.
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non200")
  end
  io.write(string.format("non200=%d\n", total))
end

non200 = 0
