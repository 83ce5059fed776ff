-- One rate-limit decision, atomically: GCRA (the generic cell rate algorithm), i.e. a token bucket that holds
-- `limit` tokens and refills one every period/limit, kept as a single number per client, the "theoretical arrival
-- time" (TAT): the instant at which the bucket would be full again. A request is allowed when taking one more token
-- does not push the TAT more than one period into the future.
--
-- KEYS[1]  the client's bucket
-- ARGV[1]  limit: requests per period
-- ARGV[2]  period in microseconds
-- Returns {allowed (1|0), remaining tokens, microseconds until the next request would be allowed (0 if allowed)}.
--
-- Time comes from the Redis server, so gateway replicas with skewed clocks share one view of every bucket.
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local interval = period / limit

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local tat = tonumber(redis.call('GET', KEYS[1]))
if not tat or tat < now then
  tat = now
end
local next_tat = tat + interval
local allowed_at = next_tat - period
if now < allowed_at then
  return {0, 0, math.ceil(allowed_at - now)}
end
-- '%.0f': Lua would print a large number in exponent notation and lose precision.
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000))
return {1, math.floor((now + period - next_tat) / interval), 0}
