-- Charges a finished request's cost to every counter and frees its hold (if it has not expired).
-- KEYS: as for reserve.lua. ARGV: request id, cost (micro-dollars).
-- Returns per counter its spent and reserved once charged (reserved as stored: holds that lapsed but
-- were not swept yet included), what the budget alerts read, so they need no trip of their own.
-- A counter that is gone (Redis lost it) is left alone and answers -1, -1: it starts again from the ledger.
local id = ARGV[1]
local after = {}
for i = 1, #KEYS / 2 do
    local counter, holds = KEYS[2 * i - 1], KEYS[2 * i]
    if redis.call('EXISTS', counter) == 1 then
        unhold(counter, holds, id)
        after[2 * i - 1] = redis.call('HINCRBY', counter, 'spent', ARGV[2])
        after[2 * i] = tonumber(redis.call('HGET', counter, 'reserved') or '0')
    else
        redis.call('ZREM', holds, id)
        after[2 * i - 1] = -1
        after[2 * i] = -1
    end
end
return after
