-- A bucket of `limit` tokens a minute, refilled continuously: a hash {s = tokens scaled by 60,000,
-- t = the time (ms) s was true at}. Scaled, a millisecond refills exactly `limit`: every value is an
-- integer, and Lua's doubles hold integers exactly up to 2^53 (a limit of 2e9 a minute is 1.2e14).
local SCALE = 60000

-- The bucket's tokens at `now` (a bucket Redis does not have is full), and the time they are true at:
-- never earlier than the bucket's own time, so a replica whose clock lags takes nothing back.
local function level(key, limit, now)
  local cap = limit * SCALE
  local state = redis.call('HMGET', key, 's', 't')
  if not state[1] then
    return cap, now
  end
  local s, t = tonumber(state[1]), tonumber(state[2])
  if now <= t then
    return s, t
  end
  -- compared before multiplying, so a bucket idle for days never leaves the exact range
  if now - t >= math.ceil((cap - s) / limit) then
    return cap, now
  end
  return s + (now - t) * limit, now
end

-- Milliseconds until the bucket holds `want` (scaled) tokens again.
local function wait(s, want, limit)
  return math.ceil((want - s) / limit)
end

-- Writes the bucket, to expire once it has refilled (from its own time) plus `keep` ms.
local function store(key, limit, s, t, now, keep)
  redis.call('HSET', key, 's', string.format('%.0f', s), 't', string.format('%.0f', t))
  local full = math.max(wait(s, limit * SCALE, limit), 0) + math.max(t - now, 0)
  redis.call('PEXPIRE', key, string.format('%.0f', full + keep))
end
