-- Charges a finished request's cost to every counter and frees its hold (if it has not expired).
-- KEYS: as for reserve.lua. ARGV: request id, cost (micro-dollars).
-- A counter that is gone (Redis lost it) is left alone: it starts again from the ledger.
local id = ARGV[1]
for i = 1, #KEYS / 2 do
    local counter, holds = KEYS[2 * i - 1], KEYS[2 * i]
    if redis.call('EXISTS', counter) == 1 then
        unhold(counter, holds, id)
        redis.call('HINCRBY', counter, 'spent', ARGV[2])
    else
        redis.call('ZREM', holds, id)
    end
end
return {1}
