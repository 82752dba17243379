-- Holds one request's maximum cost on every counter, or on none.
-- KEYS: per counter, its hash (spent, reserved, and h:<request id> = amount per live hold) and the
--       sorted set of its holds by expiry.
-- ARGV: now (ms), request id, amount, hold expiry (ms), then per counter: limit, key lifetime from now (ms).
-- Returns {1} held; {0, i, spent, reserved} refused by counter i; {-1, i} counter i not yet started.
local now = tonumber(ARGV[1])
local id = ARGV[2]
local amount = tonumber(ARGV[3])
local n = #KEYS / 2

for i = 1, n do
    local counter, holds = KEYS[2 * i - 1], KEYS[2 * i]
    if redis.call('EXISTS', counter) == 0 then
        return {-1, i}
    end
    -- Holds of crashed requests lapse: free those that expired.
    for _, gone in ipairs(redis.call('ZRANGEBYSCORE', holds, '-inf', now)) do
        unhold(counter, holds, gone)
    end
    local spent = tonumber(redis.call('HGET', counter, 'spent') or '0')
    local reserved = tonumber(redis.call('HGET', counter, 'reserved') or '0')
    if spent + reserved + amount > tonumber(ARGV[3 + 2 * i]) then
        return {0, i, spent, reserved}
    end
end

for i = 1, n do
    local counter, holds = KEYS[2 * i - 1], KEYS[2 * i]
    redis.call('HINCRBY', counter, 'reserved', ARGV[3])
    redis.call('HSET', counter, 'h:' .. id, ARGV[3])
    redis.call('ZADD', holds, ARGV[4], id)
    redis.call('PEXPIRE', counter, ARGV[4 + 2 * i])
    redis.call('PEXPIRE', holds, ARGV[4 + 2 * i])
end
return {1}
